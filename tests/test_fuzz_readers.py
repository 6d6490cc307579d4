"""Property-based fuzzing of every reader and of the sidecar and vocabulary loaders (Hypothesis).

Whatever the bytes, each ends within its time budget (Hypothesis' deadline, per example) and
either gives its result or raises its own error, whose message names the file: never another
exception, which would stop a build. Examples per property: READER_EXAMPLES (100 by default;
HYPOTHESIS_EXAMPLES overrides it).
"""

from __future__ import annotations

import io
import os
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.enrich.vocabulary import VocabularyError, load_vocabulary
from build_scripts.parse.notice import parse_text
from build_scripts.read.decode import SourceError, decode_source
from build_scripts.read.sidecar import parse_sidecar

from .hostile import _docx, _document, _notice_text, _numbering, _paragraph, _pdf

READER_EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "100"))
FUZZ = settings(max_examples=READER_EXAMPLES, deadline=timedelta(seconds=10),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def read_and_parse(name: str, data: bytes) -> None:
    """What the build does with one file: read, then parse; SourceError (naming it) is the only way out."""
    try:
        text = decode_source(Path(name), data)
    except SourceError as error:
        assert name in str(error), str(error)
        return
    parse_text(text.text, name, "fuzz", dict(text.metadata))


@FUZZ
@given(st.binary(max_size=4000))
def test_text_reader_takes_any_bytes(data):
    read_and_parse("fuzz.txt", data)


TAGS = st.sampled_from(["div", "p", "span", "table", "tr", "td", "h1", "title", "script", "style", "a", "br",
                        "sup", "ul", "li", "body", "html", "head", "meta", "!--", "![CDATA["])
TEXTS = st.sampled_from(["一、加强党建", "1. 深化改革。", "发布机构：", "测试区教育局", "文号：", "2024年工作要点", "&lt;",
                         "&#xd800;", "&amp;", "<", ">", "\x00", "\u202e", "上一篇", "—3—"]) | st.text(max_size=20)


@st.composite
def html_pages(draw):
    parts = draw(st.lists(st.one_of(TAGS.map(lambda t: f"<{t}>"), TAGS.map(lambda t: f"</{t}>"), TEXTS),
                          max_size=200))
    return "".join(parts)


@FUZZ
@given(html_pages(), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_web_reader_takes_any_markup(markup, encoding):
    read_and_parse("fuzz.html", markup.encode(encoding, errors="replace"))


NUMBER_FORMATS = st.sampled_from(["decimal", "chineseCounting", "upperRoman", "lowerLetter", "decimalEnclosedCircle",
                                  "ideographTraditional", "none", "bullet", "garbage"])
NUMBER_TEXTS = st.sampled_from(["1", "0", "-1", "32767", "32768", "1000", "99999", "abc", "", "1e3", "٣"])


@st.composite
def word_documents(draw):
    paragraphs = draw(st.lists(st.tuples(TEXTS, st.sampled_from([None, 1, 2, 7])), max_size=30))
    body = "".join(_paragraph(text, num_id) for text, num_id in paragraphs)
    numbering = draw(st.none() | st.builds(_numbering, NUMBER_FORMATS, NUMBER_TEXTS))
    return _docx_bytes(_document(body), numbering)


def _docx_bytes(document: str, numbering: str | None) -> bytes:
    target = io.BytesIO()
    _docx(target, document, numbering)
    return target.getvalue()


@FUZZ
@given(word_documents())
def test_word_reader_takes_any_document(data):
    read_and_parse("fuzz.docx", data)


@FUZZ
@given(word_documents(), st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 255)), min_size=1, max_size=8))
def test_word_reader_takes_damaged_packages(data, flips):
    damaged = bytearray(data)
    for position, value in flips:
        damaged[position % len(damaged)] = value
    read_and_parse("fuzz.docx", bytes(damaged))


_PDF = io.BytesIO()


def _valid_pdf() -> bytes:
    if not _PDF.getvalue():
        _pdf(_PDF, [_notice_text("模糊").splitlines(), []])
    return _PDF.getvalue()


@settings(FUZZ, max_examples=max(10, READER_EXAMPLES // 4))
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_pdf_reader_takes_damaged_files(flips):
    damaged = bytearray(_valid_pdf())
    for position, value in flips:
        damaged[position % len(damaged)] = value
    read_and_parse("fuzz.pdf", bytes(damaged))


YAML_PIECES = st.sampled_from(["title: ", "year: ", "themes:\n  ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object ",
                               "\n", "  ", "\"", "'", "12: {add: [x]}", "9" * 50, "2022", "issued: 2023-13-01", ":", "#"])


@FUZZ
@given(st.lists(YAML_PIECES | st.text(max_size=10), max_size=60))
def test_a_sidecar_never_raises(pieces):
    sidecar = parse_sidecar("fuzz.yml", "".join(pieces).encode("utf-8", errors="replace"))
    assert all(d.source == "fuzz.yml" for d in sidecar.diagnostics)


@FUZZ
@given(st.lists(YAML_PIECES | st.text(max_size=10), max_size=60))
def test_the_vocabulary_loader_says_what_is_wrong_or_loads(tmp_path_factory, pieces):
    path = tmp_path_factory.mktemp("vocabulary") / "themes.yml"
    path.write_text("".join(pieces), encoding="utf-8", errors="replace")
    try:
        load_vocabulary(path)
    except VocabularyError as error:
        assert "themes.yml" in str(error)
