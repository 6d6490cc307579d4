"""In a real browser: the built site's Chinese search finds the tasks that contain a word."""

from __future__ import annotations

from urllib.parse import unquote, urlparse

import pytest

from .browser import Browser, serve

pytestmark = pytest.mark.browser
SUB_PATH = "/intranet/plans/"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        session = Browser(playwright, tmp_path_factory.mktemp("chromium-profile"))
        yield session
        session.close()


def result_anchors(links: list[str]) -> set[str]:
    anchors = set()
    for link in links:
        parsed = urlparse(link)
        anchors.add(f"{parsed.path.rsplit('/', 1)[-1]}#{parsed.fragment}")
    return anchors


def expected_anchors(notices, word: str) -> set[str]:
    return {f"{n.id}.html#{i.anchor}" for n in notices for i in n.items if word in i.text}


@pytest.mark.parametrize("word", ["双减", "学前教育"])
def test_search_finds_every_task_containing_a_word(browser, corpus_site, word):
    with serve(corpus_site.site, SUB_PATH) as base:
        browser.page.goto(base + "index.html")
        links = browser.search(word)
    expected = expected_anchors(corpus_site.report.notices, word)
    assert len({a.split("#")[0] for a in expected}) > 1, "the word should occur in several notices"
    missing = expected - result_anchors(links)
    assert not missing, f"search for {word} missed {sorted(missing)}"
    assert all(urlparse(link).path.startswith(SUB_PATH) for link in links)
    assert not browser.external_requests
    assert not browser.console_errors


def test_search_finds_theme_pages_by_their_chinese_name(browser, corpus_site):
    with serve(corpus_site.site, SUB_PATH) as base:
        browser.page.goto(base + "index.html")
        for theme in corpus_site.report.vocabulary.themes[:6]:
            links = browser.search(theme.name)
            pages = [urlparse(link).path.rsplit("/", 1)[-1] for link in links]
            assert f"{theme.slug}.html" in pages, theme.name
    assert not browser.external_requests and not browser.console_errors


def test_theme_chip_and_tags_index_navigate_to_the_right_pages(browser, corpus_site):
    vocabulary = corpus_site.report.vocabulary
    notice = next(n for n in corpus_site.report.notices if n.id == "2024-baoshan-004")
    item = notice.items[11]
    with serve(corpus_site.site, SUB_PATH) as base:
        page = browser.page
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
        assert urlparse(page.url).path == f"{SUB_PATH}tags.html"
        assert unquote(urlparse(page.url).fragment) == f"tag:{tag}"
        assert page.locator(f"[id='tag:{tag}']").count() == 1
    assert not browser.external_requests and not browser.console_errors
