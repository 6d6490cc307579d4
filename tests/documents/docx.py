"""A notice as a bureau writes it in Word: automatic numbering, footnotes, header and footer.

With ``numbering="automatic"`` no number is typed: sections take theirs from a
paragraph style whose numbering is chineseCounting "%1、" (numbering inherited
from a style), items from direct numbering ("%1." decimal, suffix space or
nothing as the seed prints it), a new list instance with a startOverride
wherever the seed's numbers do not run on. With ``numbering="typed"`` the numbers
are typed as text. Footnotes are Word footnotes; the running header and the
"— PAGE —" footer are in their own parts, as Word keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

from build_scripts.parse import rules

from .blocks import Block, Kind

SECTION_STYLE = "SectionHeading"
SECTION_LIST = ("chineseCounting", "%1、", "nothing")


@dataclass
class _Lists:
    """The numbering definitions written so far."""

    numbering: object  # the numbering part's <w:numbering>
    abstract_ids: dict[tuple[str, str, str], int] = field(default_factory=dict)
    next_num: int = 100
    current: dict[tuple[str, str, str], tuple[int, int]] = field(default_factory=dict)  # → (numId, last value)
    style_num: int = 0  # the list the section heading style numbers with

    def abstract(self, fmt: str, text: str, suffix: str) -> int:
        key = (fmt, text, suffix)
        if key not in self.abstract_ids:
            abstract_id = 50 + len(self.abstract_ids)
            self.abstract_ids[key] = abstract_id
            element = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                f'<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                f'<w:numFmt w:val="{fmt}"/><w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
            first_num = self.numbering.find(qn("w:num"))
            if first_num is None:
                self.numbering.append(element)
            else:
                first_num.addprevious(element)
        return self.abstract_ids[key]

    def num_for(self, fmt: str, text: str, suffix: str, value: int) -> int:
        """The list instance that shows ``value`` next: the running one, or a new one starting there."""
        key = (fmt, text, suffix)
        running = self.current.get(key)
        if running and running[1] + 1 == value:
            self.current[key] = (running[0], value)
            return running[0]
        num_id = self.next_num
        self.next_num += 1
        override = "" if value == 1 and not running else \
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{value}"/></w:lvlOverride>'
        self.numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{self.abstract(fmt, text, suffix)}"/>'
            f'{override}</w:num>'))
        self.current[key] = (num_id, value)
        return num_id


def write_docx(blocks: list[Block], path: Path, header: str, numbering: str = "automatic") -> None:
    document = Document()
    document.core_properties.title = header
    document.core_properties.author = ""
    _header_and_footer(document, header)
    lists = _Lists(document.part.numbering_part.element)
    footnotes = _Footnotes(document)
    if numbering == "automatic":
        _section_style(document, lists)
    for block in blocks:
        paragraph = document.add_paragraph()
        text = block.text
        if numbering == "automatic":
            text = _number_automatically(paragraph, block, text, lists)
        _format(paragraph, block)
        _add_text(paragraph, text, block, footnotes)
    footnotes.save()
    document.save(str(path))


def _header_and_footer(document, header: str) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")


def _section_style(document, lists: _Lists) -> None:
    """A heading style that numbers its paragraphs 一、二、… (the paragraphs carry no numbering)."""
    style = document.styles.add_style(SECTION_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    num_id = lists.num_for(*SECTION_LIST, 1)
    lists.current[SECTION_LIST] = (num_id, 0)  # nothing numbered yet
    lists.style_num = num_id
    style.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _number_automatically(paragraph, block: Block, text: str, lists: _Lists) -> str:
    """The text without its typed number, the number made Word's own."""
    if block.kind is Kind.SECTION:
        match = rules.SECTION_RE.match(text)
        if match and match["numeral"] and text[:match.start("text")] == f"{match['numeral']}、":
            paragraph.style = SECTION_STYLE
            num_id = lists.num_for(*SECTION_LIST, rules.chinese_numeral_value(match["numeral"]))
            if num_id != lists.style_num:  # the style's list does not run on here: a restart
                _number(paragraph, num_id)
            return match["text"]
    if block.kind is Kind.ITEM:
        match = rules.ITEM_RE.match(text)
        marker = text[:match.start("text")]
        suffix = "space" if marker.endswith(" ") else "nothing"
        if marker.strip() == f"{match['number']}{match['sep']}" and marker.rstrip(" ") == marker.rstrip():
            _number(paragraph, lists.num_for("decimal", f"%1{match['sep']}", suffix, int(match["number"])))
            return match["text"]
    return text


def _number(paragraph, num_id: int) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _format(paragraph, block: Block) -> None:
    if block.kind in (Kind.TITLE, Kind.LETTERHEAD, Kind.CENTRED):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif block.kind is Kind.SIGNATURE:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif block.kind is not Kind.FLUSH:
        paragraph.paragraph_format.first_line_indent = Pt(32)


def _add_text(paragraph, text: str, block: Block, footnotes: "_Footnotes") -> None:
    last = 0
    for match in rules.FOOTNOTE_CITATION_RE.finditer(text):
        _run(paragraph, text[last:match.start()], block)
        footnotes.cite(paragraph, block.notes[match["mark"]])
        last = match.end()
    _run(paragraph, text[last:], block)


def _run(paragraph, text: str, block: Block) -> None:
    if not text:
        return
    run = paragraph.add_run(text)
    run.font.size = Pt({Kind.TITLE: 22, Kind.LETTERHEAD: 26}.get(block.kind, 16))
    if block.kind is Kind.LETTERHEAD:
        run.font.color.rgb = RGBColor(0xC0, 0, 0)
    if block.kind is Kind.TITLE:
        run.bold = True


class _Footnotes:
    """word/footnotes.xml, which python-docx does not write: built here and added as a part."""

    def __init__(self, document):
        self.document = document
        self.notes: list[str] = []

    def cite(self, paragraph, text: str) -> None:
        self.notes.append(text)
        paragraph._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{len(self.notes)}"/></w:r>'))

    def save(self) -> None:
        if not self.notes:
            return
        notes = "".join(
            f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {_escape(text)}</w:t></w:r></w:p></w:footnote>'
            for number, text in enumerate(self.notes, start=1))
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
               f'</w:p></w:footnote>{notes}</w:footnotes>')
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), self.document.part.package)
        self.document.part.relate_to(part, RT.FOOTNOTES)


def _escape(text: str) -> str:
    return re.sub(r"[&<>]", lambda m: {"&": "&amp;", "<": "&lt;", ">": "&gt;"}[m.group()], text)
