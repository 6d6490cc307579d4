"""Redlines by phrase: both texts recoverable, numbers whole, short common stretches folded, markup safe."""

from __future__ import annotations

import pytest

from build_scripts.render.redline import MIN_COMMON, Op, phrase_diff, redline_html

PAIRS = [
    ("深入推进教育综合改革，有序实施新一轮20项区级综改项目。统筹推进8个镇学区化建设。",
     "持续深化教育综合改革，有序实施新一轮25项区级综改项目。推进集团化办学。"),
    ("加强体育和美育工作。\n进一步完善学校体育。", "加强体育工作。\n进一步完善学校体育、艺术项目。"),
    ("", "新增的任务。"),
    ("删去的任务。", ""),
    ("相同。", "相同。"),
]


@pytest.mark.parametrize("old, new", PAIRS)
def test_both_texts_come_back_and_runs_alternate(old, new):
    runs = phrase_diff(old, new)
    assert "".join(t for op, t in runs if op is not Op.INSERTED) == old
    assert "".join(t for op, t in runs if op is not Op.DELETED) == new
    assert all(text for _, text in runs)
    assert all(a[0] is not b[0] for a, b in zip(runs, runs[1:]))


def test_a_changed_phrase_is_one_change_and_a_number_stays_whole():
    runs = phrase_diff(*PAIRS[0])
    assert runs[:3] == [(Op.DELETED, "深入推进"), (Op.INSERTED, "持续深化"), (Op.SAME, "教育综合改革，有序实施新一轮")]
    assert (Op.DELETED, "20") in runs and (Op.INSERTED, "25") in runs
    # A clause replaced by an unrelated one is shown deleted and inserted whole, not char by char.
    assert (Op.DELETED, "统筹推进8个镇学区化建设") in runs and (Op.INSERTED, "推进集团化办学") in runs


def test_short_common_stretches_between_changes_are_folded():
    runs = phrase_diff("甲乙丙丁戊己庚辛。", "子乙丑丁寅己卯辛。")
    inner = [text for op, text in runs[:-1] if op is Op.SAME]
    assert all(len(text) >= MIN_COMMON for text in inner)


def test_unchanged_text_is_one_run():
    assert phrase_diff("相同。", "相同。") == [(Op.SAME, "相同。")]


def test_markup_escapes_text_and_names_each_change_for_screen_readers():
    html = str(redline_html("<b>旧</b>文字", "<b>新</b>文字"))
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert '<del><span class="visually-hidden">删除：</span>' in html
    assert '<ins><span class="visually-hidden">新增：</span>' in html
    assert str(redline_html("一\n二", "一\n二")) == "一<br>二"
