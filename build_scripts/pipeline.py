"""The build, stage by stage: read → parse → enrich → render (→ the site engine).

- read (``read/``): what each file of ``sources/`` is, its bytes, its sidecar;
- parse (``parse/``): each source's text into a :class:`Notice`, cached by content;
- enrich (``enrich/``): themes for every task, then the links across notices;
- render (``render/``): Markdown pages and data files, written as they are made.

One bad file never stops the others: a file that cannot be read is skipped
with its reason in the report, and ``--strict`` turns that (and every
warning) into a failing exit code. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import json
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import addresses as at
from .enrich.duplicates import remove_duplicates
from .enrich.issuers import load_aliases, unify_issuers
from .enrich.links import SiteGraph, build_graph
from .enrich.targets import item_targets
from .enrich.themes import tag_notice
from .enrich.vocabulary import DEFAULT_VOCABULARY, Vocabulary, load_vocabulary
from .model import Diagnostic, DiagnosticKind, Level, Notice, printable
from .schema import SCHEMA_VERSION, notices_schema
from .cache import BuildRecord, PairingCache, ParseCache, RawJson, sources_fingerprint
from .parse.notice import parse_text
from .read.decode import READERS, SourceError, SourceText, decode_source, read_bounded
from .read import bounded_yaml
from .read.sidecar import (DISTINCT_KEY, Sidecar, apply_metadata, apply_theme_corrections, parse_sidecar,
                           unreadable_sidecar)
from .read.sources import NoticeFile, Skipped, SourceFolder, classify
from .render.data import notice_json
from .render.inputs import NoticeDigests
from .render.search_index import search_files
from .render.site_pages import render_site
from .render.writer import MANIFEST, DocsWriter, WriteStats, safe_relative

MAX_TASKS = 2000  # of one notice: its page, search pieces and theme lists stay a reader's size


@dataclass
class Report:
    notices: list[Notice] = field(default_factory=list)
    vocabulary: Vocabulary | None = None
    originals: dict[str, Path] = field(default_factory=dict)  # notice id → its source file
    skipped: list[Skipped] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # not tied to one notice

    @property
    def all_diagnostics(self) -> list[Diagnostic]:
        return self.diagnostics + [d for n in self.notices for d in n.diagnostics]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.all_diagnostics if d.level is Level.WARNING]

    def failed(self, strict: bool) -> bool:
        return strict and bool(self.warnings or self.skipped)

    def summary(self) -> str:
        lines = [f"Built {len(self.notices)} notice(s) from sources/."]
        lines += [f"  {diagnostic}" for diagnostic in self.all_diagnostics]
        dropped = Counter(d.reason.value for n in self.notices for d in n.dropped)
        if dropped:
            lines.append("  Dropped as page furniture or debris: " + "; ".join(
                f"{reason} ×{count}" for reason, count in sorted(dropped.items())))
        lines += [f"  SKIPPED {s}" for s in self.skipped]
        kinds = Counter(d.kind.value for d in self.warnings)
        lines.append(f"{len(self.warnings)} warning(s)"
                     + (f" ({', '.join(f'{k} ×{c}' for k, c in sorted(kinds.items()))})" if kinds else "")
                     + f", {len(self.skipped)} file(s) skipped.")
        return "\n".join(lines)


def no_timer(stage: str):
    return nullcontext()


@dataclass(frozen=True)
class SourceBytes:
    """A notice's file as read: its bytes, and its sidecar parsed (once)."""

    file: NoticeFile
    data: bytes
    sidecar_bytes: bytes | None
    sidecar: Sidecar | None


# --- read ----------------------------------------------------------------------------

def read_source_file(file: NoticeFile) -> SourceBytes:
    """Raises OSError, SourceError (a file over its size limit)."""
    data = read_bounded(file.path)
    if file.sidecar is None:
        return SourceBytes(file, data, None, None)
    try:
        raw = read_bounded(file.sidecar, bounded_yaml.MAX_BYTES)
    except (OSError, SourceError) as error:  # the notice builds from its own text, the sidecar is named
        return SourceBytes(file, data, None, unreadable_sidecar(file.sidecar.name, str(error)))
    return SourceBytes(file, data, raw, parse_sidecar(file.sidecar.name, raw))


def vocabulary_for(sources: Path) -> Vocabulary:
    """The sources folder's own themes.yml, else the one shipped with the package. Raises VocabularyError."""
    return load_vocabulary(_vocabulary_of(classify(sources)) if sources.is_dir() else DEFAULT_VOCABULARY)


def _vocabulary_of(folder: SourceFolder) -> Path:
    return folder.vocabulary or DEFAULT_VOCABULARY


# --- parse ---------------------------------------------------------------------------

def parse_source(source: SourceBytes, use_sidecar: bool = True) -> Notice:
    """Decode, parse and apply the sidecar's metadata. Raises SourceError."""
    path = source.file.path
    text = decode_source(path, source.data)
    if not text.text.strip():
        raise SourceError(f"{path.name}: the file is empty (no text after decoding); "
                          "add the notice's text or remove the file.")
    notice = parse_text(text.text, path.name, source.file.notice_id, dict(text.metadata))
    if len(notice.items) > MAX_TASKS:
        raise SourceError(f"{path.name}: {len(notice.items)} tasks, more than the {MAX_TASKS} one notice may hold "
                          "(the longest real plans have a few hundred); if the file holds several plans, put each "
                          "in a file of its own.")
    notice.metadata_lines = sorted(notice.metadata_lines + list(text.metadata_lines), key=lambda m: m.line)
    if text.pages:
        _locate_pages(notice, text)
    if text.dropped:  # what the reader itself left out: running headers, page numbers
        notice.dropped = sorted(notice.dropped + list(text.dropped), key=lambda d: (d.line, d.page or 0))
    if text.controls_removed:
        notice.diagnostics.append(Diagnostic(
            DiagnosticKind.ENCODING, f"{text.controls_removed} control character(s) removed from the text",
            path.name, level=Level.INFO))
    if text.encoding not in ("utf-8", None):
        notice.diagnostics.append(Diagnostic(
            DiagnosticKind.ENCODING, f"decoded as {text.encoding}", path.name, level=Level.INFO))
    if use_sidecar and source.sidecar is not None:
        apply_metadata(notice, source.sidecar)
    return notice


def _locate_pages(notice: Notice, text: SourceText) -> None:
    """Give each diagnostic and dropped line of a paged source (PDF) its page."""
    def page(line: int | None) -> int | None:
        return text.pages[line - 1] if line and line <= len(text.pages) else None

    notice.diagnostics = [replace(d, page=page(d.line)) for d in notice.diagnostics]
    notice.dropped = [replace(d, page=page(d.line)) for d in notice.dropped]


@dataclass
class Loaded:
    """A source's notice, parsed (``tagged`` False) or, from the cache, parsed and tagged."""

    source: SourceBytes
    notice: Notice
    tagged: bool
    key: str  # its tagged notice's cache key ("" without a cache)


def _load_cached(source: SourceBytes, cache: ParseCache | None, vocabulary: bytes, report: Report) -> Loaded | None:
    """The notice as tagged by an earlier build if the cache holds it; else parsed (from the
    cache when only the vocabulary changed). None when the source cannot be parsed."""
    if cache is None:
        notice = _parse_or_skip(source, report)
        return Loaded(source, notice, False, "") if notice is not None else None
    key = cache.key(source.file.path.name, source.file.notice_id, source.data, source.sidecar_bytes)
    tagged_key = cache.tagged_key(key, vocabulary)
    notice = cache.get(tagged_key, count_miss=False)
    if notice is not None:
        cache.used.add(key)  # keep the parse too: a changed vocabulary re-tags without re-parsing
        return Loaded(source, notice, True, tagged_key)
    notice = cache.get(key)
    if notice is None:
        notice = _parse_or_skip(source, report)
        if notice is None:
            return None
        cache.put(key, notice)
    return Loaded(source, notice, False, tagged_key)


def _parse_or_skip(source: SourceBytes, report: Report) -> Notice | None:
    """The parsed notice, or None with the file and its reason in the report's skipped files.
    Whatever goes wrong with one file is that file's: the rest of the collection builds."""
    try:
        return parse_source(source)
    except SourceError as error:
        report.skipped.append(Skipped(source.file.path.name, str(error)))
    except Exception as error:  # a reader's or the parser's own failure on this file
        report.skipped.append(unexpected_failure(source.file.path.name, "read", error))
    return None


def unexpected_failure(name: str, stage: str, error: Exception) -> Skipped:
    return Skipped(name, f"could not be {stage} ({type(error).__name__}: {str(error)[:200]}); this is a fault of "
                   "the builder, not of the file alone: please report it with the file. Every other file was built.")


# --- enrich --------------------------------------------------------------------------

def tag_source(notice: Notice, source: SourceBytes, vocabulary: Vocabulary, use_sidecar: bool = True) -> None:
    """Give every item its themes and targets, then apply the sidecar's theme corrections."""
    tag_notice(notice, vocabulary)
    for item in notice.items:
        item.targets = item_targets(item)
    if use_sidecar and source.sidecar is not None:
        apply_theme_corrections(notice, source.sidecar, vocabulary.slugs)


def load_notice(path: Path, use_sidecar: bool = True, vocabulary: Vocabulary | None = None) -> Notice:
    """Read, parse, tag and apply the sidecar of one source (for the CLI). Raises SourceError."""
    folder = classify(path.parent)
    file = next((f for f in folder.notices if f.path.name == path.name), None)
    refused = next((s for s in folder.skipped if s.name == path.name), None)
    if refused is not None:
        raise SourceError(str(refused))
    if file is None and not path.exists():
        raise SourceError(f"{path.name}: no such file")
    if file is None and not path.is_file():
        raise SourceError(f"{path.name}: not a regular file (a folder, a pipe or a device); only files are read")
    if file is None:
        raise SourceError(f"{path.name}: not a notice file (use one of {', '.join(sorted(READERS))})")
    source = read_source_file(file)
    notice = parse_source(source, use_sidecar)
    tag_source(notice, source, vocabulary or vocabulary_for(path.parent), use_sidecar)
    return notice


def load_corpus(sources: Path, cache: ParseCache | None = None, timer=no_timer) -> Report:
    """Read → parse → tag every source; ``timer(stage)`` wraps each stage (for the benchmark)."""
    report = Report()
    folder = classify(sources)
    report.vocabulary = load_vocabulary(_vocabulary_of(folder))
    report.skipped += folder.skipped
    report.diagnostics += folder.diagnostics
    with timer("read"):
        files = []
        for file in folder.notices:
            try:
                files.append(read_source_file(file))
            except OSError as error:
                report.skipped.append(Skipped(file.path.name, f"cannot read: {error.strerror}"))
            except SourceError as error:
                report.skipped.append(Skipped(file.path.name, str(error)))
            except Exception as error:  # the sidecar's own reader failing on this file
                report.skipped.append(unexpected_failure(file.path.name, "read", error))
    vocabulary_bytes = _vocabulary_of(folder).read_bytes()
    with timer("parse"):
        loaded = [found for source in files
                  if (found := _load_cached(source, cache, vocabulary_bytes, report)) is not None]
    with timer("tag"):
        for found in loaded:
            if not found.tagged:
                try:
                    tag_source(found.notice, found.source, report.vocabulary)
                except Exception as error:  # the tagger's own failure on this notice
                    report.skipped.append(unexpected_failure(found.source.file.path.name, "tagged", error))
                    continue
                if cache is not None:
                    cache.put(found.key, found.notice)
            report.notices.append(found.notice)
            report.originals[found.notice.id] = found.source.file.path
        if cache is not None:
            cache.prune()
        unify_issuers(report.notices, load_aliases(folder.issuers))
    distinct = {found.notice.source: {str(found.source.sidecar.metadata[DISTINCT_KEY])} for found in loaded
                if found.source.sidecar is not None and found.source.sidecar.metadata.get(DISTINCT_KEY)}
    report.notices = remove_duplicates(report.notices, distinct)
    report.originals = {n.id: report.originals[n.id] for n in report.notices}
    return report


# --- the whole build -----------------------------------------------------------------

@dataclass
class BuildResult:
    report: Report
    graph: SiteGraph | None  # None when nothing changed since the last build (nothing was linked)
    stats: WriteStats
    files: list[str]  # the generated files, relative to the output folder
    digests: NoticeDigests | None = None  # each notice's JSON, made once by the build


def build_markdown(sources: Path, out: Path, cache: ParseCache | None = None, timer=no_timer) -> BuildResult:
    """sources/ → a tree of plain Markdown pages and data files in ``out``.

    With a cache, a build whose sources and code are those of the last build returns the
    last build's report and files at once: nothing is parsed, tagged, linked or written."""
    if cache is not None:
        # (a folder's own themes.yml is among the files the fingerprint reads)
        fingerprint = sources_fingerprint(sources, DEFAULT_VOCABULARY.read_bytes())
        record = BuildRecord(cache.folder)
        unchanged = _unchanged_build(record, fingerprint, sources, out)
        if unchanged is not None:
            return unchanged
    result = _build_markdown(sources, out, cache, timer)
    if cache is not None:
        record.save(fingerprint, out / MANIFEST, _record_of(result))
    return result


def _record_of(result: BuildResult) -> dict:
    report = result.report
    encoded = result.digests.json if result.digests else notice_json
    return {"notices": RawJson(f"[{','.join(encoded(n) for n in report.notices)}]"), "files": result.files,
            "originals": {k: str(v) for k, v in report.originals.items()},
            "skipped": [[s.name, s.reason] for s in report.skipped],
            "diagnostics": [d.__dict__ | {"kind": d.kind.value, "level": d.level.value}
                            for d in report.diagnostics]}


def _unchanged_build(record: BuildRecord, fingerprint: str, sources: Path, out: Path) -> BuildResult | None:
    saved = record.load(fingerprint, out / MANIFEST)
    if saved is None or not _trusted_record(saved, sources) or not all((out / name).is_file() for name in saved["files"]):
        return None
    vocabulary = vocabulary_for(sources)
    try:
        report = Report(notices=[Notice.from_dict(n) for n in saved["notices"]], vocabulary=vocabulary,
                        originals={k: Path(v) for k, v in saved["originals"].items()},
                        skipped=[Skipped(name, reason) for name, reason in saved["skipped"]],
                        diagnostics=[Diagnostic(**(d | {"kind": DiagnosticKind(d["kind"]), "level": Level(d["level"])}))
                                     for d in saved["diagnostics"]])
    except Exception:  # a damaged or tampered record: the build starts afresh
        return None
    return BuildResult(report, None, WriteStats(unchanged=len(saved["files"])), saved["files"])


def _trusted_record(saved: dict, sources: Path) -> bool:
    """The record is a file on disk: its files must lie inside the output, its originals in sources/."""
    try:
        return all(safe_relative(name) is not None for name in saved["files"]) and \
            all(Path(path).resolve().is_relative_to(sources.resolve()) for path in saved["originals"].values())
    except (KeyError, TypeError, AttributeError):
        return False


def _build_markdown(sources: Path, out: Path, cache: ParseCache | None, timer) -> BuildResult:
    report = load_corpus(sources, cache, timer)
    pairings = PairingCache(cache.folder) if cache is not None else None
    result = _link_and_write(report, out, timer, pairings)
    if pairings is not None:
        pairings.save()
    return result


def _link_and_write(report: Report, out: Path, timer=no_timer, pairings: PairingCache | None = None) -> BuildResult:
    notices = sorted(report.notices, key=lambda n: (-(n.year or 0), n.id))
    report.notices = notices
    writer = DocsWriter(out)
    with timer("index"):  # before linking: the index's (gram, task) pairs are freed before the graph is built
        for path, data in search_files(notices, report.vocabulary):
            writer.write(path, data)
    with timer("link"):
        graph = build_graph(notices, pairings)
    with timer("write"):
        digests = NoticeDigests()
        for path, content in render_site(notices, report.vocabulary, graph, report.originals, digests):
            writer.write(path, content)
        stats = writer.finish()
    report.diagnostics += stats.diagnostics
    return BuildResult(report, graph, stats, sorted(writer.written), digests)


# --- a collection built as parts ------------------------------------------------------

class PartError(Exception):
    """A part cannot be merged; the message names the part and the fix."""


def merge_markdown(parts: list[Path], out: Path, sources: Path, timer=no_timer) -> BuildResult:
    """The site of a collection built as separate parts (regions), as a single build of all their
    sources would write it. Each part is the output folder of an ordinary build of its own
    sources (built with the same themes.yml, which ``sources`` holds or the project's); its
    notices are read from its ``data/notices.json`` (parsed and tagged: nothing is parsed or
    tagged again) and its originals from ``originals/``; the whole collection is then linked
    (series, comparisons, related tasks, glossary) and written. Raises PartError."""
    report = Report(vocabulary=vocabulary_for(sources))
    with timer("read"):
        found: dict[str, Path] = {}
        for part in parts:
            for notice in _part_notices(part, report.vocabulary.slugs):
                if notice.id in found:
                    raise PartError(f"{notice.id} is in both {found[notice.id]} and {part}: a notice belongs to one "
                                    "part (rename one of the two source files, or remove the copy)")
                found[notice.id] = part
                report.notices.append(notice)
                report.originals[notice.id] = part / at.original_file(notice.id, notice.source)
        report.notices = remove_duplicates(report.notices, {})
        report.originals = {n.id: report.originals[n.id] for n in report.notices}
    return _link_and_write(report, out, timer)


def _part_notices(part: Path, themes: set[str]) -> list[Notice]:
    data_file = part / at.DATA_FILE
    fix = f"build the part first: python -m build_scripts build --strict --sources <its sources> --out {part}"
    try:
        data = json.loads(_part_data(part, data_file))
    except (OSError, ValueError, RecursionError) as error:
        raise PartError(f"{data_file}: cannot be read as a part ({error}); {fix}") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        version = data.get("schema_version") if isinstance(data, dict) else None
        raise PartError(f"{data_file}: built by another version (schema {version}, this one "
                        f"{SCHEMA_VERSION}); {fix}")
    _validate_part(data, data_file, fix)
    try:
        notices = [Notice.from_dict(raw) for raw in data["notices"]]
    except (KeyError, TypeError, ValueError) as error:
        raise PartError(f"{data_file}: a notice cannot be read ({type(error).__name__}: {error}); {fix}") from None
    for notice in notices:
        unknown = sorted({slug for item in notice.items for slug in item.themes} - themes)
        if unknown:
            raise PartError(f"{data_file}: {notice.id} has themes {', '.join(unknown)} that this themes.yml lacks; "
                            "build every part with the same themes.yml")
        original = part / at.original_file(notice.id, notice.source)
        if not original.is_file() or not original.resolve().is_relative_to(part.resolve()):
            raise PartError(f"{data_file}: {notice.id}'s original {original} is missing or leads outside the part; {fix}")
        for item in notice.items:
            item.previous = None  # the whole collection is linked again
    return notices


def _part_data(part: Path, data_file: Path) -> str:
    """A part's notices.json, read like a source: a file of the part, not a link out of it."""
    if not data_file.resolve().is_relative_to(part.resolve()):
        raise OSError(f"{data_file.name} is a link leading outside the part")
    return data_file.read_text(encoding="utf-8")


def _validate_part(data: dict, data_file: Path, fix: str) -> None:
    """The part's data against the published schema (notices.schema.json), each problem with its place."""
    from jsonschema import Draft202012Validator

    errors = sorted(Draft202012Validator(notices_schema()).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        shown = "; ".join(f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {printable(error.message[:160])}"
                          for error in errors[:5])
        raise PartError(f"{data_file}: {len(errors)} problem(s) against notices.schema.json: {shown}; {fix}")
