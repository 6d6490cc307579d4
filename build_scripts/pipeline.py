"""Read → parse → enrich: every source in ``sources/`` becomes a Notice.

One bad file never stops the others: a file that cannot be read is skipped
with its reason in the report, and ``--strict`` turns that (and every
warning) into a failing exit code.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .model import Diagnostic, Notice
from .parser import parse_text
from .cache import ParseCache
from .readers import SourceError, decode_source, is_source
from .sidecar import apply_sidecar, apply_theme_corrections, parse_sidecar, sidecar_path
from .slugs import slugify
from .themes import Vocabulary, VocabularyError, load_vocabulary, tag_notice

VOCABULARY_FILE = "themes.yml"
NON_NOTICE_FILES = {VOCABULARY_FILE}
DEFAULT_VOCABULARY = Path(__file__).resolve().parent.parent / "sources" / VOCABULARY_FILE


@dataclass
class Report:
    notices: list[Notice] = field(default_factory=list)
    vocabulary: Vocabulary | None = None
    originals: dict[str, bytes] = field(default_factory=dict)  # notice id → its file's bytes
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # not tied to one notice

    @property
    def all_diagnostics(self) -> list[Diagnostic]:
        return self.diagnostics + [w for n in self.notices for w in n.warnings]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.all_diagnostics if d.level == "warning"]

    def failed(self, strict: bool) -> bool:
        return strict and bool(self.warnings or self.skipped)

    def summary(self) -> str:
        lines = [f"Built {len(self.notices)} notice(s) from sources/."]
        for diagnostic in self.all_diagnostics:
            lines.append(f"  {diagnostic}")
        dropped = Counter(d.reason for n in self.notices for d in n.dropped)
        if dropped:
            lines.append("  Dropped as page furniture or debris: " + "; ".join(
                f"{reason} ×{count}" for reason, count in sorted(dropped.items())))
        for name, reason in self.skipped:
            lines.append(f"  SKIPPED {name}: {reason}")
        kinds = Counter(d.kind for d in self.warnings)
        lines.append(f"{len(self.warnings)} warning(s)"
                     + (f" ({', '.join(f'{k} ×{c}' for k, c in sorted(kinds.items()))})" if kinds else "")
                     + f", {len(self.skipped)} file(s) skipped.")
        return "\n".join(lines)


def source_files(sources: Path) -> list[Path]:
    """The notice files in ``sources/``, in a stable order."""
    return sorted(p for p in sources.iterdir()
                  if p.is_file() and is_source(p) and p.name not in NON_NOTICE_FILES
                  and not p.name.startswith("."))


def vocabulary_for(sources: Path) -> Vocabulary:
    """The sources folder's own themes.yml, else the project's. Raises VocabularyError."""
    own = sources / VOCABULARY_FILE
    return load_vocabulary(own if own.exists() else DEFAULT_VOCABULARY)


@dataclass
class SourceFile:
    """A source as read from disk: its bytes and its sidecar's, before any parsing."""

    path: Path
    notice_id: str
    data: bytes
    sidecar: bytes | None


def read_file(path: Path, notice_id: str | None = None) -> SourceFile:
    side = sidecar_path(path)
    return SourceFile(path, notice_id or slugify(path.stem), path.read_bytes(),
                      side.read_bytes() if side.exists() else None)


def parse_file(source: SourceFile, use_sidecar: bool = True) -> Notice:
    """Decode, parse and apply the sidecar's metadata. Raises SourceError."""
    text = decode_source(source.path, source.data)
    if not text.text.strip():
        raise SourceError(f"{source.path.name}: the file is empty (no text after decoding); "
                          "add the notice's text or remove the file.")
    notice = parse_text(text.text, source.path.name, source.notice_id)
    if text.encoding != "utf-8":
        notice.warnings.append(Diagnostic(
            "encoding", f"decoded as {text.encoding}", source.path.name, level="info"))
    if use_sidecar:
        data, problems = parse_sidecar(sidecar_path(source.path).name, source.sidecar)
        notice.warnings.extend(problems)
        apply_sidecar(notice, data, sidecar_path(source.path).name)
    return notice


def tag_file(notice: Notice, source: SourceFile, vocabulary: Vocabulary, use_sidecar: bool = True) -> None:
    """Give every item its themes, then apply the sidecar's theme corrections."""
    tag_notice(notice, vocabulary)
    if use_sidecar and source.sidecar is not None:
        data, _ = parse_sidecar(sidecar_path(source.path).name, source.sidecar)
        apply_theme_corrections(notice, data, sidecar_path(source.path).name,
                                {t.slug for t in vocabulary.themes})


def load_notice(path: Path, notice_id: str | None = None, use_sidecar: bool = True,
                vocabulary: Vocabulary | None = None) -> Notice:
    """Read, parse, tag and apply the sidecar of one source. Raises SourceError."""
    source = read_file(path, notice_id)
    notice = parse_file(source, use_sidecar)
    tag_file(notice, source, vocabulary or vocabulary_for(path.parent), use_sidecar)
    return notice


def no_timer(stage: str):
    return nullcontext()


def load_corpus(sources: Path, cache: ParseCache | None = None, timer=no_timer) -> Report:
    """Read → parse → tag every source; ``timer(stage)`` wraps each stage (for the benchmark)."""
    report = Report()
    report.vocabulary = vocabulary_for(sources)
    with timer("read"):
        files = _read_all(sources, report)
    with timer("parse"):
        parsed = [(source, notice) for source in files
                  if (notice := _parse_cached(source, cache, report)) is not None]
        if cache is not None:
            cache.prune()
    with timer("tag"):
        for source, notice in parsed:
            tag_file(notice, source, report.vocabulary)
            report.notices.append(notice)
            report.originals[notice.id] = source.data
    _report_other_files(sources, report)
    return report


def _read_all(sources: Path, report: Report) -> list[SourceFile]:
    taken: set[str] = set()
    files = []
    for path in source_files(sources):
        try:
            files.append(read_file(path, _unique_id(slugify(path.stem), path.name, taken)))
        except OSError as error:
            report.skipped.append((path.name, f"cannot read: {error.strerror}"))
    return files


def _parse_cached(source: SourceFile, cache: ParseCache | None, report: Report) -> Notice | None:
    key = cache.key(source.path.name, source.notice_id, source.data, source.sidecar) if cache else ""
    notice = cache.get(key) if cache else None
    if notice is not None:
        return notice
    try:
        notice = parse_file(source)
    except SourceError as error:
        report.skipped.append((source.path.name, str(error)))
        return None
    if cache:
        cache.put(key, notice)
    return notice


def _report_other_files(sources: Path, report: Report) -> None:
    for path in sorted(p for p in sources.iterdir() if p.is_file()):
        if path.name.startswith("."):
            if is_source(path):
                report.skipped.append((path.name, "hidden file (name starts with '.'); rename it to build it"))
        elif not is_source(path) and path.suffix not in (".yml", ".yaml", ".md"):
            report.skipped.append((path.name, f"not a notice: no reader for '{path.suffix}' files "
                                   "(use .txt or .html)"))


def _unique_id(slug: str, file_name: str, taken: set[str]) -> str:
    """The slug, or on a collision the slug and a hash of the file's own name: stable
    whatever other files are added (a counter would depend on them)."""
    candidate = slug
    if candidate in taken:
        candidate = f"{slug}-{hashlib.sha1(file_name.encode('utf-8')).hexdigest()[:6]}"
    taken.add(candidate)
    return candidate
