"""The tagger's weights: title ×3, section heading ×1, text ×1 per occurrence (at most 3), weak a third."""

from __future__ import annotations

import pytest

from build_scripts.enrich.themes import choose_themes, score_item
from build_scripts.enrich.vocabulary import Theme, Vocabulary
from build_scripts.model import Item

VOCABULARY = Vocabulary([
    Theme("pe", "体育", "体育", "育人", ("体育",), ("锻炼",)),
    Theme("arts", "美育", "美育", "育人", ("美育",)),
    Theme("reform", "改革", "改革", "治理", ("改革",)),
], ["育人", "治理"])


def item(title: str, *paragraphs: str) -> Item:
    return Item(number=1, marker="1.", title=title, anchor="task-1", line=1, paragraphs=list(paragraphs))


def scores(task: Item, heading: str = "") -> dict[str, float]:
    return {slug: e.score for slug, e in score_item(task, heading, VOCABULARY).items()}


def test_a_word_in_the_title_counts_three():
    assert scores(item("加强体育。")) == {"pe": 3.0}


def test_a_word_in_the_heading_counts_one_and_in_the_text_once_per_occurrence_up_to_three():
    assert scores(item("任务。", "美育"), heading="体育") == {"pe": 1.0, "arts": 1.0}
    assert scores(item("任务。", "美育美育美育美育美育")) == {"arts": 3.0}
    assert scores(item("任务。", "美育美育")) == {"arts": 2.0}


def test_weak_words_count_a_third():
    assert scores(item("加强锻炼。")) == {"pe": pytest.approx(1.0)}


def test_primary_first_then_themes_with_a_third_of_its_score_and_at_least_two():
    task = item("加强体育。", "美育美育", "改革")
    assert scores(task) == {"pe": 3.0, "arts": 2.0, "reform": 1.0}
    assert choose_themes(score_item(task, "", VOCABULARY)) == ["pe", "arts"]
    assert choose_themes({}) == []
