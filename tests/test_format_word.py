"""Word: each seed written as a .docx (automatic and typed numbering) and as a legacy .doc
parses to the seed's own notice; Word's numbering rules are resolved as Word shows them."""

from __future__ import annotations

import io
import os
import re
import zipfile

import pytest

from build_scripts.model import DropReason
from build_scripts.pipeline import load_notice
from build_scripts.read.convert import find_soffice
from build_scripts.read.decode import SourceError, read_source
from build_scripts.read.docx import format_number, read_docx

from .documents.blocks import notice_blocks
from .documents.corpus import SEEDS, seed_notice, write_docxs, write_seeds
from .documents.docx import write_docx
from .documents.legacy import convert_with_libreoffice
from .formats import comparable

VARIANTS = ["", "-typed"]


@pytest.fixture(scope="module")
def word_folder(tmp_path_factory):
    return write_seeds(tmp_path_factory.mktemp("word"), write_docxs)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", [s.stem for s in SEEDS])
def test_docx_parses_to_the_seed(word_folder, seed, variant):
    got = load_notice(word_folder / f"{seed}{variant}.docx", use_sidecar=False)
    assert comparable(got) == comparable(seed_notice(seed))


def test_automatic_numbers_are_not_typed_in_the_file(word_folder):
    """The generator really numbers through numbering.xml: no "1." is in the document's text."""
    with zipfile.ZipFile(word_folder / "2024-baoshan-004.docx") as package:
        document = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
    assert "坚持不懈用党的创新理论铸魂育人" in document
    assert ">1. 坚持不懈" not in document and ">一、落实" not in document
    assert 'w:styleId="SectionHeading"' in styles and "<w:numPr>" in styles


def test_headers_and_footers_are_dropped_and_reported(word_folder):
    notice = load_notice(word_folder / "2024-baoshan-004.docx", use_sidecar=False)
    dropped = [(d.text, d.reason) for d in notice.dropped if d.reason is DropReason.RUNNING_HEADER]
    assert dropped == [(notice.notice_title, DropReason.RUNNING_HEADER), ("— 1 —", DropReason.RUNNING_HEADER)]


def test_a_table_after_the_plan_is_kept_as_rows_never_as_tasks(tmp_path):
    from docx import Document

    notice = seed_notice("2019-qingpu-003")
    path = tmp_path / "with-table.docx"
    write_docx(notice_blocks(notice), path, notice.title, numbering="automatic")
    document = Document(str(path))
    document.add_paragraph("附表：重点任务安排")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("序号", "任务", "时间"), ("1.", "开学工作检查。", "2月"),
                                        ("2.", "暑期安全教育。", "7月")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.save(str(path))
    got = load_notice(path, use_sidecar=False)
    assert len(got.items) == len(notice.items)
    assert got.items[-1].paragraphs == notice.items[-1].paragraphs
    assert got.appendix == ["附表：重点任务安排", "｜序号｜任务｜时间｜", "｜1.｜开学工作检查。｜2月｜",
                            "｜2.｜暑期安全教育。｜7月｜"]


@pytest.mark.parametrize("value,fmt,shown", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (99, "chineseCounting", "九十九"), (101, "chineseCounting", "一百零一"),
    (110, "chineseCounting", "一百一十"), (3, "ideographTraditional", "丙"), (3, "decimalEnclosedCircle", "③"),
    (12, "decimalFullWidth", "１２"), (28, "lowerLetter", "bb"), (14, "upperRoman", "XIV"), (7, "decimalZero", "07"),
])
def test_word_number_formats(value, fmt, shown):
    assert format_number(value, fmt) == shown


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def minimal_docx(body: str, numbering: str = "", styles: str = "") -> bytes:
    """A .docx package holding just the given XML (what Word needs to open it)."""
    rels = ['<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'numbering" Target="numbering.xml"/>' if numbering else "",
            '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/>' if styles else ""]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                         'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                         '</Relationships>')
        package.writestr("word/_rels/document.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                         f'package/2006/relationships">{"".join(rels)}</Relationships>')
        package.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
        if numbering:
            package.writestr("word/numbering.xml", f"<w:numbering {W}>{numbering}</w:numbering>")
        if styles:
            package.writestr("word/styles.xml", f"<w:styles {W}>{styles}</w:styles>")
    return buffer.getvalue()


def para(text: str, num: str | None = None, level: int = 0, style: str | None = None) -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + \
        (f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>' if num else "")
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def lvl(level: int, fmt: str, text: str, start: int = 1, suffix: str = "nothing", extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>')


RESTART_AFTER_FIRST = '<w:lvlRestart w:val="1"/>'
OUTLINE = (f'<w:abstractNum w:abstractNumId="0">{lvl(0, "chineseCounting", "%1、")}'
           f'{lvl(1, "chineseCounting", "（%2）")}{lvl(2, "decimal", "%3.", suffix="space")}'
           f'{lvl(3, "decimal", "%3.%4", extra=RESTART_AFTER_FIRST)}</w:abstractNum>'
           '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
           '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
           '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="7"/></w:lvlOverride></w:num>')


def test_multilevel_numbering_with_restarts_overrides_and_patterns():
    body = "".join([
        para("总体要求", "1", 0), para("指导思想", "1", 1), para("任务甲", "1", 2), para("细则", "1", 3),
        para("任务乙", "1", 2), para("细则", "1", 3), para("主要任务", "1", 0), para("重点", "1", 1),
        para("任务丙", "1", 2), para("第七项起", "2", 2), para("无编号", "0", 0),
    ])
    text = read_docx(minimal_docx(body, OUTLINE), "x.docx").paragraphs
    assert text == ["一、总体要求", "（一）指导思想", "1. 任务甲", "1.1细则", "2. 任务乙", "2.2细则",
                    "二、主要任务", "（一）重点", "1. 任务丙", "7. 第七项起", "无编号"]


def test_numbering_inherited_from_a_style_through_based_on():
    styles = ('<w:style w:type="paragraph" w:styleId="Base"><w:pPr><w:numPr><w:ilvl w:val="1"/>'
              '<w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Child"><w:basedOn w:val="Base"/></w:style>')
    body = para("第一项", style="Child") + para("第二项", style="Child") + para("正文")
    text = read_docx(minimal_docx(body, OUTLINE, styles), "x.docx").paragraphs
    assert text == ["（一）第一项", "（二）第二项", "正文"]


def test_not_a_zip_names_the_file_and_the_fix(tmp_path):
    path = tmp_path / "旧文件.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    with pytest.raises(SourceError) as error:
        read_source(path)
    assert str(error.value).startswith("旧文件.docx: not a Word (.docx) file") and "name it .doc" in str(error.value)


@pytest.fixture(scope="module")
def legacy_folder(word_folder, tmp_path_factory):
    assert find_soffice(), "LibreOffice is needed for .doc files: ./test.sh installs libreoffice-writer-nogui"
    folder = tmp_path_factory.mktemp("legacy")
    convert_with_libreoffice([word_folder / legacy_input(s.stem) for s in SEEDS], folder, "doc")
    for converted in folder.glob("*-typed.doc"):
        converted.rename(converted.with_name(converted.name.replace("-typed", "")))
    return folder


def legacy_input(stem: str) -> str:
    """The .docx a seed's .doc is saved from. LibreOffice 7.4 saves a list restarted by a
    startOverride into .doc as a list of its own that starts again at 1 (its own text export
    of the .doc shows 一、 where the .docx showed 三、): a seed whose numbers do not simply run
    on (an unnumbered first section, tasks numbered afresh in each section, "1. " and "3." mixed)
    is saved from the typed-number copy."""
    notice = seed_notice(stem)
    runs_on = [s.number for s in notice.sections if s.numeral] == list(range(1, len(notice.sections) + 1)) \
        and [i.number for i in notice.items] == list(range(1, len(notice.items) + 1)) \
        and len({re.sub(r"\d", "", i.marker) for i in notice.items}) == 1
    return f"{stem}.docx" if runs_on else f"{stem}-typed.docx"


@pytest.mark.parametrize("seed", [s.stem for s in SEEDS])
def test_legacy_doc_converted_by_libreoffice_parses_to_the_seed(legacy_folder, seed):
    got = load_notice(legacy_folder / f"{seed}.doc", use_sidecar=False)
    assert comparable(got) == comparable(seed_notice(seed))


def test_legacy_doc_without_libreoffice_names_the_debian_package(tmp_path, monkeypatch):
    path = tmp_path / "计划.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SourceError) as error:
        read_source(path)
    assert "计划.doc" in str(error.value) and "libreoffice-writer-nogui" in str(error.value)
    assert os.environ["PATH"] == str(tmp_path)
