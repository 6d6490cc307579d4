"""Readers: every supported encoding and line ending gives the same notice; HTML gives its article."""

from __future__ import annotations

import pytest

from build_scripts.pipeline import load_notice
from build_scripts.read.decode import SourceError, decode_bytes, html_to_text, read_source

from .conftest import FIXTURES, SOURCES

ENCODINGS = {
    "utf-8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16": lambda t: t.encode("utf-16"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("source", sorted(p.name for p in SOURCES.glob("*.txt")))
def test_reencoded_corpus_parses_identically(tmp_path, source, encoding):
    text = (SOURCES / source).read_text(encoding="utf-8")
    copy = tmp_path / source
    copy.write_bytes(ENCODINGS[encoding](text))
    original = load_notice(SOURCES / source, use_sidecar=False).to_dict()
    reencoded = load_notice(copy, use_sidecar=False).to_dict()
    reencoded["diagnostics"] = [w for w in reencoded["diagnostics"] if w["kind"] != "encoding"]
    assert reencoded == original


def test_gbk_text_is_detected_without_being_told():
    text, encoding = decode_bytes("教育工作要点：双减".encode("gbk"), "x.txt")
    assert (text, encoding) == ("教育工作要点：双减", "gb18030")


def test_undecodable_file_names_file_and_byte_offset(tmp_path):
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes("一、标题".encode("utf-8") + b"\x80\xff\xff")
    with pytest.raises(SourceError) as error:
        read_source(bad)
    assert "坏文件.txt" in str(error.value) and "byte offset 12" in str(error.value)


def test_html_page_keeps_article_and_drops_navigation_and_scripts():
    source = read_source(FIXTURES / "bureau-page.html")
    assert "首页" not in source.text and "alert" not in source.text and "color:" not in source.text
    assert "版权所有" not in source.text
    assert "1.加快推进学校基本建设。完成3所新校建设。" in source.text.splitlines()
    notice = load_notice(FIXTURES / "bureau-page.html", use_sidecar=False)
    assert notice.title == "2024年示范区教育局工作要点"
    assert [i.number for i in notice.items] == [1, 2, 3]
    assert notice.items[2].title == "深化课程改革。"


def test_html_br_and_table_cells_become_lines():
    text = html_to_text("<body><div class='content'><p>一、标题<br>1.任务一。内容</p>"
                        "<table><tr><td>2.任务二。</td><td>内容二</td></tr></table></div></body>")
    assert text.splitlines() == ["一、标题", "1.任务一。内容", "2.任务二。", "内容二"]
