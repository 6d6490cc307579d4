"""The home page and the notices index: every notice, newest year first."""

from __future__ import annotations

from itertools import groupby

from .markup import md_text, one_line
from .model import Notice

SITE_INTRO = (
    "本站汇集各区教育局的年度工作要点（工作意见），逐条列出每项任务及其责任部门，"
    "可按全文检索，每项任务都有固定链接。"
)


def _notice_rows(notices: list[Notice], link_prefix: str) -> list[str]:
    rows = ["| 文件 | 发布机关 | 文号 | 任务数 |", "| --- | --- | --- | ---: |"]
    for notice in notices:
        title = md_text(one_line(notice.title))
        issuer = md_text(notice.issuer or notice.region or "未注明")
        doc_number = md_text(notice.doc_number or "—")
        rows.append(f"| [{title}]({link_prefix}{notice.id}.md) | {issuer} | {doc_number} | {len(notice.items)} |")
    return rows


def _by_year(notices: list[Notice], link_prefix: str) -> list[str]:
    parts: list[str] = []
    for year, group in groupby(notices, key=lambda n: n.year):
        label = year_label(year)
        anchor = f"year-{year}" if year else "year-unknown"
        parts.append(f"## {label} {{#{anchor}}}")
        parts.append("\n".join(_notice_rows(list(group), link_prefix)))
    return parts


def render_home_page(notices: list[Notice]) -> str:
    tasks = sum(len(n.items) for n in notices)
    parts = [
        "---\ntitle: 首页\nhide:\n  - navigation\n---",
        "# 教育工作要点汇编",
        SITE_INTRO,
        f"共 {len(notices)} 份文件，{tasks} 项任务。",
        *_by_year(notices, "notices/"),
    ]
    return "\n\n".join(parts) + "\n"


def render_notices_index(notices: list[Notice]) -> str:
    parts = ["---\ntitle: 全部文件\n---", "# 全部文件", *_by_year(notices, "")]
    return "\n\n".join(parts) + "\n"


def notice_years(notices: list[Notice]) -> list[int | None]:
    """The years that have notices, newest first (None: year not stated, last)."""
    years = {n.year for n in notices}
    return sorted((y for y in years if y), reverse=True) + ([None] if None in years else [])


def year_label(year: int | None) -> str:
    return f"{year}年" if year else "年份未注明"


def year_page(year: int | None) -> str:
    return f"year-{year or 'unknown'}.md"


def render_year_notices(year: int | None, notices: list[Notice]) -> str:
    label = year_label(year)
    rows = _notice_rows([n for n in notices if n.year == year], "")
    return "\n\n".join([f"---\ntitle: {label}的文件\n---", f"# {label}的文件", "\n".join(rows)]) + "\n"
