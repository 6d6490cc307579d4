"""The data files of the site: every notice as JSON, with its schema."""

from __future__ import annotations

import json

from ..model import Notice
from ..schema import SCHEMA_ID, SCHEMA_VERSION, notices_schema


def notices_json(notices: list[Notice]) -> bytes:
    # Compact: it is data for programs, and without indentation json uses its C encoder.
    data = {"$schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION, "notices": [n.to_dict() for n in notices]}
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def schema_json() -> bytes:
    return (json.dumps(notices_schema(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
