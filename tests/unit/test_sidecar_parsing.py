"""A sidecar is parsed once into a typed object; every problem names the file and the line."""

from __future__ import annotations

import datetime as dt

from build_scripts.model import DiagnosticKind, Level
from build_scripts.parse.notice import parse_text
from build_scripts.read.sidecar import ThemeCorrection, apply_metadata, apply_theme_corrections, parse_sidecar

PLAN = "2024年某区教育工作要点\n2022年是关键之年。\n一、甲\n1.做好某事。内容。\n2.做好另一事。内容。\n"
PLAIN = "2024年工作要点\n一、甲\n1.做好某事。内容。\n2.做好另一事。内容。\n"


def sidecar(text: str):
    return parse_sidecar("x.yml", text.encode("utf-8"))


def test_values_are_checked_and_typed():
    parsed = sidecar("year: 2023\nissued: 2023-02-01\nissuer: 某区教育局\ndoc_number: 12\ntitle: ~\n")
    assert parsed.metadata == {"year": 2023, "issued": dt.date(2023, 2, 1), "issuer": "某区教育局",
                               "doc_number": "12", "title": None}
    assert parsed.diagnostics == ()
    assert sidecar("issued: '2023-02-01'\n").metadata == {"issued": dt.date(2023, 2, 1)}


def test_a_line_break_in_a_one_line_field_is_refused_with_its_line():
    parsed = sidecar("year: 2023\nissuer: |\n  某区\n  教育局\n")
    assert "issuer" not in parsed.metadata and parsed.metadata["year"] == 2023
    (problem,) = parsed.diagnostics
    assert (problem.source, problem.line, problem.kind, problem.level) == ("x.yml", 2, DiagnosticKind.SIDECAR,
                                                                           Level.WARNING)
    assert "must be on one line" in problem.message


def test_bad_values_and_unknown_keys_name_their_lines():
    parsed = sidecar("yaer: 2022\nyear: twenty\nissued: 2023-13-01\nregion: [a, b]\nyear_ok: true\n")
    assert [(d.line, d.message.split(":")[0]) for d in parsed.diagnostics] == [
        (1, "unknown key 'yaer' ignored; known keys"), (2, "'year'"), (3, "'issued'"), (4, "'region'"),
        (5, "unknown key 'year_ok' ignored; known keys")]
    assert parsed.metadata == {}
    assert sidecar("year: true\n").diagnostics[0].message == "'year': expected a year such as 2022, got True"
    assert sidecar("year: 1899\n").diagnostics and sidecar("year: 2101\n").diagnostics
    assert not sidecar("year: 1900\n").diagnostics and not sidecar("year: 2100\n").diagnostics


def test_unreadable_sidecars():
    assert sidecar("year: [unclosed\n").diagnostics[0].line == 2
    assert "not UTF-8" in parse_sidecar("x.yml", b"year: \xff\n").diagnostics[0].message
    assert sidecar("- a list\n").diagnostics[0].message == "must be a mapping of keys such as 'year: 2022'"
    assert sidecar("").metadata == {} and sidecar("").diagnostics == ()


def test_theme_corrections_are_parsed_with_their_line():
    parsed = sidecar("year: 2024\nthemes:\n  2: {add: pe, remove: [curriculum]}\n  1-2: {add: [a, b]}\n")
    assert parsed.themes == {"2": ThemeCorrection(("pe",), ("curriculum",), 3), "1-2": ThemeCorrection(("a", "b"), (), 4)}
    assert sidecar("themes: [1, 2]\n").diagnostics[0].message.startswith("'themes' must map item numbers")
    assert "expected {add" in sidecar("themes:\n  1: {plus: [x]}\n").diagnostics[0].message


def test_a_sidecar_value_settles_the_warning_it_answers():
    notice = parse_text(PLAN, "p.txt", "p")
    conflict = [d for d in notice.diagnostics if d.kind is DiagnosticKind.YEAR_CONFLICT]
    assert [d.level for d in conflict] == [Level.WARNING]
    apply_metadata(notice, sidecar("year: 2022\n"))
    settled = [d for d in notice.diagnostics if d.kind is DiagnosticKind.YEAR_CONFLICT]
    assert [d.level for d in settled] == [Level.INFO] and settled[0].message.endswith("(settled by x.yml)")
    assert notice.year == 2022 and notice.metadata_sources["year"] == "sidecar"
    assert not notice.warnings


def test_a_title_in_the_sidecar_settles_the_missing_title():
    notice = parse_text("一、甲\n1.做好某事。\n", "p.txt", "p")
    assert [d.kind for d in notice.warnings] == [DiagnosticKind.TITLE]
    apply_metadata(notice, sidecar("title: 某区2024年工作要点\n"))
    assert notice.title == "某区2024年工作要点" and not notice.warnings


def test_metadata_says_what_it_changed_or_confirmed():
    notice = parse_text(PLAIN, "p.txt", "p")
    apply_metadata(notice, sidecar("region: 某区\nissuer: 某区教育局\n"))
    messages = [d.message for d in notice.diagnostics if d.kind is DiagnosticKind.SIDECAR]
    assert messages == ["'region' set to '某区'; the text does not state it",
                        "'issuer' set to '某区教育局'; the text does not state it"]
    apply_metadata(notice, sidecar("issuer: 某区教育局\n"))
    assert notice.diagnostics[-1].message == "'issuer' confirms the text: '某区教育局'"


def test_theme_corrections_apply_by_item_and_report_unknowns():
    notice = parse_text(PLAIN, "p.txt", "p")
    for item in notice.items:
        item.themes = ["reform", "curriculum"]
    apply_theme_corrections(notice, sidecar("themes:\n  1: {add: [pe, nosuch], remove: [reform]}\n  9: {add: [pe]}\n"),
                            {"reform", "curriculum", "pe"})
    assert notice.items[0].themes == ["curriculum", "pe"] and notice.items[1].themes == ["reform", "curriculum"]
    warnings = [str(d) for d in notice.warnings]
    assert warnings == ["x.yml:2: warning: [sidecar] 'themes' → 1: unknown theme 'nosuch' (see sources/themes.yml)",
                        "x.yml:3: warning: [sidecar] 'themes': no item 9 in p.txt (items are 1, 1-1, 1-2, 2)"]
    apply_theme_corrections(notice, sidecar("themes:\n  2: {remove: [reform, curriculum]}\n"), {"reform", "curriculum"})
    assert notice.items[1].themes == [] and notice.warnings[-1].message == "item 2 has no theme left after the sidecar's 'remove'"


def test_each_problem_reads_as_a_whole_message():
    cases = {
        b"year: [unclosed\n": "x.yml:2: warning: [sidecar] not valid YAML (expected ',' or ']', but got "
                               "'<stream end>'); fix the file or remove it",
        b"year: \xff\n": "x.yml: warning: [sidecar] not UTF-8 (bad byte at offset 6); save it as UTF-8",
        b"- a\n": "x.yml:1: warning: [sidecar] must be a mapping of keys such as 'year: 2022'",
        b"themes: [1]\n": "x.yml:1: warning: [sidecar] 'themes' must map item numbers to {add: [...], remove: [...]}",
        b"year: 2024\nthemes:\n  1: {plus: [x]}\n": "x.yml:3: warning: [sidecar] 'themes' → 1: expected {add: [...], remove: [...]}",
        b"issuer: [a]\n": "x.yml:1: warning: [sidecar] 'issuer': expected text, got list",
        b"issued: 2023-02-30\n": "x.yml:1: warning: [sidecar] 'issued': expected a date YYYY-MM-DD, got '2023-02-30'",
        b'title: "a\\nb"\n': "x.yml:1: warning: [sidecar] 'title': must be on one line (it contains a line break); "
                            "write it on one line",
        b"yaer: 1\n": "x.yml:1: warning: [sidecar] unknown key 'yaer' ignored; known keys: title, notice_title, "
                      "issuer, region, year, term, doc_number, issued, recipients, url, draft, excerpt, themes, "
                      "distinct_from",
    }
    for raw, message in cases.items():
        parsed = parse_sidecar("x.yml", raw)
        assert [str(d) for d in parsed.diagnostics] == [message], raw
        assert parsed.name == "x.yml" and set(parsed.metadata) <= {"year"}
    assert parse_sidecar("x.yml", "\ufeffyear: 2024\n".encode("utf-8")).metadata == {"year": 2024}
    assert sidecar("region: 12.5\n").metadata == {"region": "12.5"}
    assert sidecar("issuer: '  某局  '\n").metadata == {"issuer": "某局"}


def test_applied_metadata_keeps_its_origin_and_says_what_the_text_gave():
    notice = parse_text("2024年某区教育局工作要点\n一、甲\n1.做好某事。\n", "p.txt", "p")
    assert notice.metadata_sources["year"] == "title"
    apply_metadata(notice, sidecar("year: 2023\nissued: 2024-01-02\n"))
    assert [d.message for d in notice.diagnostics if d.kind is DiagnosticKind.SIDECAR] == [
        "'year' set to 2023; the text gave 2024 (title)", "'issued' set to '2024-01-02'; the text does not state it"]
    assert all(d.source == "x.yml" and d.level is Level.INFO for d in notice.diagnostics if d.kind is DiagnosticKind.SIDECAR)
    assert notice.issued == dt.date(2024, 1, 2) and notice.metadata_sources["issued"] == "sidecar"


def test_settling_touches_only_the_warnings_answered():
    notice = parse_text(PLAN, "p.txt", "p")
    other = notice.diagnostics[:]
    apply_metadata(notice, sidecar("title: 2024年某区教育工作要点\n"))  # answers no year conflict
    assert [d for d in notice.diagnostics if d.kind is DiagnosticKind.YEAR_CONFLICT] == \
        [d for d in other if d.kind is DiagnosticKind.YEAR_CONFLICT]


def test_a_theme_correction_settles_that_items_theme_warning_only():
    from build_scripts.enrich.themes import tag_notice
    from build_scripts.enrich.vocabulary import Theme, Vocabulary
    vocabulary = Vocabulary([Theme("pe", "体育", "体育", "育人", ("体育",)), Theme("reform", "改革", "改革", "育人", ("改革",))],
                            ["育人"])
    notice = parse_text(PLAIN, "p.txt", "p")
    tag_notice(notice, vocabulary)
    assert [(d.kind, d.line) for d in notice.warnings] == [(DiagnosticKind.THEME, 3), (DiagnosticKind.THEME, 4)]
    apply_theme_corrections(notice, sidecar("themes:\n  9: {add: [pe]}\n  1-1: {add: [pe]}\n"), vocabulary.slugs)
    assert notice.items[0].themes == ["reform", "pe"]
    assert [(d.kind, d.line) for d in notice.warnings] == [(DiagnosticKind.THEME, 4), (DiagnosticKind.SIDECAR, 2)]
    assert str(notice.warnings[1]) == "x.yml:2: warning: [sidecar] 'themes': no item 9 in p.txt (items are 1, 1-1, 1-2, 2)"
    info = [str(d) for d in notice.diagnostics if d.level is Level.INFO]
    assert info == ["p.txt:3: info: [theme] item 1 “做好某事。” matches no theme word; given “改革”. Add a word to "
                    "sources/themes.yml or set its themes in the sidecar (settled by x.yml)",
                    "x.yml: info: [sidecar] item 1-1 themes set to ['reform', 'pe'] by the sidecar"]
    apply_theme_corrections(notice, sidecar("themes:\n  1-2: {remove: [reform]}\n"), vocabulary.slugs)
    assert notice.items[1].themes == [] and str(notice.warnings[-1]) == \
        "x.yml:2: warning: [sidecar] item 1-2 has no theme left after the sidecar's 'remove'"
