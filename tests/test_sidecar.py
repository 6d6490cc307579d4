"""Sidecars set or correct metadata; the sidecar wins and the build says so."""

from __future__ import annotations

import datetime as dt

from build_scripts.pipeline import load_notice

from .conftest import SOURCES


def copy_source(tmp_path, name="2022-hongkou-002.txt"):
    target = tmp_path / name
    target.write_bytes((SOURCES / name).read_bytes())
    return target


def test_sidecar_overrides_the_text_and_says_so(tmp_path):
    source = copy_source(tmp_path)
    source.with_suffix(".yml").write_text("issuer: 虹口区教育局（更正）\nissued: 2022-03-16\n", encoding="utf-8")
    notice = load_notice(source)
    assert notice.issuer == "虹口区教育局（更正）" and notice.issued == dt.date(2022, 3, 16)
    messages = [str(w) for w in notice.diagnostics if w.kind == "sidecar"]
    assert any("'issuer' set to" in m and "上海市虹口区教育局" in m for m in messages)
    assert notice.metadata_sources["issuer"] == "sidecar"


def test_invalid_sidecar_is_reported_with_file_and_line(tmp_path):
    source = copy_source(tmp_path)
    source.with_suffix(".yml").write_text("year: 2022\nissuer: [unclosed\n", encoding="utf-8")
    notice = load_notice(source)
    problem = next(w for w in notice.diagnostics if w.kind == "sidecar")
    assert problem.level == "warning" and problem.source.endswith(".yml") and problem.line
    assert notice.issuer == "上海市虹口区教育局"  # the text's value stands


def test_unknown_key_and_bad_value_are_warnings(tmp_path):
    source = copy_source(tmp_path)
    source.with_suffix(".yml").write_text("yaer: 2022\nyear: twenty\n", encoding="utf-8")
    notice = load_notice(source)
    messages = [str(w) for w in notice.diagnostics if w.level == "warning"]
    assert any("unknown key 'yaer'" in m for m in messages)
    assert any("'year'" in m and "expected a year" in m for m in messages)
    assert notice.year == 2022
