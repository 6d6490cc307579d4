"""The browser's matcher (overrides/assets/javascripts/workplans-compare.js) against the Python one:
on the fixture pairs (known answers) and on pairs of different districts from the corpus, both
must give the same matches, statuses, moves, new and dropped tasks. Node runs tests/js/compare.test.mjs
on the pieces the site publishes (``search/n/<k>.js``) and the Python results written here."""

from __future__ import annotations

import json
import shutil
import subprocess
from itertools import combinations

import pytest

from build_scripts.enrich import matching
from build_scripts.render.search_index import _notice_piece
from build_scripts.render.redline import MIN_CLAUSE_RATIO, MIN_COMMON
from tests.documents.corpus import SEEDS, seed_notice
from tests.documents.edits import fixture_pairs

from .conftest import ROOT


def outcome(comparison: matching.Comparison) -> dict:
    current = {id(i): k for k, i in enumerate(comparison.current.items)}
    previous = {id(i): k for k, i in enumerate(comparison.previous.items)}
    return {
        "matches": [{"current": [current[id(c)] for c in m.current], "previous": [previous[id(p)] for p in m.previous],
                     "status": m.status.value, "moved": m.moved} for m in comparison.matches],
        "added": [current[id(i)] for i in comparison.new],
        "dropped": [previous[id(i)] for i in comparison.dropped],
    }


def test_the_browser_matcher_agrees_with_the_python_matcher(tmp_path):
    if shutil.which("node") is None:
        pytest.fail("node is needed for the comparison client's tests (Debian: nodejs)")
    pairs = [(name, earlier, later) for name, earlier, later, _ in fixture_pairs(tmp_path)]
    seeds = [seed_notice(seed.stem, use_sidecar=True) for seed in SEEDS]
    pairs += [(f"{a.id}~{b.id}", a, b) for a, b in combinations(seeds, 2)]
    cases = []
    for name, earlier, later in pairs:
        comparison = matching.compare(earlier, later)
        cases.append({"name": name, "earlier": _notice_piece(earlier), "later": _notice_piece(later),
                      "expected": outcome(comparison)})
    assert sum(len(c["expected"]["matches"]) for c in cases) > 100
    (tmp_path / "cases.json").write_text(json.dumps({
        "cases": cases,
        "constants": {"MATCH_THRESHOLD": matching.MATCH_THRESHOLD, "TITLE_WEIGHT": matching.TITLE_WEIGHT,
                      "CONTAINMENT_THRESHOLD": matching.CONTAINMENT_THRESHOLD,
                      "CONTAINMENT_MIN_SIMILARITY": matching.CONTAINMENT_MIN_SIMILARITY,
                      "MIN_COMMON": MIN_COMMON, "MIN_CLAUSE_RATIO": MIN_CLAUSE_RATIO},
    }, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(["node", "--test", str(ROOT / "tests" / "js" / "compare.test.mjs")],
                            env={"COMPARE_CASES": str(tmp_path / "cases.json"), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
