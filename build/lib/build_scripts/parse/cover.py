"""The cover notice (印发通知) that precedes a plan: its metadata and its text.

A cover notice carries the letterhead ("…教育局文件"), the document number
(文号), the notice's title ("关于印发《…》的通知"), the recipients ("各…："),
a short letter, the signature and date, and often a print line ("…印发").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import datetime as dt

from ..model import DropReason, DroppedLine, MetadataLine, MetadataUse
from . import rules

Line = tuple[int, str]  # (1-based line number, stripped text)


@dataclass
class CoverNotice:
    notice_title: str | None = None
    doc_number: str | None = None
    recipients: str | None = None
    issuer_letterhead: str | None = None
    issuer_source_line: str | None = None  # "来源:…" of a web page
    issuer_signature: str | None = None
    issued_signature: dt.date | None = None
    issued_published: dt.date | None = None  # "发布时间:…" of a web page
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)
    # Lines read into metadata (shown in the page's metadata card, not as text).
    metadata_lines: list[MetadataLine] = field(default_factory=list)


def furniture_reason(text: str) -> DropReason | None:
    """Why a line anywhere in a notice is page furniture, or None."""
    if rules.PAGE_NUMBER_RE.match(text):
        return DropReason.PAGE_NUMBER
    if rules.PRINT_RUN_RE.match(text):
        return DropReason.PRINT_RUN
    if rules.CARBON_COPY_RE.match(text):
        return DropReason.CARBON_COPY
    if rules.PUBLICITY_RE.match(text):
        return DropReason.PUBLICITY
    if rules.BREADCRUMB_RE.match(text):
        return DropReason.BREADCRUMB
    if rules.GARBLED_DATE_RE.match(text):
        return DropReason.GARBLED_DATE
    if rules.PRINT_LINE_RE.search(text) and (rules.DATE_RE.search(text) or "办公室" in text
                                             or rules.GARBLED_DATE_RE.search(text.split()[-1])):
        return DropReason.PRINT_LINE
    if len(text) <= rules.WEB_FURNITURE_TEXT_MAX or text.startswith(("【打印", "打印", "上一篇", "下一篇")):
        return rules.web_furniture_reason(text)  # a page saved from a website as text
    return None


def parse_cover(lines: list[Line]) -> CoverNotice:
    cover = CoverNotice()
    index = 0
    while index < len(lines):
        number, text = lines[index]
        index += 1
        reason = furniture_reason(text)
        used_for = None
        if reason:
            cover.dropped.append(DroppedLine(number, text, reason))
        elif text in ("附件", "附件："):
            cover.dropped.append(DroppedLine(number, text, DropReason.ATTACHMENT_MARKER))
        elif is_web_metadata_line(text):
            _read_web_metadata(cover, text)
            used_for = MetadataUse.WEB_METADATA
        elif text.endswith("文件") and len(text) <= 30 and cover.issuer_letterhead is None:
            cover.issuer_letterhead = text[: -len("文件")].strip()
            used_for = MetadataUse.LETTERHEAD
        elif rules.DOC_NUMBER_RE.fullmatch(text) and cover.doc_number is None:
            cover.doc_number = _compact(text)
            used_for = MetadataUse.DOC_NUMBER
        elif "关于" in text and cover.notice_title is None and "《" in "".join(t for _, t in lines[index - 1:index + 2]):
            title_parts = [text]
            while "通知" not in title_parts[-1] and index < len(lines) and len(title_parts) < 4:
                cover.metadata_lines.append(MetadataLine(number, text, MetadataUse.NOTICE_TITLE))
                number, text = lines[index]
                title_parts.append(text)
                index += 1
            cover.notice_title = "".join(title_parts)
            used_for = MetadataUse.NOTICE_TITLE
        elif cover.recipients is None and cover.notice_title and _looks_like_recipients(text):
            cover.recipients = text.rstrip(":：").strip()
            used_for = MetadataUse.RECIPIENTS
        elif len(text) <= 30 and rules.ISSUER_RE.search(text) and "《" not in text:
            cover.issuer_signature = text
            used_for = MetadataUse.SIGNATURE
        elif rules.DATE_LINE_RE.match(text):
            cover.issued_signature = rules.find_date(text)
            used_for = MetadataUse.SIGNATURE_DATE
        else:
            cover.paragraphs.append((number, text))
        if used_for:
            cover.metadata_lines.append(MetadataLine(number, text, used_for))
    cover.paragraphs = _join_wrapped(cover.paragraphs)
    return cover


def _join_wrapped(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Rejoin a letter's sentence that the source wrapped over two lines."""
    joined: list[tuple[int, str]] = []
    for number, text in paragraphs:
        if joined and not rules.ends_sentence(joined[-1][1]):
            joined[-1] = (joined[-1][0], rules.join_continuation(joined[-1][1], text))
        else:
            joined.append((number, text))
    return joined


def is_web_metadata_line(text: str) -> bool:
    """"来源：…  发布时间：…", as pages saved from websites print under or over the title."""
    return text.startswith(("来源", "发布时间", "发文机关", "成文日期")) and _has_field(text)


def _has_field(text: str) -> bool:
    return ":" in text or "：" in text


def _read_web_metadata(cover: CoverNotice, text: str) -> None:
    """'来源:上海市闵行区教育局  发布时间:2024年2月22日' → issuer and date."""
    normalised = rules.normalise_for_matching(text)
    for part in normalised.replace("\u3000", " ").split("  "):
        key, _, value = part.strip().partition(":")
        value = value.strip()
        if key in ("来源", "发文机关") and value:
            cover.issuer_source_line = value.split()[0]
        elif key in ("发布时间", "成文日期") and value:
            cover.issued_published = rules.find_date(value)


def _looks_like_recipients(text: str) -> bool:
    if "。" in text or len(text) > 60:
        return False
    return text.endswith((":", "：")) or (text.startswith("各") and len(text) <= 40)


def _compact(text: str) -> str:
    return "".join(text.split())
