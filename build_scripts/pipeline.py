"""Read → parse → enrich: every source in ``sources/`` becomes a Notice.

One bad file never stops the others: a file that cannot be read is skipped
with its reason in the report, and ``--strict`` turns that (and every
warning) into a failing exit code.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .model import Diagnostic, Notice
from .parser import parse_text
from .readers import SourceError, is_source, read_source
from .sidecar import apply_sidecar, apply_theme_corrections, load_sidecar, sidecar_path
from .slugs import slugify
from .themes import Vocabulary, VocabularyError, load_vocabulary, tag_notice

VOCABULARY_FILE = "themes.yml"
NON_NOTICE_FILES = {VOCABULARY_FILE}
DEFAULT_VOCABULARY = Path(__file__).resolve().parent.parent / "sources" / VOCABULARY_FILE


@dataclass
class Report:
    notices: list[Notice] = field(default_factory=list)
    vocabulary: Vocabulary | None = None
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


def load_notice(path: Path, notice_id: str | None = None, use_sidecar: bool = True,
                vocabulary: Vocabulary | None = None) -> Notice:
    """Read, parse, tag and apply the sidecar of one source. Raises SourceError."""
    source = read_source(path)
    if not source.text.strip():
        raise SourceError(f"{path.name}: the file is empty (no text after decoding); "
                          "add the notice's text or remove the file.")
    notice = parse_text(source.text, path.name, notice_id or slugify(path.stem))
    if source.encoding not in ("utf-8",):
        notice.warnings.append(Diagnostic(
            "encoding", f"decoded as {source.encoding}", path.name, level="info"))
    data: dict = {}
    if use_sidecar:
        data, problems = load_sidecar(sidecar_path(path))
        notice.warnings.extend(problems)
        apply_sidecar(notice, data, sidecar_path(path).name)
    vocabulary = vocabulary or vocabulary_for(path.parent)
    tag_notice(notice, vocabulary)
    apply_theme_corrections(notice, data, sidecar_path(path).name, {t.slug for t in vocabulary.themes})
    return notice


def load_corpus(sources: Path) -> Report:
    report = Report()
    report.vocabulary = vocabulary_for(sources)
    taken: set[str] = set()
    for path in source_files(sources):
        notice_id = _unique_id(slugify(path.stem), path.name, taken)
        try:
            notice = load_notice(path, notice_id, vocabulary=report.vocabulary)
        except SourceError as error:
            report.skipped.append((path.name, str(error)))
            continue
        except OSError as error:
            report.skipped.append((path.name, f"cannot read: {error.strerror}"))
            continue
        report.notices.append(notice)
    for path in sorted(p for p in sources.iterdir() if p.is_file()):
        if path.name.startswith("."):
            if is_source(path):
                report.skipped.append((path.name, "hidden file (name starts with '.'); rename it to build it"))
        elif not is_source(path) and path.suffix not in (".yml", ".yaml", ".md"):
            report.skipped.append((path.name, f"not a notice: no reader for '{path.suffix}' files "
                                   "(use .txt or .html)"))
    return report


def _unique_id(slug: str, file_name: str, taken: set[str]) -> str:
    """The slug, or on a collision the slug and a hash of the file's own name: stable
    whatever other files are added (a counter would depend on them)."""
    candidate = slug
    if candidate in taken:
        candidate = f"{slug}-{hashlib.sha1(file_name.encode('utf-8')).hexdigest()[:6]}"
    taken.add(candidate)
    return candidate
