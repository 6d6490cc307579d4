"""Patterns that recognise the parts of a Chinese work plan, line by line.

These are the parser's vocabulary: numbering, headings, department notes,
footnotes, dates and the furniture that PDF extraction and web scraping leave.
They are shared by the cover-notice and body parsers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..model import DropReason

CN_NUMERALS = "〇一二三四五六七八九十百"
DIGITS = "0-9０-９"

SECTION_RE = re.compile(
    rf"^(?:(?P<numeral>[{CN_NUMERALS}]{{1,4}})\s*[、.．]|第(?P<part>[{CN_NUMERALS}]{{1,4}})(?:部分|章|篇)[、：:\s]*)"
    rf"\s*(?P<text>\S.*)$"
)
# Item numbering styles, in order of preference: a plan numbers its tasks in one
# of them; lines in the other styles are sub-items and stay in the item's text.
ITEM_STYLES = {
    "dotted": re.compile(
        rf"^(?P<number>[{DIGITS}]{{1,3}})\s*(?P<sep>[.．、](?![{DIGITS}]))\s*(?P<text>\S.*)$"),
    "paren-numeral": re.compile(
        rf"^[（(]\s*(?P<numeral>[{CN_NUMERALS}]{{1,3}})\s*[)）]\s*(?P<text>\S.*)$"),
    "paren-digit": re.compile(
        rf"^[（(]\s*(?P<number>[{DIGITS}]{{1,3}})\s*[)）]\s*(?P<text>\S.*)$"),
}
ITEM_RE = ITEM_STYLES["dotted"]
# Readers write each row of a table as one line framed by this mark: kept as text, never a task.
TABLE_ROW_MARK = "｜"
# A line of a calendar or timetable ("二月：…", "3月 …", "第5周 …"): an entry of its own, never a continuation.
CALENDAR_LINE_RE = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?\s*[：:\s　]|^第\s*[\d一二三四五六七八九十]{1,3}\s*周")
# What follows the plan when this line comes: a table or calendar attached to it (附表, 工作日程安排…).
APPENDIX_RE = re.compile(r"^附\s*(?:件|表|录)?\s*\d*\s*[:：]|^附\s*(?:件|表)?\s*\d*\s*\S{0,30}(?:安排|日程|行事历|一览表|分工表|清单|计划表|进度表)\s*$")
FOOTNOTE_MARKS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
FOOTNOTE_DEF_RE = re.compile(rf"^\^?(?P<mark>[{FOOTNOTE_MARKS}])\s*(?P<text>\S.{{0,120}})$")
FOOTNOTE_CITATION_RE = re.compile(rf"\^(?P<mark>[{FOOTNOTE_MARKS}])")

DEPARTMENT_LABELS = (
    "责任科室|责任部门|责任单位|责任处室|牵头部门|牵头单位|牵头科室|牵头处室"
    "|主责部门|主责科室|配合部门|配合单位|配合科室|协同部门|协办单位|参与部门"
)
DEPARTMENT_NOTE_RE = re.compile(
    rf"[（(]\s*(?P<label>{DEPARTMENT_LABELS})\s*[:：]\s*(?P<names>[^（）()]+?)\s*[）)]"
)
DEPARTMENT_LINE_RE = re.compile(rf"^(?P<label>{DEPARTMENT_LABELS})\s*[:：]\s*(?P<names>.+?)\s*$")
DEPARTMENT_SPLIT_RE = re.compile(r"[、，,；;/／\s]+")

DATE_RE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
DATE_LINE_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,8}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
YEAR_RE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*(?:[-—–~至]\s*(?:19|20)?\d{2}\s*)?(?:年|学年)")
TERM_RE = re.compile(r"第\s*[一二12]\s*学期|[上下]\s*学期|[春秋]季学期")
YEAR_MONTH_LINE_RE = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月$")
DRAFT_RE = re.compile(r"[（(]\s*(征求意见稿|讨论稿|草案|送审稿|初稿|审议稿)\s*[）)]")
DASH_PREFIX_RE = re.compile(r"^[—–\-－─]{1,3}\s*")
# Who signs a plan: bureaus, their offices, 党委, schools.
ORGANISATION_RE = re.compile(
    r"(教育局|教育委员会|教委|教育厅|教育体育局|教体局|教育和体育局|办公室|委员会|工作委员会|党委|党组|党总支|党支部"
    r"|中学|小学|幼儿园|学校|学院|大学|中心|研究院|研究所|政府)$")

PLAN_TITLE_RE = re.compile(r"(工作要点|工作意见|工作计划|工作思路|工作安排|工作任务|工作重点|工作打算|行动计划|要点)")
ISSUER_RE = re.compile(r"(教育局|教育委员会|教委|教育厅|教育体育局|教体局|教育和体育局)$")
REGION_FROM_ISSUER_RE = re.compile(r"^(?P<region>.+?[省市区县州旗盟])(?:教育|教委|教体).*$")

# Page furniture: what a printed page adds around the text.
PAGE_NUMBER_RE = re.compile(r"^[—–\-－─]+\s*\d{1,4}\s*[—–\-－─]+$|^第\s*\d{1,4}\s*页(\s*共\s*\d+\s*页)?$|^\d{1,4}\s*/\s*\d{1,4}$")
PRINT_RUN_RE = re.compile(r"^共印\s*\d+\s*份$")
PRINT_LINE_RE = re.compile(r"印发$")
CARBON_COPY_RE = re.compile(r"^抄\s*送\s*[:：]")
GARBLED_DATE_RE = re.compile(r"^\d{6,8}$")
PUBLICITY_RE = re.compile(r"^(公开属性|公开方式|信息公开选项)\s*[:：]|^(主动公开|依申请公开|不予公开)$")
BREADCRUMB_RE = re.compile(r"^(当前位置|您现在的位置|你的位置|首页\s*[>＞»])")

# What websites print around an article: type-size, print and close bars, share buttons,
# hit counters, previous/next links, footers, breadcrumbs.
WEB_FURNITURE = [
    (DropReason.WEB_TEMPLATE, re.compile(r"[【\[]?\s*字[体号]\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小")),
    (DropReason.WEB_TEMPLATE, re.compile(r"打印(本页|正文|此页)|关闭(窗口|本页)|^【?\s*打印\s*】?$|^【?\s*关闭\s*】?$|返回上一级|返回顶部|^返回$")),
    (DropReason.WEB_TEMPLATE, re.compile(r"^分享到|^分享\s*[:：]|扫一扫|在手机(上)?打开")),
    (DropReason.WEB_TEMPLATE, re.compile(r"^(上一篇|下一篇|上一条|下一条)\s*[:：]?|(上一篇|下一篇)\s*[:：]")),
    (DropReason.WEB_TEMPLATE, re.compile(r"(点击数|浏览次数|阅读次数|访问量|阅读量|点击量)\s*[:：]?\s*\d*\s*次?|^\d+\s*次$")),
    (DropReason.WEB_TEMPLATE, re.compile(r"ICP\s*备|公网安备|网站标识码|版权所有|Copyright|All Rights Reserved|"
                                         r"主办单位\s*[:：]|^主办\s*[:：]|承办单位\s*[:：]|技术支持\s*[:：]|联系我们|网站地图|"
                                         r"^用户\s*[:：]?\s*密码", re.I)),
    (DropReason.BREADCRUMB, re.compile(r"^(当前位置|您现在的位置|你的位置|您的位置|所在位置)|^首页\s*(>|＞|»|>>|/)")),
]


WEB_FURNITURE_TEXT_MAX = 40  # in a text file, only a short line can be a website's furniture


def web_furniture_reason(line: str) -> DropReason | None:
    """Why a line is a website's furniture, or None."""
    return next((reason for reason, pattern in WEB_FURNITURE if pattern.search(line)), None)

# Scrape debris: lines a web template or a script left behind.
DIGITS_ONLY_RE = re.compile(r"^[\d\s]+$")
SYMBOLS_ONLY_RE = re.compile(r"^[!-/:-@\[-`{-~\s]+$")
BOILERPLATE_MARKERS = ("网友", "分享", "范文", "精品资料", "参考材料", "下载", "复制",
                       "转载", "点击", "阅读次数", "浏览次数", "收藏", "打印本页", "关闭窗口",
                       "字号", "时间:", "时间：")

TERMINAL_CHARS = "。！？!?；;…：:"
CLOSING_CHARS = "”’\"'」』】]"


def normalise_for_matching(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def ends_sentence(text: str) -> bool:
    """Whether a block ends a sentence (so the next block is not its continuation).

    A bracket or quotation mark still open ("（责任科室：") means it does not.
    """
    if text.count("（") + text.count("(") > text.count("）") + text.count(")") \
            or text.count("“") > text.count("”"):
        return False
    stripped = text.rstrip().rstrip(CLOSING_CHARS)
    if not stripped:
        return True
    # A closing bracket at a block's end closes a note such as "（责任科室：…）".
    return stripped[-1] in TERMINAL_CHARS or text.rstrip()[-1] in "）)"


def chinese_numeral_value(numeral: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
    if "百" in numeral:
        head, _, tail = numeral.partition("百")
        return digits.get(head, 1) * 100 + (chinese_numeral_value(tail) if tail else 0)
    if "十" in numeral:
        head, _, tail = numeral.partition("十")
        return (digits[head] if head else 1) * 10 + (digits[tail] if tail else 0)
    value = 0
    for char in numeral:
        value = value * 10 + digits[char]
    return value


def split_departments(names: str) -> list[str]:
    return [name for name in DEPARTMENT_SPLIT_RE.split(names.strip()) if name]


def find_date(text: str) -> dt.date | None:
    """The first "2024年2月22日" in ``text`` that is a real date."""
    match = DATE_RE.search(text)
    if not match:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


_ISO_DATE_RE = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")


def parse_date(text: str) -> dt.date | None:
    """A date written 2024年2月4日, 2024-02-04, 2024/2/4 or 2024.02.04; None if there is none."""
    found = find_date(text)
    if found:
        return found
    match = _ISO_DATE_RE.search(text)
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"])) if match else None
    except ValueError:
        return None


def join_continuation(previous: str, following: str) -> str:
    """Rejoin a sentence broken across lines or pages: no space between CJK."""
    if previous and following and previous[-1].isascii() and previous[-1].isalnum() \
            and following[0].isascii() and following[0].isalnum():
        return previous + " " + following
    return previous + following


def is_boilerplate(line: str) -> bool:
    """A web template's line ("网友 分享 时间:", "【参考材料】…下载…")."""
    return sum(marker in line for marker in BOILERPLATE_MARKERS) >= 2
