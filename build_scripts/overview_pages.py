"""Pages across notices: the years index (with the theme × year table), a page per
issuer with its year-over-year comparisons, the glossary and the departments index."""

from __future__ import annotations

from collections import Counter

import yaml

from .corpus_links import SiteGraph, issuer_key
from .markup import html_text, md_text, one_line
from .model import Item, Notice
from .similarity import Comparison
from .themes import Vocabulary

YEARS_PAGE = "years.md"
GLOSSARY_PAGE = "glossary.md"
DEPARTMENTS_PAGE = "departments.md"
ISSUERS_DIR = "issuers"
SHADES = 5  # levels of the table's shading (0 = no task)


def _page(title: str, *parts: str) -> str:
    front = yaml.safe_dump({"title": title}, allow_unicode=True)
    return "\n\n".join([f"---\n{front}---", f"# {md_text(title)}", *[p for p in parts if p]]) + "\n"


def task_link(notice: Notice, item: Item, prefix: str) -> str:
    return f"[{md_text(item.heading)}]({prefix}notices/{notice.id}.md#{item.anchor})"


def notice_link(notice: Notice, prefix: str) -> str:
    return f"[{md_text(one_line(notice.title))}]({prefix}notices/{notice.id}.md)"


# --- years ------------------------------------------------------------------------

def render_years_page(graph: SiteGraph, vocabulary: Vocabulary) -> str:
    years = sorted({n.year for n in graph.notices if n.year})
    parts = ["各年度的文件，以及每个主题在各年度的任务数。"]
    parts.append("## 主题 × 年度 {#theme-year}")
    parts.append("每格是该年度标注此主题的任务数，点击进入主题页的该年度部分；颜色越深任务越多，"
                 "数字本身即为信息。")
    parts.append(_theme_year_table(graph, vocabulary, years))
    for year in sorted(years, reverse=True):
        rows = ["| 文件 | 发布机关 | 任务数 |", "| --- | --- | ---: |"]
        for notice in sorted((n for n in graph.notices if n.year == year), key=lambda n: n.id):
            rows.append(f"| {notice_link(notice, '')} | {md_text(issuer_key(notice))} | {len(notice.items)} |")
        parts.append(f"## {year}年 {{#year-{year}}}\n\n" + "\n".join(rows))
    return _page("年度索引", *parts)


def _theme_year_table(graph: SiteGraph, vocabulary: Vocabulary, years: list[int]) -> str:
    counts = Counter((slug, n.year) for n in graph.notices for i in n.items for slug in i.themes if n.year)
    peak = max(counts.values(), default=1)
    head = "".join(f'<th scope="col">{year}</th>' for year in years)
    body = []
    for group in vocabulary.groups:
        body.append(f'<tr class="group"><th scope="rowgroup" colspan="{len(years) + 1}">{html_text(group)}</th></tr>')
        for theme in (t for t in vocabulary.themes if t.group == group):
            cells = []
            for year in years:
                count = counts.get((theme.slug, year), 0)
                level = 0 if not count else 1 + (SHADES - 2) * (count - 1) // max(1, peak - 1)
                label = f"{theme.name} {year}年 {count} 项任务"
                content = (f'<a href="themes/{theme.slug}.html#year-{year}" aria-label="{html_text(label)}">{count}</a>'
                           if count else '<span aria-label="0">·</span>')
                cells.append(f'<td class="shade-{level}">{content}</td>')
            body.append(f'<tr><th scope="row"><a href="themes/{theme.slug}.html">{html_text(theme.name)}</a></th>'
                        + "".join(cells) + "</tr>")
    return ('<div class="theme-year" data-search-exclude data-pagefind-ignore>\n<table class="theme-year-table">\n'
            '<caption>各主题每年度的任务数</caption>\n'
            f'<thead><tr><th scope="col">主题</th>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(body) + "\n</tbody>\n</table>\n</div>")


# --- issuers ------------------------------------------------------------------------

def render_issuers_index(graph: SiteGraph) -> str:
    rows = ["| 发布机关 | 文件数 | 年度 |", "| --- | ---: | --- |"]
    for issuer, plans in sorted(graph.issuers.items()):
        years = "、".join(str(n.year) for n in plans if n.year) or "—"
        rows.append(f"| [{md_text(issuer)}]({graph.issuer_slugs[issuer]}.md) | {len(plans)} | {years} |")
    return _page("发布机关", "各发布机关（或地区）历年的工作要点。", "\n".join(rows))


def render_issuer_page(graph: SiteGraph, issuer: str) -> str:
    plans = graph.issuers[issuer]
    rows = ["| 年度 | 文件 | 文号 | 任务数 |", "| --- | --- | --- | ---: |"]
    for notice in reversed(plans):
        rows.append(f"| {notice.year or '—'} | {notice_link(notice, '../')} | {md_text(notice.doc_number or '—')} "
                    f"| {len(notice.items)} |")
    parts = ["\n".join(rows)]
    for notice in reversed(plans):
        comparison = graph.comparisons.get(notice.id)
        if comparison:
            parts.append(f"## {comparison.current.year}年与{comparison.previous.year}年相比 "
                         f"{{#compare-{comparison.current.year}}}")
            parts.append(render_comparison(comparison, "../"))
    if len(plans) < 2:
        parts.append("只有一个年度的文件，暂无逐年比较。")
    return _page(issuer, *parts)


def render_comparison(comparison: Comparison, prefix: str) -> str:
    current, previous = comparison.current, comparison.previous
    lines = [f"延续 {len(comparison.continued)} 项，新增 {len(comparison.new)} 项，"
             f"不再列出 {len(comparison.dropped)} 项（与{notice_link(previous, prefix)}相比）。"]
    if comparison.continued:
        lines.append("**延续的任务**（本年度任务 ← 上一年度对应任务）\n")
        lines += [f"- {task_link(current, new, prefix)} ← {task_link(previous, old, prefix)}"
                  for new, old, _ in comparison.continued]
    if comparison.new:
        lines.append("\n**新增的任务**\n")
        lines += [f"- {task_link(current, item, prefix)}" for item in comparison.new]
    if comparison.dropped:
        lines.append("\n**上一年度有、本年度未再列出的任务**\n")
        lines += [f"- {task_link(previous, item, prefix)}" for item in comparison.dropped]
    return "\n".join(lines)


# --- glossary and departments ---------------------------------------------------------

def render_glossary(graph: SiteGraph) -> str:
    parts = [f"文件中加引号的工作名称（如“双减”“一条龙”），凡被 {2} 项以上任务使用的都列在这里，"
             "注明最早出现的年度和使用它的任务。"]
    for term in graph.glossary.values():
        uses = "\n".join(f"- {notice_link(n, '')}：{task_link(n, i, '')}" for n, i in term.uses)
        first = f"{term.first_year}年" if term.first_year else "年份未注明"
        parts.append(f"## “{md_text(term.text)}” {{#{term.anchor}}}\n\n"
                     f"最早见于 {first} · {len(term.uses)} 项任务\n\n"
                     f'<div class="term-uses" data-pagefind-ignore markdown>\n\n{uses}\n\n</div>')
    if not graph.glossary:
        parts.append("暂无被两项以上任务使用的名称。")
    return _page("工作名称", *parts)


def render_departments(graph: SiteGraph) -> str:
    parts = ["各发布机关文件中写明的责任科室、牵头部门，以及它们负责的任务。"]
    for issuer, departments in graph.departments.items():
        lines = [f"## {md_text(issuer)} {{#{graph.issuer_slugs[issuer]}}}"]
        for department, tasks in departments.items():
            links = "；".join(task_link(n, i, "") for n, i in tasks)
            lines.append(f"- **{md_text(department)}**（{len(tasks)} 项）：{links}")
        parts.append("\n".join(lines))
    if not graph.departments:
        parts.append("暂无文件写明责任部门。")
    return _page("责任部门", *parts)
