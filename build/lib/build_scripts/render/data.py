"""The data files of the site: every notice as JSON, with its schema."""

from __future__ import annotations

import json
from typing import Callable, Iterator

from ..model import Notice
from ..schema import SCHEMA_ID, SCHEMA_VERSION, notices_schema


def notice_json(notice: Notice) -> str:
    """One notice as compact JSON (data for programs; without indentation json uses its C encoder)."""
    return json.dumps(notice.to_dict(), ensure_ascii=False, separators=(",", ":"))


def notices_json_chunks(notices: list[Notice], encoded: Callable[[Notice], str] = notice_json) -> Iterator[bytes]:
    """Every notice, each as ``encoded`` gives it (a build passes the JSON it already made), one
    notice at a time (the whole file is never held as one text)."""
    head = json.dumps({"$schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION}, ensure_ascii=False,
                      separators=(",", ":"))[:-1]
    yield f'{head},"notices":['.encode("utf-8")
    for number, notice in enumerate(notices):
        yield ("," if number else "").encode("utf-8") + encoded(notice).encode("utf-8")
    yield b"]}\n"


def notices_json(notices: list[Notice], encoded: Callable[[Notice], str] = notice_json) -> bytes:
    return b"".join(notices_json_chunks(notices, encoded))


def schema_json() -> bytes:
    return (json.dumps(notices_schema(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
