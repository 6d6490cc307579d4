"""The site's search index: exact substring search over every task, in pieces a browser loads on demand.

A query finds the tasks whose text contains it (each space-separated term), and
only those. The index is made of:

- **grams**: every character and every pair of adjacent characters of each task's
  normalised text (NFKC, lower case, no spaces), with the tasks that contain it;
  a query's candidates are the tasks holding all of its pairs, and the browser
  checks each candidate's text, so a result is never a near miss;
- **postings**: a gram's task numbers (tasks numbered newest notice first) in
  chunks of ``CHUNK`` numbers, delta-encoded in a 64-letter alphabet; the first
  chunk of every gram lives in one of ``shards`` files chosen by the CRC-32 of the
  gram, later chunks (only very common grams have them) in files of their own;
- **notices**: one file per notice with its tasks' text, anchors, themes, section
  number and the length of title and body within the text (to check candidates,
  show results and facets, and for the "any two plans" page to match them);
- **titles**: every notice's id and title, for the "any two plans" page;
- a **manifest**: task numbers where each notice starts, each notice's year and
  issuer, the themes, the shard count.

Every piece is a script (``workplansSearch.piece(name, data)``), so the index loads
from ``file://`` as well as over http under any path. A theme and a department
are indexed as grams of their own ("\\ue000" + slug, "\\ue001" + name), so a theme or
department filter is one more posting list.
Nothing here knows about MkDocs: the files go into the generated tree like any page.
"""

from __future__ import annotations

import unicodedata
import zlib
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from .. import addresses as at
from ..enrich.links import issuer_label
from ..enrich.vocabulary import Vocabulary
from ..model import Item, Notice
from .home_page import page
from .markup import Md, front_matter
from .script_data import script_call

FORMAT_VERSION = 1
CHUNK = 4096  # postings per chunk
TARGET_POSTINGS_PER_SHARD = 6000
THEME_GRAM = "\ue000"  # prefix of a theme's gram: a private-use character no text holds
DEPARTMENT_GRAM = "\ue001"  # prefix of a department's gram
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
FOLDER = "search"


def normalise(text: str) -> str:
    """What is indexed and what a query is compared with: NFKC, lower case, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def task_text(item: Item) -> str:
    """The text a task is found by: its title, paragraphs and department notes."""
    return "\n".join([item.title, *item.paragraphs, *(note.text for note in item.department_notes)])


def grams(text: str) -> set[str]:
    """Every character and pair of adjacent characters of normalised text: the definition the
    client follows; the writer computes the same grams as numbers (``task_gram_keys``, tested
    against this)."""
    return set(text) | {text[i:i + 2] for i in range(len(text) - 1)}


def shard_of(gram: str, shards: int) -> int:
    return zlib.crc32(gram.encode("utf-8")) % shards


def encode(numbers: np.ndarray) -> str:
    """Ascending task numbers as deltas, each written in the same number of base-64 letters
    (the first letter says how many)."""
    deltas = np.diff(numbers, prepend=-1).astype(np.int64)
    width = 1
    while deltas.max() >= 64 ** width:
        width += 1
    letters = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)
    digits = [(deltas >> (6 * place)) & 63 for place in range(width - 1, -1, -1)]
    body = letters[np.stack(digits, axis=1).ravel()].tobytes().decode("ascii")
    return ALPHABET[width] + body


def decode(encoded: str) -> list[int]:
    """The inverse of ``encode`` (the browser does the same in search.js)."""
    width = ALPHABET.index(encoded[0])
    values, last = [], -1
    for start in range(1, len(encoded), width):
        delta = 0
        for letter in encoded[start:start + width]:
            delta = delta * 64 + ALPHABET.index(letter)
        last += delta
        values.append(last)
    return values


def piece(name: str, data: object) -> bytes:
    """A piece of the index as a script that hands its data to the search client."""
    return script_call("workplansSearch.piece", name, data)


# A gram as a number: a character is its code point (below 2**21), a pair of characters
# PAIR + first << 21 + second, a theme or department LABEL + its number among the labels.
PAIR = 1 << 42
LABEL = 1 << 43
TASK_BITS = 20  # a gram's number and a task number share one 64-bit integer while sorting
MAX_TASKS = 1 << TASK_BITS


@dataclass(frozen=True)
class Postings:
    grams: list[str]  # gram number → gram
    starts: np.ndarray  # gram number → its first row in ``packed``
    packed: np.ndarray  # (gram << TASK_BITS | task), sorted: grouped by gram, tasks ascending within one

    def tasks(self, number: int) -> np.ndarray:
        """The gram's task numbers, ascending."""
        return (self.packed[self.starts[number]:self.starts[number + 1]] & np.uint64(MAX_TASKS - 1)).astype(np.int64)

    @property
    def total(self) -> int:
        return len(self.packed)


def task_gram_keys(text: str, labels: list[int]) -> np.ndarray:
    """The grams of normalised ``text`` (see ``grams``) and of its labels, as sorted numbers."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    pairs = PAIR + (points[:-1] << np.uint64(21)) + points[1:]
    return np.unique(np.concatenate((points, pairs, np.array(labels, dtype=np.uint64) + np.uint64(LABEL))))


def gram_of(key: int, labels: list[str]) -> str:
    if key >= LABEL:
        return labels[key - LABEL]
    if key >= PAIR:
        return chr((key - PAIR) >> 21) + chr(key & ((1 << 21) - 1))
    return chr(key)


def postings(task_keys: Iterator[np.ndarray], labels: dict[str, int]) -> Postings:
    """Each task's gram numbers (tasks in order) → every gram's ascending task numbers: one
    in-place sort of (gram, task) pairs packed into 64-bit integers, with no object per gram
    and no second copy of the pairs (at 10,000 notices they are some 300 million).
    ``labels`` (label gram → number) is complete once ``task_keys`` is consumed."""
    parts, task = [], 0
    for keys in task_keys:
        if task >= MAX_TASKS:
            raise ValueError(f"more than {MAX_TASKS:,} tasks (about 36,000 notices) for one search index: "
                             "publish the collection as several sites (see benchmarks/README.md)")
        parts.append((keys << np.uint64(TASK_BITS)) | np.uint64(task))
        task += 1
    packed = np.empty(sum(len(part) for part in parts), dtype=np.uint64)
    filled = 0
    parts.reverse()
    while parts:  # each part freed as soon as it is copied
        part = parts.pop()
        packed[filled:filled + len(part)] = part
        filled += len(part)
    packed.sort()
    firsts = _group_starts(packed)
    names = list(labels)
    grams = [gram_of(int(key), names) for key in (packed[firsts] >> np.uint64(TASK_BITS))]
    return Postings(grams, np.append(firsts, len(packed)), packed)


def _group_starts(packed: np.ndarray, block: int = 1 << 24) -> np.ndarray:
    """Where each gram's run of sorted pairs starts, found a block at a time (no full-size temporaries)."""
    shift = np.uint64(TASK_BITS)
    starts = [np.zeros(1 if len(packed) else 0, dtype=np.int64)]
    for low in range(0, len(packed) - 1, block):
        keys = packed[low:low + block + 1] >> shift
        starts.append(np.flatnonzero(keys[1:] != keys[:-1]).astype(np.int64) + low + 1)
    return np.concatenate(starts)


def search_files(notices: list[Notice], vocabulary: Vocabulary) -> Iterator[tuple[str, bytes]]:
    """Every piece of the index, as (path in the site, bytes)."""
    first_task = np.cumsum([0] + [len(n.items) for n in notices])
    task = int(first_task[-1])
    first_task = first_task[:-1]
    labels: dict[str, int] = {}
    index = postings(_task_gram_keys(notices, labels), labels)
    total = index.total
    shards = max(1, min(4096, total // TARGET_POSTINGS_PER_SHARD))
    yield from _posting_files(index, shards)
    issuers = sorted({issuer_label(n) for n in notices})
    issuer_number = {name: i for i, name in enumerate(issuers)}
    yield f"{FOLDER}/manifest.js", piece("manifest", {
        "version": FORMAT_VERSION, "tasks": task, "shards": shards, "chunk": CHUNK,
        "starts": encode(first_task.astype(np.int64)) if len(first_task) else "",
        "years": [n.year or 0 for n in notices], "issuers": [issuer_number[issuer_label(n)] for n in notices],
        "issuerNames": issuers, "themes": [[t.slug, t.name] for t in vocabulary.themes],
    })
    for number, notice in enumerate(notices):
        yield f"{FOLDER}/n/{number}.js", piece(f"n/{number}", _notice_piece(notice))
    # For the "any two plans" page only (not needed to search): each notice's id and title.
    yield f"{FOLDER}/titles.js", piece("titles", [[n.id, n.title] for n in notices])


def _task_gram_keys(notices: list[Notice], labels: dict[str, int]) -> Iterator[np.ndarray]:
    """Each task's gram numbers, in task order; ``labels`` gets each theme's and department's
    gram a number as it is first seen."""
    for notice in notices:
        for item in notice.items:
            named = [THEME_GRAM + t for t in item.themes] + [DEPARTMENT_GRAM + d for d in item.departments]
            yield task_gram_keys(normalise(task_text(item)), [labels.setdefault(n, len(labels)) for n in named])


def _posting_files(index: Postings, shards: int) -> Iterator[tuple[str, bytes]]:
    by_shard: list[dict[str, list]] = [{} for _ in range(shards)]
    for number, gram in enumerate(index.grams):
        tasks = index.tasks(number)
        chunks = [tasks[i:i + CHUNK] for i in range(0, len(tasks), CHUNK)]
        # A gram's entry: how many tasks hold it, its first chunk, and the last task of each chunk
        # (so that the browser knows which chunk to load for a range of task numbers).
        by_shard[shard_of(gram, shards)][gram] = [len(tasks), encode(chunks[0]), [int(c[-1]) for c in chunks]]
        for position, chunk in enumerate(chunks[1:], start=1):
            name = f"c/{_gram_key(gram)}-{position}"
            yield f"{FOLDER}/{name}.js", piece(name, encode(chunk))
    for number, entries in enumerate(by_shard):
        yield f"{FOLDER}/g/{number}.js", piece(f"g/{number}", dict(sorted(entries.items())))


def _gram_key(gram: str) -> str:
    return "-".join(f"{ord(c):x}" for c in gram)


def _notice_piece(notice: Notice) -> dict:
    page = at.notice_page(notice.id)
    return {
        "title": notice.title, "url": page.html, "year": notice.year, "issuer": issuer_label(notice),
        "excerpt": notice.excerpt,
        "tasks": [[item.anchor, item.heading, task_text(item), item.themes, item.departments, section, len(item.text)]
                  for section, items in enumerate(s.items for s in notice.sections) for item in items],
    }


def render_search_page() -> Md:
    """The search page: the search client fills it (workplans-search-ui.js)."""
    return page(front_matter(title="搜索", description="在全部文件的任务中查找词语"), Md("# 搜索"),
                Md('<div id="workplans-search" class="wp-search"></div>'),
                Md("<noscript>搜索需要浏览器启用 JavaScript；也可以从[年度索引](years.md)和[主题](themes/index.md)"
                   "查找文件。</noscript>"))
