"""The generated Markdown equals the reviewed golden files (regenerate: python -m tests.golden)."""

from __future__ import annotations

import difflib

import pytest

from .golden import SETS, generate, stored


@pytest.mark.parametrize("name", sorted(SETS))
def test_generated_pages_match_the_golden_files(name):
    expected, actual = stored(name), generate(SETS[name])
    assert expected, f"no golden files for {name}: run .venv/bin/python -m tests.golden"
    assert sorted(actual) == sorted(expected), "pages added or removed: run python -m tests.golden and review"
    for path in sorted(expected):
        if actual[path] != expected[path]:
            diff = "".join(difflib.unified_diff(expected[path].splitlines(True), actual[path].splitlines(True),
                                                f"golden/{name}/{path}", "generated", n=1))
            pytest.fail(f"{path} differs from its golden file (python -m tests.golden to accept):\n{diff[:4000]}")
