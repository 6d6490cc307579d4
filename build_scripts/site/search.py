"""Search that finds what readers type: a domain dictionary and a bigram field.

Material's search indexes jieba's words and only matches the *start* of a word,
so a query for 队伍 misses 教师队伍; and in the browser it cuts a Chinese query
into index terms in a way that drops its last character (双减 becomes 双*, which
matches 双新, 双元制…). Two changes fix both, with Material's own search box:

- every search document gets a ``bigrams`` field: the overlapping pairs of
  characters of its title and text (a digit or Latin run counts as one
  character: 100个, 95%). Any substring of two or more characters of a document
  is then made of its bigrams;
- the search worker is patched (at build time, checked) so that a Chinese
  query becomes its bigrams, all required: 学前教育 → +学前 +前教 +教育.

A document matches when it holds every bigram of the query: it (almost always)
contains the query itself, wherever it falls inside jieba's words. The ``text``
field stays indexed as before, so result previews are still highlighted.

The domain dictionary (theme words, quoted initiative names, departments) keeps
those words whole in jieba's segmentation, which is what the previews and
Material's own term matching see.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from ..enrich.vocabulary import Vocabulary
from ..model import Notice

BIGRAM_FIELD = "bigrams"
USER_WORD_FREQUENCY = 200_000

_UNITS = re.compile(r"[0-9A-Za-z.%％]+|[\u3400-\u9fff\uf900-\ufaff]")
_TAGS = re.compile(r"<[^>]+>")
_JIEBA_BREAK = "\u200b"
# The query segmentation in Material's search worker (a JavaScript expression, as it
# stands in the minified file), and what replaces it: a run of Chinese characters,
# with any digits or Latin letters touching it, becomes its unit bigrams, all required
# ("16小时" → "+16小 +小时"), as bigrams() cuts the documents.
WORKER_SEGMENTATION = r'new RegExp("\\p{sc=Han}+","gu"),s=>[...fe(s,this.index.invertedIndex)].join("* ")'
WORKER_BIGRAMS = (r'new RegExp("[0-9A-Za-z.%％]*\\p{sc=Han}[\\p{sc=Han}0-9A-Za-z.%％]*","gu"),'
                  r's=>{let u=s.match(/[0-9A-Za-z.%％]+|\p{sc=Han}/gu);'
                  r'return u.length<2?s:u.slice(1).map((c,i)=>"+"+u[i]+c).join(" ")}')


class SearchPatchError(Exception):
    pass


def bigrams(text: str) -> list[str]:
    """Distinct overlapping pairs of units (a CJK character, or a run of digits/Latin)."""
    seen: dict[str, None] = {}
    for run in re.split(r"[^0-9A-Za-z.%％\u3400-\u9fff\uf900-\ufaff]+", text):
        units = _UNITS.findall(run)
        for first, second in zip(units, units[1:]):
            if not (first.isascii() and second.isascii()):
                seen.setdefault(first + second, None)
    return list(seen)


def document_text(html: str) -> str:
    """A search document's text as shown: tags and jieba's word breaks removed."""
    return unescape(_TAGS.sub(" ", html)).replace(_JIEBA_BREAK, "")


def dictionary_words(notices: list[Notice], vocabulary: Vocabulary, terms: list[str]) -> list[str]:
    """Words jieba should keep whole: theme words, quoted initiative names, departments."""
    words: set[str] = set(terms)
    for theme in vocabulary.themes:
        words.update(w for w in (*theme.words, *theme.weak) if len(w) > 1)
    words.update(d for n in notices for i in n.items for d in i.departments)
    return sorted(w for w in words if 1 < len(w) <= 12 and not re.search(r"\s", w))


def load_dictionary(words: list[str]) -> None:
    """Teach jieba (used by Material's search plugin to segment Chinese) the domain words."""
    import jieba

    for word in words:
        jieba.add_word(word, USER_WORD_FREQUENCY)


def add_bigram_field(index_path: Path) -> None:
    """Give each document of Material's search_index.json its bigrams, and write the
    file as UTF-8 (Material escapes every Chinese character as \\uXXXX: 6 bytes, not 3)."""
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["config"].setdefault("fields", {})[BIGRAM_FIELD] = {"boost": 1.0}
    for doc in index["docs"]:
        doc[BIGRAM_FIELD] = " ".join(bigrams(document_text(doc.get("title", "") + " " + doc.get("text", ""))))
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def patch_worker(site: Path) -> Path:
    """Make the search worker cut Chinese queries into required bigrams. Fails loudly
    when Material's worker no longer has the code this replaces (after an upgrade)."""
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        raise SearchPatchError("Material's search worker not found under assets/javascripts/workers/")
    for worker in workers:
        code = worker.read_text(encoding="utf-8")
        if WORKER_BIGRAMS in code:
            continue
        if code.count(WORKER_SEGMENTATION) != 1:
            raise SearchPatchError(
                f"{worker.name}: Material's query segmentation has changed; update "
                "build_scripts/site/search.py (WORKER_SEGMENTATION) for this Material version")
        worker.write_text(code.replace(WORKER_SEGMENTATION, WORKER_BIGRAMS), encoding="utf-8")
    return workers[0]
