"""Render one notice as a Markdown page.

Layout: front matter, title, metadata card, cover letter, preamble, then a
heading per section and per item (with a stable ``{#task-N}`` anchor), each
item's departments, its text, footnote references where they are cited and
the footnote texts at the end of the page (Python-Markdown footnotes).
"""

from __future__ import annotations

import yaml

from . import text_rules as rules
from .markup import html_text, md_text, one_line
from .model import DepartmentNote, Item, Notice, Section
from .theme_pages import notice_tags, theme_chips
from .themes import Vocabulary

ORIGINALS_DIR = "originals"
NOTICES_DIR = "notices"


def original_name(notice: Notice) -> str:
    """File name of the downloadable original; HTML is served as text, so no script runs."""
    suffix = notice.source.rsplit(".", 1)[-1].lower() if "." in notice.source else "txt"
    return f"{notice.id}.{suffix}" if suffix == "txt" else f"{notice.id}.{suffix}.txt"


def render_notice_page(notice: Notice, vocabulary: Vocabulary | None = None) -> str:
    footnote_numbers = {f.mark: n for n, f in enumerate(notice.footnotes, start=1)}
    tags = {"tags": notice_tags(notice, vocabulary)} if vocabulary is not None else {}
    parts = [
        _front_matter(notice, tags),
        f"# {md_text(one_line(notice.title))}",
        _metadata_card(notice),
    ]
    if notice.cover:
        # Text before the plan's title: a cover letter, or whatever else the file held there.
        parts.append('## 印发通知 {#cover}' if notice.notice_title else '## 标题前的文字 {#cover}')
        if notice.recipients:
            parts.append(f"{md_text(notice.recipients)}：")
        parts.extend(_paragraph(p, footnote_numbers) for p in notice.cover)
    if notice.preamble:
        parts.append("## 前言 {#preamble}")
        parts.extend(_paragraph(p, footnote_numbers) for p in notice.preamble)
    for section in notice.sections:
        parts.extend(_section(section, footnote_numbers, vocabulary))
    if notice.footnotes:
        parts.extend(f"[^{footnote_numbers[f.mark]}]: {md_text(one_line(f.text))}" for f in notice.footnotes)
    return "\n\n".join(p for p in parts if p) + "\n"


def _front_matter(notice: Notice, extra: dict) -> str:
    data = {"title": one_line(notice.title), **extra}
    if notice.issuer or notice.year:
        data["description"] = one_line(" ".join(str(v) for v in (notice.issuer, notice.year) if v))
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---"


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


def section_label(numeral: str) -> str:
    """"一" → "一、", "第一部分" → "第一部分 ", "" → ""."""
    if not numeral:
        return ""
    return f"{numeral}、" if set(numeral) <= set(rules.CN_NUMERALS) else f"{numeral} "


def _section(section: Section, footnotes: dict[str, int], vocabulary: Vocabulary | None) -> list[str]:
    parts: list[str] = []
    if section.heading:
        numeral = section_label(section.numeral)
        parts.append(f"## {md_text(numeral + one_line(section.heading))} {{#{section.anchor}}}")
    parts.extend(_paragraph(p, footnotes) for p in section.paragraphs)
    for item in section.items:
        parts.extend(_item(item, footnotes, vocabulary))
    return parts


def _item(item: Item, footnotes: dict[str, int], vocabulary: Vocabulary | None) -> list[str]:
    parts = [f"### {_inline(item.heading, footnotes)} {{#{item.anchor}}}"]
    if item.themes and vocabulary is not None:
        parts.append(theme_chips(item, vocabulary, NOTICES_DIR))
    if item.departments:
        parts.append(_departments_line(item))
    inline_notes = len(item.department_notes) > 1
    bodies = [item.title, *item.paragraphs]
    for index, paragraph in enumerate(item.paragraphs, start=1):
        notes = [n for n in item.department_notes if n.paragraph == index] if inline_notes else []
        parts.append(_paragraph(paragraph, footnotes, notes))
    if inline_notes:
        title_notes = [n for n in item.department_notes if n.paragraph == 0 or n.paragraph >= len(bodies)]
        if title_notes:
            parts.append(_notes_paragraph(title_notes))
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


def _paragraph(text: str, footnotes: dict[str, int], notes: list[DepartmentNote] = ()) -> str:
    """A paragraph of source text; department notes are put back where they stood."""
    if not notes:
        return _inline(one_line(text), footnotes)
    pieces, cursor = [], 0
    for note in sorted(notes, key=lambda n: n.offset):
        pieces.append(_inline(one_line(text[cursor:note.offset]), footnotes))
        pieces.append(f'<span class="dept-note">{html_text(note.text)}</span>')
        cursor = note.offset
    pieces.append(_inline(one_line(text[cursor:]), footnotes))
    return "".join(pieces)


def _notes_paragraph(notes: list[DepartmentNote]) -> str:
    return '<p class="dept-notes">' + "".join(
        f'<span class="dept-note">{html_text(n.text)}</span>' for n in notes) + "</p>"


def _inline(text: str, footnotes: dict[str, int]) -> str:
    """Escape text; turn "^①" citations of known footnotes into footnote references."""
    out, cursor = [], 0
    for match in rules.FOOTNOTE_CITATION_RE.finditer(text):
        number = footnotes.get(match["mark"])
        if number is None:
            continue
        out.append(md_text(text[cursor:match.start()]))
        out.append(f"[^{number}]")
        cursor = match.end()
    out.append(md_text(text[cursor:]))
    return "".join(out)
