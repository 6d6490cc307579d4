"""The home page and the notices indexes: the years with their counts, the latest
notices, and each year's notices over as many pages as they need."""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import Iterator

from .. import addresses as at
from ..enrich.links import issuer_label
from ..enrich.vocabulary import Vocabulary
from ..model import Notice
from .markup import Html, Md, front_matter
from .paging import pager, split

SITE_INTRO = Md(
    "本站汇集各区教育局的年度工作要点（工作意见），逐条列出每项任务及其责任部门，"
    "可按全文检索，每项任务都有固定链接。"
)
PARAGRAPHS = Md("\n\n")


def page(*parts: Md) -> Md:
    """A page: its parts, empty ones left out, a blank line between them."""
    return PARAGRAPHS.join(p for p in parts if p) + Md("\n")


def _notice_rows(notices: list[Notice], here: at.Page) -> Md:
    rows = [Md("| 文件 | 发布机关 | 文号 | 任务数 |"), Md("| --- | --- | --- | ---: |")]
    for notice in notices:
        rows.append(Md("| [{}]({}) | {} | {} | {} |").format(
            notice.title, at.href(here, at.notice_page(notice.id)), issuer_label(notice),
            notice.doc_number or "—", len(notice.items)))
    return Md("\n").join(rows)


LATEST = 20  # notices listed on the home page
YEAR_PAGE_NOTICES = 200  # notices listed on one page of a year


def _years_table(notices: list[Notice], here: at.Page) -> Md:
    """One row per year: its notices' page and counts (never every notice: the page stays small)."""
    rows = [Md("| 年度 | 文件数 | 任务数 |"), Md("| --- | ---: | ---: |")]
    for year, group in groupby(notices, key=lambda n: n.year):
        group = list(group)
        rows.append(Md("| [{}]({}) | {} | {} |").format(
            year_label(year), at.href(here, at.year_notices_page(year)), len(group),
            sum(len(n.items) for n in group)))
    return Md("\n").join(rows)


HOME_ISSUERS = 30  # issuers listed on the home page (the issuers index has them all)


def render_home_page(notices: list[Notice], vocabulary: Vocabulary | None = None, issuer_slugs: dict[str, str] | None = None) -> Md:
    """The landing page: search first, then themes by group, years, issuers, the latest notices."""
    tasks = sum(len(n.items) for n in notices)
    here = at.HOME
    parts = [Md("---\ntitle: 首页\n---"), Md("# 教育工作要点汇编"), SITE_INTRO,
             Md("共 {} 份文件，{} 项任务。").format(len(notices), tasks),
             _search_form(here)]
    if vocabulary is not None:
        parts += [Md("## 按主题"), _theme_grid(notices, vocabulary, here)]
    parts += [Md("## 按年度"), _years_table(notices, here)]
    if issuer_slugs:
        parts += [Md("## 按发布机关"), _issuer_list(notices, issuer_slugs, here)]
    parts += [Md("## 最新文件"), _notice_rows(sorted(notices, key=_newest_first)[:LATEST], here),
              Md("## 更多"), _more_links(here)]
    return page(*parts)


def _search_form(here: at.Page) -> Md:
    return Md.html_block(Html(
        '<form class="home-search" action="{}" method="get" role="search">'
        '<label for="home-q">搜索全部任务</label>'
        '<input id="home-q" name="q" type="search" placeholder="例如：双减、学前教育、教师队伍" autocomplete="off">'
        '<button type="submit" class="md-button md-button--primary">搜索</button></form>').format(
        at.href(here, at.SEARCH, html=True)))


def _theme_grid(notices: list[Notice], vocabulary: Vocabulary, here: at.Page) -> Md:
    counts = Counter(slug for n in notices for item in n.items for slug in item.themes)
    groups = []
    for group in vocabulary.groups:
        cells = Html("").join(
            Html('<li><a class="theme-tile" href="{}"><span class="theme-name">{}</span><span class="theme-count">{} 项</span></a></li>').format(
                at.href(here, at.theme_page(t.slug), html=True), t.name, counts.get(t.slug, 0))
            for t in vocabulary.in_group(group))
        groups.append(Html('<section class="theme-group"><h3>{}</h3><ul class="theme-grid">{}</ul></section>').format(group, cells))
    return Md.html_block(Html('<div class="home-themes">{}</div>').format(Html("").join(groups)))


def _issuer_list(notices: list[Notice], issuer_slugs: dict[str, str], here: at.Page) -> Md:
    counts = Counter(issuer_label(n) for n in notices)
    shown = sorted(counts, key=lambda name: (-counts[name], name))[:HOME_ISSUERS]
    links = Md("、").join(Md("[{}]({})（{}）").format(name, at.href(here, at.issuer_page(issuer_slugs[name])), counts[name])
                         for name in shown if name in issuer_slugs)
    more = Md("；[全部 {} 个发布机关]({})").format(len(counts), at.href(here, at.ISSUERS_INDEX))
    return links + more


def _more_links(here: at.Page) -> Md:
    links = [("年度索引", at.YEARS, "各主题在各年度的任务数"), ("任意两份对照", at.COMPARE_ANY, "任选两份文件逐项对照"),
             ("工作名称", at.GLOSSARY, "各文件中带引号的工作名称"), ("责任部门", at.DEPARTMENTS, "各发布机关的责任部门及其任务数"),
             ("数据下载", at.DOWNLOADS, "全部任务的表格、数据文件和订阅"), ("关于本站", at.ABOUT, "编号、主题标注和引用方式")]
    return Md("\n").join(Md("- [{}]({})：{}").format(label, at.href(here, target), text) for label, target, text in links)


def _newest_first(notice: Notice) -> tuple:
    issued = notice.issued.toordinal() if notice.issued else 0
    return (-(notice.year or 0), -issued, notice.id)


def render_notices_index(notices: list[Notice]) -> Md:
    return page(front_matter(title="全部文件"), Md("# 全部文件"), Md("按年度列出；点击年度查看该年度的全部文件。"),
                _years_table(notices, at.NOTICES_INDEX))


def notice_years(notices: list[Notice]) -> list[int | None]:
    """The years that have notices, newest first (None: year not stated, last)."""
    years = {n.year for n in notices}
    return sorted((y for y in years if y), reverse=True) + ([None] if None in years else [])


def year_label(year: int | None) -> str:
    return f"{year}年" if year else "年份未注明"


def render_year_notices(year: int | None, notices: list[Notice]) -> Iterator[tuple[at.Page, Md]]:
    """A year's notices, YEAR_PAGE_NOTICES to a page."""
    first = at.year_notices_page(year)
    chunks = split([n for n in notices if n.year == year], YEAR_PAGE_NOTICES)
    for number, chunk in enumerate(chunks, start=1):
        here = at.page_part(first, number)
        label = f"{year_label(year)}的文件" + (f"（第 {number} 页）" if number > 1 else "")
        yield here, page(front_matter(title=label), Md("# {}").format(label), pager(first, len(chunks), number),
                         _notice_rows(chunk, here))
