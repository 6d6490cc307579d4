"""The built site in a real browser (Debian chromium + Playwright), in both hosting modes:
served on 127.0.0.1 under a sub-path, and opened from the file system (file://).
Every test also checks that no request left the host and no console error occurred."""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import quote, unquote, urlparse

import pytest

from devtools.browser import Browser, serve

pytestmark = pytest.mark.browser
SUB_PATH = "/intranet/plans/"
MODES = ["http-subpath", "file"]


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
        assert clean_browser.page.locator("#wp-header-q").is_visible()
        links = clean_browser.page.eval_on_selector_all("article a[href*='notices/']", "a => a.map(e => e.href)")
        notice_links = {link for link in links if "/notices/year-" not in link}
        year_links = {link for link in links if "/notices/year-" in link}
        assert len(notice_links) == len(corpus_site.report.notices)  # the latest notices
        assert len(year_links) == len({n.year for n in corpus_site.report.notices})


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("query", ["双减", "学前教育", "办公室", "队伍"])
def test_search_results_span_notices_and_land_on_the_task(clean_browser, corpus_site, mode, query):
    """队伍 sits inside longer words (教师队伍); 办公室 inside 局办公室."""
    with hosted(corpus_site.site, mode, clean_browser) as base:
        page = clean_browser.page
        page.goto(base + "index.html")
        links = clean_browser.search(query)
        assert len(notices_in(links)) > 1, f"{query}: results from one notice only"
        assert page.url.startswith(base + "search.html?q=")  # a result page whose address can be shared
        task_link = page.locator(".wp-tasks a[href*='#task-']").first
        target = page_and_anchor(task_link.get_attribute("href"))
        task_link.click()
        page.wait_for_load_state()
        anchor = unquote(urlparse(page.url).fragment)
        assert page_and_anchor(page.url) == target and anchor.startswith("task-")
        heading = page.locator(f"[id='{anchor}']")
        box = heading.bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"], "task heading not in view"
        page.wait_for_selector("article mark.wp-hit")
        marked = page.locator("article mark.wp-hit").all_inner_texts()
        assert query in marked, f"query not highlighted: {marked[:5]}"


@pytest.mark.parametrize("word", ["双减", "学前教育"])
def test_search_finds_every_task_containing_a_word(clean_browser, corpus_site, word):
    with hosted(corpus_site.site, "http-subpath", clean_browser) as base:
        clean_browser.page.goto(base + "index.html")
        links = clean_browser.search(word)
    expected = {f"{n.id}.html#{i.anchor}" for n in corpus_site.report.notices for i in n.items if word in i.text}
    assert len({a.split("#")[0] for a in expected}) > 1, "the word should occur in several notices"
    assert {page_and_anchor(link) for link in links} == expected
    assert all(urlparse(link).path.startswith(SUB_PATH) for link in links)


def test_a_shared_search_address_with_filters_shows_the_same_results(clean_browser, corpus_site):
    notices = corpus_site.report.notices
    with hosted(corpus_site.site, "file", clean_browser) as base:
        page = clean_browser.page
        page.goto(base + "search.html?q=" + quote("课程") + "&year=2024&theme=curriculum")
        clean_browser.wait_for_results()
        clean_browser.show_all_results()
        links = {page_and_anchor(a) for a in page.eval_on_selector_all(".wp-tasks a", "els => els.map(e => e.href)")}
        expected = {f"{n.id}.html#{i.anchor}" for n in notices for i in n.items
                    if n.year == 2024 and "curriculum" in i.themes and "课程" in i.text}
        assert links == expected and expected
        assert page.locator("#wp-year").input_value() == "2024"
        assert page.locator("#wp-theme").input_value() == "curriculum"
        page.locator("#wp-year").select_option("")
        clean_browser.wait_for_results()
        assert "year=" not in page.url and "theme=curriculum" in page.url


def test_a_departments_count_opens_exactly_its_tasks(clean_browser, corpus_site):
    hongkou = next(n for n in corpus_site.report.notices if n.id == "2022-hongkou-002")
    expected = {f"{hongkou.id}.html#{i.anchor}" for i in hongkou.items if "办公室" in i.departments}
    with hosted(corpus_site.site, "http-subpath", clean_browser) as base:
        page = clean_browser.page
        page.goto(base + "departments.html")
        page.locator(f"a[href*='department=%E5%8A%9E%E5%85%AC%E5%AE%A4&issuer={quote(hongkou.issuer)}']").click()
        clean_browser.wait_for_results()
        links = {page_and_anchor(a) for a in page.eval_on_selector_all(".wp-tasks a", "els => els.map(e => e.href)")}
        assert links == expected and "责任部门：办公室" in page.locator(".wp-department").inner_text()


def test_the_slash_key_focuses_the_search_box(clean_browser, corpus_site):
    with hosted(corpus_site.site, "http-subpath", clean_browser) as base:
        page = clean_browser.page
        page.goto(base + "years.html")
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "wp-header-q"


@pytest.mark.parametrize("mode", MODES)
def test_theme_chip_navigates_to_the_theme_and_back_to_the_task(clean_browser, corpus_site, mode):
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
        page.locator(f"article .theme-tasks a[href$='{notice.id}.html#{item.anchor}']").click()
        page.wait_for_load_state()
        assert page.url.endswith(f"notices/{notice.id}.html#{item.anchor}")


@pytest.mark.parametrize("mode", MODES)
def test_related_tasks_show_under_each_task_and_lead_to_the_task(clean_browser, corpus_site, mode):
    """The lists come from the notice's piece (related/<id>.js), loaded as a script."""
    with hosted(corpus_site.site, mode, clean_browser) as base:
        page = clean_browser.page
        page.goto(base + "notices/2024-minhang-000.html")
        box = page.locator(".related-tasks[data-task='task-14']")
        box.locator("a").first.wait_for()
        assert box.locator("p").inner_text() == "相关任务："
        links = box.locator("a")
        targets = [page_and_anchor(links.nth(i).evaluate("a => a.href")) for i in range(links.count())]
        assert "2022-hongkou-002.html#task-14" in targets
        assert links.nth(targets.index("2022-hongkou-002.html#task-14")).inner_text().startswith("虹口区教育局2022年工作要点 · ")
        empty = page.locator(".related-tasks:empty")
        assert all(not empty.nth(i).is_visible() for i in range(empty.count()))
        links.nth(targets.index("2022-hongkou-002.html#task-14")).click()
        page.wait_for_load_state()
        assert page_and_anchor(page.url) == "2022-hongkou-002.html#task-14"
        page.locator(".related-tasks[data-task='task-14'] a").first.wait_for()  # that page's lists load too


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
