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

from .browser import Browser, serve

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
RECALL_FLOOR = 0.95
PRECISION_FLOOR = 0.90
INSIDE_WORD_RECALL_FLOOR = 0.95

RUN_QUERIES = """async ({workerUrl, indexUrl, queries}) => {
  const index = await (await fetch(indexUrl)).json();
  index.options = {suggest: false};
  const worker = new Worker(workerUrl);
  const next = () => new Promise(resolve =>
    worker.addEventListener("message", event => resolve(event.data), {once: true}));
  worker.postMessage({type: 0, data: index});
  await next();
  const results = {};
  for (const query of queries) {
    worker.postMessage({type: 2, data: query});
    const message = await next();
    results[query] = message.data.items.flat().filter(d => d.score > 0).map(d => d.location);
  }
  worker.terminate();
  return results;
}"""


def task_text(item) -> str:
    return "\n".join([item.title, *item.paragraphs, *(note.text for note in item.department_notes)])


def run_queries(browser: Browser, base: str, queries: list[str]) -> dict[str, list[str]]:
    page = browser.page
    page.goto(base + "index.html")
    worker = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).search")
    return page.evaluate(RUN_QUERIES, {"workerUrl": base + worker, "indexUrl": base + "search/search_index.json",
                                       "queries": queries})


@pytest.fixture(scope="module")
def search_results(corpus_site, tmp_path_factory):
    from playwright.sync_api import sync_playwright
    queries = [q for group in QUERIES.values() for q in group]
    with sync_playwright() as playwright, serve(corpus_site.site, "/plans/") as base:
        browser = Browser(playwright, tmp_path_factory.mktemp("search-profile"))
        try:
            results = run_queries(browser, base, queries)
            browser.page.goto("about:blank")
        finally:
            browser.close()
    assert not browser.external_requests and not browser.console_errors
    return results


def scores(corpus_site, results: dict[str, list[str]], queries: list[str]) -> tuple[float, float, list[str]]:
    notices = corpus_site.report.notices
    found = expected_total = returned_total = 0
    misses = []
    for query in queries:
        expected = {f"{n.id}.html#{i.anchor}" for n in notices for i in n.items if query in task_text(i)}
        assert expected, f"query {query!r} occurs in no task: fix tests/search_queries.yml"
        returned = {unquote(urlparse(loc).path).rsplit("/", 1)[-1] + "#" + urlparse(loc).fragment
                    for loc in results[query] if "#task-" in loc}
        found += len(expected & returned)
        expected_total += len(expected)
        returned_total += len(returned)
        misses += [f"{query}: missed {sorted(expected - returned)}"] if expected - returned else []
    return found / expected_total, (found / returned_total if returned_total else 0.0), misses


def test_query_set_is_big_enough_and_covers_the_kinds_of_queries():
    assert sum(len(group) for group in QUERIES.values()) >= 60
    assert set(QUERIES) == {"themes", "initiatives", "departments", "inside_words", "numbers"}


def test_search_recall_and_precision_on_the_query_set(corpus_site, search_results, search_metrics):
    all_queries = [q for group in QUERIES.values() for q in group]
    recall, precision, misses = scores(corpus_site, search_results, all_queries)
    search_metrics["all"] = (recall, precision, len(all_queries))
    for name, group in QUERIES.items():
        search_metrics[name] = (*scores(corpus_site, search_results, group)[:2], len(group))
    assert recall >= RECALL_FLOOR, f"recall {recall:.3f} < {RECALL_FLOOR}: " + "; ".join(misses[:10])
    assert precision >= PRECISION_FLOOR, f"precision {precision:.3f} < {PRECISION_FLOOR}"
    inside_recall = search_metrics["inside_words"][0]
    assert inside_recall >= INSIDE_WORD_RECALL_FLOOR, f"inside-a-word recall {inside_recall:.3f}"


def test_theme_and_glossary_pages_are_found_by_their_names(corpus_site, search_results, tmp_path):
    from playwright.sync_api import sync_playwright
    names = [t.name for t in corpus_site.report.vocabulary.themes] + ["工作名称", "年度索引", "责任部门"]
    with sync_playwright() as playwright, serve(corpus_site.site, "/plans/") as base:
        browser = Browser(playwright, tmp_path / "profile")
        try:
            results = run_queries(browser, base, names)
            browser.page.goto("about:blank")
        finally:
            browser.close()
    pages = {t.name: f"themes/{t.slug}.html" for t in corpus_site.report.vocabulary.themes}
    pages.update({"工作名称": "glossary.html", "年度索引": "years.html", "责任部门": "departments.html"})
    for name, page in pages.items():
        assert any(urlparse(loc).path.endswith(page) for loc in results[name]), f"{name} → {page}"
