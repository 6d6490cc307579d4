"""A notice as a bureau prints it to PDF: A4, 三号 type, letterhead, "— N —" page numbers.

Laid out by hand with reportlab (STSong-Light, a CID font every PDF reader
knows, so no font file is needed): running header from page 2, paragraphs
with a two-character first-line indent wrapped character by character (so page
breaks fall inside sentences), footnote marks raised and small, footnotes at
the bottom of the page that cites them, and optionally two columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from build_scripts.parse import rules

from .blocks import Block, Kind

FONT = "STSong-Light"
BODY, TITLE, LETTERHEAD, NOTE, HEADER = 16.0, 22.0, 26.0, 10.0, 10.0
LEADING, NOTE_LEADING = 28.0, 14.0
LEFT, RIGHT, TOP, BOTTOM = 79.0, 74.0, 100.0, 95.0
GUTTER = 24.0
WIDTH, HEIGHT = A4
# STSong-Light's character map has no middle dot: drawn in a Latin font, as word processors do.
LATIN = "Helvetica"
NOT_IN_FONT = "·"
_FONT_RUNS = re.compile(f"[{NOT_IN_FONT}]|[^{NOT_IN_FONT}]+")


@dataclass
class _Page:
    canvas: Canvas
    header: str
    columns: int
    number: int = 0
    column: int = 0
    y: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def column_width(self) -> float:
        return (WIDTH - LEFT - RIGHT - GUTTER * (self.columns - 1)) / self.columns

    @property
    def x(self) -> float:
        return LEFT + self.column * (self.column_width + GUTTER)

    def floor(self, extra_notes: list[str] = ()) -> float:
        lines = sum(len(_wrap(n, self.column_width, NOTE, 0)) for n in [*self.notes, *extra_notes])
        return BOTTOM + (lines * NOTE_LEADING + 8 if lines else 0)


def write_pdf(blocks: list[Block], path: Path, header: str, columns: int = 1) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    page = _Page(Canvas(str(path), pagesize=A4, invariant=1), header, columns)
    page.canvas.setTitle(header)
    _new_page(page)
    for block in blocks:
        _place(page, block)
    _finish_page(page)
    page.canvas.save()


def _new_page(page: _Page) -> None:
    page.number += 1
    page.column = 0
    page.y = HEIGHT - TOP
    if page.number > 1:
        page.canvas.setFont(FONT, HEADER)
        page.canvas.drawCentredString(WIDTH / 2, HEIGHT - 42, page.header)
        page.canvas.line(LEFT, HEIGHT - 48, WIDTH - RIGHT, HEIGHT - 48)


def _finish_page(page: _Page) -> None:
    canvas = page.canvas
    if page.notes:
        y = page.floor() - 8
        canvas.line(LEFT, y + 4, LEFT + 120, y + 4)
        for note in page.notes:
            for line in _wrap(note, page.column_width, NOTE, 0):
                y -= NOTE_LEADING
                canvas.setFont(FONT, NOTE)
                canvas.drawString(LEFT, y + 4, line)
    canvas.setFont(FONT, 14)
    canvas.drawCentredString(WIDTH / 2, 50, f"— {page.number} —")
    canvas.showPage()
    page.notes = []


def _next_column(page: _Page) -> None:
    if page.column + 1 < page.columns:
        page.column += 1
        page.y = HEIGHT - TOP
    else:
        _finish_page(page)
        _new_page(page)


def _place(page: _Page, block: Block) -> None:
    size = {Kind.TITLE: TITLE, Kind.LETTERHEAD: LETTERHEAD}.get(block.kind, BODY)
    leading = LEADING * size / BODY
    indent = 2 * size if block.kind in (Kind.BODY, Kind.SECTION, Kind.ITEM) else 0
    lines = _wrap(block.text, page.column_width, size, indent)
    if block.kind in (Kind.TITLE, Kind.LETTERHEAD):
        page.y -= leading / 2
    for number, line in enumerate(lines):
        notes = [f"{mark}{block.notes[mark]}" for mark in _marks(line) if mark in block.notes]
        if page.y - leading < page.floor(notes):
            _next_column(page)
        page.y -= leading
        page.notes += notes
        _draw_line(page, line, size, block.kind, indent if number == 0 else 0)
    if block.kind in (Kind.TITLE, Kind.LETTERHEAD):
        page.y -= leading / 2


def _marks(line: str) -> list[str]:
    return [m["mark"] for m in rules.FOOTNOTE_CITATION_RE.finditer(line)]


def _draw_line(page: _Page, line: str, size: float, kind: Kind, indent: float) -> None:
    canvas = page.canvas
    width = _width(line, size)
    if kind in (Kind.TITLE, Kind.LETTERHEAD, Kind.CENTRED):
        x = page.x + (page.column_width - width) / 2
    elif kind is Kind.SIGNATURE:
        x = page.x + page.column_width - width - 2 * size
    else:
        x = page.x + indent
    if kind is Kind.LETTERHEAD:
        canvas.setFillColorRGB(0.8, 0, 0)
    for text, raised in _segments(line):
        font_size = size * 0.6 if raised else size
        for run in _FONT_RUNS.finditer(text):
            font = LATIN if run.group() in NOT_IN_FONT else FONT
            canvas.setFont(font, font_size)
            canvas.drawString(x, page.y + (size * 0.45 if raised else 0), run.group())
            x += pdfmetrics.stringWidth(run.group(), font, font_size)
    canvas.setFillColorRGB(0, 0, 0)


def _segments(line: str) -> list[tuple[str, bool]]:
    """The line cut at its footnote citations: (text, raised) pieces, the "^" left out."""
    pieces, last = [], 0
    for match in rules.FOOTNOTE_CITATION_RE.finditer(line):
        pieces += [(line[last:match.start()], False), (match["mark"], True)]
        last = match.end()
    return [p for p in pieces + [(line[last:], False)] if p[0]]


def _width(text: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(t, FONT, size * 0.6 if raised else size) for t, raised in _segments(text))


def _wrap(text: str, width: float, size: float, indent: float) -> list[str]:
    """Lines of at most ``width``, cut between characters (a citation stays whole)."""
    lines, line, room = [], "", width - indent
    for unit in _units(text):
        if line and unit != " " and _width(line + unit, size) > room:
            lines.append(line)
            line, room = "", width
        line += unit
    return lines + [line] if line else lines


def _units(text: str) -> list[str]:
    """What a typesetter never cuts: a citation with its "^", a run of Latin letters and digits."""
    return [m.group() for m in _UNIT_RE.finditer(text)]


_UNIT_RE = re.compile(rf"\^[{rules.FOOTNOTE_MARKS}]|[A-Za-z0-9.%]+|.", re.S)
