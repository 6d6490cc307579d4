"""Cross-links between notices, computed once for the whole corpus (the "enrich" stage).

Issuers and their plans over the years, each plan compared with the same
issuer's previous one, related tasks in other notices, the glossary of quoted
initiative names, and the departments index. Pages only read this graph.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..addresses import Anchor, term_anchor, unique_slug
from ..model import Item, Notice
from .matching import Comparison, PairingMemo, compare
from .similarity import TaskRef, related_tasks

UNKNOWN_ISSUER = "未注明发布机关"  # the one label for a notice that names no issuer or region
QUOTED_TERM_RE = re.compile(r"“([^“”\s，。；：、！？,;:]{2,12})”")
GLOSSARY_MIN_TASKS = 2


def issuer_label(notice: Notice) -> str:
    return notice.issuer or notice.region or UNKNOWN_ISSUER


def task_key(notice: Notice, item: Item) -> str:
    return f"{notice.id}#{item.anchor}"


@dataclass
class Term:
    text: str
    anchor: Anchor
    uses: list[tuple[Notice, Item]] = field(default_factory=list)

    @property
    def first_year(self) -> int | None:
        years = [n.year for n, _ in self.uses if n.year]
        return min(years) if years else None


@dataclass
class SiteGraph:
    notices: list[Notice]
    issuers: dict[str, list[Notice]]  # issuer → its notices, oldest first
    issuer_slugs: dict[str, str]
    previous: dict[str, Notice]  # notice id → the same issuer's previous plan
    following: dict[str, Notice]  # notice id → the same issuer's next plan
    comparisons: dict[str, Comparison]  # notice id → comparison with its previous plan
    successors: dict[str, tuple[Notice, Item]]  # task key → its continuation next year
    related: dict[str, list[tuple[TaskRef, float]]]
    glossary: dict[str, Term]  # term text → Term
    departments: dict[str, dict[str, list[tuple[Notice, Item]]]]  # issuer → department → tasks
    _by_id: dict[str, Notice] = field(default_factory=dict)
    _items: dict[str, Item] = field(default_factory=dict)

    def notice(self, notice_id: str) -> Notice:
        return self._by_id[notice_id]

    def item(self, ref: TaskRef) -> Item:
        return self._items[ref.key]


def build_graph(notices: list[Notice], memo: PairingMemo | None = None) -> SiteGraph:
    """``memo``: the pairings of an earlier build, reused for plans whose tasks did not change."""
    issuers: dict[str, list[Notice]] = defaultdict(list)
    for notice in sorted(notices, key=lambda n: (n.year or 0, n.id)):
        issuers[issuer_label(notice)].append(notice)
    issuer_slugs = _issuer_slugs(list(issuers))
    previous, following, comparisons, successors = {}, {}, {}, {}
    for label, plans in issuers.items():
        if label == UNKNOWN_ISSUER:  # plans that name no issuer are no one's series
            continue
        for earlier, later in zip(plans, plans[1:]):
            previous[later.id], following[earlier.id] = earlier, later
            if earlier.year and later.year and earlier.year < later.year:
                comparison = compare(earlier, later, memo)
                comparisons[later.id] = comparison
                for item in later.items:
                    item.previous = comparison.previous_match(item)
                for current, old, _ in comparison.pairs:
                    successors.setdefault(task_key(earlier, old), (later, current))
    return SiteGraph(
        notices=notices, issuers=dict(issuers), issuer_slugs=issuer_slugs, previous=previous,
        following=following, comparisons=comparisons, successors=successors,
        related=_outside_series(related_tasks(notices), previous, following), glossary=_glossary(notices),
        departments=_departments(issuers), _by_id={n.id: n for n in notices},
        _items={task_key(n, i): i for n in notices for i in n.items})


def _outside_series(related: dict[str, list[tuple[TaskRef, float]]], previous: dict[str, Notice],
                    following: dict[str, Notice]) -> dict[str, list[tuple[TaskRef, float]]]:
    """Related tasks without those of the plans just before and after the task's own: how a task
    stands to those is the matcher's to say (上一年度对应, 下一年度延续), never a similarity list's."""
    out = {}
    for key, refs in related.items():
        notice_id = key.split("#", 1)[0]
        neighbours = {n.id for n in (previous.get(notice_id), following.get(notice_id)) if n is not None}
        out[key] = [(ref, score) for ref, score in refs if ref.notice_id not in neighbours]
    return out


def _issuer_slugs(names: list[str]) -> dict[str, str]:
    taken: set[str] = set()
    return {name: unique_slug(name, taken) for name in sorted(names)}


def quoted_terms(item: Item) -> list[str]:
    return list(dict.fromkeys(QUOTED_TERM_RE.findall("\n".join([item.title, *item.paragraphs]))))


def _glossary(notices: list[Notice]) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    for notice in notices:
        for item in notice.items:
            for text in quoted_terms(item):
                term = terms.setdefault(text, Term(text, term_anchor(text)))
                term.uses.append((notice, item))
    kept = {t.text: t for t in terms.values() if len(t.uses) >= GLOSSARY_MIN_TASKS}
    return dict(sorted(kept.items(), key=lambda kv: (-len(kv[1].uses), kv[0])))


def _departments(issuers: dict[str, list[Notice]]) -> dict[str, dict[str, list[tuple[Notice, Item]]]]:
    index: dict[str, dict[str, list[tuple[Notice, Item]]]] = {}
    for issuer, plans in sorted(issuers.items()):
        by_department: dict[str, list[tuple[Notice, Item]]] = defaultdict(list)
        for notice in plans:
            for item in notice.items:
                for department in item.departments:
                    by_department[department].append((notice, item))
        if by_department:
            index[issuer] = dict(sorted(by_department.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    return index
