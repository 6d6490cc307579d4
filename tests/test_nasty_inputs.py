"""Any file a user drops into sources/ gets a correct page or a clear error.

tests/fixtures/nasty/ holds one file per case; tests/fixtures/nasty-expected.yml says what each must give.
The whole folder is built into a real site, so every page must also pass mkdocs --strict.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from build_scripts.addresses import slugify

from .conftest import FIXTURES, build_site

NASTY = FIXTURES / "nasty"
EXPECTED = yaml.safe_load((FIXTURES / "nasty-expected.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def nasty_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("nasty-site"), NASTY, strict=False)


def test_every_fixture_has_an_expectation():
    files = {p.name for p in NASTY.iterdir() if p.suffix != ".yml"}
    assert files == set(EXPECTED)


def test_a_misspelt_sidecar_is_a_warning_naming_the_nearest_notice(nasty_site):
    (warning,) = [d for d in nasty_site.report.diagnostics if d.source == "skiped-numbers.yml"]
    assert warning.level == "warning" and "nearest notice: skipped-numbers.txt" in warning.message
    assert nasty_site.report.failed(strict=True)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_nasty_file_outcome(nasty_site, name):
    expected = EXPECTED[name]
    report = nasty_site.report
    skipped = {s.name: s.reason for s in report.skipped}
    if "skipped" in expected:
        assert name in skipped, f"{name} should be skipped"
        for fragment in expected["skipped"]:
            assert fragment in skipped[name]
        return
    assert name not in skipped, skipped.get(name)
    notice = next(n for n in report.notices if n.source == name)
    if "id" in expected:
        assert notice.id == expected["id"]
    if "sections" in expected:
        assert [s.number for s in notice.sections] == expected["sections"]
    assert [i.number for i in notice.items] == expected["items"]
    warnings = {w.kind for w in notice.diagnostics if w.level == "warning"} - {"theme"}
    assert warnings == set(expected.get("warnings", []))
    assert {w.kind for w in notice.diagnostics if w.level == "info"} >= set(expected.get("info", []))
    page = nasty_site.site / "notices" / f"{notice.id}.html"
    html = page.read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    for text in expected.get("literal", []):
        assert text in article.get_text(), f"not shown literally: {text}"
    for text in expected.get("absent", []):
        assert text not in html, f"reached the page: {text}"
    assert not article.select("script, iframe, img, object, embed")
    assert not any(a.startswith("on") for tag in article.find_all(True) for a in tag.attrs)


def test_slugs_are_safe_unique_and_stay_inside_docs(nasty_site):
    ids = [n.id for n in nasty_site.report.notices]
    assert len(ids) == len(set(ids))
    for notice_id in ids:
        assert notice_id == slugify(notice_id) and "/" not in notice_id and not notice_id.startswith(".")
    docs = nasty_site.markdown.resolve()
    assert all(docs in p.resolve().parents for p in docs.rglob("*") if p.is_file())


def test_summary_names_skipped_files_and_warnings_by_kind(nasty_site):
    summary = nasty_site.report.summary()
    assert "SKIPPED undecodable.txt" in summary and "SKIPPED empty.txt" in summary
    assert "skipped-numbers.txt:5: warning: [numbering]" in summary
    assert "numbering ×2" in summary and "2 file(s) skipped" in summary
    assert nasty_site.report.failed(strict=True) and not nasty_site.report.failed(strict=False)


def test_hidden_and_unknown_files_are_reported_not_built(tmp_path):
    from build_scripts.pipeline import load_corpus
    (tmp_path / ".draft.txt").write_text("2025年工作要点\n1.任务。\n", encoding="utf-8")
    (tmp_path / "plan.pages").write_bytes(b"PK\x03\x04")
    report = load_corpus(tmp_path)
    assert not report.notices
    reasons = {s.name: s.reason for s in report.skipped}
    assert "hidden file" in reasons[".draft.txt"] and "no reader for '.pages'" in reasons["plan.pages"]
