"""The plan's body: preamble, sections, items, footnotes, and the noise to drop.

Three passes over the body's lines:

1. ``classify_lines`` labels each line (section heading, item start, footnote,
   furniture, debris, paragraph), using the numbering seen so far so that a
   continuation line that happens to start with "3." is not taken for item 3;
2. ``join_broken_sentences`` rejoins paragraphs that a page break or a hard
   line wrap cut in the middle of a sentence, stepping over footnotes;
3. ``assemble`` builds sections and items from the blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import DepartmentNote, Diagnostic, DiagnosticKind, DropReason, DroppedLine, Footnote, Level
from . import rules
from .cover import Line, furniture_reason

HEADING_MAX_CHARS = 40
TITLE_LINE_MAX_CHARS = 24


@dataclass
class Block:
    # "section", "subsection" (（一）), "item", "paragraph", "row" (of a table: never joined, never a
    # task), "appendix" (a line of what is attached after the plan), "footnote"
    kind: str
    text: str
    line: int
    number: int = 0
    marker: str = ""  # numbering as printed: "一、", "21、", "1. "


@dataclass
class DraftItem:
    """An item as its lines are gathered; ``finish_item`` turns it into title, text and notes."""

    number: int
    marker: str
    line: int
    paragraphs: list[str]
    subsection: int = 0


@dataclass
class DraftSubsection:
    number: int
    numeral: str
    heading: str
    line: int
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class DraftSection:
    number: int
    numeral: str
    heading: str
    line: int
    items: list[DraftItem] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    subsections: list[DraftSubsection] = field(default_factory=list)


@dataclass(frozen=True)
class ItemText:
    """An item's text once its department notes are cut out and its title split off."""

    title: str
    paragraphs: list[str]
    department_notes: list[DepartmentNote]


@dataclass
class Body:
    preamble: list[str] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    appendix: list[str] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def parse_body(lines: list[Line], source: str) -> Body:
    body = Body()
    blocks = classify_lines(lines, body, source)
    blocks = join_broken_sentences(blocks)
    assemble(blocks, body, source)
    return body


# --- pass 1 ---------------------------------------------------------------

def item_style(lines: list[Line]) -> re.Pattern:
    """The numbering the plan uses for its tasks: "1." if any, else "（一）", else "（1）"."""
    for pattern in rules.ITEM_STYLES.values():
        if sum(1 for _, text in lines if pattern.match(text)) >= 2:
            return pattern
    return rules.ITEM_RE


def _item_number(match: re.Match) -> int:
    if match.groupdict().get("numeral"):
        return rules.chinese_numeral_value(match["numeral"])
    return int(match["number"])


def classify_lines(lines: list[Line], body: Body, source: str) -> list[Block]:
    cited_marks = {m["mark"] for _, text in lines for m in rules.FOOTNOTE_CITATION_RE.finditer(text)}
    item_pattern = item_style(lines)
    blocks: list[Block] = []
    subsection_pattern = rules.ITEM_STYLES["paren-numeral"] if item_pattern is not rules.ITEM_STYLES[
        "paren-numeral"] else None
    last_item = last_section = 0
    structure_seen = in_appendix = False
    for position, (number, text) in enumerate(lines):
        previous = _last_text_block(blocks)
        reason = _noise_reason(text, lines, position, structure_seen)
        if reason:
            body.dropped.append(DroppedLine(number, text, reason))
            continue
        if in_appendix or (structure_seen and rules.APPENDIX_RE.match(text)):
            in_appendix = True
            blocks.append(Block("appendix", text, number))
            continue
        subsection = subsection_pattern.match(text) if subsection_pattern and last_section else None
        if subsection and _looks_like_heading(subsection["text"]):
            blocks.append(Block("subsection", subsection["text"].strip(), number,
                                rules.chinese_numeral_value(subsection["numeral"]), text[: subsection.start("text")]))
            continue
        if text.startswith(rules.TABLE_ROW_MARK):
            blocks.append(Block("row", text, number))
            continue
        footnote = rules.FOOTNOTE_DEF_RE.match(text)
        if footnote and footnote["mark"] in cited_marks:
            blocks.append(Block("footnote", footnote["text"].strip(), number, marker=footnote["mark"]))
            continue
        section = rules.SECTION_RE.match(text)
        if section and len(section["text"]) <= HEADING_MAX_CHARS * 2:
            value = rules.chinese_numeral_value(section["numeral"] or section["part"])
            # "二、" right after an unfinished sentence is its continuation, unless it
            # is the next section's number.
            if value == last_section + 1 or not _continues(previous):
                blocks.append(Block("section", section["text"].strip(), number, value,
                                    text[: section.start("text")]))
                last_section = value
                structure_seen = True
                continue
        item = item_pattern.match(text)
        if item:
            value = _item_number(item)
            expected = value in (last_item + 1, 1)
            if expected or not _continues(previous):
                if not expected:
                    body.diagnostics.append(Diagnostic(
                        DiagnosticKind.NUMBERING, f"item {value} follows item {last_item}: numbers skipped or "
                        "repeated in the source; kept as printed", source, number))
                blocks.append(Block("item", item["text"].strip(), number, value,
                                    text[: item.start("text")]))
                last_item = value
                structure_seen = True
                continue
        blocks.append(Block("paragraph", text, number))
    return blocks


def _last_text_block(blocks: list[Block]) -> Block | None:
    for block in reversed(blocks):
        if block.kind != "footnote":
            return block
    return None


def _continues(previous: Block | None) -> bool:
    """Whether the previous block stops mid-sentence, so the next line continues it.
    A line "责任科室：…" is complete as it stands (it never ends with 。) unless its
    list of names breaks off after "、"."""
    if previous is None or previous.kind not in ("item", "paragraph") or rules.ends_sentence(previous.text):
        return False
    return not rules.DEPARTMENT_LINE_RE.match(previous.text) or previous.text.endswith(("、", "，", ","))


def _noise_reason(text: str, lines: list[Line], position: int, structure_seen: bool) -> DropReason | None:
    reason = furniture_reason(text)
    if reason:
        return reason
    if rules.DIGITS_ONLY_RE.match(text):
        return DropReason.DIGITS_ONLY
    if rules.SYMBOLS_ONLY_RE.match(text):
        return DropReason.SYMBOLS_ONLY
    if not structure_seen and rules.is_boilerplate(text):
        return DropReason.WEB_TEMPLATE
    following = lines[position + 1][1] if position + 1 < len(lines) else ""
    if text.endswith("办公室") and len(text) <= 30 and rules.PRINT_LINE_RE.search(following):
        return DropReason.PRINT_LINE
    return None


# --- pass 2 ---------------------------------------------------------------

def join_broken_sentences(blocks: list[Block]) -> list[Block]:
    joined: list[Block] = []
    for index, block in enumerate(blocks):
        previous = _last_text_block(joined)
        if block.kind == "paragraph" and _continues(previous) and not _is_heading_candidate(blocks, index) \
                and not _is_title_line(previous) and not rules.CALENDAR_LINE_RE.match(block.text):
            previous.text = rules.join_continuation(previous.text, block.text)
            continue
        joined.append(block)
    return joined


def _is_title_line(block: Block | None) -> bool:
    """An item whose line is its title alone ("3.加强行为规范教育", no punctuation): the
    next line is its body, not the rest of a broken sentence."""
    return block is not None and block.kind == "item" and len(block.text) <= TITLE_LINE_MAX_CHARS \
        and not re.search(r"[，,；;：:、。“”（）()]", block.text)


def _is_heading_candidate(blocks: list[Block], index: int) -> bool:
    """A short unpunctuated line right before an item: a heading printed without "一、"."""
    following = next((b for b in blocks[index + 1:] if b.kind != "footnote"), None)
    return following is not None and following.kind == "item" and _looks_like_heading(blocks[index].text)


def _looks_like_heading(text: str) -> bool:
    return len(text) <= HEADING_MAX_CHARS and not rules.ends_sentence(text) and "。" not in text


# --- pass 3 ---------------------------------------------------------------

def assemble(blocks: list[Block], body: Body, source: str) -> None:
    section: DraftSection | None = None
    subsection: DraftSubsection | None = None
    item: DraftItem | None = None
    for index, block in enumerate(blocks):
        if block.kind == "footnote":
            body.footnotes.append(Footnote(block.marker, block.text))
        elif block.kind == "appendix":
            body.appendix.append(block.text)
        elif block.kind == "section":
            section, subsection, item = _new_section(body, block.number, block.marker, block.text, block.line), None, None
        elif block.kind == "subsection":
            if section is None:
                section = _new_section(body, 0, "", "", block.line)
            numeral = block.marker.strip().strip("（()）").strip()
            subsection = DraftSubsection(len(section.subsections) + 1, numeral, block.text, block.line)
            section.subsections.append(subsection)
            item = None
        elif block.kind == "item":
            if section is None:
                section = _new_section(body, 0, "", "", block.line)
            item = DraftItem(block.number, block.marker, block.line, [block.text],
                             subsection.number if subsection else 0)
            section.items.append(item)
        elif block.kind == "paragraph" and _is_heading_candidate(blocks, index):
            number = (body.sections[-1].number if body.sections else 0) + 1
            body.diagnostics.append(Diagnostic(
                DiagnosticKind.HEADING, f"section heading without a number, taken as section {number}: "
                f"“{block.text}”", source, block.line, level=Level.INFO))
            section = _new_section(body, number, "", block.text, block.line)
        elif item is not None:
            item.paragraphs.append(block.text)
        elif subsection is not None:
            subsection.paragraphs.append(block.text)
        elif section is not None:
            section.paragraphs.append(block.text)
        else:
            body.preamble.append(block.text)


def _new_section(body: Body, number: int, marker: str, heading: str, line: int) -> DraftSection:
    numeral = marker.strip().rstrip("、.．：:").strip()
    section = DraftSection(number=number, numeral=numeral, heading=heading, line=line)
    body.sections.append(section)
    return section


def finish_item(draft: DraftItem) -> ItemText:
    """Cut department notes out of the text, then split off the title sentence."""
    notes: list[DepartmentNote] = []
    texts: list[str] = []
    for index, paragraph in enumerate(draft.paragraphs):
        line_note = rules.DEPARTMENT_LINE_RE.match(paragraph)
        if line_note and index > 0:
            notes.append(DepartmentNote(line_note["label"], tuple(rules.split_departments(line_note["names"])),
                                        len(texts), 0, paragraph))
            continue
        clean, paragraph_notes = _cut_department_notes(paragraph, len(texts))
        notes.extend(paragraph_notes)
        if clean:
            texts.append(clean)
    first = texts[0] if texts else ""
    title, rest = _split_title(first)
    return ItemText(title, ([rest] if rest else []) + texts[1:],
                    [_shift_note(n, len(title), bool(rest)) for n in notes])


def _cut_department_notes(paragraph: str, index: int) -> tuple[str, list[DepartmentNote]]:
    notes: list[DepartmentNote] = []
    pieces: list[str] = []
    length = 0
    cursor = 0
    for match in rules.DEPARTMENT_NOTE_RE.finditer(paragraph):
        kept = paragraph[cursor:match.start()]
        pieces.append(kept)
        length += len(kept)
        notes.append(DepartmentNote(match["label"], tuple(rules.split_departments(match["names"])),
                                    index, length, match.group(0)))
        cursor = match.end()
    pieces.append(paragraph[cursor:])
    return "".join(pieces).strip(), notes


def _split_title(text: str) -> tuple[str, str]:
    end = text.find("。")
    if end < 0:
        return text, ""
    return text[: end + 1], text[end + 1:].strip()


def _shift_note(note: DepartmentNote, title_length: int, first_has_rest: bool) -> DepartmentNote:
    """Re-address a note from [first, others…] to [title, rest?, others…] (index 0 = title)."""
    if note.paragraph == 0 and note.offset <= title_length:
        return note
    if note.paragraph == 0:
        return DepartmentNote(note.label, note.departments, 1, note.offset - title_length, note.text)
    shift = 1 if first_has_rest else 0
    return DepartmentNote(note.label, note.departments, note.paragraph + shift, note.offset, note.text)
