"""The cover notice and the line rules, one case each."""

from __future__ import annotations

import datetime as dt

import pytest

from build_scripts.model import DropReason, MetadataUse
from build_scripts.parse import rules
from build_scripts.parse.cover import furniture_reason, parse_cover
from build_scripts.parse.notice import parse_text


def cover_of(*lines: str):
    return parse_cover(list(enumerate(lines, start=1)))


def test_a_printed_cover_notice():
    cover = cover_of("上海市某区教育局文件", "某教〔2024〕 3 号", "上海市某区教育局关于印发《某区2024年",
                     "教育工作要点》的通知", "各中小学、幼儿园：", "现将《要点》印发给你们，", "请认真贯彻执行。",
                     "上海市某区教育局", "2024年2月22日")
    assert cover.issuer_letterhead == "上海市某区教育局" and cover.doc_number == "某教〔2024〕3号"
    assert cover.notice_title == "上海市某区教育局关于印发《某区2024年教育工作要点》的通知"
    assert cover.recipients == "各中小学、幼儿园"
    assert cover.issuer_signature == "上海市某区教育局" and cover.issued_signature == dt.date(2024, 2, 22)
    assert [t for _, t in cover.paragraphs] == ["现将《要点》印发给你们，请认真贯彻执行。"]
    assert [(m.line, m.use) for m in cover.metadata_lines] == [
        (1, MetadataUse.LETTERHEAD), (2, MetadataUse.DOC_NUMBER), (3, MetadataUse.NOTICE_TITLE),
        (4, MetadataUse.NOTICE_TITLE), (5, MetadataUse.RECIPIENTS), (8, MetadataUse.SIGNATURE),
        (9, MetadataUse.SIGNATURE_DATE)]


@pytest.mark.parametrize("line, issuer, issued", [
    ("来源:上海市某区教育局  发布时间:2024年2月22日", "上海市某区教育局", dt.date(2024, 2, 22)),
    ("来源：上海市某区教育局\u3000\u3000发布时间：2024年3月1日", "上海市某区教育局", dt.date(2024, 3, 1)),
    ("发文机关：某区教育局 办公室  成文日期：2023年12月5日", "某区教育局", dt.date(2023, 12, 5)),
    ("来源：", None, None),
    ("发布时间:2024年2月22日", None, dt.date(2024, 2, 22)),
])
def test_web_page_metadata_lines(line, issuer, issued):
    cover = cover_of(line)
    assert (cover.issuer_source_line, cover.issued_published) == (issuer, issued)
    assert [m.use for m in cover.metadata_lines] == [MetadataUse.WEB_METADATA]


def test_a_line_starting_with_a_field_name_but_no_colon_is_text():
    assert [t for _, t in cover_of("来源于基层的经验值得推广。").paragraphs] == ["来源于基层的经验值得推广。"]


def test_the_web_source_line_gives_the_issuer_when_nothing_else_does():
    notice = parse_text("来源：上海市某区教育局  发布时间：2024年2月22日\n2024年工作要点\n一、甲\n1.做好某事。\n", "w.html", "w")
    assert (notice.issuer, notice.issued) == ("上海市某区教育局", dt.date(2024, 2, 22))
    assert notice.metadata_sources["issuer"] == "web page source line"
    assert notice.metadata_sources["issued"] == "web page date"


@pytest.mark.parametrize("line, reason", [
    ("— 3 —", DropReason.PAGE_NUMBER), ("- 12 -", DropReason.PAGE_NUMBER), ("第 3 页 共 9 页", DropReason.PAGE_NUMBER),
    ("3 / 9", DropReason.PAGE_NUMBER), ("共印 120 份", DropReason.PRINT_RUN), ("公开属性：主动公开", DropReason.PUBLICITY),
    ("主动公开", DropReason.PUBLICITY), ("当前位置：首页 > 通知", DropReason.BREADCRUMB),
    ("20240222", DropReason.GARBLED_DATE), ("上海市某区教育局办公室 2024年2月22日印发", DropReason.PRINT_LINE),
    ("某区教育局办公室印发", DropReason.PRINT_LINE), ("一、总体要求", None), ("请认真贯彻印发", None),
])
def test_furniture(line, reason):
    assert furniture_reason(line) == reason


def test_dropped_lines_keep_their_line_and_reason():
    cover = cover_of("— 1 —", "附件", "正文。")
    assert [(d.line, d.text, d.reason) for d in cover.dropped] == [
        (1, "— 1 —", DropReason.PAGE_NUMBER), (2, "附件", DropReason.ATTACHMENT_MARKER)]


def test_rules():
    assert [rules.chinese_numeral_value(n) for n in ("一", "十", "十二", "二十", "二十三", "一百", "一百零五", "〇")] == \
        [1, 10, 12, 20, 23, 100, 105, 0]
    assert rules.find_date("于2024年2月30日") is None and rules.find_date("2024 年 2 月 3 日") == dt.date(2024, 2, 3)
    assert rules.find_date("无日期") is None
    assert rules.join_continuation("全年 ABC", "DEF 项目") == "全年 ABC DEF 项目"
    assert rules.join_continuation("共计3", "5亿元") == "共计3 5亿元"
    assert rules.join_continuation("学前", "教育") == "学前教育" and rules.join_continuation("", "x") == "x"
    assert rules.join_continuation("a。", "b") == "a。b" and rules.join_continuation("a", "。b") == "a。b"
    assert rules.ends_sentence("完成。") and rules.ends_sentence("“双减”。") and rules.ends_sentence("做好：")
    assert not rules.ends_sentence("（责任科室：") and not rules.ends_sentence("他说“好") and not rules.ends_sentence("继续")
    assert rules.ends_sentence("（责任科室：办公室）") and rules.ends_sentence("") and rules.ends_sentence("”")
    assert rules.split_departments(" 办公室、人事科，计财科/德育科 ") == ["办公室", "人事科", "计财科", "德育科"]
    assert rules.is_boilerplate("网友 分享 时间:") and not rules.is_boilerplate("分享经验。")


@pytest.mark.parametrize("body, title, paragraphs, notes", [
    ("1.标题。正文（牵头部门：甲科）。\n再一段（配合部门：乙科）。", "标题。", ["正文。", "再一段。"],
     [("牵头部门", 1, 2, "（牵头部门：甲科）"), ("配合部门", 2, 3, "（配合部门：乙科）")]),
    ("1.标题（牵头部门：甲科）。\n正文（配合部门：乙科）。", "标题。", ["正文。"],
     [("牵头部门", 0, 2, "（牵头部门：甲科）"), ("配合部门", 1, 2, "（配合部门：乙科）")]),
    ("1.标题。\n正文。\n责任科室：丙科", "标题。", ["正文。"], [("责任科室", 2, 0, "责任科室：丙科")]),
])
def test_department_notes_are_addressed_by_paragraph_with_the_title_as_zero(body, title, paragraphs, notes):
    item = parse_text(f"2024年工作要点\n一、甲\n{body}\n", "x.txt", "x").items[0]
    assert (item.title, item.paragraphs) == (title, paragraphs)
    assert [(n.label, n.paragraph, n.offset, n.text) for n in item.department_notes] == notes


def test_a_heading_candidate_is_short_and_unpunctuated():
    def sections(line):
        return [s.heading for s in parse_text(f"2024年工作要点\n前言。\n{line}\n1.做好某事。\n", "x.txt", "x").sections]
    assert sections("甲" * 40) == ["甲" * 40]
    assert sections("甲" * 41) == [""]
    assert sections("落实任务，促进发展。") == [""]
    assert sections("落实任务。促进发展") == [""]


def test_cover_boundaries():
    letterhead = "甲" * 28 + "文件"  # 30 characters: still a letterhead
    assert cover_of(letterhead).issuer_letterhead == "甲" * 28
    assert cover_of("甲" * 29 + "文件").issuer_letterhead is None
    signature = "甲" * 27 + "教育局"  # 30 characters: still a signature
    assert cover_of(signature).issuer_signature == signature
    assert cover_of("甲" * 28 + "教育局").issuer_signature is None
    assert cover_of("关于《甲》的教育局").issuer_signature is None
    assert cover_of("附件：").dropped[0].reason is DropReason.ATTACHMENT_MARKER
    assert cover_of("附件：工作要点").dropped == []


@pytest.mark.parametrize("line, is_recipients", [
    ("各中小学：", True), ("各中小学", True), ("各" + "甲" * 39, True), ("各" + "甲" * 40, False),
    ("甲" * 59 + "：", True), ("甲" * 60 + "：", False), ("各单位。", False), ("全区学校", False)])
def test_recipients_follow_the_notice_title(line, is_recipients):
    cover = cover_of("关于印发《要点》的通知", line)
    assert (cover.recipients is not None) == is_recipients
    assert cover_of(line).recipients is None  # never before the notice's title


def test_a_notice_title_over_several_lines_stops_at_the_notice_or_four_lines():
    assert cover_of("关于印发《要点》", "的", "通知", "正文。").notice_title == "关于印发《要点》的通知"
    assert cover_of("关于印发《甲", "乙", "丙", "丁", "戊》的通知").notice_title == "关于印发《甲乙丙丁"
    assert cover_of("关于加强管理", "正文。").notice_title is None


def test_print_line_of_an_office_on_the_line_before():
    from build_scripts.parse.notice import parse_text
    notice = parse_text("2024年工作要点\n一、甲\n1.做好某事。\n上海市某区教育局办公室\n2024年2月22日印发\n", "x.txt", "x")
    assert [(d.line, d.reason) for d in notice.dropped] == [(4, DropReason.PRINT_LINE), (5, DropReason.PRINT_LINE)]
    kept = parse_text("2024年工作要点\n一、甲\n1.做好某事。\n" + "甲" * 28 + "办公室\n2024年2月22日印发\n", "x.txt", "x")
    assert [d.line for d in kept.dropped] == [5]


def test_item_numbering_style_needs_two_items():
    from build_scripts.parse.notice import parse_text
    two = parse_text("2024年工作要点\n一、甲\n（一）做好某事。\n（二）做好另一事。\n", "x.txt", "x")
    assert [i.number for i in two.items] == [1, 2]
    one = parse_text("2024年工作要点\n一、甲\n（一）做好某事。\n", "x.txt", "x")
    assert one.items == [] and one.sections[0].paragraphs == ["（一）做好某事。"]
