"""Property tests (Hypothesis): for generated notices, the parser never raises, every body
sentence survives exactly once and in order (through page breaks, noise lines, encodings and
line endings), and render → parse gives the model back.

Examples per property: PROPERTY_EXAMPLES (500 by default; HYPOTHESIS_EXAMPLES overrides it).
"""

from __future__ import annotations

import datetime as dt

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.model import DepartmentNote, Footnote, Item, Notice, Section
from build_scripts.parse.notice import parse_text
from build_scripts.read.decode import decode_bytes, normalise_newlines
from .source_writer import render_source

PROPERTY_EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "500"))
SETTINGS = settings(max_examples=PROPERTY_EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Characters of ordinary plan prose, none of which can start a structure of their own.
PROSE = "学校教师课程建设推进落实加强深化完善提升发展质量服务管理体系机制改革创新优化资源保障评价活动项目实践德育体育美育劳动心理健康安全数字平台家庭社会协同融合特色品牌队伍培训"
NUMERALS = "一二三四五六七八九十"
MARKS = "①②③"

words = st.text(alphabet=PROSE, min_size=2, max_size=12)
sentences = st.builds(lambda w: w + "。", words)
paragraphs = st.lists(sentences, min_size=1, max_size=3).map("".join)
headings = st.builds(lambda a, b: f"{a}，{b}", words, words)
departments = st.lists(st.builds(lambda w: w + "科", st.text(alphabet=PROSE, min_size=1, max_size=3)),
                       min_size=1, max_size=3, unique=True)


@st.composite
def items(draw, number: int) -> Item:
    marker = draw(st.sampled_from([f"{number}.", f"{number}、", f"{number}. ", f"{number}．"]))
    return Item(number=number, marker=marker, title=draw(sentences), anchor=f"task-{number}", line=0,
                paragraphs=draw(st.lists(paragraphs, max_size=2)))


def add_department_note(draw, item: Item) -> None:
    """A "（责任科室：…）" note at the end of the item, as 002 prints them."""
    names = draw(departments)
    label = draw(st.sampled_from(["责任科室", "牵头部门", "责任单位"]))
    bodies = [item.title, *item.paragraphs]
    last = len(bodies) - 1
    note = f"（{label}：{'、'.join(names)}）"
    item.department_notes = [DepartmentNote(label, tuple(names), last, len(bodies[last]), note)]


@st.composite
def notices(draw) -> Notice:
    year = draw(st.integers(2015, 2030))
    title = f"{year}年{draw(words)}工作要点"
    section_count = draw(st.integers(1, 4))
    sections, number = [], 0
    for index in range(section_count):
        section = Section(number=index + 1, numeral=NUMERALS[index], heading=draw(headings),
                          anchor=f"sec-{index + 1}", line=0)
        for _ in range(draw(st.integers(1, 4))):
            number += 1
            section.items.append(draw(items(number)))
        sections.append(section)
    notice = Notice(id="generated", source="generated.txt", title=title,
                    preamble=draw(st.lists(paragraphs, min_size=1, max_size=2)), sections=sections)
    footnote_count = draw(st.integers(0, len(MARKS)))
    for mark, item in zip(MARKS[:footnote_count], notice.items):
        # Cite it at the end of the item's title sentence, before the "。".
        item.title = item.title[:-1] + f"^{mark}。"
        notice.footnotes.append(Footnote(mark, draw(words)))
    for item in notice.items:
        if draw(st.booleans()):
            add_department_note(draw, item)
    if draw(st.booleans()):
        notice.doc_number = f"某教〔{year}〕{draw(st.integers(1, 99))}号"
        notice.notice_title = f"关于印发《{title}》的通知"
        notice.recipients = "各中小学、幼儿园"
        notice.cover = [f"现将《{title}》印发给你们，请认真贯彻执行。"]
        notice.issuer = "上海市某区教育局"
        notice.issued = dt.date(year, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    return notice


def structure(notice: Notice) -> dict:
    """What a parse must reproduce: the text and structure, not derived fields."""
    return {
        "title": notice.title, "notice_title": notice.notice_title, "doc_number": notice.doc_number,
        "recipients": notice.recipients, "cover": notice.cover, "issuer": notice.issuer,
        "issued": notice.issued, "preamble": notice.preamble,
        "footnotes": [(f.mark, f.text) for f in notice.footnotes],
        "sections": [{
            "number": s.number, "numeral": s.numeral, "heading": s.heading, "paragraphs": s.paragraphs,
            "items": [{
                "number": i.number, "marker": i.marker, "title": i.title, "paragraphs": i.paragraphs,
                "departments": i.departments, "footnotes": i.footnotes,
                "notes": [(n.label, n.departments, n.paragraph, n.offset) for n in i.department_notes],
            } for i in s.items],
        } for s in notice.sections],
    }


def body_text(notice: Notice) -> str:
    return "".join("".join(notice.reading_texts()).split())


@SETTINGS
@given(notices())
def test_render_then_parse_gives_the_model_back(notice):
    parsed = parse_text(render_source(notice), "generated.txt", "generated")
    assert structure(parsed) == structure(notice)
    assert parsed.year == int(notice.title[:4])
    assert not [w for w in parsed.diagnostics if w.level == "warning"]
    assert Notice.from_dict(parsed.to_dict()) == parsed


NOISE = ["— 7 —", "- 12 -", "第 3 页", "共印 120 份", "48 3184885", "\");", "当前位置：首页 > 通知公告"]
ENCODINGS = [
    lambda t: t.encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),
    lambda t: t.encode("gb18030"),
    lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    lambda t: t.replace("\n", "\r").encode("utf-8"),
]


@st.composite
def damaged_sources(draw):
    """A rendered notice as a PDF extraction or a scrape leaves it: page breaks inside
    sentences (with a page number between), blank lines, noise lines, any encoding."""
    notice = draw(notices())
    lines = render_source(notice).split("\n")
    title_index = lines.index(notice.title)
    damaged = []
    for index, line in enumerate(lines):
        is_body_line = index > title_index and len(line) > 8 and not re.match(rf"^[{NUMERALS}]、|^[{MARKS}] ", line)
        if is_body_line and draw(st.integers(0, 3)) == 0:
            cut = draw(st.integers(6, len(line) - 2))
            head, tail = line[:cut], line[cut:]
            if not head.endswith(("。", "）", "^")) and not tail.startswith(("。", "（", "^")):
                damaged += [head, "", draw(st.sampled_from(NOISE[:3])), "", tail]
                continue
        damaged.append(line)
        if index > title_index and draw(st.integers(0, 5)) == 0:
            damaged.append(draw(st.sampled_from(NOISE[:5])))
        if draw(st.booleans()):
            damaged.append(draw(st.sampled_from(["", "   ", "\u3000", "\u00a0"])))
    encode = draw(st.sampled_from(ENCODINGS))
    return notice, encode("\n".join(damaged))


@SETTINGS
@given(damaged_sources())
def test_every_sentence_survives_exactly_once_in_order(case):
    notice, data = case
    text, _ = decode_bytes(data, "generated.txt")
    parsed = parse_text(normalise_newlines(text), "generated.txt", "generated")
    assert body_text(parsed) == body_text(notice)
    assert [i.number for i in parsed.items] == [i.number for i in notice.items]
    assert [i.departments for i in parsed.items] == [i.departments for i in notice.items]


@SETTINGS
@given(st.text(max_size=400))
def test_the_parser_never_raises_on_any_text(text):
    notice = parse_text(text, "any.txt", "any")
    Notice.from_dict(notice.to_dict())


@SETTINGS
@given(st.lists(st.sampled_from(["一、标题", "1.任务。", "1.1 子项。", "（一）分项。", "（1）小项。", "第二部分 内容",
                                 "（责任科室：办公室）", "① 注释", "^①", "— 3 —", "", "2024年工作要点", "附件",
                                 "关于印发《x》的通知", "各学校：", "2024年1月1日", "文字", "。", "<b>", "# x"]),
                max_size=40))
def test_the_parser_never_raises_on_plan_shaped_fragments(lines):
    notice = parse_text("\n".join(lines), "fragments.txt", "fragments")
    assert notice.to_dict()["title"] is not None
