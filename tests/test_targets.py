"""The targets extractor against quantities checked by hand in the corpus (precision and recall ≥ 0.9)."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from build_scripts.enrich.targets import item_targets, text_targets
from tests.documents.corpus import SEEDS, seed_notice

from .conftest import FIXTURES

EXPECTED = yaml.safe_load((FIXTURES / "targets-expected.yml").read_text(encoding="utf-8"))


def extracted() -> Counter:
    found = Counter()
    for seed in SEEDS:
        for item in seed_notice(seed.stem).items:
            for target in item_targets(item):
                found[(seed.stem, item.anchor, target.text.replace(" ", ""), target.value, target.unit)] += 1
    return found


def expected() -> Counter:
    truth = Counter()
    for stem, tasks in EXPECTED.items():
        for anchor, entries in tasks.items():
            for entry in entries:
                text, value, unit = (part.strip() for part in entry.split("|"))
                truth[(stem, anchor, text, float(value), unit)] += 1
    return truth


def test_extractor_precision_and_recall_on_hand_checked_quantities(capsys):
    found, truth = extracted(), expected()
    assert sum(truth.values()) >= 100
    correct = sum((found & truth).values())
    precision, recall = correct / sum(found.values()), correct / sum(truth.values())
    with capsys.disabled():
        print(f"\ntargets: {sum(truth.values())} hand-checked quantities; precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.9 and recall >= 0.9, (found - truth, truth - found)


@pytest.mark.parametrize("text, relation, value, unit, subject", [
    ("进一步开展幼儿园托幼一体化服务,托幼一体化幼儿园占比不低于94%。", "不低于", 94, "%", "托幼一体化幼儿园占比"),
    ("新增6所社区“宝宝屋”,增加400个托额。", "新增", 6, "所", "社区“宝宝屋”"),
    ("打造市级劳动教育示范校15所以上,承办好全省活动。", "打造", 15, "所", "市级劳动教育示范校"),
    ("学生参与率力争达到90%。", "达到", 90, "%", "学生参与率"),
    ("全市公办幼儿园在园幼儿覆盖面达到百分之五十。", None, None, None, None),
    ("提升40余项区级体育赛事育人效应。", "", 40, "项", "区级体育赛事育人效应"),
])
def test_relation_value_unit_and_subject(text, relation, value, unit, subject):
    targets = text_targets(text)
    if relation is None:  # Chinese numerals are not read as quantities (README: targets)
        assert targets == []
        return
    first = targets[0]
    assert (first.relation, first.value, first.unit, first.subject) == (relation, value, unit, subject)
    assert text[first.offset:first.offset + len(first.text)] == first.text


@pytest.mark.parametrize("text", [
    "落实《青浦区特殊教育三年行动计划（2018-2020）》。", "对35周岁以下年轻干部加强培养。",
    "组织开展第39届上海市青少年科技创新大赛。", "落实上海市“30条实施办法”。", "做好2024年招生工作。",
    "推进老年大学智慧场景建设2.0。", "力求做到课后服务430-530时段人人享有。",
])
def test_what_is_not_a_target(text):
    assert text_targets(text) == []


def test_a_list_of_shares_keeps_its_subject():
    targets = text_targets("提升型及以上比例分别达到15%、50%、70%左右,打造100个学校廉政文化阵地。")
    assert [(t.value, t.subject) for t in targets[:3]] == [(15, "提升型及以上比例"), (50, "提升型及以上比例"),
                                                           (70, "提升型及以上比例")]
    assert targets[3].subject == "学校廉政文化阵地"


@pytest.mark.parametrize("text, value, unit, printed", [
    ("学生参与率达到百分之95。", 95, "%", "百分之95"),
    ("覆盖率达到９５％以上。", 95, "%", "９５％以上"),
    ("每年开展3天集中培训。", 3, "天", "3天"),
    ("新建2所学校。", 2, "所", "2所"),
    ("开发40余项课程。", 40, "项", "40余项"),
    ("培训1.5万人次。", 1.5, "万人次", "1.5万人次"),
])
def test_how_a_quantity_is_read(text, value, unit, printed):
    (target,) = text_targets(text)
    assert (target.value, target.unit, target.text) == (value, unit, printed)
    assert text[target.offset:target.offset + len(target.text)] == printed


@pytest.mark.parametrize("text", ["启动第3批试点。", "庆祝建校60周年。", "对40周岁以下干部。", "开展“新增不少于”的讨论。"])
def test_ordinals_ages_and_anniversaries_are_not_targets(text):
    assert text_targets(text) == []


def test_a_quoted_commitment_counts_but_a_quoted_name_does_not():
    assert [t.text for t in text_targets("落实“新增不少于100个托额”项目，推进“5+2”课后服务和“30条实施办法”。")] == ["100个"]


@pytest.mark.parametrize("joiner", ["、", "和", "，"])
def test_a_list_joined_by_any_separator_shares_the_subject(joiner):
    targets = text_targets(f"公办园占比达到50%{joiner}60%。")
    assert [t.subject for t in targets] == ["公办园占比", "公办园占比"]
    assert targets[1].relation == "达到"


def test_a_list_after_a_subjectless_count_keeps_its_own_relation():
    first, second = text_targets("建设规划项目15个，完工13个。")
    assert (first.relation, second.relation) == ("建设", "完工")
    assert second.subject == first.subject
