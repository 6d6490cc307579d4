"""The quantities a task commits to: "新增6所社区“宝宝屋”", "覆盖率达到80%", "不少于80学时".

A target is a number in Arabic digits (or 百分之N) with a unit: a percentage or a
measure word (所, 个, 项, 名, 人次, 万元, 小时, 平方米…). Not targets: years and dates,
ages (40周岁以下), numbers inside book titles (《…三年行动计划（2023-2025年）》) or
quoted names (“5+2”, “1+N”, “30条实施办法”), ordinals (第3批).

Each target keeps its subject, what is counted or measured, as the text says it:
the words after the unit when the number counts them ("新增6所社区“宝宝屋”" →
社区“宝宝屋”), else the words before the commitment ("托幼一体园占比不低于80%"
→ 托幼一体园占比), and its relation (达到, 不低于, 新增…). The extractor was
measured on the corpus against quantities checked by hand
(``tests/fixtures/targets-expected.yml``; ``tests/test_targets.py`` reports
precision and recall).
"""

from __future__ import annotations

import math
import re

from ..model import Item, Target

UNITS = sorted("""个百分点 百分点 % ％ 万人次 人次 万人 万元 亿元 元 万平方米 平方米 公顷 小时 分钟 学时 课时
所 个 项 名 位 人 门 支 场 次 家 条 套 间 批 类 张 台 篇 件 处 座 节 册 部 班 组 天 周""".split(),
               key=len, reverse=True)
RELATIONS = sorted("""达到 达 不低于 不少于 不超过 不高于 控制在 提高到 提升到 提至 提高 增至 增加 新增 新建 新开
建成 建设 完成 完工 开工 覆盖 超过 打造 培育 创建 创成 开展 实施 评选 遴选 开发 推进 落实 化解 招收 投资
更新 培训 提供 举办 开设 增设 认定 选树 推广 改造 立项""".split(), key=len, reverse=True)

_NUMBER = r"\d+(?:\.\d+)?(?:\s*[-—～~至]\s*\d+(?:\.\d+)?)?"
_QUALIFIER = r"(?:以上|以下|左右|以内)?"
_QUANTITY = re.compile(rf"百分之(?P<percent>{_NUMBER}){_QUALIFIER}"
                       rf"|(?P<number>{_NUMBER})\s*(?:余|多)?(?P<unit>{'|'.join(map(re.escape, UNITS))}){_QUALIFIER}")
_CLAUSE_END = "，。；：！？,;:!?、"
_NAMES = re.compile(r"《[^《》]*》|“[^“”]*”|‘[^‘’]*’|\"[^\"]*\"")
_RELATION = re.compile("|".join(map(re.escape, RELATIONS)))
# A quoted name hides its numbers (“30条实施办法”) unless it is itself a commitment (“新增不少于100个…”).
_COMMITMENT = re.compile("新增|新建|建成|不低于|不少于|不超过|达到|控制在|提高到|覆盖|完成")
_FILLER = re.compile(r"^(?:并|和|及|与|其中|确保|力争|努力|全年|年内|年底前|到年底|实现|争取|使|让|全市|全区)+|(?:力争|确保|努力|争取|分别)+$")
SUBJECT_MAX = 20


def item_targets(item: Item) -> list[Target]:
    """Every target of a task, in reading order (title, then paragraphs)."""
    return [target for index, text in enumerate([item.title, *item.paragraphs])
            for target in text_targets(text, index)]


def text_targets(text: str, paragraph: int = 0) -> list[Target]:
    hidden = _hidden_spans(text)
    out = []
    for match in _QUANTITY.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in hidden) or _is_excluded(text, match):
            continue
        number = match["percent"] or match["number"]
        value = float(re.split(r"\s*[-—～~至]\s*", number)[0])
        if not math.isfinite(value):  # 400 digits: no quantity, and no number JSON can hold
            continue
        unit = "%" if match["percent"] or match["unit"] == "％" else match["unit"]
        relation, subject = _relation_and_subject(text, match)
        if not subject and out and out[-1].paragraph == paragraph:
            # "15%、50%、70%左右", "项目15个，完工13个": a list shares the first one's subject (and relation)
            gap = text[out[-1].offset + len(out[-1].text):start].lstrip("、和，,")
            if gap in ("", relation):
                relation, subject = relation or out[-1].relation, out[-1].subject
        out.append(Target(subject, relation, value, unit, match.group(0), paragraph, start))
    return out


def _hidden_spans(text: str) -> list[tuple[int, int]]:
    """Book titles, and quoted names unless the quote itself commits (“新增不少于100个…托班”)."""
    return [m.span() for m in _NAMES.finditer(text)
            if m.group(0).startswith("《") or not _COMMITMENT.search(m.group(0))]


def _is_excluded(text: str, match: re.Match) -> bool:
    before = text[max(0, match.start() - 1):match.start()]
    after = text[match.end():match.end() + 2]
    if before == "第" or before.isdigit():
        return True
    # Ages and anniversaries: "40周岁", "3周年", "100天年" (年, 月 alone are not units: "2-5年", "9月").
    return match["unit"] in ("周", "天") and after[:1] in ("岁", "年")


def _clause(text: str, match: re.Match) -> tuple[str, str]:
    """The words of the clause before the quantity and after it."""
    start = max((text.rfind(p, 0, match.start()) for p in _CLAUSE_END), default=-1) + 1
    ends = [i for i in (text.find(p, match.end()) for p in _CLAUSE_END) if i >= 0]
    end = min(ends) if ends else len(text)
    return text[start:match.start()], text[match.end():end]


def _relation_and_subject(text: str, match: re.Match) -> tuple[str, str]:
    """The commitment before the quantity, and what it counts: the words after a count's
    unit, else the words between the commitment and the number, else those before it."""
    before, after = _clause(text, match)
    relations = list(_RELATION.finditer(before))
    relation = relations[-1].group(0) if relations else ""
    counted = _clean(_QUANTITY.split(after, maxsplit=1)[0])
    is_share = match["percent"] is not None or match["unit"] in ("%", "％", "个百分点", "百分点")
    if counted and not is_share:
        return relation, counted[:SUBJECT_MAX]
    between = _clean(before[relations[-1].end():]) if relations else ""
    head = _clean(before[:relations[-1].start()] if relations else before)
    subject = (head if is_share else between) or between or head
    return relation, subject[-SUBJECT_MAX:]


def _clean(words: str) -> str:
    for close, open_ in (("”", "“"), ("’", "‘")):  # a quote that began before the number ends the subject
        end = words.find(close)
        if end >= 0 and open_ not in words[:end]:
            words = words[:end]
    words = _FILLER.sub("", words.strip(" 　（(各"))
    return words.strip("的和及与并 　各")
