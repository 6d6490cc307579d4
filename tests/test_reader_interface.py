"""What a reader meets, on every page type, at desktop and phone sizes: a Chinese interface (no
English interface string on any built page), a landing page whose links all lead somewhere, a 404
page styled at any address, originals that show right from any server, no serious or critical
axe-core violation, and search, facets and toggles that work from the keyboard."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT
from .test_browser import MODES, clean_browser, hosted  # noqa: F401 - fixtures

AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP, PHONE = {"width": 1440, "height": 900}, {"width": 390, "height": 844}
# Names that are themselves the thing meant (file formats and standards), allowed in Chinese text.
ALLOWED_LATIN = {"csv", "excel", "json", "schema", "atom", "utf", "bom", "javascript", "yaml", "txt", "pdf", "docx",
                 "doc", "wps", "html", "htm", "xlsx", "xml", "id"}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
LABELS = ("title", "aria-label", "placeholder", "alt")


def source_words(sources: Path) -> set[str]:
    """Latin words the notices themselves contain (STEM, ITSM…) and their file names: data, not interface."""
    words = set()
    for path in sources.rglob("*"):
        if path.is_file():
            words |= {w.lower() for w in LATIN_WORD.findall(path.name)}
            if path.suffix in (".txt", ".htm", ".html", ".yml"):
                words |= {w.lower() for w in LATIN_WORD.findall(path.read_text(encoding="utf-8", errors="ignore"))}
    return words


def interface_latin(html: str) -> set[str]:
    """Latin words in the page's visible text and labels, scripts and styles left out."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "svg"]):
        tag.decompose()
    texts = [soup.get_text(" ")] + [tag[name] for name in LABELS for tag in soup.find_all(attrs={name: True})]
    return {w.lower() for text in texts for w in LATIN_WORD.findall(text)}


def test_every_page_speaks_chinese(comparison_site):
    known = source_words(comparison_site.project.parent) | source_words(ROOT / "sources") | ALLOWED_LATIN
    offenders = {}
    pages = sorted(comparison_site.site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        english = interface_latin(page.read_text(encoding="utf-8")) - known
        if english:
            offenders[page.relative_to(comparison_site.site).as_posix()] = sorted(english)
    assert not offenders, offenders


def test_footer_and_footnotes_say_nothing_in_english(corpus_site):
    notice = next(n for n in corpus_site.report.notices if n.footnotes)
    html = (corpus_site.site / "notices" / f"{notice.id}.html").read_text(encoding="utf-8")
    for english in ("Made with", "Material for MkDocs", "Jump back to footnote", "Skip to content", "Back to top"):
        assert english not in html
    assert "返回正文中第 1 个脚注处" in html


def test_the_404_page_is_styled_without_any_file_of_the_site(corpus_site):
    page = BeautifulSoup((corpus_site.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("style") and not page.select("link[rel=stylesheet], script[src], img[src]")
    assert page.find("h1").get_text() == "页面不存在（404）"
    home = page.find("a", string="返回首页")["href"]
    assert home.startswith("/") and "//" not in home


def test_text_originals_carry_a_bom_and_have_a_page(corpus_site):
    for notice in corpus_site.report.notices:
        original = corpus_site.site / "originals" / f"{notice.id}.txt"
        assert original.read_bytes().startswith(b"\xef\xbb\xbf")
        view = BeautifulSoup((corpus_site.site / "originals" / f"{notice.id}.html").read_text(encoding="utf-8"),
                             "html.parser")
        text = view.select_one(".original-text").get_text("\n")
        assert text.replace("\n", "") == original.read_text(encoding="utf-8-sig").replace("\n", "")
        notice_page = BeautifulSoup((corpus_site.site / "notices" / f"{notice.id}.html").read_text(encoding="utf-8"),
                                    "html.parser")
        assert notice_page.select_one(f"dl.notice-meta a[href='../originals/{notice.id}.html']")


def test_the_landing_page_leads_everywhere(corpus_site):
    page = BeautifulSoup((corpus_site.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    assert article.select_one("form.home-search input[name=q]")
    tiles = article.select("ul.theme-grid a")
    assert len(tiles) == len(corpus_site.report.vocabulary.themes)
    assert all(re.search(r"\d+ 项$", tile.get_text()) for tile in tiles)
    for link in {a["href"] for a in article.select("a[href]") if not a["href"].startswith("#")}:
        target = corpus_site.site / unquote(urlparse(link).path)
        assert target.is_file(), link
    sections = [h.get_text().rstrip("#").strip() for h in article.select("h2")]
    assert sections[:4] == ["按主题", "按年度", "按发布机关", "最新文件"]


PAGE_TYPES = {
    "home": "index.html", "notice": "notices/2025-minhang-edited.html", "theme": "themes/preschool.html",
    "years": "years.html", "issuer": "issuers/上海市闵行区教育局.html", "side-by-side": "compare/2025-minhang-edited.html",
    "any-two": "compare/index.html?a=2024-minhang-000&b=2025-minhang-edited", "search": "search.html?q=教师队伍",
    "downloads": "downloads.html", "glossary": "glossary.html", "departments": "departments.html",
    "about": "about.html", "original": "originals/2024-minhang-000.html", "year": "notices/year-2024.html",
    "issuers": "issuers/index.html", "not-found": "404.html",
}


@pytest.mark.browser
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_no_serious_accessibility_violations_on_any_page_type(clean_browser, comparison_site, size):
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run scripts/setup-node.sh (./test.sh does)")
    page = clean_browser.page
    page.set_viewport_size(DESKTOP if size == "desktop" else PHONE)
    found = {}
    try:
        with hosted(comparison_site.site, "http-subpath", clean_browser) as base:
            for name, address in PAGE_TYPES.items():
                page.goto(base + address)
                page.wait_for_load_state("networkidle")
                if name == "any-two":
                    page.locator("#wp-compare-result table.side-by-side").wait_for()
                if name == "search":
                    page.locator(".wp-result, .wp-results li").first.wait_for()
                page.add_script_tag(path=str(AXE))
                violations = page.evaluate("""() => axe.run(document, {resultTypes: ['violations']}).then(r =>
                    r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))""")
                if violations:
                    found[name] = violations
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    assert not found, found


@pytest.mark.browser
def test_search_facets_and_toggles_work_from_the_keyboard(clean_browser, comparison_site):
    page = clean_browser.page
    with hosted(comparison_site.site, "http-subpath", clean_browser) as base:
        page.goto(base + "index.html")
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") in ("wp-header-q", "home-q")
        page.keyboard.type("教师队伍")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"search\.html\?q="))
        results = page.locator("#workplans-search a[href*='notices/']")
        results.first.wait_for()
        before = results.count()
        year = page.locator("#workplans-search select").first
        year.focus()
        page.keyboard.press("ArrowDown")
        page.wait_for_function("() => location.search.includes('year=') || location.search.includes('issuer=')")
        page.locator("#workplans-search a[href*='notices/']").first.wait_for()
        assert page.locator("#workplans-search a[href*='notices/']").count() <= before
        # A collapsed redline opens from the keyboard.
        page.goto(base + "notices/2025-minhang-edited.html")
        summary = page.locator("details.redline summary").first
        summary.focus()
        page.keyboard.press("Enter")
        assert page.locator("details.redline").first.get_attribute("open") is not None
        # The copy-link button is a real button, reachable and operable from the keyboard.
        button = page.locator("button.wp-copy-link").first
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('[role=status]').textContent.includes('#task-')")


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
def test_on_a_phone_wide_tables_scroll_with_a_cue_and_readable_text(clean_browser, comparison_site, mode):
    page = clean_browser.page
    page.set_viewport_size(PHONE)
    try:
        with hosted(comparison_site.site, mode, clean_browser) as base:
            page.goto(base + "issuers/上海市闵行区教育局.html")
            page.wait_for_load_state("networkidle")
            hints = page.locator("article .scroll-hint")
            assert hints.count() >= 1 and hints.first.is_visible()
            box = page.locator("article .is-scrollable").first
            assert box.evaluate("b => b.scrollWidth > b.clientWidth && getComputedStyle(b).overflowX !== 'visible'")
            body = page.locator("article p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
            cell = page.locator("article table:not([class]) td").first.evaluate("c => parseFloat(getComputedStyle(c).fontSize)")
            assert cell >= 14 and cell >= 0.8 * body
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
def test_every_landing_page_link_opens_a_page_of_the_site(clean_browser, comparison_site, mode):
    page = clean_browser.page
    with hosted(comparison_site.site, mode, clean_browser) as base:
        page.goto(base + "index.html")
        links = page.eval_on_selector_all("article a[href]:not(.headerlink)", "a => a.map(e => e.href)")
        assert len(links) > 30
        for link in sorted(set(links)):
            page.goto(link)
            assert page.title() and "页面不存在" not in page.title(), link
            assert page.locator("article h1").count() == 1, link
        # The search form on the landing page works without the header box.
        page.goto(base + "index.html")
        page.fill("#home-q", "学前教育")
        page.locator("form.home-search button").click()
        page.locator("#workplans-search a[href*='notices/']").first.wait_for()


@pytest.mark.browser
def test_what_the_scripts_write_is_chinese_too(clean_browser, comparison_site):
    """The search page and the "any two plans" page are filled by scripts: their text and labels
    (after a search and a comparison) hold no English either."""
    known = source_words(comparison_site.project.parent) | source_words(ROOT / "sources") | ALLOWED_LATIN
    page = clean_browser.page
    with hosted(comparison_site.site, "http-subpath", clean_browser) as base:
        page.goto(base + "search.html?q=教师")
        page.locator("#workplans-search a[href*='notices/']").first.wait_for()
        searched = interface_latin(page.content()) - known
        page.goto(base + "compare/index.html?a=2024-minhang-000&b=2025-minhang-edited")
        page.locator("#wp-compare-result table.side-by-side").wait_for()
        compared = interface_latin(page.content()) - known
    assert not searched and not compared, (searched, compared)
