"""Write the generated files into ``docs/``, touching nothing else.

Every generated file is listed in ``docs/.generated`` (a manifest MkDocs
ignores, being a dot file). A build writes a file only when its bytes change,
removes the files of the previous build that are no longer generated (a
removed source takes its pages with it), and never touches a hand-written page.
The writer refuses to write outside ``docs/`` or the same path twice.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

MANIFEST = ".generated"


class OutputError(Exception):
    pass


class DocsWriter:
    def __init__(self, docs: Path):
        self.docs = docs.resolve()
        self.files: dict[str, bytes] = {}

    def add(self, relative: str, content: str | bytes) -> None:
        path = PurePosixPath(relative)
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise OutputError(f"refusing to write outside docs/: {relative!r}")
        key = path.as_posix()
        if key in self.files:
            raise OutputError(f"two generated files want the same path: {key}")
        self.files[key] = content.encode("utf-8") if isinstance(content, str) else content

    def commit(self) -> dict[str, int]:
        """Write changed files, delete stale ones; returns counts for the report."""
        previous = self._previous_manifest()
        stats = {"written": 0, "unchanged": 0, "removed": 0}
        for key, data in sorted(self.files.items()):
            target = self.docs / key
            if target.exists() and target.read_bytes() == data:
                stats["unchanged"] += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            stats["written"] += 1
        for key in sorted(previous - set(self.files)):
            stale = self.docs / key
            if stale.is_file():
                stale.unlink()
                stats["removed"] += 1
                _remove_empty_parents(stale.parent, self.docs)
        manifest = "".join(f"{key}\n" for key in sorted(self.files))
        manifest_path = self.docs / MANIFEST
        if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != manifest:
            manifest_path.write_text(manifest, encoding="utf-8")
        return stats

    def _previous_manifest(self) -> set[str]:
        path = self.docs / MANIFEST
        if not path.exists():
            return set()
        return {line for line in path.read_text(encoding="utf-8").splitlines()
                if line and ".." not in PurePosixPath(line).parts}


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
