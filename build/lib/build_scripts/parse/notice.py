"""Parse a source's text into a :class:`Notice`.

The text is cut at the plan's own title line: what comes before it is the
cover notice (``cover.py``), what follows is the plan (``body.py``). The
metadata is then inferred from both, each value remembering where it came
from (``Notice.metadata_sources``) so that a sidecar can say what it changed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..addresses import UniqueAnchors, section_anchor, subsection_anchor, task_anchor
from ..model import Diagnostic, DiagnosticKind, Item, Level, MetadataLine, MetadataUse, Notice, Section, Subsection
from . import rules
from .body import Body, DraftSection, finish_item, parse_body
from .cover import CoverNotice, Line, furniture_reason, is_web_metadata_line, parse_cover

TITLE_MAX_CHARS = 60
WEB_METADATA = "web page metadata"


def source_lines(text: str) -> list[Line]:
    """Non-blank lines, stripped, with their 1-based line numbers."""
    return [(number, line.strip()) for number, line in enumerate(text.split("\n"), start=1)
            if line.strip()]


def _first_structure(lines: list[Line]) -> int:
    return next((i for i, (_, text) in enumerate(lines)
                 if rules.SECTION_RE.match(text) or rules.ITEM_RE.match(text)), len(lines))


def find_plan_title(lines: list[Line]) -> int | None:
    """Index of the plan's title line: the last title-like line before the first heading or item."""
    first_structure = _first_structure(lines)
    candidates = [
        i for i, (_, text) in enumerate(lines[:first_structure])
        if _looks_like_plan_title(text)
    ]
    return candidates[-1] if candidates else None


def _first_line_title(lines: list[Line]) -> int | None:
    """The first line as the title, when it is one: short, not a sentence, not a heading,
    not a cover notice's line, and followed by the plan's structure."""
    if not lines or _first_structure(lines) == 0:
        return None
    text = lines[0][1]
    if len(text) > TITLE_MAX_CHARS or rules.ends_sentence(text) or furniture_reason(text) is not None \
            or "通知" in text or rules.DOC_NUMBER_RE.search(text) or text.endswith("文件") \
            or _first_structure(lines) == len(lines):
        return None
    return 0


def _looks_like_plan_title(text: str) -> bool:
    text = rules.DRAFT_RE.sub("", text).strip()
    return (len(text) <= TITLE_MAX_CHARS and bool(rules.PLAN_TITLE_RE.search(text))
            and not rules.ends_sentence(text) and "《" not in text and "通知" not in text
            and not text.startswith("附件") and furniture_reason(text) is None)


def parse_text(text: str, source: str, notice_id: str, known: dict[str, str] | None = None) -> Notice:
    """``known``: what the file says of itself outside its text (a web page's metadata table:
    ``issuer``, ``doc_number``, ``issued``), used where the text says nothing."""
    lines = source_lines(text)
    title_index = find_plan_title(lines)
    diagnostics: list[Diagnostic] = []
    if title_index is None and (title_index := _first_line_title(lines)) is not None:
        diagnostics.append(Diagnostic(
            DiagnosticKind.TITLE, f"no line names the plan (…工作要点/工作意见/工作计划); its first line "
            f"“{lines[title_index][1]}” is taken as the title", source, lines[title_index][0], level=Level.INFO))
    head = _TitleBlock()
    if title_index is None:
        cover, body_lines, title = CoverNotice(), lines, ""
        diagnostics.append(Diagnostic(
            DiagnosticKind.TITLE, "no plan title line (…工作要点/工作意见/工作计划) found before the first "
            "heading; set 'title' in the sidecar file", source))
    else:
        head = _title_block(lines, title_index)
        body_lines, title = lines[head.last + 1:], head.title
        # A web page's "来源：… 发布时间：…" line often stands under the title: it is the cover's.
        page_lines = [line for line in body_lines[:_first_structure(body_lines)] if is_web_metadata_line(line[1])]
        cover = parse_cover(lines[:head.first] + page_lines)
        body_lines = [line for line in body_lines if line not in page_lines]
    body_lines, signature = _split_end_signature(body_lines)
    body = parse_body(body_lines, source)
    notice = Notice(
        id=notice_id, source=source, title=title or (cover.notice_title or notice_id),
        notice_title=cover.notice_title, doc_number=cover.doc_number,
        recipients=cover.recipients, cover=[t for _, t in cover.paragraphs],
        slogan=head.slogan, draft=head.draft or bool(rules.DRAFT_RE.search(cover.notice_title or "")),
        preamble=body.preamble, sections=finish_sections(body.sections), appendix=body.appendix,
        footnotes=body.footnotes,
        dropped=sorted(cover.dropped + body.dropped, key=lambda d: d.line),
        metadata_lines=sorted(cover.metadata_lines + head.metadata_lines + signature.metadata_lines,
                              key=lambda m: m.line),
        diagnostics=diagnostics + body.diagnostics,
    )
    infer_metadata(notice, cover, signature, text, known or {})
    check_structure(notice)
    mark_excerpt(notice)
    return notice


@dataclass
class _TitleBlock:
    """The plan's title, with what may stand around it: a slogan above a "——" subtitle, a draft mark."""

    title: str = ""
    first: int = 0  # index of its first line (the slogan's, if any)
    last: int = 0  # index of its last line (the draft mark's, if any)
    slogan: str | None = None
    draft: bool = False
    metadata_lines: list[MetadataLine] = field(default_factory=list)


def _title_block(lines: list[Line], index: int) -> _TitleBlock:
    number, text = lines[index]
    block = _TitleBlock(first=index, last=index)
    dashed = rules.DASH_PREFIX_RE.match(text)
    title = text[dashed.end():] if dashed else text
    if dashed and index > 0 and _looks_like_slogan(lines[index - 1][1]):
        block.first = index - 1
        block.slogan = lines[index - 1][1]
        block.metadata_lines.append(MetadataLine(lines[index - 1][0], block.slogan, MetadataUse.SLOGAN))
    if rules.DRAFT_RE.search(title):
        block.draft = True
        title = rules.DRAFT_RE.sub("", title).strip()
    if index + 1 < len(lines) and rules.DRAFT_RE.fullmatch(lines[index + 1][1]):
        block.draft = True
        block.last = index + 1
        block.metadata_lines.append(MetadataLine(lines[index + 1][0], lines[index + 1][1], MetadataUse.DRAFT_MARK))
    block.title = _tidy_title(title)
    return block


def _looks_like_slogan(text: str) -> bool:
    return len(text) <= 40 and not rules.ends_sentence(text) and furniture_reason(text) is None \
        and not rules.SECTION_RE.match(text) and not rules.DOC_NUMBER_RE.search(text)


@dataclass
class EndSignature:
    """The issuer and date signed under the plan itself (plans without a cover notice)."""

    issuer: str | None = None
    issued: dt.date | None = None
    month_only: bool = False
    metadata_lines: list[MetadataLine] = field(default_factory=list)


def _split_end_signature(lines: list[Line]) -> tuple[list[Line], EndSignature]:
    """The body without the signature and date under it (before any attached table)."""
    appendix = next((i for i, (_, text) in enumerate(lines) if i and rules.APPENDIX_RE.match(text)), len(lines))
    signature = EndSignature()
    end = appendix
    if end and (date := _signature_date(lines[end - 1][1])):
        signature.issued, signature.month_only = date
        signature.metadata_lines.append(MetadataLine(*lines[end - 1], MetadataUse.SIGNATURE_DATE))
        end -= 1
        if end and _looks_like_signature(lines[end - 1][1]):
            signature.issuer = lines[end - 1][1]
            signature.metadata_lines.append(MetadataLine(*lines[end - 1], MetadataUse.SIGNATURE))
            end -= 1
    if signature.issuer is None:
        return lines, EndSignature()
    return lines[:end] + lines[appendix:], signature


def _signature_date(text: str) -> tuple[dt.date, bool] | None:
    if rules.DATE_LINE_RE.match(text):
        found = rules.find_date(text)
        return (found, False) if found else None
    month = rules.YEAR_MONTH_LINE_RE.match(text)
    if month and 1 <= int(month["m"]) <= 12:
        return dt.date(int(month["y"]), int(month["m"]), 1), True
    return None


def _looks_like_signature(text: str) -> bool:
    return len(text) <= 30 and bool(rules.ORGANISATION_RE.search(text)) \
        and not re.search(r"[，,。；;：:、]", text) and not rules.SECTION_RE.match(text)


def finish_sections(drafts: list[DraftSection]) -> list[Section]:
    """Sections and items with their text split and their stable anchors.

    Anchors come from the numbering alone: ``task-N``, or ``task-S-N`` when numbers
    repeat across sections (numbering restarts per section); a number the source
    repeats gets "-2", "-3"….
    """
    numbers = [item.number for draft in drafts for item in draft.items]
    restarts = len(numbers) != len(set(numbers))
    anchors = UniqueAnchors()
    sections = []
    for position, draft in enumerate(drafts, start=1):
        section_number = draft.number or position
        anchor = anchors.add(section_anchor(section_number))
        items = []
        for item in draft.items:
            text = finish_item(item)
            items.append(Item(
                number=item.number, marker=item.marker, title=text.title,
                anchor=anchors.add(task_anchor(section_number, item.number, restarts)),
                line=item.line, paragraphs=text.paragraphs, department_notes=text.department_notes,
                subsection=item.subsection))
        subsections = [Subsection(number=sub.number, numeral=sub.numeral, heading=sub.heading,
                                  anchor=anchors.add(subsection_anchor(section_number, sub.number)),
                                  line=sub.line, paragraphs=sub.paragraphs) for sub in draft.subsections]
        sections.append(Section(number=draft.number, numeral=draft.numeral, heading=draft.heading,
                                anchor=anchor, line=draft.line, items=items, paragraphs=draft.paragraphs,
                                subsections=subsections))
    return sections


_GLUED_DATE_RE = re.compile(r"\s*[（(\[]?\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?[)）\]]?$")


def _tidy_title(text: str) -> str:
    """Remove the spaces PDF extraction puts around numbers ("局 2024 年" → "局2024年") and a
    publication date a website glued to the end ("…工作要点2024-02-21")."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=\d)|(?<=\d)\s+(?=[\u4e00-\u9fff])", "", text)
    return _GLUED_DATE_RE.sub("", text) if rules.PLAN_TITLE_RE.search(_GLUED_DATE_RE.sub("", text)) else text


def infer_metadata(notice: Notice, cover: CoverNotice, signature: EndSignature, text: str,
                   known: dict[str, str]) -> None:
    sources = notice.metadata_sources
    for key, value in (("notice_title", notice.notice_title), ("doc_number", notice.doc_number),
                       ("recipients", notice.recipients)):
        if value:
            sources[key] = "cover notice"
    if not notice.doc_number and known.get("doc_number"):
        notice.doc_number, sources["doc_number"] = known["doc_number"], WEB_METADATA
    notice.issuer, sources["issuer"] = _first_known(
        (cover.issuer_signature, "signature"), (cover.issuer_source_line, "web page source line"),
        (cover.issuer_letterhead, "letterhead"), (known.get("issuer"), WEB_METADATA),
        (signature.issuer, "signature under the plan"), (_issuer_from_title(notice.title), "title"))
    notice.issued, sources["issued"] = _first_known(
        (cover.issued_signature, "signature date"), (cover.issued_published, "web page date"),
        (rules.parse_date(known.get("issued", "")), WEB_METADATA),
        (signature.issued, "signature date under the plan"))
    notice.issued_month_only = sources["issued"] == "signature date under the plan" and signature.month_only
    notice.region, sources["region"] = _first_known(
        (_region_from_issuer(notice.issuer), "issuer"),
        (_region_from_title(notice.title, text), "title and text"))
    notice.year, sources["year"] = _infer_year(notice)
    term = rules.TERM_RE.search(notice.title)
    if term:
        notice.term, sources["term"] = "".join(term.group().split()), "title"
    for key in [k for k, v in sources.items() if v is None]:
        del sources[key]


def _first_known(*candidates: tuple[str | None, str]) -> tuple[str | None, str | None]:
    for value, origin in candidates:
        if value:
            return value, origin
    return None, None


_TITLE_ISSUER_RE = re.compile(
    r"^(?P<issuer>(?:中共)?[\u4e00-\u9fff]{2,30}?(?:教育局办公室|教育局|教育委员会|教委|教育厅|工作委员会|委员会|党委"
    r"|党总支|党支部|办公室|中学|小学|幼儿园|学校|学院|大学|中心))(?=(?:19|20)\d{2}|学年|第|工作|关于|$)")


def _issuer_from_title(title: str) -> str | None:
    """"虹口区教育局2022年工作要点" → "虹口区教育局"; "上海市青松实验小学2019学年…" → the school.
    A bare "市教育局" names no one: the issuer needs a name before its kind."""
    match = _TITLE_ISSUER_RE.match(title)
    if not match:
        return None
    issuer = match["issuer"]
    kind = rules.ORGANISATION_RE.search(issuer) or rules.ISSUER_RE.search(issuer)
    return issuer if kind and len(issuer) > len(kind.group()) + 1 and not issuer.startswith(("市", "区", "县")) \
        else None


def _region_from_issuer(issuer: str | None) -> str | None:
    if not issuer:
        return None
    match = rules.REGION_FROM_ISSUER_RE.match(issuer.removeprefix("中共"))
    return match["region"] if match else None


def _region_from_title(title: str, text: str) -> str | None:
    """"2019年青浦教育工作要点" → "青浦区" when the text names 青浦区 (or 青浦县/市)."""
    stem = rules.YEAR_RE.sub("", title)
    match = re.match(r"^(?P<place>[\u4e00-\u9fff]{2,6}?)(教育|教委)", stem)
    if not match:
        return None
    place = match["place"]
    if place[-1] in "省市区县州旗":
        return place
    counts = {suffix: text.count(place + suffix) for suffix in "区县市"}
    suffix, count = max(counts.items(), key=lambda kv: kv[1])
    return place + suffix if count else None


def _infer_year(notice: Notice) -> tuple[int | None, str | None]:
    """The plan's year: its preamble's opening year wins over its title.

    Reposting sites rewrite titles ("2024年…参考" over a 2022 plan); the first
    words of the preamble ("2022年是…", "2022年，…") are the plan's own.
    """
    title_year = _year_in(notice.title)
    body_year = None
    if notice.preamble:
        match = re.match(r"^\s*((?:19|20)\d{2})\s*年", notice.preamble[0])
        body_year = int(match.group(1)) if match else None
    if title_year and body_year and title_year != body_year:
        notice.diagnostics.append(Diagnostic(
            DiagnosticKind.YEAR_CONFLICT, f"title says {title_year} but the preamble opens with {body_year}; "
            f"using {body_year}. Set 'year' in the sidecar file to settle it", notice.source))
        return body_year, "preamble"
    if title_year:
        return title_year, "title"
    if body_year:
        return body_year, "preamble"
    notice_year = _year_in(notice.notice_title or "")
    return (notice_year, "cover notice title") if notice_year else (None, None)


def _year_in(text: str) -> int | None:
    match = rules.YEAR_RE.search(text)
    return int(match["year"]) if match else None


def mark_excerpt(notice: Notice) -> None:
    """A plan whose last task stops mid-sentence is an excerpt (节选): its missing tasks
    must never be read as dropped."""
    if not notice.items:
        return
    last_item = notice.items[-1]
    last = (last_item.paragraphs or [last_item.title])[-1]
    if rules.ends_sentence(last) or last_item.department_notes and last_item.department_notes[-1].paragraph >= \
            len(last_item.paragraphs):
        return
    notice.excerpt = True
    notice.diagnostics.append(Diagnostic(
        DiagnosticKind.EXCERPT, f"the text stops mid-sentence (“…{last[-12:]}”): shown as an excerpt (节选), and "
        "no comparison counts its missing tasks as dropped; if the file is the whole plan, set "
        "'excerpt: false' in its sidecar", notice.source, last_item.line, level=Level.INFO))


def check_structure(notice: Notice) -> None:
    if not notice.sections:
        notice.diagnostics.append(Diagnostic(
            DiagnosticKind.STRUCTURE, "no sections or numbered items found: the text is shown as the preamble",
            notice.source))
    elif not notice.items:
        notice.diagnostics.append(Diagnostic(DiagnosticKind.STRUCTURE, "sections but no numbered items", notice.source))
