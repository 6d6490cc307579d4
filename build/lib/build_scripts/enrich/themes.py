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

from collections import defaultdict
from dataclasses import dataclass, field

from ..model import Diagnostic, DiagnosticKind, Item, Notice
from .vocabulary import FALLBACK_SLUG, Vocabulary

TITLE_WEIGHT = 3.0
HEADING_WEIGHT = 1.0
TEXT_WEIGHT = 1.0
TEXT_OCCURRENCES_CAP = 3
SECONDARY_SHARE = 0.34
SECONDARY_MIN = 2.0
MAX_THEMES = 4


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
                notice.diagnostics.append(Diagnostic(
                    DiagnosticKind.THEME, f"item {item.number} “{item.title}” matches no theme word; given "
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
