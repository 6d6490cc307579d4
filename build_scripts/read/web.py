"""The web page reader: the article of a page saved from any site, its metadata, its furniture.

No rules per site. The article is found the way readability-style extractors do
it: every paragraph scores its text (links excluded) to its container, and half
to the container's parent; the best container, with siblings that hold as much
text, is the article. Then, line by line:

- a 政府信息公开 metadata block (索引号, 发布机构, 文号, 发文日期, 成文日期,
  主题分类…), in a table or in lines, anywhere on the page, is read into the
  notice's metadata and left out of its text;
- page furniture inside the article (字体 大中小 / 打印 / 关闭 bars, share
  buttons, hit counters, 上一篇/下一篇, QR-code captions, ICP and 网站标识码
  lines, breadcrumbs) is dropped and reported, as is everything outside it;
- the page's ``<h1>`` is the first line when the article does not repeat it;
- Word's "save as web page" HTML reads as paragraphs with their numbers
  (``mso-list`` numbers kept, their spacer dropped, numbers split over spans joined);
- a raised footnote mark (``<sup>①</sup>``) is written ``^①`` as in the other sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..model import DroppedLine, DropReason, MetadataLine, MetadataUse
from ..parse import rules

_NOISE_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "svg", "template", "head",
               "input", "select", "textarea", "button", "img", "video", "audio", "canvas", "map")
_BLOCK_TAGS = ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
               "blockquote", "pre", "dd", "dt", "ul", "ol", "dl", "header", "footer", "nav", "aside", "main",
               "form", "center", "address", "figure", "figcaption")
_CONTAINERS = ("div", "td", "article", "section", "main", "body", "center", "form", "table", "tbody", "tr")

# Metadata labels of government pages, and what each gives the notice.
_LABELS = {
    "索引号": None, "主题分类": None, "主题词": None, "关键词": None, "体裁分类": None, "组配分类": None,
    "服务对象": None, "公开方式": None, "公开范围": None, "有效性": None, "信息分类": None, "所属机构": "issuer",
    "发布机构": "issuer", "发文机关": "issuer", "发文单位": "issuer", "发布单位": "issuer", "信息来源": "issuer",
    "来源": "issuer", "文号": "doc_number", "发文字号": "doc_number", "发文文号": "doc_number",
    "成文日期": "issued", "发文日期": "issued", "印发日期": "issued", "发布日期": "published",
    "发布时间": "published", "生成日期": "published", "更新时间": "published", "作者": None,
    "点击数": None, "浏览次数": None, "阅读量": None, "阅读次数": None, "访问量": None,
}
_LABEL_RE = re.compile(r"(?:^|(?<=\s)|(?<=】)|(?<=\]))(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*[:：]\s*")

_MIN_PARAGRAPH = 10  # characters of text for a block to count as a paragraph of the article


@dataclass
class WebPage:
    lines: list[str]
    dropped: list[DroppedLine] = field(default_factory=list)  # line: the line it stood before
    metadata_lines: list[MetadataLine] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # issuer, doc_number, issued, published
    pending_label: str | None = None  # a label whose value is in the next cell


class WebPageError(Exception):
    """The page cannot be read; the message says why and what to do (read_web_page's caller names the file)."""


# Elements nested deeper than this are no article: the reader's walks (and its cost) are bounded by it.
MAX_DEPTH = 400
# A government portal's page has a few thousand elements; BeautifulSoup builds about 30,000 a second.
MAX_ELEMENTS = 100_000
_START_TAG = re.compile(r"<[A-Za-z]")


def read_web_page(markup: str) -> WebPage:
    """Raises WebPageError."""
    elements = sum(1 for _ in _START_TAG.finditer(markup))
    if elements > MAX_ELEMENTS:
        raise WebPageError(f"{elements:,} elements, more than the {MAX_ELEMENTS:,} read from one page (a page of "
                           "a work plan has a few thousand); save the article's text as a .txt file beside it.")
    soup = BeautifulSoup(markup, "html.parser")
    _check_depth(soup)
    h1 = _heading(soup)
    _clean(soup)
    page = WebPage([])
    body = soup.body or soup
    article = _article(body)
    for element, inside in _regions(body, article):
        for line in _lines(element):
            _take(line, inside, page)
    if h1 and not _contains(page.lines, h1) and not _is_furniture(h1):
        page.lines.insert(0, h1)
        page.dropped = [DroppedLine(d.line + 1, d.text, d.reason) for d in page.dropped if d.text != h1]
    return page


# --- the tree ------------------------------------------------------------------------

def _check_depth(soup: BeautifulSoup) -> None:
    stack = [(soup, 0)]
    while stack:
        tag, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise WebPageError(f"its elements nest more than {MAX_DEPTH} deep, which no article needs; save the "
                               "page again from the browser (File → Save as), or save its text as a .txt file beside it.")
        stack.extend((child, depth + 1) for child in tag.contents if isinstance(child, Tag))


def _heading(soup: BeautifulSoup) -> str | None:
    h1 = soup.find("h1")
    text = " ".join(h1.get_text(" ").split()) if h1 else ""
    return text or None


def _clean(soup: BeautifulSoup) -> None:
    for tag in soup(_NOISE_TAGS):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for ignore in soup.find_all("span", style=re.compile(r"mso-list\s*:\s*Ignore", re.I)):
        for spacer in ignore.find_all("span"):  # Word's tab after the list number
            if not spacer.get_text().strip():
                spacer.decompose()
    for sup in soup.find_all("sup"):
        text = sup.get_text().strip()
        if len(text) == 1 and text in rules.FOOTNOTE_MARKS:
            sup.replace_with("^" + text)
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for cell in soup.find_all(("td", "th")):
        cell.append("\n")
    for block in soup.find_all(_BLOCK_TAGS):
        block.insert_before("\n")
        block.append("\n")


def _own_text_length(tag: Tag) -> int:
    """Characters of text directly in ``tag`` or its inline children, links excluded."""
    total = 0
    for child in tag.children:
        if isinstance(child, NavigableString):
            total += len(child.strip())
        elif isinstance(child, Tag) and child.name not in _BLOCK_TAGS and child.name not in _CONTAINERS \
                and child.name != "a":
            total += _own_text_length(child)
    return total


def _article(body: Tag) -> list[Tag]:
    """The elements holding the article: the best-scored container and its siblings as rich."""
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for tag in [body, *body.find_all(True)]:
        length = _own_text_length(tag)
        if length < _MIN_PARAGRAPH:
            continue
        for share, ancestor in zip((1.0, 0.5), (tag.parent, tag.parent.parent if tag.parent else None)):
            if ancestor is None or not isinstance(ancestor, Tag):
                continue
            scores[id(ancestor)] = scores.get(id(ancestor), 0) + share * length
            tags[id(ancestor)] = ancestor
        if tag is body:
            scores[id(body)] = scores.get(id(body), 0) + length
            tags[id(body)] = body
    if not scores:
        return [body]
    best = tags[max(scores, key=lambda key: scores[key])]
    if best.parent is None or best is body:
        return [best]
    threshold = 0.2 * scores[id(best)]
    return [sibling for sibling in best.parent.find_all(True, recursive=False)
            if sibling is best or scores.get(id(sibling), 0) >= threshold and _link_density(sibling) < 0.3]


def _link_density(tag: Tag) -> float:
    text = len(tag.get_text(strip=True)) or 1
    return sum(len(a.get_text(strip=True)) for a in tag.find_all("a")) / text


def _regions(body: Tag, article: list[Tag]):
    """The page in document order as (element, inside the article) pieces."""
    if article == [body]:
        yield body, True
        return
    inside = {id(t) for t in article}
    for element in _walk_outside(body, inside):
        yield element, id(element) in inside


def _walk_outside(tag: Tag, inside: set[int]):
    """``tag``'s pieces in order: article elements whole, the rest as text nodes."""
    for child in tag.children:
        if isinstance(child, Tag) and id(child) in inside:
            yield child
        elif isinstance(child, Tag):
            if any(id(d) in inside for d in child.find_all(True)):
                yield from _walk_outside(child, inside)
            else:
                yield child
        elif isinstance(child, NavigableString) and child.strip():
            wrapper = BeautifulSoup("", "html.parser").new_tag("span")
            wrapper.string = str(child)
            yield wrapper


def _lines(element: Tag) -> list[str]:
    lines = (" ".join(line.split()) for line in element.get_text().split("\n"))
    return [line for line in lines if line]


# --- lines ---------------------------------------------------------------------------

def _take(line: str, inside: bool, page: WebPage) -> None:
    position = len(page.lines) + 1
    if _read_metadata(line, page, position):
        return
    reason = _furniture_reason(line)
    if reason is not None:
        page.dropped.append(DroppedLine(position, line, reason))
    elif not inside:
        page.dropped.append(DroppedLine(position, line, DropReason.OUTSIDE_ARTICLE))
    else:
        page.lines.append(line)


def _furniture_reason(line: str) -> DropReason | None:
    return rules.web_furniture_reason(line)


def _is_furniture(line: str) -> bool:
    return _furniture_reason(line) is not None


def _read_metadata(line: str, page: WebPage, position: int) -> bool:
    """A line of label：value pairs goes to metadata; so does a label alone in its cell
    ("发布机构：") with the value in the next line, if the value is of the label's kind."""
    matches = list(_LABEL_RE.finditer(line))
    if not matches or matches[0].start() > 0 and not _is_metadata_prefix(line[:matches[0].start()]):
        return _pending_value(line, page, position)
    page.pending_label = matches[0][1] if len(matches) == 1 and matches[0].end() == len(line) else None
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        _store(page, match[1], line[match.end():end].strip())
    page.metadata_lines.append(MetadataLine(position, line, MetadataUse.WEB_METADATA))
    return True


def _is_metadata_prefix(text: str) -> bool:
    return not text.strip(" 　|｜【】[]")


def _pending_value(line: str, page: WebPage, position: int) -> bool:
    label, page.pending_label = page.pending_label, None
    if label is None or not _valid(_LABELS[label], line):
        return False
    _store(page, label, line)
    page.metadata_lines.append(MetadataLine(position, line, MetadataUse.WEB_METADATA))
    return True


def _valid(field_name: str | None, value: str) -> bool:
    """Whether ``value`` can be a value of this field (so a title is never taken for a date)."""
    if field_name == "issuer":
        return _looks_like_issuer(value)
    if field_name == "doc_number":
        return bool(rules.DOC_NUMBER_RE.search(value)) and len(value) <= 30
    if field_name in ("issued", "published"):
        return rules.parse_date(value) is not None and len(value) <= 30
    return len(value) <= 40 and not rules.PLAN_TITLE_RE.search(value) and not rules.ends_sentence(value)


def _store(page: WebPage, label: str, value: str) -> None:
    field_name = _LABELS[label]
    if value and field_name is not None and field_name not in page.metadata and _valid(field_name, value):
        page.metadata[field_name] = value


def _looks_like_issuer(value: str) -> bool:
    return bool(re.search(r"(局|委员会|教委|厅|政府|办公室|学校|中学|小学|幼儿园|学院|大学|中心|党委|党组|委)$", value)) \
        and len(value) <= 40


def _contains(lines: list[str], text: str) -> bool:
    wanted = re.sub(r"\s+", "", text)
    return any(wanted in re.sub(r"\s+", "", line) for line in lines[:8])
