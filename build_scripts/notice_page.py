"""Render one notice as a Markdown page.

Layout: front matter (title, tags), title, links to the same issuer's other
plans, metadata card, cover letter, preamble, then a heading per section and
per item (with a stable ``{#task-N}`` anchor). Under each item: its theme chips,
departments, its text (quoted initiative names linked to the glossary,
footnote references where they are cited), then links to its counterpart in
the previous and next year's plan and to related tasks of other notices. The
comparison with the previous plan and the footnote texts close the page.

Everything that is not the notice's own text is marked ``data-search-exclude``
(Material) and ``data-pagefind-ignore`` (Pagefind) so that search finds a task
by its own words only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from . import text_rules as rules
from .corpus_links import SiteGraph, Term, issuer_key, task_key
from .markup import html_text, md_text, one_line
from .model import DepartmentNote, Item, Notice, Section
from .overview_pages import render_comparison
from .pagefind_search import filter_spans
from .theme_pages import notice_tags, theme_chips
from .themes import Vocabulary

ORIGINALS_DIR = "originals"
NOTICES_DIR = "notices"
_CITATION_OR_TERM = re.compile(rf"{rules.FOOTNOTE_CITATION_RE.pattern}|“(?P<term>[^“”]{{2,12}})”")


@dataclass
class PageContext:
    """What a notice page links to beyond itself (all optional)."""

    vocabulary: Vocabulary | None = None
    graph: SiteGraph | None = None

    @property
    def glossary(self) -> dict[str, Term]:
        return self.graph.glossary if self.graph else {}


def original_name(notice: Notice) -> str:
    """File name of the downloadable original; HTML is served as text, so no script runs."""
    suffix = notice.source.rsplit(".", 1)[-1].lower() if "." in notice.source else "txt"
    return f"{notice.id}.{suffix}" if suffix == "txt" else f"{notice.id}.{suffix}.txt"


def render_notice_page(notice: Notice, context: PageContext | None = None) -> str:
    context = context or PageContext()
    footnotes = {f.mark: n for n, f in enumerate(notice.footnotes, start=1)}
    text = _TextRenderer(footnotes, context.glossary)
    tags = {"tags": notice_tags(notice, context.vocabulary)} if context.vocabulary else {}
    parts = [_front_matter(notice, tags), f"# {md_text(one_line(notice.title))}",
             _plan_links(notice, context.graph), _metadata_card(notice), _search_filters(notice, context)]
    if notice.cover:
        # Text before the plan's title: a cover letter, or whatever else the file held there.
        parts.append("## 印发通知 {#cover}" if notice.notice_title else "## 标题前的文字 {#cover}")
        if notice.recipients:
            parts.append(f"{md_text(notice.recipients)}：")
        parts.extend(text.paragraph(p) for p in notice.cover)
    if notice.preamble:
        parts.append("## 前言 {#preamble}")
        parts.extend(text.paragraph(p) for p in notice.preamble)
    for section in notice.sections:
        parts.extend(_section(notice, section, text, context))
    if context.graph and notice.id in context.graph.comparisons:
        parts.append("## 与上一年度相比 {#compare}")
        parts.append(f'<div class="comparison" data-search-exclude data-pagefind-ignore markdown>\n\n'
                     f'{render_comparison(context.graph.comparisons[notice.id], "../")}\n\n</div>')
    parts.extend(f"[^{footnotes[f.mark]}]: {md_text(one_line(f.text))}" for f in notice.footnotes)
    return "\n\n".join(p for p in parts if p) + "\n"


def _front_matter(notice: Notice, extra: dict) -> str:
    data = {"title": one_line(notice.title), **extra}
    if notice.issuer or notice.year:
        data["description"] = one_line(" ".join(str(v) for v in (notice.issuer, notice.year) if v))
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---"


def _plan_links(notice: Notice, graph: SiteGraph | None) -> str:
    if graph is None:
        return ""
    links = []
    previous, following = graph.previous.get(notice.id), graph.following.get(notice.id)
    if previous:
        links.append(f"← 上一份：[{md_text(one_line(previous.title))}]({previous.id}.md)")
    if following:
        links.append(f"下一份：[{md_text(one_line(following.title))}]({following.id}.md) →")
    issuer = issuer_key(notice)
    links.append(f"[{md_text(issuer)}的全部文件](../issuers/{graph.issuer_slugs[issuer]}.md)")
    links.append("[年度索引](../years.md)")
    return " · ".join(links) + "\n{: .plan-links data-search-exclude data-pagefind-ignore }"


def _metadata_card(notice: Notice) -> str:
    rows = [
        ("印发通知", notice.notice_title),
        ("文号", notice.doc_number),
        ("发布机关", notice.issuer),
        ("地区", notice.region),
        ("年度", f"{notice.year}年" if notice.year else None),
        ("印发日期", notice.issued),
        ("主送", notice.recipients),
        ("任务数", f"{len(notice.items)} 项" if notice.items else None),
    ]
    cells = "\n".join(f"<dt>{label}</dt><dd>{html_text(value)}</dd>" for label, value in rows if value)
    original = f"../{ORIGINALS_DIR}/{original_name(notice)}"
    cells += (f'\n<dt>原始文件</dt><dd><a href="{html_text(original)}" download>'
              f'{html_text(notice.source)}</a></dd>')
    return f'<dl class="notice-meta">\n{cells}\n</dl>'


def _search_filters(notice: Notice, context: PageContext) -> str:
    """Filters for Pagefind's search page (year, issuer, themes); empty and invisible."""
    filters = [("年度", str(notice.year))] if notice.year else []
    filters.append(("发布机关", issuer_key(notice)))
    if context.vocabulary is not None:
        slugs = dict.fromkeys(slug for item in notice.items for slug in item.themes)
        filters += [("主题", context.vocabulary[slug].name) for slug in slugs]
    return f'<div class="search-filters">{filter_spans(filters, html_text)}</div>'


def section_label(numeral: str) -> str:
    """"一" → "一、", "第一部分" → "第一部分 ", "" → ""."""
    if not numeral:
        return ""
    return f"{numeral}、" if set(numeral) <= set(rules.CN_NUMERALS) else f"{numeral} "


def _section(notice: Notice, section: Section, text: "_TextRenderer", context: PageContext) -> list[str]:
    parts: list[str] = []
    if section.heading:
        heading = section_label(section.numeral) + one_line(section.heading)
        parts.append(f"## {md_text(heading)} {{#{section.anchor}}}")
    parts.extend(text.paragraph(p) for p in section.paragraphs)
    for item in section.items:
        parts.extend(_item(notice, item, text, context))
    return parts


def _item(notice: Notice, item: Item, text: "_TextRenderer", context: PageContext) -> list[str]:
    parts = [f"### {text.heading(item.heading)} {{#{item.anchor}}}"]
    if item.themes and context.vocabulary is not None:
        parts.append(theme_chips(item, context.vocabulary, NOTICES_DIR))
    if item.departments:
        parts.append(_departments_line(item))
    # With several notes (003's "（牵头部门：…）" after sentences) each is shown where it stood.
    inline_notes = len(item.department_notes) > 1
    for index, paragraph in enumerate(item.paragraphs, start=1):
        notes = [n for n in item.department_notes if n.paragraph == index] if inline_notes else []
        parts.append(text.paragraph(paragraph, notes))
    if inline_notes:
        bodies = 1 + len(item.paragraphs)
        leftover = [n for n in item.department_notes if n.paragraph == 0 or n.paragraph >= bodies]
        if leftover:
            parts.append('<p class="dept-notes">' + "".join(
                f'<span class="dept-note">{html_text(n.text)}</span>' for n in leftover) + "</p>")
    if context.graph is not None:
        parts.append(_task_links(notice, item, context.graph))
    return parts


def _departments_line(item: Item) -> str:
    by_label: dict[str, list[str]] = {}
    for note in item.department_notes:
        names = by_label.setdefault(note.label, [])
        names.extend(d for d in note.departments if d not in names)
    spans = " ".join(
        f'<span class="dept-label">{html_text(label)}</span>'
        + "".join(f'<span class="dept">{html_text(name)}</span>' for name in names)
        for label, names in by_label.items())
    return f'<p class="task-departments">{spans}</p>'


def _task_links(notice: Notice, item: Item, graph: SiteGraph) -> str:
    lines = []
    key = task_key(notice, item)
    comparison = graph.comparisons.get(notice.id)
    if comparison:
        old = next((o for new, o, _ in comparison.continued if new is item), None)
        if old is not None:
            lines.append(f"上一年度对应：{_task_link(comparison.previous, old)}")
        elif any(new is item for new in comparison.new):
            lines.append(f"本年度新增（{md_text(one_line(comparison.previous.title))}中无对应任务）")
    if key in graph.successors:
        later, successor = graph.successors[key]
        lines.append(f"下一年度延续为：{_task_link(later, successor)}")
    related = graph.related.get(key, [])
    if related:
        lines.append("相关任务：\n\n" + "\n".join(
            f"- {_task_link(graph.notice(ref.notice_id), graph.item(ref))}" for ref, _ in related))
    if not lines:
        return ""
    return '<div class="task-links" data-search-exclude data-pagefind-ignore markdown>\n\n' + "\n\n".join(lines) + "\n\n</div>"


def _task_link(notice: Notice, item: Item) -> str:
    label = f"{one_line(notice.title)} · {item.heading}"
    return f"[{md_text(label)}]({notice.id}.md#{item.anchor})"


class _TextRenderer:
    """Source text to safe Markdown: escaped, with footnote references and glossary links."""

    def __init__(self, footnotes: dict[str, int], glossary: dict[str, Term]):
        self.footnotes = footnotes
        self.glossary = glossary

    def heading(self, text: str) -> str:
        return self._inline(one_line(text), link_terms=False)

    def paragraph(self, text: str, notes: list[DepartmentNote] = ()) -> str:
        """A paragraph of source text; department notes are put back where they stood."""
        if not notes:
            return self._inline(one_line(text))
        pieces, cursor = [], 0
        for note in sorted(notes, key=lambda n: n.offset):
            pieces.append(self._inline(one_line(text[cursor:note.offset])))
            pieces.append(f'<span class="dept-note">{html_text(note.text)}</span>')
            cursor = note.offset
        pieces.append(self._inline(one_line(text[cursor:])))
        return "".join(pieces)

    def _inline(self, text: str, link_terms: bool = True) -> str:
        out, cursor = [], 0
        for match in _CITATION_OR_TERM.finditer(text):
            if match["mark"]:
                number = self.footnotes.get(match["mark"])
                if number is None:
                    continue
                replacement = f"[^{number}]"
            else:
                term = self.glossary.get(match["term"]) if link_terms else None
                if term is None:
                    continue
                replacement = f"“[{md_text(term.text)}](../glossary.md#{term.anchor})”"
            out.append(md_text(text[cursor:match.start()]))
            out.append(replacement)
            cursor = match.end()
        out.append(md_text(text[cursor:]))
        return "".join(out)
