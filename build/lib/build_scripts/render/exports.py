"""The data a reader can download (数据下载): tasks as CSV and Excel, and an Atom feed of notices.

- ``data/tasks.csv``: every task with its notice's metadata, themes, departments, targets and
  where it comes from in the previous plan; UTF-8 with a byte-order mark, so that Excel
  opens it in Chinese;
- ``data/themes/<slug>.csv`` and ``data/issuers/<slug>.csv``: the same columns for one theme's
  or one issuer's tasks, without the task text (``tasks.csv`` has it), so that they stay small;
- ``data/tasks.xlsx``: ``tasks.csv`` as a workbook, byte-identical from build to build;
- ``data/feed.xml``: an Atom feed of the newest notices by issue date.

Nothing here knows about MkDocs: the files go into the generated tree like any page.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from itertools import islice
from typing import Iterable, Iterator
from urllib.parse import quote
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from .. import addresses as at
from ..enrich.links import SiteGraph, issuer_label
from ..enrich.vocabulary import Vocabulary
from ..model import Item, Notice
from .comparisons import STATUS, target_label
from .home_page import page
from .markup import Md, front_matter
from .writer import Chunks

FEED_ENTRIES = 50
ISSUERS_LISTED = 500  # issuers listed on the downloads page (bounded size); every issuer page links its own
COLUMNS = ["文件编号", "文件标题", "发布机关", "年度", "文号", "印发日期", "部分", "任务编号", "任务标题", "任务内容",
           "主要主题", "全部主题", "责任部门", "目标", "与上一年度", "上一年度对应任务", "网页地址"]
SHORT_COLUMNS = [c for c in COLUMNS if c != "任务内容"]
FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entries and workbook properties: the same bytes every build


def task_rows(notices: list[Notice], vocabulary: Vocabulary) -> Iterator[dict[str, str]]:
    names = {t.slug: t.name for t in vocabulary.themes}
    for notice in notices:
        for section in notice.sections:
            for item in section.items:
                yield _row(notice, section.heading, item, names)


def _row(notice: Notice, section: str, item: Item, names: dict[str, str]) -> dict[str, str]:
    previous = item.previous
    return {
        "文件编号": notice.id, "文件标题": notice.title, "发布机关": issuer_label(notice),
        "年度": str(notice.year or ""), "文号": notice.doc_number or "",
        "印发日期": notice.issued.isoformat() if notice.issued else "", "部分": section,
        "任务编号": str(item.number), "任务标题": item.title, "任务内容": "\n".join(item.paragraphs),
        "主要主题": names.get(item.themes[0], "") if item.themes else "",
        "全部主题": "；".join(names.get(t, t) for t in item.themes),
        "责任部门": "；".join(item.departments),
        "目标": "；".join(f"{t.subject}：{target_label(t)}" if t.subject else target_label(t) for t in item.targets),
        "与上一年度": STATUS[previous.status] if previous else "",
        "上一年度对应任务": "；".join(f"{previous.notice_id}#{a}" for a in previous.anchors) if previous else "",
        "网页地址": f"{at.notice_page(notice.id).html}#{item.anchor}",
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    """A cell a spreadsheet will not run: text that starts like a formula gets a leading apostrophe
    (the usual guard against CSV formula injection; text from sources is data, never code)."""
    return "'" + text if text.startswith(FORMULA_START) else text


ROWS_AT_ONCE = 2000  # rows encoded at a time: the collection's tables are never held whole


def batched(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (itertools.batched from Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def csv_chunks(rows: Iterable[dict[str, str]], columns: list[str]) -> Iterator[bytes]:
    """The rows as CSV (UTF-8 with a byte-order mark), a few thousand rows at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    out.write("\ufeff")
    writer.writerow(columns)
    for batch in batched(rows, ROWS_AT_ONCE):
        writer.writerows([_inert(row[c]) for c in columns] for row in batch)
        yield _drain(out).encode("utf-8")
    yield _drain(out).encode("utf-8")


def csv_bytes(rows: Iterable[dict[str, str]], columns: list[str]) -> bytes:
    return b"".join(csv_chunks(rows, columns))


def _drain(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def xlsx_chunks(rows: Iterable[dict[str, str]], count: int, columns: list[str],
                sheet_name: str = "全部任务") -> Iterator[bytes]:
    """``count`` rows as a one-sheet workbook (Office Open XML), every cell text (a cell starting
    with "=" is not a formula), the header row frozen; the same bytes every build. Written
    directly: for a collection of thousands of tasks openpyxl's write-only mode took 20 times as
    long (one object per cell); tests read the workbook back with openpyxl. The archive is
    written as a stream (sizes after each part), a few thousand rows at a time."""
    out = _Drain()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _XLSX_PARTS.items():
            archive.writestr(_entry(name), text.format(sheet_name=escape(sheet_name)).encode("utf-8"))
            yield out.take()
        with archive.open(_entry("xl/worksheets/sheet1.xml"), "w") as sheet:
            for text in _xlsx_sheet(rows, count, columns):
                sheet.write(text.encode("utf-8"))
                yield out.take()
    yield out.take()


def xlsx_bytes(rows: list[dict[str, str]], columns: list[str], sheet_name: str = "全部任务") -> bytes:
    return b"".join(xlsx_chunks(rows, len(rows), columns, sheet_name))


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, FIXED_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


class _Drain:
    """A write-only file for ``zipfile`` that hands over what was written so far (no seek: the
    archive is written as a stream)."""

    def __init__(self) -> None:
        self._pieces: list[bytes] = []
        self._position = 0

    def write(self, data: bytes) -> int:
        self._pieces.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self._pieces = b"".join(self._pieces), []
        return data


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # characters XML 1.0 cannot hold


def _xlsx_sheet(rows: Iterable[dict[str, str]], count: int, columns: list[str]) -> Iterator[str]:
    letters = [_column_letter(n) for n in range(1, len(columns) + 1)]

    def row(number: int, values: list[str]) -> str:
        cells = "".join(f'<c r="{letter}{number}" t="inlineStr"><is><t xml:space="preserve">'
                        f'{escape(_NOT_XML.sub("", value))}</t></is></c>' for letter, value in zip(letters, values) if value)
        return f'<row r="{number}">{cells}</row>'

    yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           f'<dimension ref="A1:{letters[-1]}{count + 1}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
           'state="frozen"/></sheetView></sheetViews><sheetData>')
    yield row(1, columns)
    for start, batch in enumerate(batched(rows, ROWS_AT_ONCE)):
        yield "".join(row(number, [values[c] for c in columns])
                      for number, values in enumerate(batch, start=2 + start * ROWS_AT_ONCE))
    yield "</sheetData></worksheet>"


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_XLSX_PARTS = {
    "[Content_Types].xml": _XML + (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '</Types>'),
    "_rels/.rels": _XML + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>'),
    "docProps/core.xml": _XML + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>教育工作要点汇编</dc:creator>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>'),
    "xl/workbook.xml": _XML + (
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": _XML + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/></Relationships>'),
    "xl/styles.xml": _XML + (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
}


ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def atom_feed(notices: list[Notice]) -> bytes:
    """The newest notices by issue date (the year's 1 January when only the year is known).
    Written by an XML library (ElementTree escapes every value); characters XML cannot hold are removed."""
    dated = sorted(notices, key=lambda n: (_date(n), n.id), reverse=True)[:FEED_ENTRIES]
    updated = _stamp(_date(dated[0])) if dated else _stamp(dt.date(*FIXED_TIME[:3]))
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "zh-CN"})
    _text(feed, "id", "tag:edu-work-plans,2024:feed")
    _text(feed, "title", "教育工作要点汇编：最新文件")
    _text(feed, "updated", updated)
    ET.SubElement(feed, "link", {"rel": "self", "href": "feed.xml"})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": "../index.html"})
    for notice in dated:
        summary = "；".join(filter(None, [issuer_label(notice), notice.doc_number, f"{len(notice.items)} 项任务"]))
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", f"tag:edu-work-plans,2024:notice/{quote(notice.id)}")
        _text(entry, "title", notice.title)
        _text(entry, "updated", _stamp(_date(notice)))
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html",
                                      "href": "../" + quote(at.notice_page(notice.id).html)})
        _text(ET.SubElement(entry, "author"), "name", issuer_label(notice))
        _text(entry, "summary", summary)
    ET.indent(feed, "  ")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n").encode("utf-8")


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = _NOT_XML.sub("", text)


def _date(notice: Notice) -> dt.date:
    if notice.issued:
        return notice.issued
    return dt.date(notice.year or FIXED_TIME[0], 1, 1)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def export_files(notices: list[Notice], vocabulary: Vocabulary, graph: SiteGraph) -> Iterator[tuple[str, bytes | Chunks]]:
    """The tables of every task are made row by row as they are written (at 10,000 notices a
    list of all rows and the whole CSV and sheet as text took 2.5 GB at once)."""
    count = sum(len(n.items) for n in notices)
    yield at.TASKS_CSV, Chunks(csv_chunks(task_rows(notices, vocabulary), COLUMNS))
    yield at.TASKS_XLSX, Chunks(xlsx_chunks(task_rows(notices, vocabulary), count, COLUMNS))
    names = {t.slug: t.name for t in vocabulary.themes}
    by_theme: dict[str, list[dict]] = defaultdict(list)
    by_issuer: dict[str, list[dict]] = defaultdict(list)  # once: the issuers grow with the collection
    for row in task_rows(notices, vocabulary):
        del row["任务内容"]  # not in the short tables: the rows held here stay small
        themes = set(row["全部主题"].split("；"))
        for slug in (slug for slug, name in names.items() if name in themes):
            by_theme[slug].append(row)
        by_issuer[row["发布机关"]].append(row)
    for theme in vocabulary.themes:
        yield at.theme_csv(theme.slug), csv_bytes(by_theme.pop(theme.slug, []), SHORT_COLUMNS)
    for issuer, slug in graph.issuer_slugs.items():
        yield at.issuer_csv(slug), csv_bytes(by_issuer.pop(issuer, []), SHORT_COLUMNS)
    yield at.FEED, atom_feed(notices)


def render_downloads_page(vocabulary: Vocabulary, graph: SiteGraph, task_count: int) -> Md:
    here = at.DOWNLOADS
    files = [
        ("全部任务（CSV）", at.TASKS_CSV, f"{task_count} 项任务，每行一项：所属文件、发布机关、年度、文号、部分、任务标题和内容、"
                                        "主题、责任部门、目标、与上一年度的对应关系、网页地址。UTF-8 编码（带 BOM），Excel 可直接打开。"),
        ("全部任务（Excel）", at.TASKS_XLSX, "与 CSV 相同的内容，Excel 工作簿格式。"),
        ("全部文件（JSON）", at.DATA_FILE, "每份文件的完整结构：元数据、各部分、各任务的文字、主题、责任部门、目标和上一年度对应，供程序使用。"),
        ("JSON 的格式说明（JSON Schema）", at.SCHEMA_FILE, "notices.json 每个字段的定义。"),
        ("最新文件订阅（Atom）", at.FEED, f"按印发日期排列的最新 {FEED_ENTRIES} 份文件，可用订阅阅读器订阅。"),
    ]
    rows = [Md("| 文件 | 说明 |"), Md("| --- | --- |")]
    rows += [Md("| [{}]({}) | {} |").format(label, at.href(here, path), text) for label, path, text in files]
    themes = [Md("| 主题 | 下载 |"), Md("| --- | --- |")]
    themes += [Md("| {} | [CSV]({}) |").format(t.name, at.href(here, at.theme_csv(t.slug))) for t in vocabulary.themes]
    issuers = [Md("| 发布机关 | 下载 |"), Md("| --- | --- |")]
    issuers += [Md("| {} | [CSV]({}) |").format(name, at.href(here, at.issuer_csv(slug)))
                for name, slug in sorted(graph.issuer_slugs.items())[:ISSUERS_LISTED]]
    more = len(graph.issuer_slugs) - ISSUERS_LISTED
    parts = [front_matter(title="数据下载", description="全部任务的表格、数据文件和订阅"), Md("# 数据下载"),
             Md("本站的全部内容都可以下载，供统计和研究使用。引用时请注明文件标题、发布机关和文号。"),
             Md("\n").join(rows),
             Md("## 按主题下载"), Md("每个主题一个 CSV，列与“全部任务”相同，但不含任务内容（全部任务的 CSV 中有）。"),
             Md("\n").join(themes),
             Md("## 按发布机关下载"), Md("\n").join(issuers)]
    if more > 0:
        parts.append(Md("另有 {} 个发布机关的 CSV，地址为 data/issuers/〈发布机关页面地址中的名称〉.csv，"
                        "也可从各发布机关页面进入。").format(more))
    return page(*parts)
