"""What must be equal between a notice read from one format and the same notice from another."""

from __future__ import annotations

from build_scripts.model import Notice


def comparable(notice: Notice) -> dict:
    """Everything a reader sees of a notice, without where its lines stood in the file."""
    return {
        "title": notice.title, "notice_title": notice.notice_title, "issuer": notice.issuer,
        "region": notice.region, "year": notice.year, "doc_number": notice.doc_number,
        "issued": notice.issued, "recipients": notice.recipients, "cover": notice.cover,
        "preamble": notice.preamble,
        "sections": [(s.numeral, s.heading, s.anchor, s.paragraphs) for s in notice.sections],
        "items": [(i.marker, i.title, i.anchor, i.paragraphs, i.department_notes) for i in notice.items],
        "footnotes": notice.footnotes,
        "warnings": sorted((d.kind, d.message) for d in notice.warnings),
    }
