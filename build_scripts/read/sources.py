"""What every file in ``sources/`` is, decided in one place.

Each file is one of: a notice (with its sidecar, if any), the theme
vocabulary, a sidecar without a notice (a warning naming the nearest notice
name), a file that is not built (skipped with the reason and the fix), or a
file that is no concern of the build (hidden files, notes), reported as
information. The rest of the pipeline only ever sees the result.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ..addresses import slugify, unique_slug
from ..model import Diagnostic, DiagnosticKind, Level, printable
from .decode import READERS, is_source

VOCABULARY_FILE = "themes.yml"
ISSUERS_FILE = "issuers.yml"
SIDECAR_SUFFIXES = (".yml", ".yaml")
NOTES_SUFFIXES = (".md",)


@dataclass(frozen=True)
class NoticeFile:
    path: Path
    notice_id: str
    sidecar: Path | None


@dataclass(frozen=True)
class Skipped:
    """A file that looks like a notice but is not built; fails ``--strict``."""

    name: str
    reason: str

    def __str__(self) -> str:
        # a reader's message names its file already
        reason = self.reason if self.reason.startswith(f"{self.name}: ") else f"{self.name}: {self.reason}"
        return printable(reason)


@dataclass
class SourceFolder:
    notices: list[NoticeFile] = field(default_factory=list)
    vocabulary: Path | None = None
    issuers: Path | None = None
    skipped: list[Skipped] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def classify(folder: Path) -> SourceFolder:
    """Sort the files of ``folder`` (not its subfolders) into what the build does with them."""
    result = SourceFolder()
    entries = sorted(folder.iterdir())
    files = [p for p in entries if p.is_file() and _inside(p, folder, result)]
    result.skipped += [Skipped(p.name, "not a regular file (a pipe, a device or a link that leads nowhere); only "
                                       "files are read: put the notice's file itself here")
                       for p in entries if is_source(p) and not p.is_file() and not p.is_dir()]
    notices = [p for p in files if is_source(p) and not p.name.startswith(".")]
    sidecars = _sidecars(files, result)
    ids = _notice_ids(notices)
    for path in notices:
        result.notices.append(NoticeFile(path, ids[path], sidecars.pop(path.stem, None)))
    for stem, sidecar in sorted(sidecars.items()):
        result.diagnostics.append(Diagnostic(
            DiagnosticKind.SOURCE, f"sidecar without a notice: no notice file named {stem}.* beside it"
            f"{_nearest(stem, notices)}; rename it to match its notice, or remove it", sidecar.name))
    for path in files:
        _classify_other(path, result)
    return result


def inside_folder(path: Path, folder: Path) -> bool:
    """Whether ``path`` is a file of ``folder``, not a symbolic link that leads out of it (which
    would publish whatever it points to: /proc/self/environ, a home folder)."""
    return not path.is_symlink() or path.resolve().is_relative_to(folder.resolve())


# What the build does without a collection file that is refused.
_INSTEAD = {VOCABULARY_FILE: " The theme vocabulary shipped with the builder is used instead.",
            ISSUERS_FILE: " No issuer's other names are used."}


def _inside(path: Path, folder: Path, result: SourceFolder) -> bool:
    if not inside_folder(path, folder):
        result.skipped.append(Skipped(path.name, "a symbolic link to a file outside sources/; only files inside "
                                      "sources/ are read. Copy the file into sources/ instead of linking to it."
                                      + _INSTEAD.get(path.name, "")))
        return False
    if printable(path.name) != path.name:
        result.skipped.append(Skipped(path.name, "the file name holds invisible control or text-direction "
                                      "characters (shown here as \\uXXXX), which would disguise it on the site; "
                                      "rename the file."))
        return False
    return True


def _notice_ids(notices: list[Path]) -> dict[Path, str]:
    """Each notice's id: the slug of its file name. A name that is its own slug keeps it
    whatever other files come; a colliding one gets a hash of its own name, so that
    adding a file never changes another notice's address."""
    taken: set[str] = set()
    own_slug = [p for p in notices if slugify(p.stem) == p.stem]
    return {path: unique_slug(path.stem, taken) for path in own_slug + [p for p in notices if p not in own_slug]}


def _sidecars(files: list[Path], result: SourceFolder) -> dict[str, Path]:
    """Sidecars by the stem of their notice; ``.yml`` wins over ``.yaml``, with a warning."""
    found: dict[str, Path] = {}
    for path in sorted(files, key=lambda p: (p.stem, p.suffix.lower() != ".yml")):
        if path.suffix.lower() not in SIDECAR_SUFFIXES or path.name in (VOCABULARY_FILE, ISSUERS_FILE) \
                or path.name.startswith("."):
            continue
        if path.stem in found:
            result.diagnostics.append(Diagnostic(
                DiagnosticKind.SOURCE, f"two sidecars for one notice: {found[path.stem].name} is used, "
                "this one is ignored; merge them into one file", path.name))
            continue
        found[path.stem] = path
    return found


def _nearest(stem: str, notices: list[Path]) -> str:
    close = difflib.get_close_matches(stem, [p.stem for p in notices], n=1, cutoff=0.5)
    if not close:
        return ""
    match = next(p for p in notices if p.stem == close[0])
    return f" (nearest notice: {match.name})"


def _classify_other(path: Path, result: SourceFolder) -> None:
    suffix = path.suffix.lower()
    if path.name == VOCABULARY_FILE:
        result.vocabulary = path
    elif path.name == ISSUERS_FILE:
        result.issuers = path
    elif path.name.startswith("."):
        if is_source(path):
            result.skipped.append(Skipped(path.name, "hidden file (name starts with '.'); rename it to build it"))
    elif is_source(path) or suffix in SIDECAR_SUFFIXES:
        pass  # notices and sidecars, sorted above
    elif suffix in NOTES_SUFFIXES:
        result.diagnostics.append(Diagnostic(
            DiagnosticKind.SOURCE, "not read: notes in Markdown are not notices", path.name, level=Level.INFO))
    else:
        result.skipped.append(Skipped(
            path.name, f"not a notice: no reader for '{path.suffix or path.name}' files "
            f"(use {', '.join(sorted(READERS))})"))
