"""Readers: turn the bytes of a file in ``sources/`` into plain text lines.

Readers are registered by file suffix (as Pelican does). Each returns a
:class:`SourceText`; a file that cannot be read raises :class:`SourceError`
with the file name and, for undecodable bytes, the byte offset.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bs4 import BeautifulSoup, Comment

from ..model import DroppedLine


class SourceError(Exception):
    """A source that cannot be read at all. The message names the file and the fix."""


@dataclass(frozen=True)
class SourceText:
    """What a reader made of a file: its text, one paragraph per line.

    ``encoding`` is the text encoding detected (None for formats that are not
    text: PDF, Word). Paged formats give the page each line starts on
    (``pages``), and the furniture the reader itself dropped (``dropped``).
    """

    text: str
    encoding: str | None
    pages: tuple[int, ...] = ()
    dropped: tuple[DroppedLine, ...] = ()


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode a source's bytes, detecting the encoding; returns (text, encoding).

    UTF-8 is tried first because GB18030 accepts almost any byte string: a
    UTF-8 file must never be read as GB18030 mojibake.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise _decode_error(name, encoding, error) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise _decode_error(name, "UTF-8 or GB18030", utf8_error) from None


def _decode_error(name: str, encoding: str, error: UnicodeDecodeError) -> SourceError:
    return SourceError(
        f"{name}: cannot decode as {encoding}: bad bytes at byte offset {error.start} "
        f"({error.object[error.start:error.start + 4]!r}). "
        "Save the file as UTF-8 (or GB18030) and build again."
    )


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_source(path: Path, data: bytes) -> SourceText:
    text, encoding = decode_bytes(data, path.name)
    return SourceText(normalise_newlines(text), encoding)


# Elements that never hold the article's text.
_NOISE_TAGS = ("script", "style", "noscript", "iframe", "nav", "header", "footer",
               "form", "button", "select", "object", "embed", "svg", "template")
_BLOCK_TAGS = ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
               "table", "section", "article", "blockquote", "pre", "dd", "dt")
_CONTENT_HINT = re.compile(r"article|content|zoom|detail|text|main|TRS_Editor|正文", re.I)


def html_to_text(markup: str) -> str:
    """The article text of a saved web page, one block per line."""
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(_NOISE_TAGS):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    root = _article_root(soup)
    for br in root.find_all("br"):
        br.replace_with("\n")
    for cell in root.find_all(("td", "th")):
        cell.append("\n")
    for block in root.find_all(_BLOCK_TAGS):
        block.insert_before("\n")
        block.append("\n")
    lines = (line.strip() for line in root.get_text().split("\n"))
    return "\n".join(line for line in lines if line)


def _article_root(soup: BeautifulSoup):
    """The element holding the article: a hinted container with most text, else body."""
    body = soup.body or soup
    candidates = [
        tag for tag in body.find_all(True)
        if _CONTENT_HINT.search(" ".join([tag.get("id", ""), *tag.get("class", [])]))
    ]
    total = len(body.get_text(strip=True)) or 1
    best = max(candidates, key=lambda t: len(t.get_text(strip=True)), default=None)
    # A hinted container only wins when it holds most of the page's text.
    if best is not None and len(best.get_text(strip=True)) >= 0.5 * total:
        return best
    return body


def html_source(path: Path, data: bytes) -> SourceText:
    markup, encoding = decode_bytes(data, path.name)
    return SourceText(html_to_text(normalise_newlines(markup)), encoding)


def pdf_source(path: Path, data: bytes) -> SourceText:
    from .pdf import PdfError, read_pdf

    try:
        pdf = read_pdf(data, path.name)
    except PdfError as error:
        raise SourceError(str(error)) from None
    return SourceText("\n".join(pdf.paragraphs), None, tuple(pdf.pages), tuple(pdf.dropped))


def docx_source(path: Path, data: bytes) -> SourceText:
    from .docx import DocxError, read_docx

    try:
        docx = read_docx(data, path.name)
    except DocxError as error:
        raise SourceError(str(error)) from None
    return SourceText("\n".join(docx.paragraphs), None, dropped=tuple(docx.dropped))


def legacy_word_source(path: Path, data: bytes) -> SourceText:
    """``.doc`` and ``.wps``: converted to ``.docx`` by LibreOffice, then read as Word."""
    from .convert import convert_to_docx

    return docx_source(path, convert_to_docx(path, data))


READERS: dict[str, Callable[[Path, bytes], SourceText]] = {
    ".txt": text_source,
    ".text": text_source,
    ".html": html_source,
    ".htm": html_source,
    ".pdf": pdf_source,
    ".docx": docx_source,
    ".doc": legacy_word_source,
    ".wps": legacy_word_source,
}


def is_source(path: Path) -> bool:
    return path.suffix.lower() in READERS


def decode_source(path: Path, data: bytes) -> SourceText:
    """The text of a source file's bytes, by the reader registered for its suffix."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise SourceError(
            f"{path.name}: no reader for '{path.suffix}' files; "
            f"use one of {', '.join(sorted(READERS))}."
        )
    return reader(path, data)


def read_source(path: Path) -> SourceText:
    return decode_source(path, path.read_bytes())
