"""The built site in a real browser (Debian chromium + Playwright), in both hosting modes:
served on 127.0.0.1 under a sub-path, and opened from the file system (file://).
Every test also checks that no request left the host and no console error occurred."""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import unquote, urlparse

import pytest

from devtools.browser import Browser, serve

pytestmark = pytest.mark.browser
SUB_PATH = "/intranet/plans/"
MODES = ["http-subpath", "file"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        session = Browser(playwright, tmp_path_factory.mktemp("chromium-profile"))
        yield session
        session.close()


@pytest.fixture
def clean_browser(browser):
    browser.external_requests.clear()
    browser.console_errors.clear()
    yield browser
    assert not browser.external_requests, f"requests left the host: {browser.external_requests}"
    assert not browser.console_errors, f"console errors: {browser.console_errors}"


@contextmanager
def hosted(site, mode: str, browser: Browser):
    """The site's base URL in this mode; the page is left before the server stops,
    so that no late request of a closed page is reported as an error."""
    try:
        if mode == "file":
            yield site.resolve().as_uri() + "/"
        else:
            with serve(site, SUB_PATH) as base:
                try:
                    yield base
                finally:
                    browser.page.goto("about:blank")
    finally:
        browser.page.goto("about:blank")


def page_and_anchor(link: str) -> str:
    parsed = urlparse(link)
    return f"{unquote(parsed.path).rsplit('/', 1)[-1]}#{unquote(parsed.fragment)}"


def notices_in(links: list[str]) -> set[str]:
    return {unquote(urlparse(link).path).rsplit("/", 1)[-1] for link in links if "/notices/" in link}


@pytest.mark.parametrize("mode", MODES)
def test_home_page_loads_cleanly(clean_browser, corpus_site, mode):
    with hosted(corpus_site.site, mode, clean_browser) as base:
        clean_browser.page.goto(base + "index.html")
        clean_browser.page.wait_for_load_state("networkidle")
        assert clean_browser.page.locator("article h1").inner_text().rstrip("#") == "教育工作要点汇编"
        assert clean_browser.page.locator("input.md-search__input").is_visible()
        links = clean_browser.page.eval_on_selector_all("article a[href*='notices/']", "a => a.map(e => e.href)")
        assert len(set(links)) == len(corpus_site.report.notices)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("query", ["双减", "学前教育", "办公室", "队伍"])
def test_search_results_span_notices_and_land_on_the_task(clean_browser, corpus_site, mode, query):
    """队伍 sits inside longer words (教师队伍); 办公室 inside 局办公室."""
    with hosted(corpus_site.site, mode, clean_browser) as base:
        page = clean_browser.page
        page.goto(base + "index.html")
        links = clean_browser.search(query)
        assert len(notices_in(links)) > 1, f"{query}: results from one notice only"
        task_link = page.locator("a.md-search-result__link[href*='#task-']:visible").first
        target = page_and_anchor(task_link.get_attribute("href"))
        task_link.click()
        page.wait_for_load_state()
        anchor = unquote(urlparse(page.url).fragment)
        assert page_and_anchor(page.url) == target and anchor.startswith("task-")
        heading = page.locator(f"[id='{anchor}']")
        box = heading.bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"], "task heading not in view"
        # The page highlights the query's bigrams: all of a two-character query, the first
        # pair of a longer one (办公 of 办公室: the pairs overlap).
        marked = page.locator("article mark").all_inner_texts()
        assert query[:2] in marked, f"query not highlighted: {marked[:5]}"


@pytest.mark.parametrize("word", ["双减", "学前教育"])
def test_search_finds_every_task_containing_a_word(clean_browser, corpus_site, word):
    with hosted(corpus_site.site, "http-subpath", clean_browser) as base:
        clean_browser.page.goto(base + "index.html")
        links = clean_browser.search(word)
    expected = {f"{n.id}.html#{i.anchor}" for n in corpus_site.report.notices for i in n.items if word in i.text}
    assert len({a.split("#")[0] for a in expected}) > 1, "the word should occur in several notices"
    missing = expected - {page_and_anchor(link) for link in links}
    assert not missing, f"search for {word} missed {sorted(missing)}"
    assert all(urlparse(link).path.startswith(SUB_PATH) for link in links)


def test_search_finds_theme_pages_by_their_chinese_name(clean_browser, corpus_site):
    with hosted(corpus_site.site, "http-subpath", clean_browser) as base:
        clean_browser.page.goto(base + "index.html")
        for theme in corpus_site.report.vocabulary.themes[:6]:
            links = clean_browser.search(theme.name)
            pages = [urlparse(link).path.rsplit("/", 1)[-1] for link in links]
            assert f"{theme.slug}.html" in pages, theme.name


@pytest.mark.parametrize("mode", MODES)
def test_theme_chip_and_tags_index_navigate_to_the_right_pages(clean_browser, corpus_site, mode):
    vocabulary = corpus_site.report.vocabulary
    notice = next(n for n in corpus_site.report.notices if n.id == "2024-baoshan-004")
    item = notice.items[11]
    with hosted(corpus_site.site, mode, clean_browser) as base:
        page = clean_browser.page
        page.goto(f"{base}notices/{notice.id}.html#{item.anchor}")
        page.locator(f"#{item.anchor} ~ p.task-themes a.theme-chip").first.click()
        page.wait_for_load_state()
        assert page.url == f"{base}themes/{item.themes[0]}.html"
        assert page.locator("article h1").inner_text().rstrip("#") == vocabulary[item.themes[0]].name
        # From the theme page back to the task's anchor.
        page.locator(f"article a[href$='{notice.id}.html#{item.anchor}']").click()
        page.wait_for_load_state()
        assert page.url.endswith(f"notices/{notice.id}.html#{item.anchor}")
        # A tag at the top of the notice page leads to the tags index, and on to the theme.
        tag = vocabulary[item.themes[0]].name
        page.locator(".md-tags .md-tag", has_text=tag).first.click()
        page.wait_for_load_state()
        assert page.url.split("#")[0] == f"{base}tags.html"
        assert unquote(urlparse(page.url).fragment) == f"tag:{tag}"
        page.locator(f"[id='tag:{tag}'] ~ ul a").first.click()
        page.wait_for_load_state()
        assert "/notices/" in page.url and tag in page.locator(".md-tags").inner_text()


def test_a_notice_prints_without_navigation_and_with_its_footnotes(clean_browser, corpus_site):
    with hosted(corpus_site.site, "file", clean_browser) as base:
        page = clean_browser.page
        page.goto(f"{base}notices/2024-baoshan-004.html")
        page.emulate_media(media="print")
        try:
            for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
                assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
            assert page.locator(".footnote").is_visible()
            assert page.locator(".footnote li").count() == 3
            assert page.locator("article h1").is_visible()
        finally:
            page.emulate_media(media="screen")


@pytest.mark.parametrize("query", ["双减", "队伍"])
def test_pagefind_search_page_filters_and_lands_on_tasks(clean_browser, pagefind_site, query):
    """extra.search_engine: pagefind: the search page shows results from several notices,
    year / issuer / theme filters, and a task's sub-result lands on its anchor."""
    with hosted(pagefind_site.site, "http-subpath", clean_browser) as base:
        page = clean_browser.page
        page.goto(base + "search.html")
        assert page.locator("input.md-search__input").count() == 0  # Material's search is off
        page.locator("#pagefind-search input").fill(query)
        # Pagefind loads results five at a time and its filters after them: wait for both.
        page.wait_for_function("""() => new Set([...document.querySelectorAll('.pagefind-ui__result a')]
                .map(a => a.href).filter(h => h.includes('/notices/')).map(h => h.split('#')[0])).size > 1
            && /主题/.test((document.querySelector('.pagefind-ui__filter-panel') || {}).innerText || '')""")
        links = page.eval_on_selector_all(".pagefind-ui__result a", "a => a.map(e => e.href)")
        assert len(notices_in(links)) > 1
        filters = page.locator(".pagefind-ui__filter-panel").inner_text()
        assert all(name in filters for name in ("年度", "发布机关", "主题"))
        task = page.locator(".pagefind-ui__result a[href*='/notices/'][href*='#task-']").first
        target = page_and_anchor(task.get_attribute("href"))
        task.click()
        page.wait_for_load_state()
        assert page_and_anchor(page.url) == target
        anchor = unquote(urlparse(page.url).fragment)
        box = page.locator(f"[id='{anchor}']").bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
