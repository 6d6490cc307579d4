"""Search recall and precision on a query set, measured with the site's own search in headless chromium.

The queries (tests/search_queries.yml) run through the built site's search client,
loading its index piece by piece over http under a sub-path. Expected results for a
query: the tasks whose text (title, paragraphs, department notes) contains it, once
normalised as the index is (NFKC, lower case, no spaces). Figures are printed at the
end of the test run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_scripts.render.search_index import normalise
from devtools.browser import Browser, serve
from devtools.search_probe import run_queries, task_text

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine_results(corpus_site, tmp_path_factory):
    from playwright.sync_api import sync_playwright
    queries = [q for group in QUERIES.values() for q in group]
    with sync_playwright() as playwright, serve(corpus_site.site, "/plans/") as base:
        browser = Browser(playwright, tmp_path_factory.mktemp("profile"))
        try:
            results = run_queries(browser, base, queries)
        finally:
            browser.close()
    assert not browser.external_requests and not browser.console_errors
    return results


def scores(notices, results: dict[str, list[str]], queries: list[str]) -> tuple[float, float, list[str]]:
    found = expected_total = returned_total = 0
    misses = []
    for query in queries:
        expected = {f"notices/{n.id}.html#{i.anchor}" for n in notices for i in n.items
                    if normalise(query) in normalise(task_text(i))}
        assert expected, f"query {query!r} occurs in no task: fix tests/search_queries.yml"
        returned = set(results[query])
        found += len(expected & returned)
        expected_total += len(expected)
        returned_total += len(returned)
        misses += [f"{query}: missed {sorted(expected - returned)} extra {sorted(returned - expected)}"] \
            if expected != returned else []
    return found / expected_total, (found / returned_total if returned_total else 0.0), misses


def test_query_set_is_big_enough_and_covers_the_kinds_of_queries():
    assert sum(len(group) for group in QUERIES.values()) >= 60
    assert set(QUERIES) == {"themes", "initiatives", "departments", "inside_words", "numbers"}


def test_search_is_exact_on_the_query_set(corpus_site, engine_results, search_metrics):
    notices = corpus_site.report.notices
    all_queries = [q for group in QUERIES.values() for q in group]
    recall, precision, misses = scores(notices, engine_results, all_queries)
    search_metrics["all"] = (recall, precision, len(all_queries))
    for name, group in QUERIES.items():
        search_metrics[name] = (*scores(notices, engine_results, group)[:2], len(group))
    assert misses == [] and recall == precision == 1.0
