"""The PDF reader: a text layer's characters back into the paragraphs of a notice.

pdfplumber (MIT) gives every character with its box and size; the rest is ours:

1. each page's characters are split into columns where an empty vertical band
   runs down the middle of the page (two-column layouts are read column by column);
2. characters become lines by their vertical centre (a raised, smaller footnote
   mark stays on its line and is written ``^①`` as in the other sources);
3. lines in the top and bottom bands that repeat on other pages (running
   headers and footers) or look like "— 3 —" are dropped and reported;
4. footnotes at the page bottom (smaller type, opening with ①…) are kept as
   footnote lines at the page's end, where the parser attaches them to their mark;
5. lines become paragraphs by indentation, line length and type size, across
   page breaks, so a sentence cut by a page break is one sentence again;
6. radicals that PDF fonts put for ideographs (⼯ ⻅…) are mapped back.

A PDF with no text layer (a scan) is refused with what to do about it.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from ..model import DroppedLine, DropReason
from ..parse import rules
from .radicals import restore_ideographs

# The top and bottom bands of a page (as a share of its height) that hold running headers and page numbers.
_BAND = 0.09
_PAGE_NUMBER_RE = re.compile(r"^(?:[—–\-－─]+\s*)?\d{1,4}(?:\s*[—–\-－─]+)?$|^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d{1,4}\s*/\s*\d{1,4}$")
_SUPERSCRIPT_RATIO = 0.8  # a footnote mark set smaller than this share of its line's type


class PdfError(Exception):
    """The PDF cannot be read: the message says why and what to do."""


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str


@dataclass
class _Column:
    left: float
    right: float
    lines: list[_Line] = field(default_factory=list)


@dataclass
class PdfText:
    paragraphs: list[str]
    pages: list[int]  # the page each paragraph starts on
    dropped: list[DroppedLine]  # line: the paragraph it stood before (1-based)


def read_pdf(data: bytes, name: str) -> PdfText:
    """The paragraphs of a PDF's text layer. Raises PdfError."""
    pages = _page_lines(data, name)
    if not any(lines for lines in pages):
        raise PdfError(
            f"{name}: the PDF has no text layer (a scanned document?): nothing to read. "
            "Run OCR on it first (for example `ocrmypdf -l chi_sim in.pdf out.pdf`, Debian package "
            "ocrmypdf with tesseract-ocr-chi-sim) or save its text as a .txt file beside it.")
    return _assemble(pages)


# --- characters → lines --------------------------------------------------------------

def _page_lines(data: bytes, name: str) -> list[list[list[_Line]]]:
    """For each page, its columns' lines (band lines first as a column of their own)."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.pdfdocument import PDFPasswordIncorrect, PDFEncryptionError

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise PdfError(f"{name}: {len(pdf.pages)} pages, more than the {MAX_PAGES} read from one PDF (a work "
                               "plan has a few dozen); if it binds several documents, save the plan's pages as a "
                               "PDF of their own.")
            pages, total, unmapped = [], 0, []
            for number, page in enumerate(pdf.pages, start=1):
                chars = page.chars
                total += len(chars)
                if total > MAX_CHARS:
                    raise PdfError(f"{name}: more than {MAX_CHARS:,} characters by page {number} (a work plan has "
                                   "tens of thousands); if it binds several documents, save the plan's pages as a "
                                   "PDF of their own, or save its text as a .txt file beside it.")
                unmapped.append(sum(1 for c in chars if c["text"].startswith(UNMAPPED)))
                pages.append(_columns_of(number, chars, float(page.width), float(page.height)))
                page.close()  # pdfplumber keeps every page's objects until then
            _check_fonts(unmapped, total, name, encrypted=bool(getattr(pdf.doc, "encryption", None)))
            return pages
    except PdfError:
        raise
    except Exception as error:  # pdfminer raises many kinds on broken files; pdfplumber wraps them
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise PdfError(f"{name}: the PDF is password-protected (encrypted) and cannot be opened without its "
                           "password; open it with the password and save or print an unprotected copy to PDF, "
                           "or save its text as a .txt file beside it.") from None
        if isinstance(cause, PDFSyntaxError):
            raise PdfError(f"{name}: cannot open the PDF ({type(cause).__name__}: {cause}); "
                           "the file is damaged: print it to PDF again.") from None
        raise PdfError(f"{name}: cannot read the PDF ({type(cause).__name__}: {cause}); "
                       "open it and save or print it to PDF again.") from None


MAX_PAGES = 500  # pdfminer reads a page in tens of milliseconds, even a blank one
MAX_CHARS = 200_000  # pdfplumber takes about 0.1 ms a character
UNMAPPED = "(cid:"  # what pdfminer gives for a glyph its font does not map to a character
UNMAPPED_SHARE = 0.2


def _check_fonts(unmapped: list[int], total: int, name: str, encrypted: bool) -> None:
    """A PDF whose fonts do not say which characters their glyphs are (no ToUnicode map)
    extracts as "(cid:19)(cid:17)…": a message, never a notice of such text. Counted over the
    whole document, so that a seal or a signature in such a font on one page does not count."""
    if not total or sum(unmapped) / total <= UNMAPPED_SHARE:
        return
    page = next(number for number, count in enumerate(unmapped, start=1) if count)
    if encrypted:
        raise PdfError(f"{name}: the PDF is encrypted (an owner password restricts copying its text), and its "
                       f"text cannot be read: from page {page} it comes out as '(cid:N)'; open it with the password "
                       "and save or print an unprotected copy to PDF, or save its text as a .txt file beside it.")
    raise PdfError(f"{name}: the PDF's fonts do not map {sum(unmapped)} of {total} glyphs to characters (from page "
                   f"{page}), so its text cannot be read (it would come out as '(cid:N)'); print the original "
                   "document to PDF again with fonts embedded, or run OCR on it (`ocrmypdf --force-ocr -l chi_sim`), "
                   "or save its text as a .txt file beside it.")


def _columns_of(page: int, chars: list[dict], width: float, height: float) -> list[list[_Line]]:
    chars = [c for c in chars if c["text"].strip() or c["text"] == " "]
    if not chars:
        return []
    top, bottom = height * _BAND, height * (1 - _BAND)
    bands = [c for c in chars if _centre(c) < top or _centre(c) > bottom]
    body = [c for c in chars if top <= _centre(c) <= bottom]
    gutter = _gutter(body, width)
    if gutter is None:
        groups = [body]
    else:
        groups = [[c for c in body if c["x1"] <= gutter], [c for c in body if c["x0"] >= gutter]]
    head = [c for c in bands if _centre(c) < top]
    foot = [c for c in bands if _centre(c) > bottom]
    return [_lines(page, head)] + [_lines(page, g) for g in groups] + [_lines(page, foot)]


def _centre(char: dict) -> float:
    return (char["top"] + char["bottom"]) / 2


def _gutter(chars: list[dict], width: float) -> float | None:
    """The x of an empty vertical band in the middle of the page with text on both sides."""
    if len(chars) < 40:
        return None
    size = median(c["size"] for c in chars)
    covered = bytearray(int(width) + 2)
    for c in chars:
        for x in range(int(c["x0"]), min(int(c["x1"]) + 1, len(covered))):
            covered[x] = 1
    start = None
    for x in range(int(width * 0.3), int(width * 0.7) + 1):
        if not covered[x]:
            start = x if start is None else start
            if x - start >= size:
                middle = start + (x - start) / 2
                left = sum(c["x1"] <= middle for c in chars)
                if min(left, len(chars) - left) >= 4:
                    return middle
        else:
            start = None
    return None


def _lines(page: int, chars: list[dict]) -> list[_Line]:
    if not chars:
        return []
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (_centre(c), c["x0"])):
        if rows and _centre(char) - _centre(rows[-1][0]) <= 0.5 * max(rows[-1][0]["size"], char["size"]):
            rows[-1].append(char)
        else:
            rows.append([char])
    return [line for row in rows if (line := _line(page, sorted(row, key=lambda c: c["x0"]))).text]


def _line(page: int, chars: list[dict]) -> _Line:
    size = median(c["size"] for c in chars)
    baseline = max(c["bottom"] for c in chars if c["size"] >= _SUPERSCRIPT_RATIO * size) \
        if any(c["size"] >= _SUPERSCRIPT_RATIO * size for c in chars) else None
    text = ""
    raised = ""  # a run of small raised digits: a footnote number as Word and LibreOffice set it
    previous = None
    for char in chars:
        glyph = char["text"]
        small = char["size"] < _SUPERSCRIPT_RATIO * size
        lifted = baseline is None or char["bottom"] < baseline - 0.15 * size
        if small and lifted and glyph in "0123456789":
            raised += glyph
            previous = char
            continue
        text, raised = text + _footnote_mark(raised, text), ""
        if glyph in rules.FOOTNOTE_MARKS and small and text:
            glyph = "^" + glyph
        elif previous is not None and char["x0"] - previous["x1"] > 0.25 * size \
                and text[-1:].isascii() and text[-1:].isalnum() and glyph.isascii() and glyph.isalnum():
            text += " "
        text += glyph
        previous = char
    text += _footnote_mark(raised, text)
    body = [c for c in chars if c["size"] >= _SUPERSCRIPT_RATIO * size] or chars
    return _Line(page, min(c["top"] for c in body), max(c["bottom"] for c in body),
                 chars[0]["x0"], chars[-1]["x1"], size, restore_ideographs(_collapse_spaces(text)))


def _footnote_mark(digits: str, before: str) -> str:
    """Raised digits as the notices' own marks: "^①" after text (a citation), "①" opening a
    line (the footnote itself)."""
    if not digits:
        return ""
    if not 1 <= int(digits) <= len(rules.FOOTNOTE_MARKS):
        return digits
    mark = rules.FOOTNOTE_MARKS[int(digits) - 1]
    return "^" + mark if before.strip() else mark


def _collapse_spaces(text: str) -> str:
    """Runs of spaces as one; a space at the line's end is kept (the line broke at it)."""
    collapsed = " ".join(text.split())
    return collapsed + " " if collapsed and text[-1].isspace() else collapsed


# --- lines → paragraphs ----------------------------------------------------------------

def _assemble(pages: list[list[list[_Line]]]) -> PdfText:
    repeated = _repeated_band_texts(pages)
    body_size = _body_size(pages)
    out = PdfText([], [], [])
    previous: tuple[_Line, float] | None = None  # the last line, and its column's right margin
    for number, columns in enumerate(pages, start=1):
        if not columns:
            continue
        head, *body_columns, foot = columns
        footnotes: list[str] = []
        for line in head + foot:
            _drop_or_keep(line, repeated, out, footnotes)
        for lines in body_columns:
            lines, notes = _split_footnotes(lines, body_size)
            footnotes += notes
            if not lines:
                continue
            left, right = min(l.x0 for l in lines), max(l.x1 for l in lines)
            for line in lines:
                if previous is not None and _continues(*previous, line, left, body_size):
                    out.paragraphs[-1] = _join(out.paragraphs[-1], line.text)
                else:
                    out.paragraphs.append(line.text)
                    out.pages.append(number)
                previous = (line, right)
        for note in footnotes:
            out.paragraphs.append(note)
            out.pages.append(number)
            previous = None
    out.paragraphs = [p.strip() for p in out.paragraphs]
    return out


def _join(previous: str, following: str) -> str:
    """A wrapped line onto its paragraph: a space only where the line broke at one,
    or between two Latin words (typesetters wrap those at spaces)."""
    if previous.endswith(" "):
        return previous + following
    return rules.join_continuation(previous, following)


def _band_key(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def _repeated_band_texts(pages: list[list[list[_Line]]]) -> set[str]:
    """Texts in the top or bottom band on at least two pages and half of them: running headers."""
    counts = Counter(key for columns in pages if columns  # a blank page has no columns
                     for key in {_band_key(l.text) for l in columns[0] + columns[-1]})
    needed = max(2, len(pages) // 2)
    return {key for key, count in counts.items() if count >= needed}


def _body_size(pages: list[list[list[_Line]]]) -> float:
    sizes = Counter(round(l.size) for columns in pages for lines in columns[1:-1] for l in lines
                    for _ in l.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 12.0


def _drop_or_keep(line: _Line, repeated: set[str], out: PdfText, footnotes: list[str]) -> None:
    position = len(out.paragraphs) + 1
    if _PAGE_NUMBER_RE.match(line.text):
        out.dropped.append(DroppedLine(position, line.text, DropReason.PAGE_NUMBER, line.page))
    elif _band_key(line.text) in repeated:
        out.dropped.append(DroppedLine(position, line.text, DropReason.RUNNING_HEADER, line.page))
    elif rules.FOOTNOTE_DEF_RE.match(line.text):
        footnotes.append(line.text)
    else:  # a letterhead or a line of text near the edge: text, kept
        out.paragraphs.append(line.text)
        out.pages.append(line.page)


def _split_footnotes(lines: list[_Line], body_size: float) -> tuple[list[_Line], list[str]]:
    """The column's text lines, and the footnotes set small at its bottom (one string each)."""
    start = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].size >= 0.9 * body_size:
            break
        if _footnote_start(lines[index].text):
            start = index
    notes: list[str] = []
    for line in lines[start:]:
        text = _footnote_start(line.text)
        if text or not notes:
            notes.append(text or line.text)
        else:
            notes[-1] = rules.join_continuation(notes[-1], line.text)
    return lines[:start], notes


_NUMBERED_NOTE_RE = re.compile(r"^([0-9]{1,2})\s+(?=\S)")


def _footnote_start(text: str) -> str | None:
    """A small-type line opening a footnote, with the notices' own mark: "① …", or "1 …" as
    Word and LibreOffice number their footnotes (written "① …")."""
    if text[:1] in rules.FOOTNOTE_MARKS:
        return text
    numbered = _NUMBERED_NOTE_RE.match(text)
    if numbered and 1 <= int(numbered[1]) <= len(rules.FOOTNOTE_MARKS):
        return rules.FOOTNOTE_MARKS[int(numbered[1]) - 1] + " " + text[numbered.end():]
    return None


def _continues(previous: _Line, right: float, line: _Line, left: float, body_size: float) -> bool:
    """Whether ``line`` goes on with ``previous``'s paragraph: a wrapped line, or one cut
    by a page or column break. ``right`` is the previous line's column edge, ``left`` this one's."""
    if abs(line.size - previous.size) > 0.5:
        return False
    if line.size > body_size + 0.5:  # a title in large type, wrapped
        return not rules.ends_sentence(previous.text)
    flush = line.x0 <= left + 0.5 * line.size
    return flush and right - previous.x1 < _first_word_width(line) + 0.5 * previous.size


def _first_word_width(line: _Line) -> float:
    """About how wide the line's first unbreakable piece is: the previous line broke
    before it because it did not fit (a Latin word is set at about half an em a letter)."""
    word = re.match(r"[A-Za-z0-9.%]+", line.text)
    return len(word.group()) * 0.55 * line.size if word else line.size
