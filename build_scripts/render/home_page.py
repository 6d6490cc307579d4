"""The home page and the notices indexes: the years with their counts, the latest
notices, and each year's notices over as many pages as they need."""

from __future__ import annotations

from itertools import groupby
from typing import Iterator

from .. import addresses as at
from ..enrich.links import issuer_label
from ..model import Notice
from .markup import Md, front_matter
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


def render_home_page(notices: list[Notice]) -> Md:
    tasks = sum(len(n.items) for n in notices)
    return page(
        Md("---\ntitle: 首页\nhide:\n  - navigation\n---"),
        Md("# 教育工作要点汇编"),
        SITE_INTRO,
        Md("共 {} 份文件，{} 项任务。").format(len(notices), tasks),
        Md("## 各年度文件"),
        _years_table(notices, at.HOME),
        Md("## 最新文件"),
        _notice_rows(sorted(notices, key=_newest_first)[:LATEST], at.HOME),
    )


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
