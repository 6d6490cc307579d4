"""Write generated files into an output folder, as they are made, touching nothing else.

Every generated file is listed in the folder's manifest (``.generated``: one
line per file, its SHA-256 and its path). A build writes a file only when its
bytes change (so ``mkdocs serve`` and ``--dirty`` see only real changes),
keeps nothing but the names and hashes in memory, and at the end removes the
files of the previous build that are no longer generated.

The manifest is not trusted: a line naming an absolute path, a ``..``, or a
path through a symbolic link is refused with a warning, never followed. A
stale file is removed only if it still has the bytes the build wrote; one
edited by hand since is kept, with a warning. A generated page never
overwrites a file the manifest does not list (a page written by hand).

A file too large to hold at once (the collection's CSV, workbook, JSON) is handed
over as ``Chunks``: written through a temporary file while it is hashed, and
kept only if its bytes changed.

A page that is costly to make can be handed over ``Deferred``: with a digest of
everything it is made from. When the last build wrote the same path from the same
inputs (and the same code) and the file still holds what it wrote, the page is
kept without being made again; the digests live in ``.generated-inputs``.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from ..cache import CODE_VERSION
from ..model import Diagnostic, DiagnosticKind, Level
from .markup import Md

MANIFEST = ".generated"
INPUTS = ".generated-inputs"  # path → digest of the inputs of each Deferred file of the last build


class OutputError(Exception):
    pass


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0  # of which ``kept`` were deferred files not made again
    removed: int = 0
    kept: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Deferred:
    """A file made only when its inputs changed: ``inputs`` is a digest of everything
    ``make`` reads (the code's version is added by the writer)."""

    inputs: str
    make: Callable[[], Md | bytes]


@dataclass(frozen=True)
class Chunks:
    """A file's bytes, piece by piece (never all in memory)."""

    pieces: Iterable[bytes]


def safe_relative(relative: str) -> PurePosixPath | None:
    """``relative`` as a path inside the output folder, or None if it could leave it."""
    path = PurePosixPath(relative)
    if not relative or path.is_absolute() or ".." in path.parts or "\\" in relative or path.as_posix() == ".":
        return None
    return path


class DocsWriter:
    def __init__(self, root: Path):
        self.root = root.resolve()
        self.written: dict[str, str] = {}  # path → SHA-256 of what this build wrote
        self.stats = WriteStats()
        self.previous = self._read_manifest()
        self.previous_inputs = self._read_inputs()
        self.inputs: dict[str, str] = {}

    def write(self, relative: str, content: Md | bytes | Chunks | Deferred) -> None:
        """Write one file now. Pages (``.md``) must be ``Md``: escaped by construction."""
        if isinstance(content, Deferred):
            self._write_deferred(relative, content)
            return
        path = safe_relative(relative)
        if path is None:
            raise OutputError(f"refusing to write outside the output folder: {relative!r}")
        key = path.as_posix()
        if key in self.written:
            raise OutputError(f"two generated files want the same path: {key}")
        if key.endswith(".md") and not isinstance(content, Md):
            raise OutputError(f"{key}: a page must be built as Md (escaped), not {type(content).__name__}")
        target = self._target(path)
        if target is None:
            raise OutputError(f"refusing to write through a symbolic link: {key}")
        if isinstance(content, Chunks):
            self._write_chunks(key, target, content)
            return
        data = content.encode("utf-8") if isinstance(content, str) else content
        if self._already_there(key, target, hashlib.sha256(data).hexdigest()):
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.stats.written += 1

    def _already_there(self, key: str, target: Path, digest: str) -> bool:
        """Records the file as written with ``digest``; True (nothing to write) when the last build
        wrote these bytes there and the file still holds them. Raises OutputError when a file the
        build did not write is in the way with other bytes."""
        self.written[key] = digest
        if target.exists() and key not in self.previous and not target.is_symlink():
            if _file_digest(target) != digest:
                raise OutputError(f"{key}: a file not written by the build is in the way "
                                  "(a page written by hand?); rename it or remove it")
        if target.is_file() and self.previous.get(key) == digest and _file_digest(target) == digest:
            self.stats.unchanged += 1
            return True
        return False

    def _write_chunks(self, key: str, target: Path, content: Chunks) -> None:
        """Like ``write`` for bytes, through a temporary file beside the target."""
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        hashed = hashlib.sha256()
        try:
            with partial.open("wb") as out:
                for piece in content.pieces:
                    hashed.update(piece)
                    out.write(piece)
            if self._already_there(key, target, hashed.hexdigest()):
                return
            os.replace(partial, target)
            self.stats.written += 1
        finally:
            partial.unlink(missing_ok=True)

    def _write_deferred(self, relative: str, content: Deferred) -> None:
        inputs = hashlib.sha256(f"{CODE_VERSION}\0{content.inputs}".encode()).hexdigest()
        path = safe_relative(relative)
        key = path.as_posix() if path is not None else relative
        if self.previous_inputs.get(key) == inputs and key not in self.written and self._intact(key):
            self.written[key] = self.previous[key]
            self.inputs[key] = inputs
            self.stats.unchanged += 1
            self.stats.kept += 1
            return
        self.write(relative, content.make())
        self.inputs[key] = inputs

    def _intact(self, key: str) -> bool:
        """The file is still what the last build wrote there."""
        target = self._target(PurePosixPath(key))
        return (key in self.previous and target is not None and target.is_file()
                and _file_digest(target) == self.previous[key])

    def finish(self) -> WriteStats:
        """Remove stale generated files and write the manifest (and the inputs of deferred files)."""
        for key in sorted(set(self.previous) - set(self.written)):
            self._remove_stale(key, self.previous[key])
        self._save(MANIFEST, "".join(f"{digest}  {key}\n" for key, digest in sorted(self.written.items())))
        self._save(INPUTS, json.dumps(dict(sorted(self.inputs.items())), indent=0) + "\n")
        return self.stats

    def _save(self, name: str, text: str) -> None:
        path = self.root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            self.root.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def _target(self, path: PurePosixPath) -> Path | None:
        """The file for ``path``, or None when a folder on the way (or the file) is a symlink."""
        target = self.root.joinpath(*path.parts)
        current = self.root
        for part in path.parts:
            current = current / part
            if current.is_symlink():
                return None
        return target

    def _remove_stale(self, key: str, digest: str) -> None:
        stale = self._target(PurePosixPath(key))
        if stale is None or not stale.is_file():
            return
        if _file_digest(stale) != digest:
            self.stats.diagnostics.append(Diagnostic(
                DiagnosticKind.SOURCE, "a generated file that is no longer generated was edited by hand, "
                "so it was kept; remove it, or keep it as a page of your own", f"{self.root.name}/{key}"))
            return
        stale.unlink()
        self.stats.removed += 1
        _remove_empty_parents(stale.parent, self.root)

    def _read_manifest(self) -> dict[str, str]:
        path = self.root / MANIFEST
        if not path.is_file() or path.is_symlink():
            return {}
        entries: dict[str, str] = {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            digest, _, relative = line.partition("  ")
            safe = safe_relative(relative) if len(digest) == 64 else None
            if safe is None or self._target(safe) is None:
                self.stats.diagnostics.append(Diagnostic(
                    DiagnosticKind.SOURCE, f"manifest line ignored, it names no file inside the folder: "
                    f"{line[:80]!r}", f"{self.root.name}/{MANIFEST}", number, Level.WARNING))
                continue
            entries[safe.as_posix()] = digest
        return entries

    def _read_inputs(self) -> dict[str, str]:
        """The inputs of the last build's deferred files (a damaged file only means they are made again)."""
        path = self.root / INPUTS
        return {} if path.is_symlink() else _read_inputs_file(path)


def _file_digest(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _read_inputs_file(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
