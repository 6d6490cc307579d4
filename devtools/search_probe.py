"""Run queries through a built site's own search engine, in headless chromium.

The site's search client (assets/javascripts/workplans-search.js) answers each
query with every result, exactly as the search page does. Used by the
search-recall tests and by the benchmark.
"""

from __future__ import annotations

from build_scripts.render.search_index import task_text  # noqa: F401 (the text a task is found by)

from .browser import Browser

RUN_QUERIES = """async ({queries}) => {
  const results = {};
  for (const query of queries) {
    const found = await window.workplansSearch.engine.all(query);
    results[query] = found.map(r => r.url + "#" + r.anchor);
  }
  return results;
}"""


def run_queries(browser: Browser, base: str, queries: list[str]) -> dict[str, list[str]]:
    """Each query's results as "notices/<id>.html#<anchor>", from the built site's own client."""
    page = browser.page
    page.goto(base + "index.html")
    page.wait_for_function("() => window.workplansSearch && window.workplansSearch.engine")
    return page.evaluate(RUN_QUERIES, {"queries": queries})
