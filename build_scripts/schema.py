"""The JSON Schema of ``data/notices.json``, derived from the model's own classes.

Derived, not written by hand, so it cannot drift from what ``Notice.to_dict``
writes; tests validate the published file against it. ``SCHEMA_VERSION`` goes
up whenever a change to the model changes the JSON.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import fields, is_dataclass
from enum import Enum

from .addresses import SAFE_NAME, WEB_ADDRESS
from .read.decode import READERS
from .model import Notice

SCHEMA_VERSION = 3
SCHEMA_ID = "notices.schema.json"


def notices_schema() -> dict:
    definitions: dict[str, dict] = {}
    notice_ref = _schema_of(Notice, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "教育工作要点汇编：全部文件",
        "type": "object",
        "required": ["schema_version", "notices"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "schema_version": {"const": SCHEMA_VERSION},
            "notices": {"type": "array", "items": notice_ref},
        },
        "$defs": dict(sorted(definitions.items())),
    }


# Values that become file names, addresses and fragment ids: data of a merged part must hold
# nothing else (a part is read as input, like a source).
def _suffix_pattern(suffixes) -> str:
    """A source's own file name, never a path, ending in a suffix a reader takes (any case): a part
    whose original were .svg or .xhtml would publish script on the site's own origin."""
    either = "|".join("".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in suffix)
                      for suffix in sorted(suffixes))
    return rf"^[^/\\]+({either})$"


FILE_NAME = _suffix_pattern(READERS)
FIELD_PATTERNS = {("Notice", "id"): SAFE_NAME.pattern, ("Section", "anchor"): SAFE_NAME.pattern,
                  ("Subsection", "anchor"): SAFE_NAME.pattern, ("Item", "anchor"): SAFE_NAME.pattern,
                  ("PreviousMatch", "notice_id"): SAFE_NAME.pattern, ("PreviousMatch", "anchors"): SAFE_NAME.pattern,
                  ("Notice", "source"): FILE_NAME, ("Notice", "url"): WEB_ADDRESS.pattern}


def _with_pattern(schema: dict, pattern: str | None) -> dict:
    if pattern is None:
        return schema
    if schema.get("type") == "array":
        return {**schema, "items": _with_pattern(schema["items"], pattern)}
    return {**schema, "pattern": pattern}


def _schema_of(kind, definitions: dict) -> dict:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [_schema_of(arg, definitions) for arg in typing.get_args(kind)]
        return {"anyOf": options}
    if origin in (list, tuple):
        return {"type": "array", "items": _schema_of(typing.get_args(kind)[0], definitions)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema_of(typing.get_args(kind)[1], definitions)}
    if kind is type(None):
        return {"type": "null"}
    if is_dataclass(kind):
        if kind.__name__ not in definitions:
            definitions[kind.__name__] = {}  # placeholder against recursion
            hints = typing.get_type_hints(kind)
            definitions[kind.__name__] = {
                "type": "object",
                "additionalProperties": False,
                "required": [f.name for f in fields(kind)],
                "properties": {f.name: _with_pattern(_schema_of(hints[f.name], definitions),
                                                     FIELD_PATTERNS.get((kind.__name__, f.name)))
                               for f in fields(kind)},
            }
        return {"$ref": f"#/$defs/{kind.__name__}"}
    if isinstance(kind, type) and issubclass(kind, Enum):
        return {"enum": [member.value for member in kind]}
    if kind is dt.date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if kind in simple:
        return {"type": simple[kind]}
    raise TypeError(f"no JSON Schema for {kind!r}")
