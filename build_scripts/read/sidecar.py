"""Sidecar files: ``sources/<name>.yml`` sets or corrects a notice's metadata and themes.

A sidecar is parsed once, into a typed :class:`Sidecar`: its metadata values
already checked and converted (a year is an int, ``issued`` a date, every text
on one line), its theme corrections by item, and the problems found, each
naming the file and the line. Where the text and the sidecar disagree, the
sidecar wins and the build says so; a value that answers a warning (a missing
title, a year conflict, an item without a theme) settles it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml


from ..addresses import WEB_ADDRESS
from ..model import Diagnostic, DiagnosticKind, Level, Notice
from . import bounded_yaml
from .bounded_yaml import BoundedLoader
from .decode import without_controls

TEXT_KEYS = ("title", "notice_title", "issuer", "region", "doc_number", "recipients", "term")
BOOL_KEYS = ("draft", "excerpt")
METADATA_KEYS = ("title", "notice_title", "issuer", "region", "year", "term", "doc_number", "issued", "recipients",
                 "url", "draft", "excerpt")
THEMES_KEY = "themes"
DISTINCT_KEY = "distinct_from"  # a near duplicate the user says is a plan of its own (the other file's name)
KNOWN_KEYS = METADATA_KEYS + (THEMES_KEY, DISTINCT_KEY)
SETTLES = {"year": DiagnosticKind.YEAR_CONFLICT, "title": DiagnosticKind.TITLE, "excerpt": DiagnosticKind.EXCERPT}
MAX_VALUE = 1000  # characters of one value (a title, an issuer, the recipients)
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x85]")


class _Loader(BoundedLoader):
    """PyYAML's safe loader without implicit dates: ``issued: 2023-13-01`` would raise a bare
    ValueError in the loader; as text it reaches ``_check``, which names the key and line."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in BoundedLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class ThemeCorrection:
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class Sidecar:
    name: str
    metadata: dict[str, Any] = field(default_factory=dict)  # key → checked value (None: unset it)
    themes: dict[str, ThemeCorrection] = field(default_factory=dict)  # item key ("12", "2-1") → correction
    diagnostics: tuple[Diagnostic, ...] = ()

    def warn(self, message: str, line: int | None = None) -> Diagnostic:
        return Diagnostic(DiagnosticKind.SIDECAR, message, self.name, line)


def unreadable_sidecar(name: str, reason: str) -> Sidecar:
    """A sidecar that could not be read (too large, unreadable): its warning, and nothing else."""
    return Sidecar(name, diagnostics=(Diagnostic(DiagnosticKind.SIDECAR, f"not read: {reason}", name),))


def parse_sidecar(name: str, raw: bytes) -> Sidecar:
    """A sidecar's settings from its bytes, with every problem found (never raises)."""
    problems: list[Diagnostic] = []

    def warn(message: str, line: int | None = None) -> None:
        problems.append(Diagnostic(DiagnosticKind.SIDECAR, message, name, line))

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        warn(f"not UTF-8 (bad byte at offset {error.start}); save it as UTF-8")
        return Sidecar(name, diagnostics=tuple(problems))
    try:
        data = bounded_yaml.load(text, _Loader)
        lines, theme_lines = _key_lines(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        warn(f"not valid YAML ({getattr(error, 'problem', None) or error}); fix the file or remove it",
             mark.line + 1 if mark else None)
        return Sidecar(name, diagnostics=tuple(problems))
    except ValueError as error:  # a value PyYAML cannot make, such as an integer of 5,000 digits
        warn(f"a value cannot be read ({str(error)[:120]}); fix the file or remove it")
        return Sidecar(name, diagnostics=tuple(problems))
    if data is None:
        return Sidecar(name)
    if not isinstance(data, dict):
        warn("must be a mapping of keys such as 'year: 2022'", 1)
        return Sidecar(name, diagnostics=tuple(problems))
    metadata: dict[str, Any] = {}
    for key, value in data.items():
        line = lines.get(str(key))
        if key not in KNOWN_KEYS:
            warn(f"unknown key '{key}' ignored; known keys: {', '.join(KNOWN_KEYS)}", line)
        elif key != THEMES_KEY:
            checked, problem = _check(key, value)
            if problem:
                warn(f"'{key}': {problem}", line)
            else:
                metadata[key] = checked
    themes = _theme_corrections(data.get(THEMES_KEY), lines.get(THEMES_KEY), theme_lines, warn)
    return Sidecar(name, metadata, themes, tuple(problems))


def _key_lines(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """The 1-based line of each top-level key, and of each item under ``themes:``
    (PyYAML's loader keeps no positions; its composer does)."""
    node = bounded_yaml.compose(text, _Loader)
    if not isinstance(node, yaml.MappingNode):
        return {}, {}
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    themes = next((value for key, value in node.value if key.value == THEMES_KEY), None)
    items = {str(key.value): key.start_mark.line + 1 for key, _ in themes.value} \
        if isinstance(themes, yaml.MappingNode) else {}
    return lines, items


def _check(key: str, value: Any) -> tuple[Any, str | None]:
    if value is None:
        return None, None
    if key == "year":
        if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
            return value, None
        return None, f"expected a year such as 2022, got {_shown(value)}"
    if key == "issued":
        if isinstance(value, dt.date):
            return value, None
        try:
            return dt.date.fromisoformat(str(value)), None
        except ValueError:
            return None, f"expected a date YYYY-MM-DD, got {_shown(value)}"
    if key in BOOL_KEYS:
        return (value, None) if isinstance(value, bool) else (None, f"expected true or false, got {_shown(value)}")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None, f"expected text, got {type(value).__name__}"
    if key == "url" and not WEB_ADDRESS.match(str(value).strip()):
        return None, f"expected the page's address, starting with http:// or https://, got {_shown(value)}"
    text = str(value).strip()
    if _LINE_BREAK.search(text):
        return None, "must be on one line (it contains a line break); write it on one line"
    if len(text) > MAX_VALUE:
        return None, f"{len(text)} characters; at most {MAX_VALUE} are kept for one value"
    return without_controls(text)[0], None





def _theme_corrections(value: Any, line: int | None, item_lines: dict[str, int], warn) -> dict[str, ThemeCorrection]:
    """``themes: {13: {add: [shuangjian], remove: [curriculum]}}`` for item 13."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        warn("'themes' must map item numbers to {add: [...], remove: [...]}", line)
        return {}
    corrections = {}
    for key, change in value.items():
        where = item_lines.get(str(key), line)
        if not isinstance(change, dict) or set(change) - {"add", "remove"}:
            warn(f"'themes' → {key}: expected {{add: [...], remove: [...]}}", where)
            continue
        corrections[str(key)] = ThemeCorrection(_slugs(change.get("add")), _slugs(change.get("remove")), where)
    return corrections


def _slugs(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)


# --- applying a sidecar -------------------------------------------------------------

def apply_metadata(notice: Notice, sidecar: Sidecar) -> None:
    """Set the sidecar's metadata on the notice, saying what changed, and settle the
    warnings it answers."""
    notice.diagnostics.extend(sidecar.diagnostics)
    for key, value in sidecar.metadata.items():
        if key == DISTINCT_KEY:
            continue  # read by the duplicate check
        current = getattr(notice, key)
        if current == value:
            message = f"'{key}' confirms the text: {_shown(value)}"
        else:
            origin = notice.metadata_sources.get(key, "not stated")
            said = f"the text gave {_shown(current)} ({origin})" if current is not None \
                else "the text does not state it"
            message = f"'{key}' set to {_shown(value)}; {said}"
            setattr(notice, key, value)
        notice.diagnostics.append(Diagnostic(DiagnosticKind.SIDECAR, message, sidecar.name, level=Level.INFO))
        notice.metadata_sources[key] = "sidecar"
        if key in SETTLES:
            _settle(notice, SETTLES[key], sidecar.name)


def _shown(value: Any) -> str:
    """A value as a message quotes it, cut short (a number of 4,000 digits has no repr)."""
    if isinstance(value, int) and abs(value) >= 10 ** 40:
        return f"a number of {len(str(value))} digits"
    text = repr(value.isoformat() if isinstance(value, dt.date) else value)
    return text if len(text) <= 200 else text[:200] + "…"


def _settle(notice: Notice, kind: DiagnosticKind, by: str, line: int | None = None) -> None:
    """Warnings of ``kind`` (on ``line``, if given) the sidecar has answered become information."""
    notice.diagnostics = [
        d.settled(by) if d.kind is kind and d.level is Level.WARNING and (line is None or d.line == line) else d
        for d in notice.diagnostics
    ]


def apply_theme_corrections(notice: Notice, sidecar: Sidecar, known_slugs: set[str]) -> None:
    """Apply ``themes:`` corrections. Items are named by number, or "2-1" (section 2,
    item 1) where numbering restarts per section. The primary theme stays first
    unless it is removed."""
    items = _items_by_key(notice)
    for key, change in sidecar.themes.items():
        item = items.get(key)
        if item is None:
            notice.diagnostics.append(sidecar.warn(
                f"'themes': no item {key} in {notice.source} "
                f"(items are {', '.join(sorted(items, key=_natural))})", change.line))
            continue
        for slug in change.remove + change.add:
            if slug not in known_slugs:
                notice.diagnostics.append(sidecar.warn(
                    f"'themes' → {key}: unknown theme '{slug}' (see sources/themes.yml)", change.line))
        item.themes = [s for s in item.themes if s not in change.remove]
        item.themes += [s for s in change.add if s in known_slugs and s not in item.themes]
        notice.diagnostics.append(Diagnostic(
            DiagnosticKind.SIDECAR, f"item {key} themes set to {item.themes} by the sidecar", sidecar.name,
            level=Level.INFO))
        if item.themes:
            _settle(notice, DiagnosticKind.THEME, sidecar.name, item.line)
        else:
            notice.diagnostics.append(sidecar.warn(
                f"item {key} has no theme left after the sidecar's 'remove'", change.line))


def _items_by_key(notice: Notice) -> dict:
    keys = {}
    for section in notice.sections:
        for item in section.items:
            keys[f"{section.number}-{item.number}"] = item
            keys.setdefault(str(item.number), item)
    return keys


def _natural(key: str) -> tuple[int, ...]:
    return tuple(int(part) for part in key.split("-") if part.isdigit())
