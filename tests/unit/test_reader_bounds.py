"""The bounds each reader keeps, at their edges: the last value taken and the first refused."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
import yaml

from build_scripts.read import bounded_yaml, docx, web
from build_scripts.read.decode import SourceError, read_bounded, without_controls
from build_scripts.read.docx import DocxError, format_number, read_docx
from build_scripts.render.script_data import script_call, script_json

from tests.hostile import _docx, _document, _numbering, _paragraph


@pytest.mark.parametrize("value, roman", [(1, "I"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (10, "X"), (14, "XIV"),
                                          (40, "XL"), (49, "XLIX"), (50, "L"), (90, "XC"), (99, "XCIX"), (100, "C"),
                                          (400, "CD"), (500, "D"), (900, "CM"), (1000, "M"), (1994, "MCMXCIV"),
                                          (3999, "MMMCMXCIX"), (4000, "MMMM")])
def test_roman_numbers_as_word_shows_them(value, roman):
    assert format_number(value, "upperRoman") == roman
    assert format_number(value, "lowerRoman") == roman.lower()


@pytest.mark.parametrize("value, letters", [(1, "A"), (2, "B"), (26, "Z"), (27, "AA"), (28, "BB"), (52, "ZZ"), (53, "AAA")])
def test_letters_as_word_shows_them(value, letters):
    assert format_number(value, "upperLetter") == letters
    assert format_number(value, "lowerLetter") == letters.lower()


@pytest.mark.parametrize("value, chinese", [(0, "〇"), (1, "一"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"),
                                           (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"),
                                           (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"),
                                           (10000, "一万"), (10001, "一万零一"), (12000, "一万二千"),
                                           (99999, "九万九千九百九十九"), (100000, "100000")])
def test_chinese_counting_as_word_shows_it(value, chinese):
    assert format_number(value, "chineseCounting") == chinese


def _numbered_docx(fmt: str, start: str, level: str = "0") -> bytes:
    body = _paragraph("一、部分") + _paragraph("第一项任务。", num_id=1)
    numbering = _numbering(fmt, start).replace('<w:lvl w:ilvl="0">', f'<w:lvl w:ilvl="{level}">')
    target = io.BytesIO()
    _docx(target, _document(body), numbering)
    return target.getvalue()


def test_a_list_start_is_taken_up_to_words_limit_and_refused_past_it():
    assert read_docx(_numbered_docx("decimal", "32767"), "x.docx").paragraphs[-1] == "32767. 第一项任务。"
    assert read_docx(_numbered_docx("decimal", "0"), "x.docx").paragraphs[-1] == "0. 第一项任务。"
    for start, words in (("32768", "outside 0..32767"), ("-1", "outside 0..32767"), ("abc", "not a number")):
        with pytest.raises(DocxError, match=f"x.docx: numbering.xml: a list's start value .*{words}"):
            read_docx(_numbered_docx("decimal", start), "x.docx")


def test_a_list_level_is_taken_up_to_eight():
    read_docx(_numbered_docx("decimal", "1", level="8"), "x.docx")
    with pytest.raises(DocxError, match=r"a list level \(ilvl\) is 9, outside 0..8"):
        read_docx(_numbered_docx("decimal", "1", level="9"), "x.docx")


def test_word_xml_is_read_to_its_depth_and_refused_past_it():
    def nested(depth: int) -> bytes:  # document, body, then sdt/sdtContent pairs around one paragraph (p, r, t)
        pairs = (depth - 5) // 2
        target = io.BytesIO()
        _docx(target, _document("<w:sdt><w:sdtContent>" * pairs + _paragraph("深") + "</w:sdtContent></w:sdt>" * pairs))
        return target.getvalue()

    assert read_docx(nested(docx.MAX_DEPTH), "x.docx").paragraphs == ["深"]
    with pytest.raises(DocxError, match=f"nests its elements more than {docx.MAX_DEPTH} deep"):
        read_docx(nested(docx.MAX_DEPTH + 2), "x.docx")


def test_a_word_part_that_expands_too_far_is_refused_by_its_declared_size(monkeypatch):
    monkeypatch.setattr(docx, "MAX_PART_BYTES", 4000)
    target = io.BytesIO()
    _docx(target, _document(_paragraph("字" * 900)), compression=zipfile.ZIP_STORED)
    assert read_docx(target.getvalue(), "x.docx").paragraphs == ["字" * 900]
    target = io.BytesIO()
    _docx(target, _document(_paragraph("字" * 1400)), compression=zipfile.ZIP_STORED)
    with pytest.raises(DocxError, match="word/document.xml would expand"):
        read_docx(target.getvalue(), "x.docx")


def test_a_web_page_is_read_to_its_depth_and_element_count(monkeypatch):
    monkeypatch.setattr(web, "MAX_ELEMENTS", 2000)  # the edge, without building 100,000 elements
    def page(depth: int) -> str:  # html, body, then divs around the text
        return "<html><body>" + "<div>" * (depth - 2) + "一、部分" + "</div>" * (depth - 2) + "</body></html>"

    assert web.read_web_page(page(web.MAX_DEPTH)).lines == ["一、部分"]
    with pytest.raises(web.WebPageError, match=f"nest more than {web.MAX_DEPTH} deep"):
        web.read_web_page(page(web.MAX_DEPTH + 1))
    flat = "<b>a</b>" * (web.MAX_ELEMENTS - 2)
    web.read_web_page(f"<html><body>{flat}</body></html>")
    with pytest.raises(web.WebPageError, match=f"{web.MAX_ELEMENTS + 1:,} elements"):
        web.read_web_page(f"<html><body>{flat}<b>a</b></body></html>")


def test_yaml_without_aliases_deeper_than_its_bound_or_larger_than_its_size():
    assert bounded_yaml.load("a: &x 1\nb: 2") == {"a": 1, "b": 2}  # an anchor alone is harmless
    with pytest.raises(yaml.YAMLError, match="aliases"):
        bounded_yaml.load("a: &x 1\nb: *x")
    assert bounded_yaml.load("[" * bounded_yaml.MAX_DEPTH + "]" * bounded_yaml.MAX_DEPTH) is not None
    with pytest.raises(yaml.YAMLError, match=f"nested more than {bounded_yaml.MAX_DEPTH} levels"):
        bounded_yaml.load("[" * (bounded_yaml.MAX_DEPTH + 1) + "]" * (bounded_yaml.MAX_DEPTH + 1))
    bounded_yaml.load("a: " + "x" * (bounded_yaml.MAX_BYTES - 3))
    with pytest.raises(yaml.YAMLError, match="a YAML file of sources/ may hold at most 1 MB"):
        bounded_yaml.load("a: " + "字" * (bounded_yaml.MAX_BYTES // 3))  # counted in bytes, not characters


def test_a_file_is_read_up_to_its_limit(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"a" * 100)
    assert read_bounded(path, 100) == b"a" * 100
    with pytest.raises(SourceError, match="x.txt: over 0 KB"):
        read_bounded(path, 99)


def test_control_characters_go_and_page_breaks_become_line_breaks():
    assert without_controls("a\x00b\x1bc\x7f\x85d\td\ne\x0bf\x0cg\ud800") == ("abcd\td\ne\nf\ng", 5)
    assert without_controls("一、部分") == ("一、部分", 0)


def test_script_data_is_json_that_no_markup_can_end():
    text = "</script><!--\u2028\u2029&amp;"
    encoded = script_json({"t": text})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded and "\u2028" not in encoded
    assert json.loads(encoded) == {"t": text}
    assert script_call("f", "a", [1]) == b'f("a",[1]);\n'
