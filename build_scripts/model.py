"""The typed model of a parsed notice.

Every class serialises to plain JSON-able dicts with ``to_dict`` and loads back
with ``from_dict`` so that ``Notice.from_dict(n.to_dict()) == n``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Diagnostic:
    """A warning about a source: where it is and what to do about it."""

    kind: str
    message: str
    source: str
    line: int | None = None
    level: str = "warning"  # "warning" (fails --strict) or "info" (handled, reported)

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.level}: [{self.kind}] {self.message}"


@dataclass(frozen=True)
class SourceLine:
    """A source line that is not body text: dropped (page furniture, debris) or
    read into metadata; ``reason`` says which."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class DepartmentNote:
    """A note such as "（牵头部门：局办公室）", cut out of an item's text.

    ``paragraph`` and ``offset`` say where in the item's body it stood
    (paragraph -1 is the title) so that pages can show it in place.
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
class Item:
    """A numbered task of a plan."""

    number: int
    marker: str  # the number as printed, e.g. "21、" or "1. "
    title: str
    paragraphs: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    department_notes: list[DepartmentNote] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    line: int = 0
    anchor: str = ""
    themes: list[str] = field(default_factory=list)

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


@dataclass
class Section:
    number: int
    numeral: str  # as printed ("一"), empty when the source printed none
    heading: str
    items: list[Item] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # text before the first item
    line: int = 0
    anchor: str = ""


@dataclass
class Notice:
    id: str
    source: str
    title: str
    notice_title: str | None = None
    issuer: str | None = None
    region: str | None = None
    year: int | None = None
    doc_number: str | None = None
    issued: str | None = None
    recipients: str | None = None
    cover: list[str] = field(default_factory=list)  # the cover letter's own text
    preamble: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    dropped: list[SourceLine] = field(default_factory=list)
    metadata_lines: list[SourceLine] = field(default_factory=list)  # lines read into metadata
    warnings: list[Diagnostic] = field(default_factory=list)
    metadata_sources: dict[str, str] = field(default_factory=dict)

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def reading_texts(self) -> list[str]:
        """Every text of the notice's body in reading order: cover letter, preamble,
        section headings and texts, item titles and paragraphs, then the footnotes."""
        texts = [*self.cover, *self.preamble]
        for section in self.sections:
            texts += [section.heading, *section.paragraphs]
            for item in section.items:
                texts += [item.title, *item.paragraphs]
        return texts + [f.text for f in self.footnotes]

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Notice":
        values = dict(data)
        values["sections"] = [_section_from_dict(s) for s in data.get("sections", [])]
        values["footnotes"] = [Footnote(**f) for f in data.get("footnotes", [])]
        values["dropped"] = [SourceLine(**d) for d in data.get("dropped", [])]
        values["metadata_lines"] = [SourceLine(**d) for d in data.get("metadata_lines", [])]
        values["warnings"] = [Diagnostic(**w) for w in data.get("warnings", [])]
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


def _plain(value: Any) -> Any:
    """Dataclasses → dicts, tuples → lists; like dataclasses.asdict without its deep copies."""
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _section_from_dict(data: dict[str, Any]) -> Section:
    values = dict(data)
    values["items"] = [_item_from_dict(i) for i in data.get("items", [])]
    return Section(**values)


def _item_from_dict(data: dict[str, Any]) -> Item:
    values = dict(data)
    values["department_notes"] = [
        DepartmentNote(**{**n, "departments": tuple(n["departments"])})
        for n in data.get("department_notes", [])
    ]
    return Item(**values)
