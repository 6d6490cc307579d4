"""The one matcher: which task of a plan continues which task of an earlier plan.

Every year-over-year statement of the site comes from here: the comparison at the
foot of a notice, "上一年度对应" under a task, the side-by-side pages, the
"what is new" counts, the targets followed over the years and ``Item.previous``
in the published data. Related-task lists never show the tasks of the plans
before or after (``links.related_outside_series``), so they cannot contradict it.

How two plans are matched:

1. **Similarity**: character-bigram TF-IDF cosine of each pair of tasks (title
   counted twice, then the body), or, when higher, ``TITLE_WEIGHT`` times the
   cosine of their titles alone (a body rewritten around the same subject keeps
   its title). Document frequencies come from *these two plans only*, so a pair's
   score never depends on what else is in the collection (and the browser's "any
   two plans" page computes the very same numbers).
2. **Assignment**: the one-to-one pairing with the largest total similarity
   (``scipy.optimize.linear_sum_assignment``); pairs below ``MATCH_THRESHOLD``
   are no match.
3. **Merges and splits**: a task left without a partner whose text is mostly
   *contained* in a matched task of the other plan (``CONTAINMENT_THRESHOLD``, by
   TF-IDF weight) joins that match: two earlier tasks contained in one later task
   are a merge; one earlier task whose text covers two later tasks is a split.
4. **Moved**: a continued task is moved when its predecessor sat in another
   section than the one most of its current section's tasks came from.

The thresholds were calibrated on plans built from the corpus with recorded
edits (``tests/documents/edits.py``); ``tests/test_matching.py`` reports
precision and recall.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment

from ..model import Item, MatchStatus, Notice, PreviousMatch
from .similarity import task_text, tfidf

MATCH_THRESHOLD = 0.3
TITLE_WEIGHT = 0.8
CONTAINMENT_THRESHOLD = 0.6
CONTAINMENT_MIN_SIMILARITY = 0.2  # a merged or split part still shares some of its words


@dataclass(frozen=True)
class TaskMatch:
    """One line of a comparison: tasks of the later plan and the tasks they continue."""

    current: tuple[Item, ...]
    previous: tuple[Item, ...]
    status: MatchStatus
    confidence: float  # the cosine similarity of the pair that made the match, 0–1
    moved: bool = False

    @property
    def changed(self) -> bool:
        return [i.text for i in self.current] != [i.text for i in self.previous]


@dataclass
class Comparison:
    """A plan against an earlier plan (by default the same issuer's previous one)."""

    previous: Notice
    current: Notice
    matches: list[TaskMatch]  # in the order of the later plan
    new: list[Item]
    dropped: list[Item]  # empty when the later plan is an excerpt: it cannot say what was dropped
    _by_current: dict[int, TaskMatch] = field(default_factory=dict, repr=False)
    _by_previous: dict[int, TaskMatch] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for match in self.matches:
            for item in match.current:
                self._by_current[id(item)] = match
            for item in match.previous:
                self._by_previous[id(item)] = match

    def match_of(self, current: Item) -> TaskMatch | None:
        return self._by_current.get(id(current))

    def match_of_previous(self, previous: Item) -> TaskMatch | None:
        return self._by_previous.get(id(previous))

    def of_status(self, status: MatchStatus) -> list[TaskMatch]:
        return [m for m in self.matches if m.status is status]

    @property
    def pairs(self) -> list[tuple[Item, Item, float]]:
        """Every (later task, earlier task, confidence) the comparison links."""
        return [(c, p, m.confidence) for m in self.matches for c in m.current for p in m.previous]

    def previous_match(self, current: Item) -> PreviousMatch:
        """What the published data says of a task: where it comes from."""
        match = self.match_of(current)
        if match is None:
            return PreviousMatch(self.previous.id, [], MatchStatus.NEW, 0.0)
        return PreviousMatch(self.previous.id, [p.anchor for p in match.previous], match.status,
                             round(match.confidence, 3))


def similarity(previous: list[Item], current: list[Item]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Similarity (current × previous) and the two containment matrices:
    ``inside_current[c, p]``: the share of task p's weight found in task c;
    ``inside_previous[c, p]``: the share of task c's weight found in task p."""
    if not previous or not current:
        empty = np.zeros((len(current), len(previous)), dtype=np.float32)
        return empty, empty, empty
    matrix = tfidf([task_text(i) for i in previous + current])
    old, new = matrix[:len(previous)], matrix[len(previous):]
    titles = tfidf([i.title for i in previous + current])
    title_cosine = (titles[len(previous):] @ titles[:len(previous)].T).toarray()
    cosine = np.maximum((new @ old.T).toarray(), TITLE_WEIGHT * title_cosine)
    present_new = (new > 0).astype(np.float32)
    present_old = (old > 0).astype(np.float32)
    old_weight = np.asarray(old.sum(axis=1)).ravel()
    new_weight = np.asarray(new.sum(axis=1)).ravel()
    inside_current = (present_new @ old.T).toarray() / np.maximum(old_weight[None, :], 1e-12)
    inside_previous = (new @ present_old.T).toarray() / np.maximum(new_weight[:, None], 1e-12)
    return cosine, inside_current, inside_previous


@dataclass(frozen=True)
class Pairing:
    """What the numbers decide, by task position: partners (current → previous), the confidence
    of each, merged earlier tasks and split later parts. It depends on the two plans' task texts
    only, so a build can reuse the last build's (``PairingMemo``)."""

    partner: dict[int, list[int]]
    confidence: dict[int, float]
    merged: dict[int, list[int]]
    splits: dict[int, int]

    def to_json(self) -> list:
        return [sorted(self.partner.items()), sorted(self.confidence.items()), sorted(self.merged.items()),
                sorted(self.splits.items())]

    @classmethod
    def from_json(cls, data: list) -> "Pairing":
        partner, confidence, merged, splits = ({int(k): v for k, v in part} for part in data)
        return cls(partner, confidence, merged, splits)


class PairingMemo(Protocol):
    """Pairings by key (a digest of the two plans' task texts), kept between builds."""

    def get(self, key: str) -> list | None: ...

    def put(self, key: str, value: list) -> None: ...


def compare(previous: Notice, current: Notice, memo: PairingMemo | None = None) -> Comparison:
    old, new = previous.items, current.items
    pairing = _memoised_pairing(old, new, memo) if memo is not None else pair_tasks(old, new)
    matches = _matches(previous, current, pairing)
    matched_old = {id(p) for m in matches for p in m.previous}
    matched_new = {id(c) for m in matches for c in m.current}
    # An excerpt stops before its plan ends: last year's tasks it does not show are not dropped.
    dropped = [] if current.excerpt else [p for p in old if id(p) not in matched_old]
    return Comparison(previous, current, matches, [c for c in new if id(c) not in matched_new], dropped)


def _memoised_pairing(old: list[Item], new: list[Item], memo: PairingMemo) -> Pairing:
    key = pairing_key(old, new)
    cached = memo.get(key)
    if cached is not None:
        return Pairing.from_json(cached)
    pairing = pair_tasks(old, new)
    memo.put(key, pairing.to_json())
    return pairing


def pairing_key(old: list[Item], new: list[Item]) -> str:
    """Everything ``pair_tasks`` reads: each task's title and text, in order (and the matcher's code,
    which the memo's owner adds)."""
    data = json.dumps([[[i.title, task_text(i)] for i in old], [[i.title, task_text(i)] for i in new]],
                      ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def pair_tasks(old: list[Item], new: list[Item]) -> Pairing:
    cosine, inside_current, inside_previous = similarity(old, new)
    partner: dict[int, list[int]] = {}  # current index → previous indices
    confidence: dict[int, float] = {}
    if old and new:
        rows, cols = linear_sum_assignment(cosine, maximize=True)
        for c, p in zip(rows, cols):
            if cosine[c, p] >= MATCH_THRESHOLD:
                partner[int(c)] = [int(p)]
                confidence[int(c)] = float(cosine[c, p])
    return Pairing(partner, confidence, _merges(partner, cosine, inside_current, len(old)),
                   _splits(partner, cosine, inside_previous, len(new)))


def _merges(partner: dict[int, list[int]], cosine: np.ndarray, inside_current: np.ndarray,
            old_count: int) -> dict[int, list[int]]:
    """Unmatched earlier tasks contained in a matched later task: current index → earlier indices."""
    taken = {p for ps in partner.values() for p in ps}
    merged: dict[int, list[int]] = {}
    for p in range(old_count):
        if p in taken:
            continue
        for c in np.argsort(-inside_current[:, p], kind="stable"):
            if inside_current[c, p] < CONTAINMENT_THRESHOLD:
                break
            if int(c) in partner and cosine[c, p] >= CONTAINMENT_MIN_SIMILARITY:
                merged.setdefault(int(c), []).append(p)
                break
    return merged


def _splits(partner: dict[int, list[int]], cosine: np.ndarray, inside_previous: np.ndarray,
            new_count: int) -> dict[int, int]:
    """Unmatched later tasks contained in a matched earlier task: current index → earlier index."""
    owner = {ps[0]: c for c, ps in partner.items()}
    splits: dict[int, int] = {}
    for c in range(new_count):
        if c in partner:
            continue
        for p in np.argsort(-inside_previous[c], kind="stable"):
            if inside_previous[c, p] < CONTAINMENT_THRESHOLD:
                break
            if int(p) in owner and cosine[c, p] >= CONTAINMENT_MIN_SIMILARITY:
                splits[c] = int(p)
                break
    return splits


def _matches(previous: Notice, current: Notice, pairing: Pairing) -> list[TaskMatch]:
    old, new = previous.items, current.items
    partner, confidence, merged, splits = pairing.partner, pairing.confidence, pairing.merged, pairing.splits
    split_parts: dict[int, list[int]] = {}
    for c, p in sorted(splits.items()):
        split_parts.setdefault(p, []).append(c)
    origin = _section_origins(previous, current, partner)
    section_of_old = _section_numbers(previous)
    section_of_new = _section_numbers(current)
    matches: list[TaskMatch] = []
    done: set[int] = set()
    for c in range(len(new)):
        if c in done or (c not in partner and c not in splits):
            continue
        if c in partner:
            p = partner[c][0]
            parts = sorted([c] + split_parts.get(p, []))
            earlier = sorted([p] + merged.get(c, []))
            status = (MatchStatus.SPLIT if len(parts) > 1 else
                      MatchStatus.MERGED if len(earlier) > 1 else MatchStatus.CONTINUED)
            moved = section_of_old[id(old[p])] != origin.get(section_of_new[id(new[c])])
            matches.append(TaskMatch(tuple(new[i] for i in parts), tuple(old[i] for i in earlier), status,
                                     confidence[c], moved))
            done.update(parts)
    return matches


def _section_numbers(notice: Notice) -> dict[int, int]:
    return {id(item): number for number, section in enumerate(notice.sections) for item in section.items}


def _section_origins(previous: Notice, current: Notice, partner: dict[int, list[int]]) -> dict[int, int]:
    """For each section of the later plan, the earlier plan's section most of its continued tasks came from."""
    old_section = _section_numbers(previous)
    new_section = _section_numbers(current)
    votes: dict[int, Counter] = {}
    for c, ps in partner.items():
        votes.setdefault(new_section[id(current.items[c])], Counter())[old_section[id(previous.items[ps[0]])]] += 1
    return {section: counter.most_common(1)[0][0] for section, counter in votes.items()}
