"""Sidecar files: ``sources/<name>.yml`` sets or corrects a notice's metadata.

Where the text and the sidecar disagree, the sidecar wins and the build says
so (an ``info`` diagnostic naming both values). Unknown keys and malformed
values are warnings that name the file and the key.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from .model import Diagnostic, Notice

METADATA_KEYS = ("title", "notice_title", "issuer", "region", "year", "doc_number",
                 "issued", "recipients")
OTHER_KEYS = ("themes",)  # per-item theme corrections, applied by the tagger


def sidecar_path(source: Path) -> Path:
    return source.with_suffix(".yml")


def parse_sidecar(name: str, raw: bytes | None) -> tuple[dict[str, Any], list[Diagnostic]]:
    """A sidecar's settings from its bytes (None: there is no sidecar), and its problems."""
    if raw is None:
        return {}, []
    try:
        data = yaml.safe_load(raw.decode("utf-8-sig"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [Diagnostic("sidecar", f"not valid YAML ({getattr(error, 'problem', error)}); "
                               "fix the file or remove it", name,
                               mark.line + 1 if mark else None)]
    except UnicodeDecodeError as error:
        return {}, [Diagnostic("sidecar", f"not UTF-8 (bad byte at offset {error.start}); "
                               "save it as UTF-8", name)]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Diagnostic("sidecar", "must be a mapping of keys such as 'year: 2022'", name)]
    warnings = [
        Diagnostic("sidecar", f"unknown key '{key}' ignored; known keys: "
                   f"{', '.join(METADATA_KEYS + OTHER_KEYS)}", name)
        for key in data if key not in METADATA_KEYS + OTHER_KEYS
    ]
    return data, warnings


def apply_sidecar(notice: Notice, data: dict[str, Any], sidecar_name: str) -> None:
    for key in METADATA_KEYS:
        if key not in data:
            continue
        value, problem = _coerce(key, data[key])
        if problem:
            notice.warnings.append(Diagnostic("sidecar", f"'{key}': {problem}", sidecar_name))
            continue
        current = getattr(notice, key)
        if current == value:
            notice.warnings.append(Diagnostic(
                "sidecar", f"'{key}' confirms the text: {value!r}", sidecar_name, level="info"))
        else:
            origin = notice.metadata_sources.get(key, "not stated")
            said = f"the text gave {current!r} ({origin})" if current is not None \
                else "the text does not state it"
            notice.warnings.append(Diagnostic(
                "sidecar", f"'{key}' set to {value!r}; {said}", sidecar_name, level="info"))
            setattr(notice, key, value)
        notice.metadata_sources[key] = "sidecar"
        if key == "year":
            _settle(notice, "year_conflict")


def _settle(notice: Notice, kind: str) -> None:
    """A warning the sidecar has answered becomes information."""
    notice.warnings = [
        Diagnostic(w.kind, w.message + " (settled by the sidecar)", w.source, w.line, "info")
        if w.kind == kind and w.level == "warning" else w
        for w in notice.warnings
    ]


def _coerce(key: str, value: Any) -> tuple[Any, str | None]:
    if value is None:
        return None, None
    if key == "year":
        if isinstance(value, int) and 1900 <= value <= 2100:
            return value, None
        return None, f"expected a year such as 2022, got {value!r}"
    if key == "issued":
        if isinstance(value, dt.date):
            return value.isoformat(), None
        try:
            return dt.date.fromisoformat(str(value)).isoformat(), None
        except ValueError:
            return None, f"expected a date YYYY-MM-DD, got {value!r}"
    if isinstance(value, (str, int, float)):
        return str(value).strip(), None
    return None, f"expected text, got {type(value).__name__}"


def apply_theme_corrections(notice: Notice, data: dict[str, Any], sidecar_name: str,
                            known_slugs: set[str]) -> None:
    """``themes: {13: {add: [shuangjian], remove: [curriculum]}}`` for item 13.

    Items are named by number, or "2-1" (section 2, item 1) where numbering
    restarts per section. The primary theme stays first unless it is removed.
    """
    corrections = data.get("themes")
    if corrections is None:
        return
    if not isinstance(corrections, dict):
        notice.warnings.append(Diagnostic(
            "sidecar", "'themes' must map item numbers to {add: [...], remove: [...]}", sidecar_name))
        return
    items = _items_by_key(notice)
    for key, change in corrections.items():
        item = items.get(str(key))
        if item is None:
            notice.warnings.append(Diagnostic(
                "sidecar", f"'themes': no item {key} in {notice.source} "
                f"(items are {', '.join(sorted(items, key=_natural))})", sidecar_name))
            continue
        if not isinstance(change, dict) or set(change) - {"add", "remove"}:
            notice.warnings.append(Diagnostic(
                "sidecar", f"'themes' → {key}: expected {{add: [...], remove: [...]}}", sidecar_name))
            continue
        for action in ("remove", "add"):
            slugs = change.get(action) or []
            slugs = [slugs] if isinstance(slugs, str) else list(slugs)
            for slug in slugs:
                if slug not in known_slugs:
                    notice.warnings.append(Diagnostic(
                        "sidecar", f"'themes' → {key}: unknown theme '{slug}' (see sources/themes.yml)",
                        sidecar_name))
                elif action == "remove" and slug in item.themes:
                    item.themes.remove(slug)
                elif action == "add" and slug not in item.themes:
                    item.themes.append(slug)
        notice.warnings.append(Diagnostic(
            "sidecar", f"item {key} themes set to {item.themes} by the sidecar", sidecar_name, level="info"))
        if not item.themes:
            notice.warnings.append(Diagnostic(
                "sidecar", f"item {key} has no theme left after the sidecar's 'remove'", sidecar_name))


def _items_by_key(notice: Notice) -> dict:
    keys = {}
    for section in notice.sections:
        for item in section.items:
            keys[f"{section.number}-{item.number}"] = item
            keys.setdefault(str(item.number), item)
    return keys


def _natural(key: str) -> tuple[int, ...]:
    return tuple(int(part) for part in key.split("-") if part.isdigit())
