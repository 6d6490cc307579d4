"""The typed model of a parsed notice, closed: every kind, level and reason is an enum.

Every class serialises to plain JSON-able dicts with ``to_dict`` and loads back
with ``from_dict`` so that ``Notice.from_dict(n.to_dict()) == n`` for every
notice; ``schema.py`` derives the published JSON Schema from these classes.
Values that follow from others (an item's departments, its footnote marks, its
heading) are properties, never stored twice.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from typing import Any

# Characters that would act on a terminal or reorder a line (control codes, bidi overrides) when a
# message quotes a source: shown as \uXXXX instead.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` safe to print in a build log."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


_FOOTNOTE_CITATION = re.compile(r"\^(?P<mark>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")


class Level(str, Enum):
    WARNING = "warning"  # fails --strict
    INFO = "info"  # handled and reported


class DiagnosticKind(str, Enum):
    TITLE = "title"
    STRUCTURE = "structure"
    NUMBERING = "numbering"
    HEADING = "heading"
    YEAR_CONFLICT = "year_conflict"
    THEME = "theme"
    SIDECAR = "sidecar"
    ENCODING = "encoding"
    SOURCE = "source"  # a file in sources/ that is not built: orphan sidecar, unknown type…
    VOCABULARY = "vocabulary"
    ISSUER = "issuer"  # an issuer's name made one with its other names
    DUPLICATE = "duplicate"  # the same notice twice, or nearly
    EXCERPT = "excerpt"  # the text stops mid-sentence: an excerpt (节选)


class DropReason(str, Enum):
    """Why a source line is not body text and not metadata: page furniture or debris."""

    PAGE_NUMBER = "page number"
    RUNNING_HEADER = "running header or footer"
    PRINT_RUN = "print-run line"
    PUBLICITY = "publication attribute"
    BREADCRUMB = "breadcrumb"
    GARBLED_DATE = "garbled date (digits without 年月日)"
    PRINT_LINE = "print line (印发)"
    CARBON_COPY = "版记 copy line (抄送)"
    ATTACHMENT_MARKER = "attachment marker"
    DIGITS_ONLY = "scrape debris (digits only)"
    SYMBOLS_ONLY = "scrape debris (symbols only)"
    WEB_TEMPLATE = "scrape debris (web template text)"
    OUTSIDE_ARTICLE = "web page outside the article (navigation, sidebars, footer)"


class MatchStatus(str, Enum):
    """How a task stands to the same issuer's previous plan (``enrich/matching.py``)."""

    CONTINUED = "continued"  # one task continues one task
    MERGED = "merged"  # one task continues several
    SPLIT = "split"  # several tasks continue one
    NEW = "new"  # no task of the previous plan


class MetadataUse(str, Enum):
    """What a cover line was read into (shown on the metadata card, not as text)."""

    NOTICE_TITLE = "notice title"
    WEB_METADATA = "web page metadata (issuer, date)"
    LETTERHEAD = "letterhead (issuer)"
    DOC_NUMBER = "document number"
    RECIPIENTS = "recipients"
    SIGNATURE = "signature (issuer)"
    SIGNATURE_DATE = "signature date"
    SLOGAN = "slogan above the title"
    DRAFT_MARK = "draft mark (征求意见稿)"


@dataclass(frozen=True)
class Diagnostic:
    """A message about a source: where it is and what to do about it."""

    kind: DiagnosticKind
    message: str
    source: str
    line: int | None = None
    level: Level = Level.WARNING
    page: int | None = None  # in paged sources (PDF), the page the line is on

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        if self.page:
            where = f"{self.source}, page {self.page}"
        return printable(f"{where}: {self.level.value}: [{self.kind.value}] {self.message}")

    def settled(self, by: str) -> "Diagnostic":
        """This warning, answered (by a sidecar value): kept as information."""
        return replace(self, message=f"{self.message} (settled by {by})", level=Level.INFO)


@dataclass(frozen=True)
class DroppedLine:
    """A source line left out of the page as page furniture or debris.

    ``line`` is the line of the text the parser read; in paged sources (PDF) a
    line the reader dropped has the number of the line it stood before, and its page.
    """

    line: int
    text: str
    reason: DropReason
    page: int | None = None


@dataclass(frozen=True)
class MetadataLine:
    """A source line read into the notice's metadata."""

    line: int
    text: str
    use: MetadataUse


@dataclass(frozen=True)
class DepartmentNote:
    """A note such as "（牵头部门：局办公室）", cut out of an item's text.

    ``paragraph`` and ``offset`` say where in the item's body it stood
    (paragraph 0 is the title) so that pages can show it in place.
    """

    label: str
    departments: tuple[str, ...]
    paragraph: int
    offset: int
    text: str


@dataclass(frozen=True)
class Footnote:
    mark: str
    text: str


@dataclass
class PreviousMatch:
    """Where a task comes from in the same issuer's previous plan (filled by the enrich stage)."""

    notice_id: str  # the previous plan
    anchors: list[str]  # its task(s) this one continues; empty when new
    status: MatchStatus
    confidence: float  # the similarity that made the match, 0–1 (0 when new)


@dataclass
class Target:
    """A quantity a task commits to, with what it counts (filled by the enrich stage)."""

    subject: str  # what is counted or measured, as the text says it: "公办幼儿园", "巩固率"
    relation: str  # the commitment: "达到", "不低于", "新增"… ("" when the number stands alone)
    value: float
    unit: str  # "%", "所", "个", "万元"…
    text: str  # the quantity as printed: "15所", "95%以上"
    paragraph: int  # 0: the title, 1…: the item's paragraphs
    offset: int  # where ``text`` starts in it


@dataclass
class Item:
    """A numbered task of a plan. ``themes`` is filled by the enrich stage (primary first)."""

    number: int
    marker: str  # the number as printed, e.g. "21、" or "1. "
    title: str
    anchor: str
    line: int
    paragraphs: list[str] = field(default_factory=list)
    department_notes: list[DepartmentNote] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    subsection: int = 0  # the number of its section's subsection (（一）…), 0 when none
    previous: PreviousMatch | None = None  # filled by the enrich stage when the issuer has an earlier plan
    targets: list[Target] = field(default_factory=list)  # filled by the enrich stage

    @property
    def text(self) -> str:
        """The item's body text: title followed by its paragraphs."""
        return "\n".join([self.title, *self.paragraphs])

    @property
    def heading(self) -> str:
        """The number as printed and the title: "21、推进…。", "1. 加快…。"."""
        marker = self.marker.strip()
        separator = "" if marker.endswith("、") else " "
        return f"{marker}{separator}{' '.join(self.title.split())}"

    @property
    def departments(self) -> list[str]:
        """Every department its notes name, in order, once."""
        return list(dict.fromkeys(d for note in self.department_notes for d in note.departments))

    @property
    def footnotes(self) -> list[str]:
        """The footnote marks its text cites, in order, once."""
        return list(dict.fromkeys(m["mark"] for m in _FOOTNOTE_CITATION.finditer(self.text)))


@dataclass
class Subsection:
    """A "（一）" heading inside a section; its items say they belong to it (``Item.subsection``)."""

    number: int
    numeral: str  # as printed inside the brackets ("一")
    heading: str
    anchor: str
    line: int
    paragraphs: list[str] = field(default_factory=list)  # text before its first item


@dataclass
class Section:
    number: int
    numeral: str  # as printed ("一"), empty when the source printed none
    heading: str
    anchor: str
    line: int
    items: list[Item] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # text before the first item (or subsection)
    subsections: list[Subsection] = field(default_factory=list)

    def items_of(self, subsection: int) -> list[Item]:
        return [item for item in self.items if item.subsection == subsection]


@dataclass
class Notice:
    id: str
    source: str
    title: str
    notice_title: str | None = None
    issuer: str | None = None
    region: str | None = None
    year: int | None = None
    term: str | None = None  # a school-year plan's term ("第二学期"); its year is the school year's first
    doc_number: str | None = None
    issued: dt.date | None = None
    issued_month_only: bool = False  # the source gave the year and month only ("2024年1月")
    slogan: str | None = None  # a motto printed above the title, the title following as "——" subtitle
    draft: bool = False  # a 征求意见稿 / 讨论稿 / 草案
    excerpt: bool = False  # the text stops mid-sentence: an excerpt (节选), not the whole plan
    url: str | None = None  # the page the notice was saved from (sidecar ``url:``)
    recipients: str | None = None
    cover: list[str] = field(default_factory=list)  # the cover letter's own text
    preamble: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    appendix: list[str] = field(default_factory=list)  # tables and calendars after the plan, as printed
    footnotes: list[Footnote] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)
    metadata_lines: list[MetadataLine] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # warnings and information
    metadata_sources: dict[str, str] = field(default_factory=dict)  # field → where its value came from

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.WARNING]

    def reading_texts(self) -> list[str]:
        """Every text of the notice's body in reading order: cover letter, preamble,
        section headings and texts, item titles and paragraphs, then the footnotes."""
        texts = [*self.cover, *self.preamble]
        for section in self.sections:
            texts += [section.heading, *section.paragraphs]
            for subsection in [None, *section.subsections]:
                if subsection is not None:
                    texts += [subsection.heading, *subsection.paragraphs]
                for item in section.items_of(subsection.number if subsection else 0):
                    texts += [item.title, *item.paragraphs]
        return texts + self.appendix + [f.text for f in self.footnotes]

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Notice":
        return _load(cls, data)


def _plain(value: Any) -> Any:
    """Dataclasses → dicts, enums → values, dates → ISO strings, tuples → lists."""
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# How each nested field loads: field name → a function of its JSON value.
def _loader(kind):
    return lambda values: [_load(kind, v) for v in values]


_NESTED = {
    (Notice, "sections"): lambda v: [_load(Section, s) for s in v],
    (Notice, "footnotes"): _loader(Footnote),
    (Notice, "dropped"): _loader(DroppedLine),
    (Notice, "metadata_lines"): _loader(MetadataLine),
    (Notice, "diagnostics"): _loader(Diagnostic),
    (Notice, "issued"): lambda v: dt.date.fromisoformat(v) if v is not None else None,
    (Section, "items"): _loader(Item),
    (Section, "subsections"): _loader(Subsection),
    (Item, "department_notes"): _loader(DepartmentNote),
    (Item, "previous"): lambda v: _load(PreviousMatch, v) if v is not None else None,
    (Item, "targets"): _loader(Target),
    (PreviousMatch, "status"): MatchStatus,
    (DepartmentNote, "departments"): tuple,
    (Diagnostic, "kind"): DiagnosticKind,
    (Diagnostic, "level"): Level,
    (DroppedLine, "reason"): DropReason,
    (MetadataLine, "use"): MetadataUse,
}


def _load(cls, data: dict[str, Any]):
    """One dataclass from its dict; unknown keys are an error, not silently dropped."""
    names = {f.name for f in fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    return cls(**{key: _NESTED.get((cls, key), _same)(value) for key, value in data.items()})


def _same(value: Any) -> Any:
    return value
