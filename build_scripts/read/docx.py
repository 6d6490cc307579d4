"""The Word reader: a ``.docx`` file's paragraphs, with automatic numbers as Word shows them.

Read straight from the package's XML (the standard library is enough). What no
library does for Chinese documents is done here: automatic numbering is
resolved from ``numbering.xml`` (numFmt such as chineseCounting 一、二、,
lvlText patterns such as "（%1）" and "%1.%2", start values, level restarts,
lvlOverride / startOverride, numbering inherited from paragraph styles through
``basedOn``), so "一、" and "1." come back in the text where the parser expects
them. Footnotes become ``^①`` marks with their text after the paragraph; tables
become rows that can never be taken for tasks; headers and footers (separate
parts) are left out and reported; tracked deletions and field codes are skipped.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from xml.etree import ElementTree as ET

from ..model import DroppedLine, DropReason
from ..parse import rules

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TABLE_ROW_MARK = rules.TABLE_ROW_MARK


class DocxError(Exception):
    """The file cannot be read as Word: the message says why and what to do."""


# Bounds on what one file may cost. Word itself keeps a list's numbers within 0..32767 and nine
# levels; real documents nest elements a few dozen deep and their parts expand from the zip
# tens of times at most.
MAX_NUMBER = 32767
LEVELS = 9
MAX_DEPTH = 256
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_EXPANSION = 200  # a part's size over its compressed size, for parts above 1 MB
MAX_PACKAGE_BYTES = 128 * 1024 * 1024  # all the parts read, expanded
MAX_HEADERS = 60  # header (or footer) parts read: three per section, twenty sections


# What a damaged package raises while it is opened, unpacked and parsed.
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError, KeyError, ET.ParseError)


class _Malformed(Exception):
    """A value or part that Word would not accept; read_docx names the file."""


@dataclass(frozen=True)
class LevelFormat:
    start: int = 1
    num_fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"  # tab, space or nothing: what follows the number
    restart_after: int | None = None  # lvlRestart: restart after this level (1-based); 0 = never
    legal: bool = False  # isLgl: every level shown as decimal


@dataclass
class Numbering:
    """numbering.xml: abstract definitions, the num instances that use them, and the running counters."""

    abstract: dict[str, dict[int, LevelFormat]] = field(default_factory=dict)
    instances: dict[str, tuple[str, dict[int, int], dict[int, LevelFormat]]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def number(self, num_id: str, level: int) -> tuple[str, str] | None:
        """The next number of list ``num_id`` at ``level`` as Word shows it, and its suffix."""
        if num_id not in self.instances:
            return None
        abstract_id, start_overrides, level_overrides = self.instances[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **level_overrides}
        if level not in levels:
            return None
        # An instance that overrides a start value counts on its own; the others share their abstract list.
        key = num_id if start_overrides or level_overrides else f"abstract:{abstract_id}"
        counters = self.counters.setdefault(key, [None] * 9)
        if key == num_id and num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in start_overrides.items():
                counters[lvl] = start - 1
        fmt = levels[level]
        counters[level] = (counters[level] if counters[level] is not None else fmt.start - 1) + 1
        for deeper in range(level + 1, 9):
            deeper_fmt = levels.get(deeper)
            if deeper_fmt is None or deeper_fmt.restart_after != 0 and \
                    (deeper_fmt.restart_after is None or deeper_fmt.restart_after >= level + 1):
                counters[deeper] = None
        if fmt.num_fmt == "none":
            return "", fmt.suffix
        text = re.sub(r"%([1-9])", lambda m: self._shown(levels, counters, int(m[1]) - 1, fmt.legal), fmt.text)
        return text, fmt.suffix

    @staticmethod
    def _shown(levels: dict[int, LevelFormat], counters: list[int | None], level: int, legal: bool) -> str:
        fmt = levels.get(level, LevelFormat())
        value = counters[level] if counters[level] is not None else fmt.start
        return format_number(value, "decimal" if legal and level else fmt.num_fmt)


_CN = "〇一二三四五六七八九"


def _chinese_counting(value: int) -> str:
    """一, 十, 十一, 二十, 一百零五, 一千零一十, 一万二千 (Word's chineseCounting, 0 to 99,999)."""
    if value < 10:
        return _CN[value]
    if value < 20:
        return "十" + (_CN[value - 10] if value > 10 else "")
    return _chinese_below(value) if value < 100_000 else str(value)


def _chinese_below(value: int) -> str:
    """A number of up to five digits in full (十 always with its digit): 一十, 一百一十."""
    out, zero = "", False
    for unit, name in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if digit:
            out += ("零" if zero else "") + _CN[digit] + name
            zero = False
        elif out:
            zero = True
    return out


def _letters(value: int, base: str) -> str:
    count, index = divmod(value - 1, 26)
    return base[index] * (count + 1)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out, value = out + letters, value - number
    return out


def format_number(value: int, num_fmt: str) -> str:
    """A counter's value in one of Word's number formats (ST_NumberFormat)."""
    if num_fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
                   "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"):
        return _chinese_counting(value)
    if num_fmt == "ideographTraditional" and 1 <= value <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[value - 1]
    if num_fmt == "ideographZodiac" and 1 <= value <= 12:
        return "子丑寅卯辰巳午未申酉戌亥"[value - 1]
    if num_fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return rules.FOOTNOTE_MARKS[value - 1]
    if num_fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(value))
    if num_fmt == "decimalZero":
        return f"{value:02d}"
    if num_fmt == "upperLetter":
        return _letters(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if num_fmt == "lowerLetter":
        return _letters(value, "abcdefghijklmnopqrstuvwxyz")
    if num_fmt == "upperRoman":
        return _roman(value)
    if num_fmt == "lowerRoman":
        return _roman(value).lower()
    return str(value)


# --- the package ---------------------------------------------------------------------

@dataclass
class DocxText:
    paragraphs: list[str]
    dropped: list[DroppedLine]


def read_docx(data: bytes, name: str) -> DocxText:
    """The paragraphs of a Word document, numbers and footnotes included. Raises DocxError."""
    try:
        package = zipfile.ZipFile(BytesIO(data))
    except DAMAGED:
        raise DocxError(f"{name}: not a Word (.docx) file: it is not a zip package. If it is an older "
                        "Word file, name it .doc; else open it in Word or LibreOffice and save it as .docx.") from None
    try:
        with package:
            return _read_package(package)
    except _Malformed as error:
        raise DocxError(f"{name}: {error}") from None
    except DAMAGED as error:
        raise DocxError(f"{name}: a damaged Word file ({error}); open it in Word or LibreOffice "
                        "and save it again as .docx.") from None


def _read_package(package: zipfile.ZipFile) -> DocxText:
    parts = _Parts(package)
    document = parts.xml(parts.main)
    reader = _BodyReader(_numbering(parts), _paragraph_styles(parts), _footnotes(parts))
    body = document.find(f"{W}body")
    paragraphs = reader.read(body) if body is not None else []
    dropped = [DroppedLine(1, text, DropReason.RUNNING_HEADER) for text in parts.header_footer_texts()]
    return DocxText(paragraphs, dropped)


class _Parts:
    """The package's parts, found through its relationships (not by assumed names)."""

    def __init__(self, package: zipfile.ZipFile):
        self.package = package
        self.names = set(package.namelist())
        self.read_bytes = 0  # what the package has expanded to so far, against MAX_PACKAGE_BYTES
        root_rels = self.xml("_rels/.rels")
        self.main = next((r.get("Target", "").lstrip("/") for r in root_rels.iter(f"{PKG_REL}Relationship")
                          if r.get("Type", "").endswith("/officeDocument")), None)
        if not self.main:
            raise _Malformed("not a Word document: its package names no main document (no officeDocument "
                             "relationship in _rels/.rels); open it in Word or LibreOffice and save it as .docx.")
        folder, base = posixpath.split(self.main)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        rels = self.xml(rels_name) if rels_name in self.names else None
        self.related: dict[str, dict[str, None]] = {}  # kind → its parts in order (a part named twice is read once)
        for rel in (rels.iter(f"{PKG_REL}Relationship") if rels is not None else []):
            if rel.get("TargetMode") == "External":
                continue
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            self.related.setdefault(kind, {})[posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))] = None

    def xml(self, part: str) -> ET.Element:
        """A part's XML, within the bounds of size, expansion and depth."""
        info = self.package.getinfo(part)  # the reader never returns more than the size declared here
        if info.file_size > MAX_PART_BYTES or \
                info.file_size > 1024 * 1024 and info.file_size > MAX_EXPANSION * max(info.compress_size, 1):
            raise _Malformed(f"{part} would expand to {info.file_size / 1e6:.0f} MB from {info.compress_size / 1e6:.1f} MB "
                             f"(at most {MAX_PART_BYTES // 2**20} MB, and {MAX_EXPANSION} times its packed size, are "
                             "read): not a document Word writes; open it in Word or LibreOffice and save it again, "
                             "or save its text as a .txt file beside it.")
        self.read_bytes += info.file_size
        if self.read_bytes > MAX_PACKAGE_BYTES:
            raise _Malformed(f"its parts expand to more than {MAX_PACKAGE_BYTES // 2**20} MB in all, which no "
                             "document Word writes does; open it in Word or LibreOffice and save it again.")
        return _bounded_xml(self.package.read(part), part)

    def optional(self, kind: str) -> ET.Element | None:
        first = next(iter(self.related.get(kind, {})), None)
        return self.xml(first) if first in self.names else None

    def header_footer_texts(self) -> list[str]:
        texts = []
        for kind in ("header", "footer"):
            for part in list(self.related.get(kind, {}))[:MAX_HEADERS]:  # Word has three of each per section
                if part in self.names:
                    text = "".join(t.text or "" for t in self.xml(part).iter(f"{W}t")).strip()
                    if text:
                        texts.append(text)
        return texts


def _bounded_xml(data: bytes, part: str) -> ET.Element:
    """The XML tree, refused when elements nest deeper than MAX_DEPTH (the readers walk it)."""
    depth = 0
    root = None
    for event, element in ET.iterparse(BytesIO(data), events=("start", "end")):
        if event == "start":
            depth += 1
            root = element if root is None else root
            if depth > MAX_DEPTH:
                raise _Malformed(f"{part} nests its elements more than {MAX_DEPTH} deep, which no document "
                                 "Word writes does; open it in Word or LibreOffice and save it again.")
        else:
            depth -= 1
    return root


def _val(element: ET.Element | None, default: str | None = None) -> str | None:
    return element.get(f"{W}val", default) if element is not None else default


def _number_value(text: str | None, what: str, low: int = 0, high: int = MAX_NUMBER) -> int:
    """An integer attribute of numbering.xml, within Word's own bounds."""
    try:
        value = int(text or "")
    except ValueError:
        raise _Malformed(f"numbering.xml: {what} is '{(text or '')[:20]}', not a number; open the file in Word or "
                         "LibreOffice, set the list's numbering again and save it.") from None
    if not low <= value <= high:
        raise _Malformed(f"numbering.xml: {what} is {str(value)[:20]}{'…' if len(str(value)) > 20 else ''}, outside "
                         f"{low}..{high} (Word's limit); open the file in Word or LibreOffice, set the list's "
                         "start value and save it.")
    return value


def _level(text: str | None) -> int:
    return _number_value(text or "0", "a list level (ilvl)", 0, LEVELS - 1)


def _level_format(lvl: ET.Element) -> LevelFormat:
    restart = lvl.find(f"{W}lvlRestart")
    return LevelFormat(
        start=_number_value(_val(lvl.find(f"{W}start"), "1"), "a list's start value"),
        num_fmt=_val(lvl.find(f"{W}numFmt"), "decimal"),
        text=_val(lvl.find(f"{W}lvlText"), ""),
        suffix=_val(lvl.find(f"{W}suff"), "tab"),
        restart_after=_number_value(_val(restart), "a level restart (lvlRestart)", 0, LEVELS) if restart is not None else None,
        legal=lvl.find(f"{W}isLgl") is not None and _val(lvl.find(f"{W}isLgl"), "1") not in ("0", "false"),
    )


def _numbering(parts: _Parts) -> Numbering:
    numbering = Numbering()
    root = parts.optional("numbering")
    if root is None:
        return numbering
    for abstract in root.iter(f"{W}abstractNum"):
        numbering.abstract[abstract.get(f"{W}abstractNumId")] = {
            _level(lvl.get(f"{W}ilvl")): _level_format(lvl) for lvl in abstract.findall(f"{W}lvl")}
    for num in root.iter(f"{W}num"):
        starts, levels = {}, {}
        for override in num.findall(f"{W}lvlOverride"):
            level = _level(override.get(f"{W}ilvl"))
            if (start := override.find(f"{W}startOverride")) is not None:
                starts[level] = _number_value(_val(start, "1"), "a list's start value (startOverride)")
            if (lvl := override.find(f"{W}lvl")) is not None:
                levels[level] = _level_format(lvl)
        numbering.instances[num.get(f"{W}numId")] = (_val(num.find(f"{W}abstractNumId"), ""), starts, levels)
    return numbering


def _paragraph_styles(parts: _Parts) -> dict[str, tuple[str | None, int | None]]:
    """Each paragraph style's (numId, ilvl), inherited through basedOn."""
    root = parts.optional("styles")
    if root is None:
        return {}
    own: dict[str, tuple[str | None, int | None, str | None]] = {}
    for style in root.iter(f"{W}style"):
        if style.get(f"{W}type") != "paragraph":
            continue
        num_pr = style.find(f"{W}pPr/{W}numPr")
        num_id = _val(num_pr.find(f"{W}numId")) if num_pr is not None else None
        level = _val(num_pr.find(f"{W}ilvl")) if num_pr is not None else None
        own[style.get(f"{W}styleId")] = (num_id, _level(level) if level else None, _val(style.find(f"{W}basedOn")))

    def resolve(style_id: str) -> tuple[str | None, int | None]:
        num_id, level, parent = own.get(style_id, (None, None, None))
        seen = {style_id}
        while parent and parent not in seen and (num_id is None or level is None):
            seen.add(parent)
            parent_id, parent_level, parent = own.get(parent, (None, None, None))
            num_id = num_id if num_id is not None else parent_id
            level = level if level is not None else parent_level
        return num_id, level

    return {style_id: resolve(style_id) for style_id in own}


def _footnotes(parts: _Parts) -> dict[str, str]:
    root = parts.optional("footnotes")
    if root is None:
        return {}
    notes = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = "".join(t.text or "" for t in note.iter(f"{W}t"))
        notes[note.get(f"{W}id")] = " ".join(text.split())
    return notes


# --- the body ------------------------------------------------------------------------

class _BodyReader:
    def __init__(self, numbering: Numbering, styles: dict[str, tuple[str | None, int | None]],
                 footnotes: dict[str, str]):
        self.numbering = numbering
        self.styles = styles
        self.footnotes = footnotes
        self.cited: list[str] = []  # footnote ids in order of citation

    def read(self, body: ET.Element) -> list[str]:
        out: list[str] = []
        for block in body:
            if block.tag == f"{W}p":
                out += self._paragraph(block)
            elif block.tag == f"{W}tbl":
                out += self._table(block)
            elif block.tag == f"{W}sdt":  # a content control around blocks
                content = block.find(f"{W}sdtContent")
                out += self.read(content) if content is not None else []
        return out

    def _paragraph(self, paragraph: ET.Element) -> list[str]:
        notes_before = len(self.cited)
        text = "".join(self._runs(paragraph))
        lines = [" ".join(line.split()) for line in text.split("\n")]
        number = self._number(paragraph)
        if number and lines:
            marker, suffix = number
            separator = " " if suffix != "nothing" and marker[-1:].isascii() else ""
            lines[0] = marker + separator + lines[0]
        out = [line for line in lines if line]
        for note_id in self.cited[notes_before:]:
            mark = rules.FOOTNOTE_MARKS[min(self.cited.index(note_id), len(rules.FOOTNOTE_MARKS) - 1)]
            out.append(f"{mark} {self.footnotes.get(note_id, '')}".rstrip())
        return out

    def _number(self, paragraph: ET.Element) -> tuple[str, str] | None:
        properties = paragraph.find(f"{W}pPr")
        if properties is None:
            return None
        num_pr = properties.find(f"{W}numPr")
        style_num, style_level = self.styles.get(_val(properties.find(f"{W}pStyle"), "") or "", (None, None))
        num_id = _val(num_pr.find(f"{W}numId")) if num_pr is not None and num_pr.find(f"{W}numId") is not None \
            else style_num
        level_value = _val(num_pr.find(f"{W}ilvl")) if num_pr is not None and num_pr.find(f"{W}ilvl") is not None \
            else style_level
        if not num_id or num_id == "0":
            return None
        return self.numbering.number(num_id, _level(level_value))

    def _runs(self, element: ET.Element):
        """The visible text under ``element``, in order: runs, hyperlinks, insertions, fields' results."""
        for child in element:
            tag = child.tag
            if tag in (f"{W}del", f"{W}pPr", f"{W}rPr", MC_FALLBACK) or tag == f"{W}instrText":
                continue
            if tag == f"{W}t":
                yield child.text or ""
            elif tag == f"{W}tab":
                yield " "
            elif tag in (f"{W}br", f"{W}cr"):
                yield "\n" if child.get(f"{W}type") in (None, "textWrapping") else ""
            elif tag == f"{W}noBreakHyphen":
                yield "-"
            elif tag == f"{W}footnoteReference":
                note_id = child.get(f"{W}id")
                if note_id not in self.cited:
                    self.cited.append(note_id)
                yield "^" + rules.FOOTNOTE_MARKS[min(self.cited.index(note_id), len(rules.FOOTNOTE_MARKS) - 1)]
            else:
                yield from self._runs(child)

    def _table(self, table: ET.Element) -> list[str]:
        rows = []
        for row in table.findall(f"{W}tr"):
            cells = []
            for cell in row.findall(f"{W}tc"):
                texts = [" ".join("".join(self._runs(p)).split()) for p in cell.findall(f"{W}p")]
                cells.append(" ".join(t for t in texts if t))
            if any(cells):
                rows.append(TABLE_ROW_MARK + TABLE_ROW_MARK.join(cells) + TABLE_ROW_MARK)
        return rows
