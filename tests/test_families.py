"""Plans of other families (school term plans, 党委 plans, offices' plans) keep their structure:
subsections, titles on their own line, 学年 years and terms, slogans, drafts, signatures
under the plan, calendars attached after it. Expected values: tests/fixtures/families-expected.yml."""

from __future__ import annotations

import pytest
import yaml

from build_scripts.pipeline import load_notice
from build_scripts.render.notice_page import render_notice_page

from .conftest import FIXTURES, build_site
from .test_pages import assert_every_line_shown_or_reported, model_sentences, page_text

FAMILIES = FIXTURES / "families"
EXPECTED = yaml.safe_load((FIXTURES / "families-expected.yml").read_text(encoding="utf-8"))


def shown_date(notice) -> str | None:
    if notice.issued is None:
        return None
    if notice.issued_month_only:
        return f"{notice.issued.year}年{notice.issued.month}月"
    return f"{notice.issued.year}年{notice.issued.month}月{notice.issued.day}日"


def structure(notice) -> list[dict]:
    out = []
    for section in notice.sections:
        entry = {"numeral": section.numeral, "heading": section.heading,
                 "items": [i.number for i in section.items_of(0)], "paragraphs": len(section.paragraphs)}
        if section.subsections:
            entry["subsections"] = [{"numeral": s.numeral, "heading": s.heading,
                                     "items": [i.number for i in section.items_of(s.number)]}
                                    for s in section.subsections]
        out.append(entry)
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_family_plan_has_its_hand_counted_structure(name):
    want = EXPECTED[name]
    notice = load_notice(FAMILIES / name, use_sidecar=False)
    assert (notice.title, notice.issuer, notice.metadata_sources.get("issuer"), notice.year, notice.term,
            shown_date(notice), notice.draft, notice.slogan) == (
        want["title"], want["issuer"], want["issuer_from"], want["year"], want["term"], want["issued"],
        want["draft"], want["slogan"])
    assert structure(notice) == want["sections"]
    titles = {i.number: i.title for i in notice.items}
    assert {n: titles[n] for n in want["titles"]} == want["titles"]
    assert len(notice.appendix) == want["appendix_lines"]


@pytest.fixture(scope="module")
def families_site(tmp_path_factory):
    # Office tasks such as 文稿 and 督办 match no theme: those warnings are expected, so not --strict.
    return build_site(tmp_path_factory.mktemp("families"), FAMILIES, strict=False)


def test_family_pages_show_every_sentence_once_in_order_and_every_line_or_its_report(families_site):
    for notice in families_site.report.notices:
        text = page_text(families_site.site, notice)
        cursor = 0
        for sentence in model_sentences(notice):
            found = text.find(sentence, cursor)
            assert found >= 0, f"{notice.id}: missing or out of order: {sentence}"
            cursor = found + len(sentence)
        assert_every_line_shown_or_reported(families_site.site, notice, FAMILIES)
    body = "\n".join(t for n in families_site.report.notices for t in n.reading_texts())
    assert "2020年2月" not in body and "中共示范区教育工作委员会\n" not in body


def test_subsections_have_stable_anchors_and_headings_on_the_page():
    notice = load_notice(FAMILIES / "office-plan-subsections.txt", use_sidecar=False)
    page = str(render_notice_page(notice))
    assert "### （一）做好文稿服务 {#sec-1-1}" in page and "### （二）做好舆情应对 {#sec-2-2}" in page
    assert "#### 3\\. 完善督办机制。 {#task-3}" in page


def test_calendar_lines_after_the_plan_are_never_tasks():
    notice = load_notice(FAMILIES / "school-term-plan.txt", use_sidecar=False)
    assert [i.number for i in notice.items] == [1, 2, 3, 4, 5, 6, 7]
    assert notice.appendix[0] == "附：2019学年第二学期工作日程安排"
    assert not [d for d in notice.diagnostics if d.kind.value == "numbering"]
