"""Lists that grow with the collection, split over pages of bounded size.

A theme's tasks, a year's notices, the issuers: each list page holds at most
``size`` entries; page 1 keeps the list's address, the others add ``-p2``, ``-p3``
(``addresses.page_part``), and every page says where it is and links to the
others, so no page of a collection of any size grows without bound.
"""

from __future__ import annotations

from typing import Sequence, TypeVar

from .. import addresses as at
from .markup import Md

T = TypeVar("T")
NEARBY = 3  # page links shown either side of the current one


def split(entries: Sequence[T], size: int) -> list[list[T]]:
    """``entries`` in pages of at most ``size`` (one empty page when there are none)."""
    return [list(entries[start:start + size]) for start in range(0, len(entries), size)] or [[]]


def split_from_end(entries: Sequence[T], size: int) -> list[list[T]]:
    """Like ``split``, but the pages are counted from the end: every page is full except the first.
    For a list newest first, a newer entry then changes the first pages only (the others keep
    their entries until the first page overflows), so a rebuild after a new notice leaves them."""
    first = len(entries) % size or size
    return [list(entries[:first])] + [list(entries[start:start + size]) for start in range(first, len(entries), size)]


def pager(first: at.Page, count: int, number: int) -> Md:
    """"第 2 / 5 页：上一页 · 1 2 3 4 5 · 下一页" for page ``number`` of ``count``; empty for one page."""
    if count <= 1:
        return Md("")
    here = at.page_part(first, number)

    def link(target: int, label: str) -> Md:
        return Md("[{}]({})").format(label, at.href(here, at.page_part(first, target)))

    shown = sorted({1, count, *range(max(1, number - NEARBY), min(count, number + NEARBY) + 1)})
    numbers: list[Md] = []
    for position, target in enumerate(shown):
        if position and target - shown[position - 1] > 1:
            numbers.append(Md("…"))
        numbers.append(Md("**{}**").format(target) if target == number else link(target, str(target)))
    parts = [Md("第 {} / {} 页：").format(number, count)]
    if number > 1:
        parts.append(link(number - 1, "上一页") + Md(" · "))
    parts.append(Md(" ").join(numbers))
    if number < count:
        parts.append(Md(" · ") + link(number + 1, "下一页"))
    return Md("").join(parts) + Md("\n{: .pager }")
