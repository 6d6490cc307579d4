"""Web pages: each seed saved from three kinds of site parses to the seed's own notice,
with the site's own text dropped and reported, and its metadata table read."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from build_scripts.model import DropReason, MetadataUse
from build_scripts.pipeline import load_notice
from build_scripts.read.web import read_web_page

from .documents.blocks import notice_blocks
from .documents.corpus import SEEDS, seed_notice
from .documents.web import FURNITURE, LAYOUTS, write_web_page
from .formats import comparable


@pytest.fixture(scope="module")
def web_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    for seed in SEEDS:
        notice = seed_notice(seed.stem)
        for layout in LAYOUTS:
            write_web_page(notice, notice_blocks(notice, letterhead=False), folder / f"{seed.stem}-{layout}.html", layout)
    return folder


def everything_shown(notice) -> str:
    return "\n".join([notice.title, notice.notice_title or "", notice.issuer or "", notice.doc_number or "",
                      notice.recipients or "", *notice.reading_texts()])


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", [s.stem for s in SEEDS])
def test_web_page_parses_to_the_seed_and_none_of_the_site_reaches_it(web_folder, seed, layout):
    got = load_notice(web_folder / f"{seed}-{layout}.html", use_sidecar=False)
    assert comparable(got) == comparable(seed_notice(seed))
    shown = everything_shown(got)
    assert [text for text in FURNITURE[layout] if text in shown] == []


def test_the_furniture_lists_are_not_words_of_the_notices():
    """Else the leak check above could not tell a leak from the notice's own words."""
    for layout, texts in FURNITURE.items():
        for seed in SEEDS:
            shown = everything_shown(seed_notice(seed.stem))
            assert [t for t in texts if t in shown] == [], (layout, seed.name)


@pytest.mark.parametrize("layout, reasons", [
    ("gov-table", {DropReason.BREADCRUMB, DropReason.WEB_TEMPLATE, DropReason.OUTSIDE_ARTICLE}),
    ("school-word", {DropReason.BREADCRUMB, DropReason.WEB_TEMPLATE, DropReason.OUTSIDE_ARTICLE}),
    ("modern", {DropReason.WEB_TEMPLATE, DropReason.OUTSIDE_ARTICLE}),
])
def test_the_site_text_is_reported_as_dropped(web_folder, layout, reasons):
    notice = load_notice(web_folder / f"2024-baoshan-004-{layout}.html", use_sidecar=False)
    assert {d.reason for d in notice.dropped} == reasons
    dropped = "\n".join([d.text for d in notice.dropped] + [m.text for m in notice.metadata_lines])
    for text in {"gov-table": ["打印本页", "网站标识码", "当前位置"], "school-word": ["点击数", "上一篇", "您现在的位置"],
                 "modern": ["分享到", "阅读量", "相关文章", "热点新闻"]}[layout]:
        assert text in dropped


def test_word_html_numbers_come_from_its_list_spans(web_folder):
    html = (web_folder / "2019-qingpu-003-school-word.html").read_text(encoding="utf-8")
    assert "mso-list:Ignore" in html and re.search(r"<span lang=EN-US>\d+</span>", html)
    notice = load_notice(web_folder / "2019-qingpu-003-school-word.html", use_sidecar=False)
    assert [s.numeral for s in notice.sections][:3] == ["一", "二", "三"]
    assert notice.items[0].marker == seed_notice("2019-qingpu-003").items[0].marker


PAGE_WITHOUT_COVER = """<html><body>
<div class="crumb">您现在的位置：首页 &gt; 通知公告</div>
<table class="info"><tr><th>索引号：</th><td>11310000-2023-00042</td><th>发布机构：</th><td>上海市示范区教育局</td></tr>
<tr><th>文号：</th><td>示教〔2023〕7号</td><th>成文日期：</th><td>2023年03月01日</td></tr>
<tr><th>发布日期：</th><td>2023-03-05</td><th>主题分类：</th><td>教育</td></tr></table>
<div class="content"><h1>2023年示范区教育工作要点</h1>
<p>2023年是全面贯彻党的二十大精神的开局之年。</p>
<p>一、办好人民满意的教育</p><p>1.推进学前教育普及普惠。新增公办幼儿园3所。</p>
<p>2.促进义务教育优质均衡。完成两所学校改扩建。</p></div>
</body></html>"""


def test_a_metadata_table_gives_issuer_number_and_date_when_the_text_does_not(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE_WITHOUT_COVER, encoding="utf-8")
    notice = load_notice(path, use_sidecar=False)
    assert (notice.issuer, notice.doc_number, notice.issued) == ("上海市示范区教育局", "示教〔2023〕7号", dt.date(2023, 3, 1))
    assert notice.region == "上海市示范区" and notice.year == 2023
    assert {notice.metadata_sources[k] for k in ("issuer", "doc_number", "issued")} == {"web page metadata"}
    assert "索引号：" in [m.text for m in notice.metadata_lines if m.use is MetadataUse.WEB_METADATA]
    assert [i.title for i in notice.items] == ["推进学前教育普及普惠。", "促进义务教育优质均衡。"]
    assert "11310000-2023-00042" not in everything_shown(notice)


def test_the_pages_heading_is_the_first_line_when_the_article_does_not_repeat_it():
    page = read_web_page("<body><div class='title'><h1>2023年学校工作计划</h1></div><div class='main'>"
                         "<p>一、指导思想</p><p>1.坚持立德树人。全面落实课程方案的各项要求。</p>"
                         "<p>2.加强队伍建设。开展青年教师培训与展示活动。</p></div></body>")
    assert page.lines[:2] == ["2023年学校工作计划", "一、指导思想"]
    assert "2023年学校工作计划" not in [d.text for d in page.dropped]
