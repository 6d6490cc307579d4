"""The parser reproduces the hand-checked structure of the five corpus notices.

Every field of tests/ground_truth/seeds.yml is checked, compared as seeds.yml
says: NFKC-normalised, whitespace removed.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pytest
import yaml

from build_scripts.model import Notice
from build_scripts.pipeline import load_notice

GROUND_TRUTH = Path(__file__).resolve().parent / "ground_truth"
SEEDS = yaml.safe_load((GROUND_TRUTH / "seeds.yml").read_text(encoding="utf-8"))
SOURCE_MAP = yaml.safe_load((GROUND_TRUTH / "sources.yml").read_text(encoding="utf-8"))
SOURCES = GROUND_TRUTH.parent.parent / "sources"
METADATA_FIELDS = ("title", "notice_title", "issuer", "region", "year", "doc_number", "issued", "recipients")
STRUCTURE_KEYS = {"sections", "item_count", "item_titles_sample", "departments", "footnotes",
                  "must_contain", "must_not_contain", "year_conflict"}


def norm(value):
    if value is None or isinstance(value, int):
        return value
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def notice_for(seed_name: str, use_sidecar: bool = True) -> Notice:
    return load_notice(SOURCES / SOURCE_MAP[seed_name]["source"], use_sidecar=use_sidecar)


@pytest.fixture(scope="module", params=sorted(SEEDS), ids=lambda name: name[:3])
def case(request):
    return request.param, SEEDS[request.param], notice_for(request.param)


def test_every_seed_key_is_checked():
    for name, seed in SEEDS.items():
        unknown = set(seed) - set(METADATA_FIELDS) - STRUCTURE_KEYS
        assert not unknown, f"{name}: seeds.yml has keys this test does not check: {unknown}"


@pytest.mark.parametrize("seed_name", sorted(SEEDS))
def test_shipped_source_is_the_corpus_text_unchanged(seed_name):
    entry = SOURCE_MAP[seed_name]
    assert hashlib.sha256((SOURCES / entry["source"]).read_bytes()).hexdigest() == entry["sha256"]


def test_metadata(case):
    name, seed, notice = case
    for field in METADATA_FIELDS:
        if field in seed:
            assert norm(getattr(notice, field)) == norm(seed[field]), f"{name}: {field}"


def test_sections_and_item_numbers(case):
    name, seed, notice = case
    got = [(norm(s.heading), [i.number for i in s.items]) for s in notice.sections]
    want = [(norm(s["heading"]), s["items"]) for s in seed["sections"]]
    assert got == want
    assert len(notice.items) == seed["item_count"]


def test_item_titles(case):
    name, seed, notice = case
    for section_index, number, title in seed["item_titles_sample"]:
        section = notice.sections[section_index - 1]
        item = next(i for i in section.items if i.number == number)
        assert norm(item.title) == norm(title)


def test_every_item_title_is_its_first_sentence(case):
    _, _, notice = case
    for item in notice.items:
        assert item.title.endswith("。") and item.title.count("。") == 1, item.title


def test_departments(case):
    name, seed, notice = case
    by_number = {item.number: item for item in notice.items}
    for number, departments in seed.get("departments", []):
        assert [norm(d) for d in by_number[number].departments] == [norm(d) for d in departments]
    if "departments" not in seed:
        assert all(not item.departments for item in notice.items)


def test_footnotes(case):
    name, seed, notice = case
    expected = seed.get("footnotes", [])
    assert [(f.mark, norm(f.text)) for f in notice.footnotes] == [(m, norm(t)) for m, _, t in expected]
    by_number = {item.number: item for item in notice.items}
    for mark, number, _ in expected:
        assert mark in by_number[number].footnotes
    cited = [mark for item in notice.items for mark in item.footnotes]
    assert sorted(cited) == sorted(m for m, _, _ in expected)


def _body_texts(notice: Notice) -> list[str]:
    texts = list(notice.preamble)
    for section in notice.sections:
        texts.append(section.heading)
        texts.extend(section.paragraphs)
        for item in section.items:
            texts.append(item.title)
            texts.extend(item.paragraphs)
    return texts


def test_page_breaks_rejoined(case):
    _, seed, notice = case
    paragraphs = [norm(t) for t in _body_texts(notice)]
    for fragment in seed.get("must_contain", []):
        assert any(norm(fragment) in p for p in paragraphs), fragment


def test_noise_is_gone(case):
    _, seed, notice = case
    texts = [norm(t) for t in _body_texts(notice)] + [norm(t) for t in notice.cover]
    for noise in seed.get("must_not_contain", []):
        assert not any(norm(noise) in t for t in texts), noise


def test_year_conflict_is_warned_by_the_parser(case):
    name, seed, _ = case
    raw = notice_for(name, use_sidecar=False)
    conflicts = [w for w in raw.diagnostics if w.kind == "year_conflict"]
    assert bool(conflicts) == bool(seed.get("year_conflict")), name
    if seed.get("year_conflict"):
        assert conflicts[0].level == "warning" and raw.source in str(conflicts[0])
