"""数据下载: the tasks as CSV (UTF-8 with BOM) and Excel, per theme and per issuer, and the Atom feed,
read back as a researcher's tools would (csv, openpyxl, feedparser), from the built site."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import feedparser
import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from build_scripts.render.exports import COLUMNS, SHORT_COLUMNS


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 byte-order mark, Excel would misread it"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_tasks_csv_has_every_task_with_its_notice(corpus_site):
    rows = read_csv(corpus_site.site / "data" / "tasks.csv")
    notices = corpus_site.report.notices
    assert len(rows) == sum(len(n.items) for n in notices)
    assert list(rows[0]) == COLUMNS
    by_notice = Counter(r["文件编号"] for r in rows)
    assert by_notice == {n.id: len(n.items) for n in notices}
    notice = next(n for n in notices if n.doc_number)
    first = next(r for r in rows if r["文件编号"] == notice.id)
    item = notice.items[0]
    assert (first["文件标题"], first["文号"], first["任务标题"], first["任务内容"]) == (
        notice.title, notice.doc_number, item.title, "\n".join(item.paragraphs))
    assert first["网页地址"] == f"notices/{notice.id}.html#{item.anchor}"
    assert (corpus_site.site / first["网页地址"].split("#")[0]).is_file()
    with_targets = [r for r in rows if r["目标"]]
    assert len(with_targets) == sum(1 for n in notices for i in n.items if i.targets)


def test_the_workbook_holds_the_same_rows(corpus_site):
    workbook = load_workbook(corpus_site.site / "data" / "tasks.xlsx", read_only=True)
    values = [list(r) for r in workbook.active.iter_rows(values_only=True)]
    workbook.close()
    rows = read_csv(corpus_site.site / "data" / "tasks.csv")
    assert values[0] == COLUMNS
    assert [[v or "" for v in row] for row in values[1:]] == [[r[c] for c in COLUMNS] for r in rows]


def test_per_theme_and_per_issuer_csvs_split_the_tasks(corpus_site):
    rows = read_csv(corpus_site.site / "data" / "tasks.csv")
    vocabulary = corpus_site.report.vocabulary
    for theme in vocabulary.themes:
        part = read_csv(corpus_site.site / "data" / "themes" / f"{theme.slug}.csv")
        assert len(part) == sum(1 for r in rows if theme.name in r["全部主题"].split("；"))
        assert not part or list(part[0]) == SHORT_COLUMNS
    issuers = Counter(r["发布机关"] for r in rows)
    files = sorted((corpus_site.site / "data" / "issuers").glob("*.csv"))
    assert len(files) == len(issuers)
    assert sum(len(read_csv(f)) for f in files) == len(rows)


def test_formulas_from_sources_stay_text():
    from build_scripts.render.exports import csv_bytes, xlsx_bytes
    row = {"a": "=HYPERLINK(\"http://x\")", "b": "+1", "c": "普通文字"}
    text = csv_bytes([row], ["a", "b", "c"]).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text and ",普通文字" in text
    sheet = load_workbook(io.BytesIO(xlsx_bytes([row], ["a", "b", "c"]))).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == row["a"]
    assert sheet.title == "全部任务" and sheet.freeze_panes == "A2"  # the header row stays in view


def test_the_workbook_keeps_any_text_and_drops_only_what_xml_cannot_hold():
    from build_scripts.render.exports import xlsx_bytes
    row = {"a": "教师 <队伍> & “双减”\n第二行", "b": "控制\x01字符", "c": ""}
    sheet = load_workbook(io.BytesIO(xlsx_bytes([row], ["a", "b", "c"]))).active
    assert [c.value for c in sheet[2]] == [row["a"], "控制字符", None]
    assert xlsx_bytes([row], ["a", "b", "c"]) == xlsx_bytes([row], ["a", "b", "c"])


def test_the_feed_is_valid_atom_newest_first_and_links_to_pages(corpus_site):
    feed_path = corpus_site.site / "data" / "feed.xml"
    feed = feedparser.parse(feed_path.read_bytes(), response_headers={"content-type": "application/atom+xml"})
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and feed.feed.title == "教育工作要点汇编：最新文件"
    notices = corpus_site.report.notices
    assert len(feed.entries) == len(notices)
    updated = [e.updated for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert {e.title for e in feed.entries} == {n.title for n in notices}
    for entry in feed.entries:
        target = (feed_path.parent / unquote(entry.link)).resolve()  # links are relative to the feed
        assert target.suffix == ".html" and target.is_file(), entry.link


def test_the_downloads_page_links_every_file(corpus_site):
    page = BeautifulSoup((corpus_site.site / "downloads.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in page.select("article a[href^='data/']")]
    assert {"data/tasks.csv", "data/tasks.xlsx", "data/notices.json", "data/notices.schema.json", "data/feed.xml"} <= set(links)
    for link in links:
        assert (corpus_site.site / unquote(link)).is_file(), link
    assert len([l for l in links if l.startswith("data/themes/")]) == len(corpus_site.report.vocabulary.themes)


@pytest.mark.browser
def test_a_reader_downloads_the_csv_from_the_served_site(corpus_site, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    from devtools.browser import Browser, serve
    with sync_playwright() as playwright:
        browser = Browser(playwright, tmp_path_factory.mktemp("profile-downloads"))
        try:
            with serve(corpus_site.site, "/intranet/plans/") as base:
                page = browser.page
                page.goto(base + "downloads.html")
                with page.expect_download() as download:
                    page.locator("article a[href='data/tasks.xlsx']").click()
                saved = tmp_path_factory.mktemp("downloaded") / "tasks.xlsx"
                download.value.save_as(saved)
                assert load_workbook(saved).active.max_row == 1 + sum(len(n.items) for n in corpus_site.report.notices)
                body = page.evaluate("fetch('data/tasks.csv').then(r => r.arrayBuffer()).then(b => new Uint8Array(b).slice(0, 3))")
                assert list(body.values() if isinstance(body, dict) else body) == [0xEF, 0xBB, 0xBF]
                page.goto("about:blank")
            assert not browser.external_requests and not browser.console_errors
        finally:
            browser.close()


def test_tables_longer_than_one_batch_are_whole_and_in_order():
    """The collection's CSV and workbook are written a batch of rows at a time (never whole in
    memory); across batches nothing is lost, repeated or reordered, and the workbook is readable."""
    from build_scripts.render.exports import ROWS_AT_ONCE, csv_bytes, xlsx_chunks
    rows = [{"a": f"任务{n}", "b": "=1" if n % 997 == 0 else str(n)} for n in range(2 * ROWS_AT_ONCE + 7)]
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\r\n").writerows([["a", "b"]] + [[r["a"], "'" * r["b"].startswith("=") + r["b"]]
                                                                           for r in rows])
    assert csv_bytes(iter(rows), ["a", "b"]) == expected.getvalue().encode("utf-8-sig")
    pieces = list(xlsx_chunks(iter(rows), len(rows), ["a", "b"]))
    assert len(pieces) > 3  # handed over as it is written
    sheet = load_workbook(io.BytesIO(b"".join(pieces))).active
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [[r["a"], r["b"]] for r in rows]
