"""Render one notice as a Markdown page.

Layout: front matter (title, description), title, links to the same issuer's other
plans, metadata card, cover letter, preamble, then a heading per section and
per item (with a stable ``{#task-N}`` anchor). Under each item: its theme chips,
departments, its text (quoted initiative names linked to the glossary,
footnote references where they are cited), then links to its counterpart in
the previous and next year's plan, and an empty box for its related tasks in
other notices (filled in the browser from the notice's piece: ``related.py``).
The comparison with the previous plan and the footnote texts close the page.

Everything that is not the notice's own text is marked ``data-search-exclude``,
so that the highlight of a search result marks the task's own words only.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from .. import addresses as at
from ..enrich.links import SiteGraph, Term, issuer_label, task_key
from ..enrich.matching import Comparison
from ..enrich.similarity import TaskRef
from ..enrich.vocabulary import Vocabulary
from ..model import DepartmentNote, Item, Notice, Section
from ..parse import rules
from .home_page import page
from .markup import Html, Md, front_matter
from .comparisons import render_comparison, target_label, target_pairs, task_comparison, what_is_new
from .inputs import NoticeDigests, digest, vocabulary_digest
from .originals import has_text_view
from .overview_pages import glossary_pages, search_link
from .related import related_box, related_source
from .theme_pages import theme_chips

_CITATION_OR_TERM = re.compile(rf"{rules.FOOTNOTE_CITATION_RE.pattern}|“(?P<term>[^“”]{{2,12}})”")


@dataclass
class PageContext:
    """What a notice page links to beyond itself (all optional)."""

    vocabulary: Vocabulary | None = None
    graph: SiteGraph | None = None
    digests: NoticeDigests = field(default_factory=NoticeDigests)

    @functools.cached_property
    def vocabulary_digest(self) -> str | None:
        return vocabulary_digest(self.vocabulary)

    @property
    def glossary(self) -> dict[str, Term]:
        return self.graph.glossary if self.graph else {}

    @functools.cached_property
    def glossary_pages(self) -> dict[str, at.Page]:
        """The glossary page that holds each term (the glossary is split over pages)."""
        return glossary_pages(self.graph) if self.graph else {}


def render_notice_page(notice: Notice, context: PageContext | None = None) -> Md:
    context = context or PageContext()
    here = at.notice_page(notice.id)
    footnotes = {f.mark: n for n, f in enumerate(notice.footnotes, start=1)}
    text = _TextRenderer(footnotes, context.glossary, context.glossary_pages, here)
    description = " ".join(str(v) for v in (notice.issuer, notice.year) if v) or None
    parts = [front_matter(title=notice.title, description=description),
             Md("# {}").format(notice.title)]
    if notice.slogan:
        parts.append(Md.html_block(Html('<p class="notice-slogan">{}</p>').format(notice.slogan)))
    comparison = context.graph.comparisons.get(notice.id) if context.graph else None
    parts += [_plan_links(notice, context.graph, here), _excerpt_badge(notice), _metadata_card(notice, here),
              _theme_summary(notice, context.vocabulary, here)]
    if comparison:
        parts.append(what_is_new(comparison, here))
    if notice.cover:
        # Text before the plan's title: a cover letter, or whatever else the file held there.
        parts.append(Md("## {} {{#{}}}").format("印发通知" if notice.notice_title else "标题前的文字", at.COVER))
        if notice.recipients:
            parts.append(Md("{}：").format(notice.recipients))
        parts.extend(text.paragraph(p) for p in notice.cover)
    if notice.preamble:
        parts.append(Md("## 前言 {{#{}}}").format(at.PREAMBLE))
        parts.extend(text.paragraph(p) for p in notice.preamble)
    for section in notice.sections:
        parts.extend(_section(notice, section, text, context, here))
    if notice.appendix:
        parts.append(Md("## 附表 {{#{}}}").format(at.APPENDIX))
        parts.extend(text.paragraph(line) for line in notice.appendix)
    if any(item.targets for item in notice.items):
        parts.append(Md("## 目标与指标 {{#{}}}").format(at.TARGETS))
        parts.append(_targets_table(notice, comparison))
    if comparison:
        parts.append(Md("## 与上一年度相比 {{#{}}}").format(at.COMPARISON))
        parts.append(Md('<div class="comparison" data-search-exclude markdown>\n\n{}\n\n</div>')
                     .format(render_comparison(comparison, here, anchors=True)))
    if context.graph is not None:
        parts.append(related_source(notice))
    parts.extend(Md("[^{}]: {}").format(footnotes[f.mark], f.text) for f in notice.footnotes)
    return page(*parts)


def notice_page_inputs(notice: Notice, context: PageContext) -> str:
    """A digest of everything ``render_notice_page`` reads: the notice, the vocabulary, and what
    the graph says about the notice (its neighbours' titles, the predecessor it is compared
    with, each task's successor, the glossary terms its text quotes). Related tasks are not
    in the page (``related.py``)."""
    graph = context.graph
    parts: dict = {"notice": context.digests(notice), "vocabulary": context.vocabulary_digest}
    if graph is not None:
        def plan(other: Notice | None) -> list | None:
            return [other.id, other.title] if other else None

        def task(notice_id: str, anchor: str) -> list:
            other = graph.notice(notice_id)
            return [other.id, other.title, anchor, graph.item(TaskRef(notice_id, anchor)).heading]

        def successor(item: Item) -> list | None:
            found = graph.successors.get(task_key(notice, item))
            return task(found[0].id, found[1].anchor) if found else None

        comparison = graph.comparisons.get(notice.id)
        quoted = {match["term"] for match in _CITATION_OR_TERM.finditer(context.digests.json(notice)) if match["term"]}
        parts |= {
            "plans": [plan(graph.previous.get(notice.id)), plan(graph.following.get(notice.id))],
            "issuer": graph.issuer_slugs[issuer_label(notice)],
            "earlier": context.digests(comparison.previous) if comparison else None,
            "successors": [successor(item) for item in notice.items],
            "terms": sorted([term, graph.glossary[term].anchor, context.glossary_pages[term].src]
                            for term in quoted if term in graph.glossary),
        }
    return digest(parts)


def _plan_links(notice: Notice, graph: SiteGraph | None, here: at.Page) -> Md:
    if graph is None:
        return Md("")
    links = []
    previous, following = graph.previous.get(notice.id), graph.following.get(notice.id)
    if previous:
        links.append(Md("← 上一份：[{}]({})").format(previous.title, at.href(here, at.notice_page(previous.id))))
    if following:
        links.append(Md("下一份：[{}]({}) →").format(following.title, at.href(here, at.notice_page(following.id))))
    issuer = issuer_label(notice)
    links.append(Md("[{}的全部文件]({})").format(issuer, at.href(here, at.issuer_page(graph.issuer_slugs[issuer]))))
    links.append(Md("[年度索引]({})").format(at.href(here, at.YEARS)))
    return Md(" · ").join(links) + Md("\n{: .plan-links data-search-exclude }")


def _metadata_card(notice: Notice, here: at.Page) -> Md:
    rows = [
        ("文稿状态", "征求意见稿（草稿，非正式印发文本）" if notice.draft else None),
        ("文本完整性", "节选（原文在最后一项任务中途截止）" if notice.excerpt else None),
        ("印发通知", notice.notice_title),
        ("文号", notice.doc_number),
        ("发布机关", notice.issuer),
        ("地区", notice.region),
        ("年度", f"{notice.year}年" if notice.year else None),
        ("学期", notice.term),
        ("印发日期", _issued(notice)),
        ("主送", notice.recipients),
        ("任务数", f"{len(notice.items)} 项" if notice.items else None),
    ]
    cells = [Html("<dt>{}</dt><dd>{}</dd>").format(label, value) for label, value in rows if value]
    original = at.href(here, at.original_file(notice.id, notice.source))
    view = (Html('<a href="{}">在网页中查看</a> · ').format(at.href(here, at.original_view(notice.id), html=True))
            if has_text_view(notice) else Html(""))
    cells.append(Html('<dt>原始文件</dt><dd>{}<a href="{}" download>下载 {}</a></dd>').format(view, original, notice.source))
    if notice.url and at.WEB_ADDRESS.match(notice.url):
        cells.append(Html('<dt>来源</dt><dd><a href="{}">{}</a></dd>').format(notice.url, notice.url))
    return Md.html_block(Html('<dl class="notice-meta">\n{}\n</dl>').format(Html("\n").join(cells)))


def _issued(notice: Notice) -> str | None:
    if notice.issued is None:
        return None
    if notice.issued_month_only:
        return f"{notice.issued.year}年{notice.issued.month}月"
    return notice.issued.isoformat()


def section_label(numeral: str) -> str:
    """"一" → "一、", "第一部分" → "第一部分 ", "" → ""."""
    if not numeral:
        return ""
    return f"{numeral}、" if set(numeral) <= set(rules.CN_NUMERALS) else f"{numeral} "


def _section(notice: Notice, section: Section, text: "_TextRenderer", context: PageContext,
             here: at.Page) -> list[Md]:
    parts: list[Md] = []
    if section.heading:
        parts.append(Md("## {} {{#{}}}").format(section_label(section.numeral) + section.heading,
                                                at.Anchor(section.anchor)))
    parts.extend(text.paragraph(p) for p in section.paragraphs)
    for item in section.items_of(0):
        parts.extend(_item(notice, item, text, context, here))
    for subsection in section.subsections:
        parts.append(Md("### （{}）{} {{#{}}}").format(subsection.numeral, subsection.heading,
                                                     at.Anchor(subsection.anchor)))
        parts.extend(text.paragraph(p) for p in subsection.paragraphs)
        for item in section.items_of(subsection.number):
            parts.extend(_item(notice, item, text, context, here, level=Md("####")))
    return parts


def _item(notice: Notice, item: Item, text: "_TextRenderer", context: PageContext, here: at.Page,
          level: Md = Md("###")) -> list[Md]:
    parts = [Md("{} {} {{#{}}}").format(level, text.heading(item.heading), at.Anchor(item.anchor))]
    if item.themes and context.vocabulary is not None:
        parts.append(theme_chips(item, context.vocabulary, here))
    if item.departments:
        parts.append(_departments_line(notice, item, here))
    # With several notes (003's "（牵头部门：…）" after sentences) each is shown where it stood.
    inline_notes = len(item.department_notes) > 1
    for index, paragraph in enumerate(item.paragraphs, start=1):
        notes = [n for n in item.department_notes if n.paragraph == index] if inline_notes else []
        parts.append(text.paragraph(paragraph, notes))
    if inline_notes:
        bodies = 1 + len(item.paragraphs)
        leftover = [n for n in item.department_notes if n.paragraph == 0 or n.paragraph >= bodies]
        if leftover:
            parts.append(Md.html_block(Html('<p class="dept-notes">{}</p>').format(Html("").join(
                Html('<span class="dept-note">{}</span>').format(n.text) for n in leftover))))
    parts.append(_citation(notice, item))
    if context.graph is not None:
        parts += [_task_links(notice, item, context.graph, here), related_box(item)]
    return parts


THEMES_SHOWN = 5  # main themes named at the top of a notice; the rest behind a toggle


def _theme_summary(notice: Notice, vocabulary: Vocabulary | None, here: at.Page) -> Md:
    """The notice's themes by number of tasks: the main ones named, the rest behind a toggle."""
    if vocabulary is None:
        return Md("")
    counts = Counter(slug for item in notice.items for slug in item.themes)
    names = {t.slug: t.name for t in vocabulary.themes}
    ranked = sorted((slug for slug in counts if slug in names), key=lambda slug: (-counts[slug], slug))
    if not ranked:
        return Md("")

    def links(slugs: list[str]) -> Html:
        return Html(" · ").join(Html('<a href="{}">{}</a>（{} 项）').format(
            at.href(here, at.theme_page(slug), html=True), names[slug], counts[slug]) for slug in slugs)

    main, rest = ranked[:THEMES_SHOWN], ranked[THEMES_SHOWN:]
    more = Html('<details class="more-themes"><summary>其余 {} 个主题</summary><p>{}</p></details>').format(
        len(rest), links(rest)) if rest else Html("")
    return Md.html_block(Html('<div class="theme-summary" data-search-exclude><p><strong>主要主题</strong>：{}</p>{}</div>')
                         .format(links(main), more))


def _excerpt_badge(notice: Notice) -> Md:
    if not notice.excerpt:
        return Md("")
    return Md.html_block(Html('<p class="excerpt-badge" data-search-exclude><strong>节选</strong>'
                              '本文件只收录了原文的一部分（原文在最后一项任务中途截止）。</p>'))


def citation_text(notice: Notice, item: Item) -> str:
    """How to cite a task: issuer《title》（文号）第 N 项“task title”，date."""
    issuer = issuer_label(notice)
    number = f"（{notice.doc_number}）" if notice.doc_number else ""
    when = _chinese_date(notice) or (f"{notice.year}年" if notice.year else "")
    title = item.title.rstrip("。；;.")
    section = next((s for s in notice.sections if item in s.items), None)
    restarts = item.anchor.count("-") == 2 and section is not None and section.numeral
    where = f"第{section.numeral}部分第 {item.number} 项" if restarts else f"第 {item.number} 项"
    return f"{issuer}《{notice.title}》{number}{where}“{title}”" + (f"，{when}" if when else "") + "。"


def _chinese_date(notice: Notice) -> str | None:
    if notice.issued is None:
        return None
    day = "" if notice.issued_month_only else f"{notice.issued.day}日"
    return f"{notice.issued.year}年{notice.issued.month}月{day}"


def _citation(notice: Notice, item: Item) -> Md:
    return Md.html_block(Html('<p class="task-cite" data-search-exclude><span class="cite-label">引用</span>{}</p>')
                         .format(citation_text(notice, item)))


def _departments_line(notice: Notice, item: Item, here: at.Page) -> Md:
    """The departments in charge, each a link to that department's tasks of this issuer (in the search)."""
    by_label: dict[str, list[str]] = {}
    for note in item.department_notes:
        names = by_label.setdefault(note.label, [])
        names.extend(d for d in note.departments if d not in names)
    issuer = issuer_label(notice)
    spans = Html(" ").join(
        Html('<span class="dept-label">{}</span>').format(label)
        + Html("").join(search_link(here, name, css="dept", title=f"{issuer}由{name}负责的全部任务",
                                    department=name, issuer=issuer) for name in names)
        for label, names in by_label.items())
    return Md.html_block(Html('<p class="task-departments">{}</p>').format(spans))


def _task_links(notice: Notice, item: Item, graph: SiteGraph, here: at.Page) -> Md:
    lines = []
    key = task_key(notice, item)
    comparison = graph.comparisons.get(notice.id)
    if comparison:
        lines += task_comparison(comparison, item, here)
    if key in graph.successors:
        later, successor = graph.successors[key]
        lines.append(Md("下一年度延续为：{}").format(_task_link(later, successor, here)))
    if not lines:
        return Md("")
    return Md('<div class="task-links" data-search-exclude markdown>\n\n{}\n\n</div>').format(
        Md("\n\n").join(lines))


def _targets_table(notice: Notice, comparison: Comparison | None) -> Md:
    """The quantities the plan commits to; with a predecessor, the value its matching task set."""
    rows = ([Md("| 任务 | 指标 | 目标 | 上一年度 |"), Md("| --- | --- | --- | --- |")] if comparison
            else [Md("| 任务 | 指标 | 目标 |"), Md("| --- | --- | --- |")])
    for item in notice.items:
        match = comparison.match_of(item) if comparison else None
        earlier = {id(new): old for old, new in target_pairs(match)} if match else {}
        for target in item.targets:
            cells = [Md("[{}]({})").format(item.heading, at.here(item.anchor)), target.subject or "—", target_label(target)]
            if comparison:
                old = earlier.get(id(target))
                cells.append(target_label(old) if old else "—")
            rows.append(Md("| {} |").format(Md(" | ").join(cells)))
    return Md('<div class="targets-table" data-search-exclude markdown>\n\n{}\n\n</div>').format(Md("\n").join(rows))


def _task_link(notice: Notice, item: Item, here: at.Page) -> Md:
    return Md("[{}]({})").format(f"{notice.title} · {item.heading}", at.href(here, at.notice_page(notice.id), item.anchor))


class _TextRenderer:
    """Source text to safe Markdown: escaped, with footnote references and glossary links."""

    def __init__(self, footnotes: dict[str, int], glossary: dict[str, Term], glossary_pages: dict[str, at.Page],
                 here: at.Page):
        self.footnotes = footnotes
        self.glossary = glossary
        self.glossary_pages = glossary_pages
        self.here = here

    def heading(self, text: str) -> Md:
        return self._inline(text, link_terms=False)

    def paragraph(self, text: str, notes: list[DepartmentNote] = ()) -> Md:
        """A paragraph of source text; department notes are put back where they stood."""
        if not notes:
            return self._inline(text)
        pieces, cursor = [], 0
        for note in sorted(notes, key=lambda n: n.offset):
            pieces.append(self._inline(text[cursor:note.offset]))
            pieces.append(Md('<span class="dept-note">{}</span>').format(note.text))
            cursor = note.offset
        pieces.append(self._inline(text[cursor:]))
        return Md("").join(pieces)

    def _inline(self, text: str, link_terms: bool = True) -> Md:
        out, cursor = [], 0
        for match in _CITATION_OR_TERM.finditer(text):
            if match["mark"]:
                number = self.footnotes.get(match["mark"])
                if number is None:
                    continue
                replacement = Md("[^{}]").format(number)
            else:
                term = self.glossary.get(match["term"]) if link_terms else None
                if term is None:
                    continue
                replacement = Md("“[{}]({})”").format(
                    term.text, at.href(self.here, self.glossary_pages.get(term.text, at.GLOSSARY), term.anchor))
            out += [Md.escape(text[cursor:match.start()]), replacement]
            cursor = match.end()
        out.append(Md.escape(text[cursor:]))
        return Md("").join(out)
