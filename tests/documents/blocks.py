"""A notice as the blocks a layout places: titles, paragraphs, signature lines, footnotes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from build_scripts.model import Notice
from build_scripts.parse import rules
from tests.source_writer import render_source


class Kind(Enum):
    LETTERHEAD = "letterhead"
    TITLE = "title"
    CENTRED = "centred"  # the 文号
    FLUSH = "flush"  # recipients: no first-line indent
    SECTION = "section"  # 一、…
    ITEM = "item"  # 1. …
    BODY = "body"
    SIGNATURE = "signature"  # issuer and date, set right


@dataclass
class Block:
    kind: Kind
    text: str
    notes: dict[str, str] = field(default_factory=dict)  # footnote mark → its text


def notice_blocks(notice: Notice, letterhead: bool = True) -> list[Block]:
    """The notice's text (as ``render_source`` prints it) with each line's role."""
    blocks: list[Block] = []
    if letterhead and notice.notice_title and notice.issuer:
        blocks.append(Block(Kind.LETTERHEAD, f"{notice.issuer}文件"))
    signature = {notice.issuer or "", _date(notice)} if notice.notice_title else set()
    for line in render_source(notice).splitlines():
        footnote = rules.FOOTNOTE_DEF_RE.match(line)
        if footnote and blocks and f"^{footnote['mark']}" in blocks[-1].text:
            blocks[-1].notes[footnote["mark"]] = footnote["text"]
        else:
            blocks.append(Block(_kind(line, notice, signature), line))
    return blocks


def _date(notice: Notice) -> str:
    issued = notice.issued
    return f"{issued.year}年{issued.month}月{issued.day}日" if issued else ""


def _kind(line: str, notice: Notice, signature: set[str]) -> Kind:
    if line in (notice.title, notice.notice_title):
        return Kind.TITLE
    if line == notice.doc_number:
        return Kind.CENTRED
    if line in signature:
        return Kind.SIGNATURE
    if notice.recipients and line == f"{notice.recipients}：":
        return Kind.FLUSH
    if rules.SECTION_RE.match(line):
        return Kind.SECTION
    if rules.ITEM_RE.match(line):
        return Kind.ITEM
    return Kind.BODY
