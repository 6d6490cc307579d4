"""A content-hash cache of parsed notices, so that a rebuild re-parses only what changed;
and of the same notices tagged, so that it re-tags only what changed.

The key covers everything the parse depends on: the source's bytes, its
sidecar's bytes, its file name and page id, and the code of the modules that
read and parse (so changing the parser invalidates every entry). Entries not
used by a build are removed at its end, so the cache holds one build's worth.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .read.decode import MAX_PACKAGE_BYTES
from .read.sources import inside_folder
from .model import Notice

_PACKAGE = Path(__file__).resolve().parent
# The code a parsed notice depends on: the read and parse stages, the model, the addresses.
_PARSE_CODE = ("read/*.py", "parse/*.py", "model.py", "addresses.py")


# And what tagging adds: the tagger, the targets extractor, the vocabulary and the sidecar's corrections.
_TAG_CODE = ("enrich/themes.py", "enrich/targets.py", "enrich/vocabulary.py", "read/sidecar.py")


def _code_digest(patterns: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for pattern in patterns for p in _PACKAGE.glob(pattern)):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


PARSER_VERSION = _code_digest(_PARSE_CODE)
TAGGER_VERSION = _code_digest(_PARSE_CODE + _TAG_CODE)
MATCHER_VERSION = _code_digest(("enrich/matching.py", "enrich/similarity.py"))


class ParseCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()
        self.hits = self.misses = 0

    @staticmethod
    def key(name: str, notice_id: str, data: bytes, sidecar: bytes | None) -> str:
        digest = hashlib.sha256(PARSER_VERSION.encode())
        for part in (name.encode("utf-8"), notice_id.encode("utf-8"), data, sidecar or b"\0none"):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()

    @staticmethod
    def tagged_key(parse_key: str, vocabulary: bytes) -> str:
        """The key of the same notice tagged with a vocabulary (its themes.yml's bytes)."""
        digest = hashlib.sha256(TAGGER_VERSION.encode())
        for part in (parse_key.encode("ascii"), vocabulary):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, count_miss: bool = True) -> Notice | None:
        """The cached notice, or None. ``hits`` counts notices reused, ``misses`` notices to parse
        (a tagged notice not found is not yet one: its parse may be cached)."""
        self.used.add(key)
        path = self._path(key)
        try:
            notice = Notice.from_dict(read_stored_json(path))
        except Exception:  # a missing, damaged or tampered entry is only parsed again
            self.misses += count_miss
            return None
        self.hits += 1
        return notice

    def put(self, key: str, notice: Notice) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(notice.to_dict(), ensure_ascii=False), encoding="utf-8")

    def prune(self) -> None:
        """Remove the entries this build did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*.json"):
            if path.stem not in self.used:
                path.unlink()


class PairingCache:
    """The matcher's pairings of the last build (``matching.Pairing`` as JSON, by a digest of the
    two plans' task texts), in one file beside the parsed notices: a rebuild compares again only
    the plans whose tasks changed. Entries a build did not use are dropped when it saves."""

    FILE = "pairings.json"

    def __init__(self, folder: Path):
        self.path = folder / self.FILE
        saved = read_stored_json(self.path)
        entries = saved.get("entries") if isinstance(saved, dict) and saved.get("matcher") == MATCHER_VERSION else None
        self.previous: dict = entries if isinstance(entries, dict) else {}
        self.entries: dict = {}

    def get(self, key: str) -> list | None:
        if key in self.previous:
            self.entries[key] = self.previous[key]
        return self.entries.get(key)

    def put(self, key: str, value: list) -> None:
        self.entries[key] = value

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"matcher": MATCHER_VERSION, "entries": dict(sorted(self.entries.items()))}
        self.path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


# --- the last whole build ---------------------------------------------------------------

def _code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.glob("**/*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


CODE_VERSION = _code_version()
LAST_BUILD = "last-build.json"


def sources_fingerprint(sources: Path, extra: bytes = b"") -> str:
    """Everything a build's Markdown depends on: the code, and every file of ``sources/``
    (names and bytes), plus ``extra`` (the default vocabulary when sources have none)."""
    digest = hashlib.sha256(CODE_VERSION.encode())
    digest.update(extra)
    for path in sorted(p for p in sources.iterdir() if p.is_file()):
        name = path.name.encode("utf-8", "surrogateescape")
        digest.update(len(name).to_bytes(8, "little") + name)
        _digest_file(digest, path, sources)
    return digest.hexdigest()


def _digest_file(digest, path: Path, sources: Path) -> None:
    """A file's bytes into the digest, read in pieces; a file no reader takes whole (over its size
    limit, or a link out of sources/) counts by its size alone."""
    size = path.stat().st_size
    if not inside_folder(path, sources) or size > MAX_PACKAGE_BYTES:
        digest.update(b"unread" + size.to_bytes(8, "little"))
        return
    digest.update(size.to_bytes(8, "little"))
    with open(path, "rb") as file:
        while piece := file.read(1 << 20):
            digest.update(piece)


def read_stored_json(path: Path):
    """A file the build stored, or None: it is on disk, so it may be missing, damaged or nested
    past what json can decode (RecursionError); any of these only means work done again."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


class RawJson(str):
    """Text that is already JSON (the notices a build encoded once for its data file)."""


class BuildRecord:
    """The outcome of the last build (its report and files), kept beside the parse cache, so that a
    build whose sources and code have not changed repeats no parsing, tagging or linking."""

    def __init__(self, folder: Path):
        self.path = folder / LAST_BUILD

    def load(self, fingerprint: str, manifest: Path) -> dict | None:
        record = read_stored_json(self.path)
        try:
            current = hashlib.sha256(manifest.read_bytes()).hexdigest()
        except OSError:
            return None
        if not isinstance(record, dict) or record.get("fingerprint") != fingerprint or record.get("manifest") != current:
            return None
        return record

    def save(self, fingerprint: str, manifest: Path, data: dict) -> None:
        """``data``'s values as JSON; a ``RawJson`` value is written as it is (already encoded)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        record = {"fingerprint": fingerprint, "manifest": hashlib.sha256(manifest.read_bytes()).hexdigest(), **data}
        members = (f"{json.dumps(key)}:{value if isinstance(value, RawJson) else json.dumps(value, ensure_ascii=False)}"
                   for key, value in record.items())
        self.path.write_text("{" + ",".join(members) + "}", encoding="utf-8")
