"""The built site keeps every sentence, in order, exactly once, and shows source text literally."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_scripts.parse import rules
from build_scripts.model import Notice
from build_scripts.parse.notice import source_lines
from build_scripts.read.decode import read_source

from .conftest import FIXTURES, SOURCES, build_site

SENTENCE_END = re.compile(r"(?<=[。！？；])")


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def page_text(site: Path, notice: Notice, keep_metadata: bool = False) -> str:
    """The article's visible text, without furniture our templates add."""
    soup = BeautifulSoup((site / "notices" / f"{notice.id}.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    removable = ["a.headerlink", "sup[id^=fnref]", "a.footnote-backref", ".task-departments", ".task-themes",
                 ".dept-note", ".md-tags", ".task-links", ".plan-links", ".comparison", "[data-search-exclude]"]
    if not keep_metadata:
        removable.append("dl.notice-meta")
    for selector in removable:
        for tag in article.select(selector):
            tag.decompose()
    return squash(article.get_text())


def model_sentences(notice: Notice) -> list[str]:
    sentences = []
    for text in notice.reading_texts():
        clean = rules.FOOTNOTE_CITATION_RE.sub("", text)
        sentences += [squash(s) for s in SENTENCE_END.split(clean) if squash(s)]
    return sentences


def test_every_sentence_once_and_in_order(corpus_site):
    for notice in corpus_site.report.notices:
        text = page_text(corpus_site.site, notice)
        sentences = model_sentences(notice)
        whole = "".join(sentences)
        cursor = 0
        for sentence in sentences:
            found = text.find(sentence, cursor)
            assert found >= 0, f"{notice.id}: missing or out of order: {sentence}"
            cursor = found + len(sentence)
            assert text.count(sentence) == whole.count(sentence), f"{notice.id}: repeated: {sentence}"


def test_every_source_line_is_on_the_page_or_reported(corpus_site):
    """Nothing lost between the file and the page: each line is shown, read into
    metadata, or listed as dropped furniture."""
    for notice in corpus_site.report.notices:
        assert_every_line_shown_or_reported(corpus_site.site, notice, SOURCES)


def assert_every_line_shown_or_reported(site: Path, notice: Notice, sources: Path) -> None:
    text = page_text(site, notice, keep_metadata=True)
    accounted = {d.line for d in notice.dropped} | {m.line for m in notice.metadata_lines}
    for number, line in source_lines(read_source(sources / notice.source).text):
        if number in accounted:
            continue
        line = rules.FOOTNOTE_CITATION_RE.sub("", line)
        line = rules.DEPARTMENT_NOTE_RE.sub("", line)
        line = re.sub(rf"^\^?[{rules.FOOTNOTE_MARKS}]", "", line)
        line = rules.DASH_PREFIX_RE.sub("", line)  # a "——" subtitle is the title, shown without its dash
        assert squash(line) in text, f"{notice.source}:{number}: not on the page: {line[:40]}"


def test_dropped_lines_are_not_on_the_page(corpus_site):
    for notice in corpus_site.report.notices:
        text = page_text(corpus_site.site, notice)
        for dropped in notice.dropped:
            if len(squash(dropped.text)) >= 4:
                assert squash(dropped.text) not in text, dropped


def test_items_have_stable_anchors_and_departments_on_the_page(corpus_site):
    for notice in corpus_site.report.notices:
        soup = BeautifulSoup((corpus_site.site / "notices" / f"{notice.id}.html").read_text(encoding="utf-8"),
                             "html.parser")
        for item in notice.items:
            heading = soup.find(id=item.anchor)
            assert heading is not None and heading.name == "h3", item.anchor
            assert squash(item.title) in squash(heading.get_text())
            if item.departments:
                shown = heading.find_next_sibling(class_="task-departments")
                assert [d.get_text() for d in shown.select(".dept")] == item.departments


def test_footnotes_are_real_footnotes_at_the_citation(corpus_site):
    notice = next(n for n in corpus_site.report.notices if n.footnotes)
    soup = BeautifulSoup((corpus_site.site / "notices" / f"{notice.id}.html").read_text(encoding="utf-8"),
                         "html.parser")
    refs = soup.select("sup[id^=fnref] a")
    assert len(refs) == len(notice.footnotes)
    for ref, footnote in zip(refs, notice.footnotes):
        target = soup.find(id=ref["href"].lstrip("#"))
        assert squash(footnote.text) in squash(target.get_text())
    first = notice.items[0]
    task_one = next(p for p in soup.find(id=first.anchor).find_next_siblings("p") if not p.get("class"))
    assert len(task_one.select("sup[id^=fnref]")) == len(first.footnotes)


HOSTILE_STRINGS = [
    "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "[点我](javascript:alert(1))",
    "{{ config.site_name }}", "{% raw %}", "*星号*", "_下划线_", "`反引号`", "| 表 | 格 |",
    "# 井号开头", "&amp;", "[^1]", "~~删除~~", "<!-- 注释 -->",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    sources = tmp_path_factory.mktemp("hostile-sources")
    (sources / "hostile.txt").write_bytes((FIXTURES / "hostile.txt").read_bytes())
    return build_site(tmp_path_factory.mktemp("hostile-site"), sources, strict=False)


def test_markdown_and_html_in_sources_show_literally(hostile_site):
    notice = hostile_site.report.notices[0]
    html = (hostile_site.site / "notices" / f"{notice.id}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article")
    text = article.get_text()
    for hostile in HOSTILE_STRINGS:
        assert hostile in text, f"not shown literally: {hostile}"
    # Our own furniture may use tables, emphasis and <del> (targets, comparison, what is new), its
    # source text escaped; nothing else may: the source's markup never becomes elements.
    furniture = ".targets-table, .comparison, .whats-new, .theme-summary, .excerpt-badge, details.redline"
    for container in article.select(furniture):
        container.decompose()
    assert not article.select("script, img, iframe, table, em, strong, code, del")
    assert not [a for a in article.select("a[href]") if a["href"].startswith("javascript")]
    assert not any(attr.startswith("on") for tag in article.find_all(True) for attr in tag.attrs)


def test_no_page_loads_anything_from_outside_the_site(corpus_site):
    """No external fonts, scripts, styles or images: the site must work on an offline intranet."""
    for page in corpus_site.site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and "stylesheet" not in element.get("rel", []) and "preconnect" not in element.get("rel", []):
                    continue
                assert not value.startswith(("http:", "https:", "//")), f"{page.name}: {element}"
    assert "fonts.googleapis" not in "".join(p.read_text(encoding="utf-8") for p in corpus_site.site.rglob("*.html"))
