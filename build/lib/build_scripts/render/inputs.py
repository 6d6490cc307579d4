"""Digests of what a page is made from, so that the writer keeps a page whose inputs did not
change instead of making it again (see ``writer.Deferred``).

A digest may cover more than a page reads (that only makes the page again), never less:
``tests/test_incremental.py`` edits notices that other pages show (a predecessor, a related
task's notice, a glossary term) and checks that the kept pages equal a clean build's.
"""

from __future__ import annotations

import hashlib
import json

from ..enrich.vocabulary import Vocabulary
from ..model import Notice
from .data import notice_json


def digest(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class NoticeDigests:
    """Each notice's digest (all of its parsed and enriched data) and its data as JSON text,
    made once per build."""

    def __init__(self) -> None:
        self._json: dict[str, str] = {}
        self._digests: dict[str, str] = {}

    def json(self, notice: Notice) -> str:
        if notice.id not in self._json:
            self._json[notice.id] = notice_json(notice)
        return self._json[notice.id]

    def __call__(self, notice: Notice) -> str:
        if notice.id not in self._digests:
            self._digests[notice.id] = hashlib.sha256(self.json(notice).encode("utf-8")).hexdigest()
        return self._digests[notice.id]


def vocabulary_digest(vocabulary: Vocabulary | None) -> str | None:
    return None if vocabulary is None else digest([vocabulary.groups, [repr(t) for t in vocabulary.themes]])
