"""In a real browser: the built site's Chinese search finds the tasks that contain a word."""

from __future__ import annotations

from urllib.parse import urlparse

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
