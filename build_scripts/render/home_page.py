"""The home page and the notices indexes: every notice, newest year first."""

from __future__ import annotations

from itertools import groupby

from .. import addresses as at
from ..enrich.links import issuer_label
from ..model import Notice
from .markup import Md, front_matter

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


def _by_year(notices: list[Notice], here: at.Page) -> list[Md]:
    parts: list[Md] = []
    for year, group in groupby(notices, key=lambda n: n.year):
        parts.append(Md("## {} {{#{}}}").format(year_label(year), at.year_anchor(year)))
        parts.append(_notice_rows(list(group), here))
    return parts


def render_home_page(notices: list[Notice]) -> Md:
    tasks = sum(len(n.items) for n in notices)
    return page(
        Md("---\ntitle: 首页\nhide:\n  - navigation\n---"),
        Md("# 教育工作要点汇编"),
        SITE_INTRO,
        Md("共 {} 份文件，{} 项任务。").format(len(notices), tasks),
        *_by_year(notices, at.HOME),
    )


def render_notices_index(notices: list[Notice]) -> Md:
    return page(front_matter(title="全部文件"), Md("# 全部文件"), *_by_year(notices, at.NOTICES_INDEX))


def notice_years(notices: list[Notice]) -> list[int | None]:
    """The years that have notices, newest first (None: year not stated, last)."""
    years = {n.year for n in notices}
    return sorted((y for y in years if y), reverse=True) + ([None] if None in years else [])


def year_label(year: int | None) -> str:
    return f"{year}年" if year else "年份未注明"


def render_year_notices(year: int | None, notices: list[Notice]) -> Md:
    label = f"{year_label(year)}的文件"
    here = at.year_notices_page(year)
    return page(front_matter(title=label), Md("# {}").format(label),
                _notice_rows([n for n in notices if n.year == year], here))
