"""The matcher on small plans: one-to-one assignment, threshold, merges, splits, moves, excerpts."""

from __future__ import annotations

from build_scripts.enrich.matching import MATCH_THRESHOLD, compare
from build_scripts.model import Item, MatchStatus, Notice, Section


def plan(notice_id: str, sections: list[list[tuple[str, str]]], excerpt: bool = False) -> Notice:
    out, number = [], 0
    for index, tasks in enumerate(sections, start=1):
        items = []
        for title, body in tasks:
            number += 1
            items.append(Item(number=number, marker=f"{number}.", title=title, anchor=f"task-{number}",
                              line=number, paragraphs=[body]))
        out.append(Section(index, "一二三"[index - 1], f"第{index}部分", f"sec-{index}", index, items))
    return Notice(notice_id, f"{notice_id}.txt", notice_id, sections=out, excerpt=excerpt)


PRE = ("推进学前教育普及普惠。", "新建和改扩建公办幼儿园，扩大普惠性学前教育资源，提升保教质量。")
PE = ("加强学校体育工作。", "保障学生每天校内体育活动一小时，深化校园足球特色学校建设。")
ART = ("加强学校美育工作。", "开齐开足艺术课程，组织学生艺术展演，建设美育特色学校。")
SAFE = ("抓好校园安全工作。", "开展校园安全隐患排查整治，加强学生防溺水和交通安全教育。")
NEW = ("推进人工智能教育。", "开设人工智能通识课程，建设人工智能实验校。")


def test_assignment_is_one_to_one_above_the_threshold():
    before = plan("a", [[PRE, PE, SAFE]])
    after = plan("b", [[PE, NEW, PRE]])
    comparison = compare(before, after)
    assert [(c.number, p.number) for c, p, _ in comparison.pairs] == [(1, 2), (3, 1)]
    assert [i.number for i in comparison.new] == [2] and [i.number for i in comparison.dropped] == [3]
    assert all(m.confidence >= MATCH_THRESHOLD and m.status is MatchStatus.CONTINUED for m in comparison.matches)
    assert not compare(before, plan("empty", [[]])).matches


def test_a_rewritten_body_under_the_same_title_still_continues():
    rewritten = (PE[0], "组织阳光体育大联赛，推动体教融合。")
    comparison = compare(plan("a", [[PE, SAFE]]), plan("b", [[rewritten, SAFE]]))
    assert [(c.number, p.number) for c, p, _ in comparison.pairs] == [(1, 1), (2, 2)]
    assert comparison.matches[0].changed and not comparison.matches[1].changed


def test_two_tasks_joined_are_a_merge_and_one_cut_in_two_is_a_split():
    merged = ("加强学校体育和美育工作。", PE[1] + ART[1])
    comparison = compare(plan("a", [[PE, ART, SAFE]]), plan("b", [[merged, SAFE]]))
    first = comparison.matches[0]
    assert first.status is MatchStatus.MERGED and [p.number for p in first.previous] == [1, 2]
    assert comparison.dropped == []

    halves = [("新建公办幼儿园。", "新建和改扩建公办幼儿园，扩大普惠性学前教育资源，"), ("提升保教质量。", "提升保教质量。")]
    comparison = compare(plan("a", [[PRE, SAFE]]), plan("b", [[*halves, SAFE]]))
    split = comparison.matches[0]
    assert split.status is MatchStatus.SPLIT and [c.number for c in split.current] == [1, 2]
    assert comparison.new == []
    assert comparison.match_of(comparison.current.items[1]) is split


def test_a_task_moved_to_another_section_is_marked_moved():
    before = plan("a", [[PRE, PE], [ART, SAFE]])
    after = plan("b", [[PRE], [ART, SAFE, PE]])
    moved = {m.current[0].title: m.moved for m in compare(before, after).matches}
    assert moved == {PRE[0]: False, ART[0]: False, SAFE[0]: False, PE[0]: True}


def test_an_excerpt_drops_nothing_and_the_data_says_where_each_task_comes_from():
    comparison = compare(plan("a", [[PRE, PE, SAFE]]), plan("b", [[PRE, NEW]], excerpt=True))
    assert comparison.dropped == []
    first, second = comparison.current.items
    assert comparison.previous_match(first).anchors == ["task-1"]
    assert comparison.previous_match(first).status is MatchStatus.CONTINUED
    assert comparison.previous_match(second).status is MatchStatus.NEW and comparison.previous_match(second).anchors == []


def test_a_memoised_pairing_is_the_pairing_and_is_made_once():
    from build_scripts.enrich.matching import pair_tasks, pairing_key

    class Memo(dict):
        puts = 0

        def put(self, key, value):
            self.puts += 1
            self[key] = value

    before = plan("a", [[PRE, PE, ART], [SAFE]])
    after = plan("b", [[("加强学校体育与美育工作。", PE[1] + ART[1])], [SAFE, NEW], [PRE]])
    plain = compare(before, after)
    memo = Memo()
    first, second = compare(before, after, memo), compare(before, after, memo)
    assert memo.puts == 1 and len(memo) == 1
    for comparison in (first, second):
        assert [(m.status, m.confidence, m.moved, [i.anchor for i in m.current], [i.anchor for i in m.previous])
                for m in comparison.matches] == \
               [(m.status, m.confidence, m.moved, [i.anchor for i in m.current], [i.anchor for i in m.previous])
                for m in plain.matches]
    assert any(m.status is MatchStatus.MERGED for m in plain.matches)  # the JSON keeps merges
    assert pair_tasks(before.items, after.items) == type(pair_tasks(before.items, after.items)).from_json(
        next(iter(memo.values())))
    reworded = plan("b", [[("加强学校体育与美育工作。", PE[1] + ART[1] + "。")], [SAFE, NEW], [PRE]])
    assert pairing_key(before.items, reworded.items) != pairing_key(before.items, after.items)
