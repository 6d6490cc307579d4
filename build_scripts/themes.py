"""The theme vocabulary (``sources/themes.yml``) and the tagger.

The tagger is a set of explainable rules: every signal word found in an item
adds to its theme's score, by where it was found (title ×3, section heading ×1,
text ×1 per occurrence, at most 3 occurrences), weak words a third as much.
Overlapping words are resolved longest first, so "心理健康教育" is not also
"健康教育". The best-scoring theme is the primary one; up to three others
follow if they score at least ``SECONDARY_SHARE`` of the primary and at least
``SECONDARY_MIN``. An item that matches nothing gets its section's strongest
theme (or the vocabulary's fallback) and is reported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import Diagnostic, Item, Notice

TITLE_WEIGHT = 3.0
HEADING_WEIGHT = 1.0
TEXT_WEIGHT = 1.0
TEXT_OCCURRENCES_CAP = 3
WEAK_FACTOR = 1 / 3
SECONDARY_SHARE = 0.34
SECONDARY_MIN = 2.0
MAX_THEMES = 4
FALLBACK_SLUG = "reform"
SLUG_RE = re.compile(r"^[a-z][a-z0-9-]*$")


class VocabularyError(Exception):
    """themes.yml is unusable; the message names the file, the theme and the fix."""


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    scope: str
    group: str
    words: tuple[str, ...]
    weak: tuple[str, ...] = ()


@dataclass
class Vocabulary:
    themes: list[Theme]
    groups: list[str]
    _by_slug: dict[str, Theme] = field(init=False, repr=False)
    _pattern: re.Pattern = field(init=False, repr=False)
    _word_themes: dict[str, list[tuple[str, float]]] = field(init=False, repr=False)

    def __post_init__(self):
        self._by_slug = {t.slug: t for t in self.themes}
        self._word_themes = defaultdict(list)
        for theme in self.themes:
            for word in theme.words:
                self._word_themes[word].append((theme.slug, 1.0))
            for word in theme.weak:
                self._word_themes[word].append((theme.slug, WEAK_FACTOR))
        self._pattern = re.compile(trie_pattern(self._word_themes))

    def __getitem__(self, slug: str) -> Theme:
        return self._by_slug[slug]

    def __contains__(self, slug: str) -> bool:
        return slug in self._by_slug

    def matches(self, text: str) -> list[str]:
        """Signal words in ``text``, non-overlapping, longest first (regex alternation order)."""
        return self._pattern.findall(text) if text else []

    def themes_of(self, word: str) -> list[tuple[str, float]]:
        return self._word_themes[word]


def trie_pattern(words) -> str:
    """A regex matching any of ``words``, longest first, as a trie: "心理(?:健康(?:教育)?)?".

    Python's re tries a flat alternation's branches one by one at every position;
    a trie shares their prefixes, which makes tagging a large corpus several times faster.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + "|".join(re.escape(char) + pattern(child) for char, child in sorted(trie.items())) + ")"


def load_vocabulary(path: Path) -> Vocabulary:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, yaml.YAMLError) as error:
        raise VocabularyError(f"{path.name}: cannot read the theme vocabulary: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise VocabularyError(f"{path.name}: expected a mapping with a 'themes:' list")
    groups = [str(g) for g in data.get("groups", [])]
    themes: list[Theme] = []
    for index, entry in enumerate(data["themes"], start=1):
        themes.append(_theme(entry, index, path.name, groups))
    slugs = [t.slug for t in themes]
    duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
    if duplicates:
        raise VocabularyError(f"{path.name}: slugs used twice: {', '.join(duplicates)}")
    if FALLBACK_SLUG not in slugs:
        raise VocabularyError(f"{path.name}: the fallback theme '{FALLBACK_SLUG}' is missing")
    return Vocabulary(themes, groups or sorted({t.group for t in themes}))


def _theme(entry, index: int, file: str, groups: list[str]) -> Theme:
    where = f"{file}: theme #{index}"
    if not isinstance(entry, dict):
        raise VocabularyError(f"{where}: expected a mapping with slug, name, scope, group, words")
    missing = [k for k in ("slug", "name", "scope", "group", "words") if not entry.get(k)]
    if missing:
        raise VocabularyError(f"{where} ({entry.get('slug', '?')}): missing {', '.join(missing)}")
    slug = str(entry["slug"])
    if not SLUG_RE.match(slug):
        raise VocabularyError(f"{where}: slug '{slug}' must be lower-case ASCII letters, digits and '-'")
    if groups and entry["group"] not in groups:
        raise VocabularyError(f"{where} ({slug}): group '{entry['group']}' is not one of {groups}")
    return Theme(slug, str(entry["name"]), str(entry["scope"]), str(entry["group"]),
                 tuple(str(w) for w in entry["words"]), tuple(str(w) for w in entry.get("weak") or ()))


# --- tagging --------------------------------------------------------------

@dataclass
class Evidence:
    """Why an item has a theme: the words found, where, and the score they gave."""

    slug: str
    score: float = 0.0
    words: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # place → words


def score_item(item: Item, heading: str, vocabulary: Vocabulary) -> dict[str, Evidence]:
    evidence: dict[str, Evidence] = {}
    places = (("title", item.title, TITLE_WEIGHT), ("heading", heading, HEADING_WEIGHT),
              ("text", "\n".join(item.paragraphs), TEXT_WEIGHT))
    for place, text, weight in places:
        counts: dict[str, int] = defaultdict(int)
        for word in vocabulary.matches(text):
            counts[word] += 1
        for word, count in counts.items():
            occurrences = min(count, TEXT_OCCURRENCES_CAP) if place == "text" else 1
            for slug, factor in vocabulary.themes_of(word):
                entry = evidence.setdefault(slug, Evidence(slug))
                entry.score += weight * factor * occurrences
                entry.words[place].append(word if count == 1 else f"{word}×{count}")
    return evidence


def choose_themes(evidence: dict[str, Evidence]) -> list[str]:
    ranked = sorted(evidence.values(), key=lambda e: (-e.score, e.slug))
    if not ranked:
        return []
    primary = ranked[0]
    others = [e.slug for e in ranked[1:]
              if e.score >= max(SECONDARY_MIN, SECONDARY_SHARE * primary.score)]
    return [primary.slug, *others[: MAX_THEMES - 1]]


def tag_notice(notice: Notice, vocabulary: Vocabulary) -> None:
    for section in notice.sections:
        for item in section.items:
            item.themes = choose_themes(score_item(item, section.heading, vocabulary))
            if not item.themes:
                fallback = _section_theme(section.heading, vocabulary)
                item.themes = [fallback]
                notice.warnings.append(Diagnostic(
                    "theme", f"item {item.number} “{item.title}” matches no theme word; given "
                    f"“{vocabulary[fallback].name}”. Add a word to sources/themes.yml or set its "
                    "themes in the sidecar", notice.source, item.line))


def _section_theme(heading: str, vocabulary: Vocabulary) -> str:
    scores: dict[str, float] = defaultdict(float)
    for word in vocabulary.matches(heading):
        for slug, factor in vocabulary.themes_of(word):
            scores[slug] += factor
    return max(sorted(scores), key=lambda s: scores[s]) if scores else FALLBACK_SLUG


def explain_item(item: Item, heading: str, vocabulary: Vocabulary) -> list[str]:
    """Human-readable lines: each theme's score and the words that gave it."""
    evidence = score_item(item, heading, vocabulary)
    chosen = item.themes or choose_themes(evidence)
    lines = []
    for entry in sorted(evidence.values(), key=lambda e: (-e.score, e.slug)):
        mark = "primary" if chosen and entry.slug == chosen[0] else ("theme" if entry.slug in chosen else "-")
        found = "; ".join(f"{place}: {', '.join(words)}" for place, words in entry.words.items())
        lines.append(f"{mark:>7} {entry.slug:<12} {vocabulary[entry.slug].name:<10} "
                     f"score {entry.score:5.1f}  ({found})")
    for slug in chosen:
        if slug not in evidence:
            lines.append(f"{'theme':>7} {slug:<12} {vocabulary[slug].name:<10} (set by the sidecar or fallback)")
    return lines
