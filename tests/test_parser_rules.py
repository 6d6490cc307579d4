"""Parser rules beyond the corpus's own shapes: small synthetic plans, one rule each."""

from __future__ import annotations

from build_scripts.parse.notice import parse_text


def parse(text: str):
    return parse_text(text, "case.txt", "case")


def test_numbering_forms_and_full_width_digits():
    notice = parse("2025年某区教育工作要点\n一、总体\n1、第一项任务。内容\n2. 第二项任务。内容\n３．第三项任务。内容\n")
    assert [(i.number, i.title) for i in notice.items] == [
        (1, "第一项任务。"), (2, "第二项任务。"), (3, "第三项任务。")]
    assert [i.marker.strip() for i in notice.items] == ["1、", "2.", "３．"]


def test_numbering_restarting_per_section_gets_section_scoped_anchors():
    notice = parse("2025年某区教育工作要点\n一、甲\n1.甲一。\n2.甲二。\n二、乙\n1.乙一。\n")
    assert [i.anchor for i in notice.items] == ["task-1-1", "task-1-2", "task-2-1"]
    assert [s.anchor for s in notice.sections] == ["sec-1", "sec-2"]


def test_line_starting_with_a_number_continues_an_unfinished_sentence():
    notice = parse("2025年某区教育工作要点\n一、甲\n1.加大投入。全年投入\n3.5亿元用于校舍。\n2.第二项。\n")
    assert [i.number for i in notice.items] == [1, 2]
    assert notice.items[0].paragraphs == ["全年投入3.5亿元用于校舍。"]


def test_a_numbered_line_inside_an_unfinished_sentence_is_not_an_item():
    notice = parse("2025年某区教育工作要点\n一、甲\n1.加大投入。全年完成校舍改造\n12.所学校的任务。\n2.第二项。\n")
    assert [i.number for i in notice.items] == [1, 2]
    assert notice.items[0].paragraphs == ["全年完成校舍改造12.所学校的任务。"]
    assert not [d for d in notice.diagnostics if d.kind == "numbering"]


def test_skipped_numbers_are_kept_and_warned():
    notice = parse("2025年某区教育工作要点\n一、甲\n1.第一项。\n3.第三项。\n3.又一个第三项。\n")
    assert [i.number for i in notice.items] == [1, 3, 3]
    assert len({i.anchor for i in notice.items}) == 3
    assert [w.line for w in notice.diagnostics if w.kind == "numbering"] == [4, 5]


def test_department_notes_in_several_forms():
    notice = parse(
        "2025年某区教育工作要点\n一、甲\n"
        "1.任务一。做某事（牵头部门：局办公室、局人事科）。做另一事(责任单位:教育学院)。\n"
        "2.任务二。内容。\n责任科室：计财科\n"
    )
    first, second = notice.items
    assert first.departments == ["局办公室", "局人事科", "教育学院"]
    assert first.paragraphs == ["做某事。做另一事。"]
    assert [n.label for n in first.department_notes] == ["牵头部门", "责任单位"]
    assert second.departments == ["计财科"] and second.paragraphs == ["内容。"]


def test_heading_without_numeral_before_first_item():
    notice = parse("2025年某区教育工作要点\n前言。\n落实根本任务，促进全面发展\n1.第一项。\n二、第二部分\n2.第二项。\n")
    assert [(s.number, s.heading) for s in notice.sections] == [(1, "落实根本任务，促进全面发展"), (2, "第二部分")]
    assert notice.preamble == ["前言。"]


def test_page_break_inside_a_word_and_footnote_block_are_rejoined():
    notice = parse("2025年某区教育工作要点\n一、甲\n1.任务。通过“1+N”^①模式，整合\n\n① 一校带多校\n\n推进资源共享。\n")
    item = notice.items[0]
    assert item.paragraphs == ["通过“1+N”^①模式，整合推进资源共享。"]
    assert item.footnotes == ["①"] and notice.footnotes[0].text == "一校带多校"


def test_page_furniture_is_dropped_and_reported():
    notice = parse("2025年某区教育工作要点\n一、甲\n1.任务。内容\n— 3 —\n继续。\n共印 100 份\n")
    assert notice.items[0].paragraphs == ["内容继续。"]
    assert [d.reason for d in notice.dropped] == ["page number", "print-run line"]


def test_plan_without_title_or_structure_keeps_its_text_and_warns():
    notice = parse("这是一段没有标题的文字。\n第二段文字。\n")
    assert notice.preamble == ["这是一段没有标题的文字。", "第二段文字。"]
    assert {w.kind for w in notice.diagnostics} >= {"title", "structure"}


def test_a_department_line_ends_its_block_unless_its_names_break_off():
    notice = parse("2025年某区教育工作要点\n一、甲\n1.标题。\n责任科室：丙科\n再一段。\n2.任务二。\n责任科室：办公室、\n人事科\n")
    first, second = notice.items
    assert first.paragraphs == ["再一段。"] and first.departments == ["丙科"]
    assert second.paragraphs == [] and second.departments == ["办公室", "人事科"]


def test_a_department_label_opening_an_item_is_its_title():
    item = parse("2025年某区教育工作要点\n一、甲\n1.牵头部门：做好协调工作。\n").items[0]
    assert item.title == "牵头部门：做好协调工作。" and item.department_notes == []


def test_a_heading_before_a_footnote_and_an_item_is_still_a_heading():
    notice = parse("2025年某区教育工作要点\n前言^①。\n落实任务\n① 脚注文字\n1.做好某事。\n")
    assert [(s.heading, [i.title for i in s.items]) for s in notice.sections] == [("落实任务", ["做好某事。"])]
    assert notice.preamble == ["前言^①。"] and [(f.mark, f.text) for f in notice.footnotes] == [("①", "脚注文字")]
