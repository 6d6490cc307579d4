"""A task's text against its predecessor's, with deletions and insertions marked.

Diffed by phrase, so that Chinese stays readable: the texts are cut into clauses at
punctuation (，。；：、…) and the clauses are compared first; a clause replaced by a
similar one is then compared character by character, and any stretch in common
shorter than ``MIN_COMMON`` characters between two changes is folded into them, so a
reader sees "<del>深入推进</del><ins>持续深化</ins>教育综合改革" rather than a
confetti of single characters. ``overrides/assets/javascripts/workplans-compare.js``
does the same in the browser for the "any two plans" page.

Marked up as ``<del>``/``<ins>`` (struck through and underlined, readable without
colour) with words for screen readers (``visually-hidden``: "删除：", "新增：").
"""

from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher
from enum import Enum

from .markup import Html

MIN_COMMON = 3  # shorter common stretches between two changes are folded into the changes
MIN_CLAUSE_RATIO = 0.4  # below this, a replaced clause is shown deleted and inserted whole
_TOKEN = re.compile(r"\d+(?:\.\d+)?%?|[A-Za-z]+|.", re.S)
_CLAUSE = re.compile(r"[^，。；：、！？,;:!?\n]*[，。；：、！？,;:!?\n]?")


class Op(str, Enum):
    SAME = "="
    DELETED = "-"
    INSERTED = "+"


Run = tuple[Op, str]


def clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.findall(text) if c]


def phrase_diff(old: str, new: str) -> list[Run]:
    """``old`` → ``new`` as runs of unchanged, deleted and inserted text, in reading order."""
    a, b = clauses(old), clauses(new)
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            runs.append((Op.SAME, before))
        elif tag == "replace":
            runs.extend(_character_diff(before, after))
        else:
            runs += [(Op.DELETED, before), (Op.INSERTED, after)]
    return _merged(runs)


def _character_diff(old: str, new: str) -> list[Run]:
    """By character, but a number or a Latin word is one unit (20 → 25 is not "2" kept, "0" → "5").
    Clauses that share less than ``MIN_CLAUSE_RATIO`` of their characters are shown whole."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    common = sum(len("".join(a[i1:i2])) for tag, i1, i2, _, _ in opcodes if tag == "equal")
    if 2 * common < MIN_CLAUSE_RATIO * (len(old) + len(new)):
        return [(Op.DELETED, old), (Op.INSERTED, new)]
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            runs.append((Op.SAME, "".join(a[i1:i2])))
        else:
            runs += [(Op.DELETED, "".join(a[i1:i2])), (Op.INSERTED, "".join(b[j1:j2]))]
    # Fold short common stretches lying between two changes into both sides.
    folded: list[Run] = []
    for index, (op, text) in enumerate(runs):
        inside = 0 < index < len(runs) - 1
        if op is Op.SAME and len(text) < MIN_COMMON and inside:
            folded += [(Op.DELETED, text), (Op.INSERTED, text)]
        else:
            folded.append((op, text))
    return _grouped(folded)


def _grouped(runs: list[Run]) -> list[Run]:
    """Each stretch of changes as one deletion followed by one insertion."""
    out: list[Run] = []
    deleted, inserted = [], []
    for op, text in runs + [(Op.SAME, "")]:
        if op is Op.DELETED:
            deleted.append(text)
        elif op is Op.INSERTED:
            inserted.append(text)
        else:
            out += [(Op.DELETED, "".join(deleted)), (Op.INSERTED, "".join(inserted)), (op, text)]
            deleted, inserted = [], []
    return out


def _merged(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for op, text in _grouped(runs):
        if not text:
            continue
        if out and out[-1][0] is op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out


def is_unchanged(old: str, new: str) -> bool:
    return old == new


@functools.lru_cache(maxsize=4096)  # a match is shown twice: under its task and on the side-by-side page
def redline_html(old: str, new: str) -> Html:
    """The change as HTML: ``<del>`` and ``<ins>`` with their meaning spelled out for screen readers."""
    parts = []
    for op, text in phrase_diff(old, new):
        body = Html("<br>").join(text.split("\n"))
        if op is Op.DELETED:
            parts.append(Html('<del><span class="visually-hidden">删除：</span>{}</del>').format(body))
        elif op is Op.INSERTED:
            parts.append(Html('<ins><span class="visually-hidden">新增：</span>{}</ins>').format(body))
        else:
            parts.append(body)
    return Html("").join(parts)
