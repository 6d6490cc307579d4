"""Search recall and precision on a query set, measured with the site's own search engine.

The queries (tests/search_queries.yml) run through Material's search worker, as
built (with the bigram field and the patched query segmentation), in headless
chromium. Expected results for a query: the tasks whose text (title, paragraphs,
department notes) contains it. Figures are printed at the end of the test run.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml

from devtools.browser import Browser, serve
from devtools.search_probe import run_queries, task_text

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
# Floors per engine (measured on the default corpus: see README, "Search").
FLOORS = {
    "material": {"recall": 0.95, "precision": 0.90, "inside_words": 0.95},
    # Pagefind matches a Chinese query character by character and lists every section of a
    # matching page: recall holds, precision does not (README, "Search": which mode to pick).
    "pagefind": {"recall": 0.93, "precision": 0.15, "inside_words": 0.95},
}

def query_site(site, queries: list[str], engine: str, profile) -> dict[str, list[str]]:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright, serve(site, "/plans/") as base:
        browser = Browser(playwright, profile)
        try:
            results = run_queries(browser, base, queries, engine)
            browser.page.goto("about:blank")
        finally:
            browser.close()
    assert not browser.external_requests and not browser.console_errors
    return results


@pytest.fixture(scope="module", params=["material", "pagefind"])
def engine_results(request, corpus_site, tmp_path_factory):
    site = corpus_site if request.param == "material" else request.getfixturevalue("pagefind_site")
    queries = [q for group in QUERIES.values() for q in group]
    return request.param, site, query_site(site.site, queries, request.param, tmp_path_factory.mktemp("profile"))


def scores(corpus_site, results: dict[str, list[str]], queries: list[str]) -> tuple[float, float, list[str]]:
    notices = corpus_site.report.notices
    found = expected_total = returned_total = 0
    misses = []
    for query in queries:
        expected = {f"{n.id}.html#{i.anchor}" for n in notices for i in n.items if query in task_text(i)}
        assert expected, f"query {query!r} occurs in no task: fix tests/search_queries.yml"
        returned = {unquote(urlparse(loc).path).rsplit("/", 1)[-1] + "#" + urlparse(loc).fragment
                    for loc in results[query] if "#task-" in loc and "/notices/" in "/" + loc}
        found += len(expected & returned)
        expected_total += len(expected)
        returned_total += len(returned)
        misses += [f"{query}: missed {sorted(expected - returned)}"] if expected - returned else []
    return found / expected_total, (found / returned_total if returned_total else 0.0), misses


def test_query_set_is_big_enough_and_covers_the_kinds_of_queries():
    assert sum(len(group) for group in QUERIES.values()) >= 60
    assert set(QUERIES) == {"themes", "initiatives", "departments", "inside_words", "numbers"}


def test_search_recall_and_precision_on_the_query_set(engine_results, search_metrics):
    engine, site, results = engine_results
    floors = FLOORS[engine]
    all_queries = [q for group in QUERIES.values() for q in group]
    recall, precision, misses = scores(site, results, all_queries)
    search_metrics[f"{engine}: all"] = (recall, precision, len(all_queries))
    for name, group in QUERIES.items():
        search_metrics[f"{engine}: {name}"] = (*scores(site, results, group)[:2], len(group))
    assert recall >= floors["recall"], f"{engine} recall {recall:.3f}: " + "; ".join(misses[:10])
    assert precision >= floors["precision"], f"{engine} precision {precision:.3f}"
    inside_recall = search_metrics[f"{engine}: inside_words"][0]
    assert inside_recall >= floors["inside_words"], f"{engine} inside-a-word recall {inside_recall:.3f}"


@pytest.mark.parametrize("engine", ["material", "pagefind"])
def test_theme_and_glossary_pages_are_found_by_their_names(request, engine, tmp_path):
    site = request.getfixturevalue("corpus_site" if engine == "material" else "pagefind_site")
    names = [t.name for t in site.report.vocabulary.themes] + ["工作名称", "年度索引", "责任部门"]
    results = query_site(site.site, names, engine, tmp_path / "profile")
    pages = {t.name: f"themes/{t.slug}.html" for t in site.report.vocabulary.themes}
    pages.update({"工作名称": "glossary.html", "年度索引": "years.html", "责任部门": "departments.html"})
    missed = [f"{name} → {page}" for name, page in pages.items()
              if not any(urlparse(loc).path.endswith(page) for loc in results[name])]
    # Material finds every page by its name. Pagefind's Chinese segmentation loses some
    # (on this corpus 民办教育, 评价与督导, 区域合作与对口支援, 疫情防控): at most one in six.
    allowed = 0 if engine == "material" else len(pages) // 6
    assert len(missed) <= allowed, missed
