"""The matcher on plans with known answers: next year's plans made from the corpus by recorded edits
(kept, moved, title reworded, body rewritten, two merged, one split, dropped, added) and the
year-over-year fixture. Reports precision and recall of the matched pairs (README: comparison)."""

from __future__ import annotations

import pytest

from build_scripts.enrich.matching import compare
from tests.documents.edits import SCRIPTS, fixture_pairs

@pytest.fixture(scope="module")
def pairs(tmp_path_factory):
    return fixture_pairs(tmp_path_factory.mktemp("edited-plans"))


def test_matched_pairs_precision_and_recall(pairs, capsys):
    found = wanted = correct = 0
    for name, earlier, later, truth in pairs:
        comparison = compare(earlier, later)
        got = {(c.number, p.number) for c, p, _ in comparison.pairs}
        want = truth.pairs()
        found, wanted, correct = found + len(got), wanted + len(want), correct + len(got & want)
    precision, recall = correct / found, correct / wanted
    with capsys.disabled():
        print(f"\nmatcher: {len(pairs)} pairs of plans, {wanted} true links; precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.9 and recall >= 0.9


def test_each_kind_of_edit_is_named_as_such(pairs):
    for name, earlier, later, truth in pairs:
        comparison = compare(earlier, later)
        for number, (status, earlier_numbers) in truth.links.items():
            match = comparison.match_of(later.items[number - 1])
            assert match is not None, (name, number)
            assert match.status is status, (name, number, match.status)
            assert sorted(p.number for p in match.previous) == sorted(earlier_numbers), (name, number)
        assert [i.number for i in comparison.new] == truth.new, name
        assert [i.number for i in comparison.dropped] == truth.dropped, name


def test_moved_tasks_are_marked(pairs):
    for name, earlier, later, truth in pairs:
        if name not in SCRIPTS:
            continue
        moved_numbers = set(SCRIPTS[name].move)
        comparison = compare(earlier, later)
        marked = {p.number for m in comparison.matches if m.moved for p in m.previous}
        assert marked == moved_numbers, name
