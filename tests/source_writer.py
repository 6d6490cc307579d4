"""Render a Notice back to the plain-text form the parser reads.

The inverse of ``parse.notice.parse_text`` for notices in the shape bureaus print:
cover notice, title, preamble, "一、" sections, "1." items with their
department notes in place, footnotes printed after the paragraph citing them.
Property tests use it to check that render → parse gives the model back.
"""

from __future__ import annotations

from build_scripts.parse import rules
from build_scripts.model import Item, Notice


def render_source(notice: Notice) -> str:
    lines: list[str] = []
    if notice.notice_title:
        lines += _cover(notice)
    lines.append(notice.title)
    lines += notice.preamble
    for section in notice.sections:
        if section.heading:
            lines.append(f"{section.numeral}、{section.heading}" if section.numeral else section.heading)
        lines += section.paragraphs
        for item in section.items:
            lines += _item(item, notice)
    return "\n".join(lines) + "\n"


def _cover(notice: Notice) -> list[str]:
    lines = []
    if notice.doc_number:
        lines.append(notice.doc_number)
    lines.append(notice.notice_title)
    if notice.recipients:
        lines.append(f"{notice.recipients}：")
    lines += notice.cover
    if notice.issuer:
        lines.append(notice.issuer)
    if notice.issued:
        lines.append(f"{notice.issued.year}年{notice.issued.month}月{notice.issued.day}日")
    return lines


def _item(item: Item, notice: Notice) -> list[str]:
    bodies = [item.title, *item.paragraphs]
    for note in sorted(item.department_notes, key=lambda n: (n.paragraph, -n.offset)):
        index = min(note.paragraph, len(bodies) - 1)
        text = bodies[index]
        offset = len(text) if note.paragraph >= len(bodies) else note.offset
        bodies[index] = text[:offset] + note.text + text[offset:]
    first = bodies[0] + (bodies[1] if len(bodies) > 1 else "")
    lines = [item.marker + first, *bodies[2:]]
    footnotes = {f.mark: f.text for f in notice.footnotes}
    out: list[str] = []
    for line in lines:
        out.append(line)
        for match in rules.FOOTNOTE_CITATION_RE.finditer(line):
            if match["mark"] in footnotes:
                out.append(f"{match['mark']} {footnotes[match['mark']]}")
    return out
