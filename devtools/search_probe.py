"""Run queries through a built site's own search engine, in headless chromium.

Material: the site's search worker, loaded with the site's index, answers each
query as the search box would. Pagefind: the site's pagefind.js module.
Used by the search-recall tests and by the benchmark.
"""

from __future__ import annotations

from .browser import Browser

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


RUN_PAGEFIND_QUERIES = """async ({base, queries}) => {
  const pagefind = await import(base + "pagefind/pagefind.js");
  const results = {};
  for (const query of queries) {
    const found = await pagefind.search(query);
    const pages = await Promise.all(found.results.map(r => r.data()));
    results[query] = pages.flatMap(p => [p.url, ...p.sub_results.map(s => s.url)]);
  }
  return results;
}"""


def run_queries(browser: Browser, base: str, queries: list[str], engine: str = "material") -> dict[str, list[str]]:
    """Each query's result locations, from the built site's own search engine."""
    page = browser.page
    page.goto(base + "index.html")
    if engine == "pagefind":
        return page.evaluate(RUN_PAGEFIND_QUERIES, {"base": base, "queries": queries})
    worker = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).search")
    return page.evaluate(RUN_QUERIES, {"workerUrl": base + worker, "indexUrl": base + "search/search_index.json",
                                       "queries": queries})
