"""Slugs for pages and anchors for headings: short, readable, stable.

A notice's slug comes from its source file name; an item's anchor from its
own number (and its section's, where numbering restarts per section). Neither
depends on any other notice, so adding or re-ordering notices never changes
a deep link.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Notice

_UNSAFE = re.compile(r"[^0-9a-z\u4e00-\u9fff_-]+")


def slugify(name: str) -> str:
    """A file-system and URL safe slug; keeps ASCII letters, digits and CJK."""
    text = unicodedata.normalize("NFKC", name).lower()
    slug = _UNSAFE.sub("-", text).strip("-_")
    return re.sub(r"-{2,}", "-", slug) or "notice"


def assign_anchors(notice: Notice) -> None:
    numbers = [item.number for item in notice.items]
    restarts = len(numbers) != len(set(numbers))
    taken: set[str] = set()
    for position, section in enumerate(notice.sections, start=1):
        section_number = section.number or position
        section.anchor = _unique(f"sec-{section_number}", taken)
        for item in section.items:
            wanted = f"task-{section_number}-{item.number}" if restarts else f"task-{item.number}"
            item.anchor = _unique(wanted, taken)


def _unique(anchor: str, taken: set[str]) -> str:
    """The anchor itself, or with "-2", "-3"… when a source repeats a number."""
    candidate, counter = anchor, 1
    while candidate in taken:
        counter += 1
        candidate = f"{anchor}-{counter}"
    taken.add(candidate)
    return candidate
