"""Readers: turn the bytes of a file in ``sources/`` into plain text lines.

Readers are registered by file suffix (as Pelican does). Each returns a
:class:`SourceText`; a file that cannot be read raises :class:`SourceError`
with the file name and, for undecodable bytes, the byte offset.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from ..model import DroppedLine, MetadataLine


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
    metadata_lines: tuple[MetadataLine, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()  # what the file says of itself: ("issuer", "…"), ("doc_number", …)
    controls_removed: int = 0  # control characters taken out of the text (without_controls)


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


# Control characters carry nothing a reader sees; left in, they would corrupt the feed's XML, the
# workbook and the build log. Vertical tab and form feed (page breaks) become line breaks.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")  # and lone surrogates (no UTF-8 for them)
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def without_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters (tab and line breaks kept), and how many were removed."""
    text = text.translate(_BREAKS)
    return _CONTROLS.subn("", text)


def text_source(path: Path, data: bytes) -> SourceText:
    text, encoding = decode_bytes(data, path.name)
    return SourceText(normalise_newlines(text), encoding)


def html_to_text(markup: str) -> str:
    """The article text of a saved web page, one block per line. Raises WebPageError."""
    from .web import read_web_page

    return "\n".join(read_web_page(markup).lines)


def html_source(path: Path, data: bytes) -> SourceText:
    from .web import WebPageError, read_web_page

    markup, encoding = decode_bytes(data, path.name)
    try:
        page = read_web_page(normalise_newlines(markup))
    except WebPageError as error:
        raise SourceError(f"{path.name}: {error}") from None
    return SourceText("\n".join(page.lines), encoding, dropped=tuple(page.dropped),
                      metadata_lines=tuple(page.metadata_lines), metadata=tuple(sorted(page.metadata.items())))


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


# The most a source file may weigh. A plan's text is a few hundred KB; PDFs and Word files carry
# fonts and pictures. Past these, reading one file would cost minutes and gigabytes.
MAX_TEXT_BYTES = 10 * 1024 * 1024
MAX_PACKAGE_BYTES = 100 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".yml", ".yaml")


def size_limit(path: Path) -> int:
    return MAX_TEXT_BYTES if path.suffix.lower() in TEXT_SUFFIXES else MAX_PACKAGE_BYTES


def read_bounded(path: Path, limit: int | None = None) -> bytes:
    """A source file's bytes. Raises OSError, and SourceError when it is over its size limit."""
    limit = limit or size_limit(path)
    with open(path, "rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise SourceError(f"{path.name}: over {_size(limit)}, the most a {path.suffix or 'source'} file may "
                          "weigh here (no work plan is near it); remove what is not the plan, or split the file.")
    return data


def _size(limit: int) -> str:
    return f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 2**10} KB"


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
    source = reader(path, data)
    text, removed = without_controls(source.text)
    if not removed:
        return source
    metadata = tuple((key, without_controls(value)[0]) for key, value in source.metadata)
    return replace(source, text=text, metadata=metadata, controls_removed=removed)


def read_source(path: Path) -> SourceText:
    return decode_source(path, read_bounded(path))
