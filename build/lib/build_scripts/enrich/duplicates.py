"""The same notice added twice is built once; a notice nearly the same as another is reported.

Users collect plans from several places: the bureau's PDF and the portal's page
of the same 文号. Two notices are the same when they share a 文号, or when their
text is the same once spacing and punctuation widths are set aside: the first
(by file name) is built, with a warning naming both files. Two notices are near
duplicates when they are of the same issuer and year and most tasks of the
smaller one have a task of the same title in the other (a draft and its final
text, a repost; plans of consecutive years often repeat titles, so years must
match): both are built and a warning says so, which a sidecar settles with
``distinct_from: <the other file>``.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from pathlib import Path

from ..model import Diagnostic, DiagnosticKind, Level, Notice
from .links import issuer_label

NEAR_SHARE = 0.8  # of the smaller notice's task titles found in the other
NEAR_MIN_ITEMS = 5  # fewer tasks say too little to call two plans the same


def _squashed(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _text_digest(notice: Notice) -> str:
    body = "\n".join(_squashed(t) for t in [notice.title, *notice.reading_texts()])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def remove_duplicates(notices: list[Notice], distinct: dict[str, set[str]] | None = None) -> list[Notice]:
    """The notices without second copies; ``distinct``: notice source → the files its sidecar
    says it is not a copy of. Diagnostics go on the notices kept."""
    kept: list[Notice] = []
    by_number: dict[str, Notice] = {}
    by_text: dict[str, Notice] = {}
    for notice in sorted(notices, key=lambda n: n.source):
        # A 文号 is one issuer's: two issuers may share a prefix such as "教".
        number = f"{_squashed(notice.doc_number)} {issuer_label(notice)}" if notice.doc_number else None
        digest = _text_digest(notice)
        first = by_number.get(number) if number else None
        first = first or by_text.get(digest)
        if first is not None:
            why = f"the same 文号 {notice.doc_number}" if number and by_number.get(number) is first \
                else "the same text"
            first.diagnostics.append(Diagnostic(
                DiagnosticKind.DUPLICATE, f"{notice.source} is the same notice ({why}): built once, from "
                f"{first.source}; remove one of the two files", first.source))
            continue
        if number:
            by_number[number] = notice
        by_text[digest] = notice
        kept.append(notice)
    _report_near_duplicates(kept, distinct or {})
    kept_ids = {id(n) for n in kept}  # by identity: a list's `in` compared whole notices, N² of them
    return [n for n in notices if id(n) in kept_ids]


def _report_near_duplicates(notices: list[Notice], distinct: dict[str, set[str]]) -> None:
    # Only plans of one issuer and year can be near duplicates: titles are looked up within that
    # group, so the work grows with the groups, not with the square of the collection.
    holders: dict[tuple, set[int]] = defaultdict(set)
    for index, notice in enumerate(notices):
        if notice.year is None:
            continue
        group = (notice.year, issuer_label(notice))
        for item in notice.items:
            holders[(group, _squashed(item.title))].add(index)
    for index, notice in enumerate(notices):
        if len(notice.items) < NEAR_MIN_ITEMS or notice.year is None:
            continue
        group = (notice.year, issuer_label(notice))
        shared: dict[int, int] = defaultdict(int)
        for title in {_squashed(i.title) for i in notice.items}:
            for other in holders[(group, title)] - {index}:
                shared[other] += 1
        # One warning per notice, naming the first notice it nearly repeats.
        for other, count in sorted(shared.items()):
            partner = notices[other]
            smaller = min(len(notice.items), len(partner.items))
            if other > index or count < NEAR_SHARE * smaller or len(partner.items) < NEAR_MIN_ITEMS \
                    or notice.year is None or (notice.year, issuer_label(notice)) != (partner.year, issuer_label(partner)):
                continue
            settled = partner.source in distinct.get(notice.source, set()) or \
                notice.source in distinct.get(partner.source, set())
            notice.diagnostics.append(Diagnostic(
                DiagnosticKind.DUPLICATE, f"nearly the same as {partner.source}: {count} of {smaller} task titles "
                "are the same. If it is the same plan, remove one file; if both are meant (a draft and its final "
                f"text, say), set 'distinct_from: {partner.source}' in {Path(notice.source).stem}.yml",
                notice.source, level=Level.INFO if settled else Level.WARNING))
            break
