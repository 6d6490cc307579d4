"""The command line: parse prints the JSON model; build reports and --strict fails."""

from __future__ import annotations

import json
import subprocess
import sys

from build_scripts.model import Notice

from .conftest import ROOT, SOURCES

REQUIRED_KEYS = {"id", "source", "title", "notice_title", "issuer", "region", "year", "doc_number",
                 "issued", "recipients", "preamble", "sections", "footnotes", "dropped", "diagnostics"}


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "build_scripts", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_parse_prints_the_notice_as_json():
    result = run("parse", str(SOURCES / "2022-hongkou-002.txt"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert REQUIRED_KEYS <= data.keys()
    assert data["doc_number"] == "虹教〔2022〕1号" and data["issued"] == "2022-03-15"
    section = data["sections"][0]
    assert {"number", "heading", "items"} <= section.keys()
    item = section["items"][0]
    assert {"number", "title", "paragraphs", "department_notes", "anchor", "themes"} <= item.keys()
    assert [d for note in item["department_notes"] for d in note["departments"]] == ["宣传科", "组织科", "德育", "教育学院"]


def test_parse_json_round_trips_through_the_model():
    data = json.loads(run("parse", str(SOURCES / "2024-baoshan-004.txt")).stdout)
    assert Notice.from_dict(data).to_dict() == data


def test_parse_without_sidecar_shows_the_year_conflict():
    data = json.loads(run("parse", "--no-sidecar", str(SOURCES / "2022-xx-city-001.txt")).stdout)
    assert [w["kind"] for w in data["diagnostics"] if w["level"] == "warning"] == ["year_conflict"]
    assert data["issuer"] is None


def test_published_notices_json_validates_against_the_published_schema(corpus_site):
    import jsonschema
    from build_scripts.schema import SCHEMA_VERSION
    published = json.loads((corpus_site.site / "data" / "notices.json").read_text(encoding="utf-8"))
    schema = json.loads((corpus_site.site / "data" / "notices.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(published)
    assert published["schema_version"] == SCHEMA_VERSION and published["$schema"] == "notices.schema.json"
    assert [Notice.from_dict(n) for n in published["notices"]] == corpus_site.report.notices


def test_build_publishes_notices_json_and_originals(corpus_site):
    data = json.loads((corpus_site.site / "data" / "notices.json").read_text(encoding="utf-8"))["notices"]
    assert sorted(n["source"] for n in data) == sorted(p.name for p in SOURCES.glob("*.txt"))
    for notice in data:
        # The same text, as UTF-8 with a byte-order mark (so that any server shows it right).
        original = corpus_site.site / "originals" / f"{notice['id']}.txt"
        source = (SOURCES / notice["source"]).read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        assert original.read_bytes() == b"\xef\xbb\xbf" + source.encode("utf-8")


def test_strict_build_fails_on_a_bad_file_and_names_it(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.txt").write_bytes((SOURCES / "2022-hongkou-002.txt").read_bytes())
    (sources / "broken.txt").write_bytes("2024年工作要点\n一、标题\n1. 任务。".encode("utf-8") + b"\xff\xfe\xfa")
    lenient = run("build", "--sources", str(sources), "--out", str(tmp_path / "out"))
    assert lenient.returncode == 0
    assert "SKIPPED broken.txt" in lenient.stderr and "byte offset" in lenient.stderr
    assert (tmp_path / "out" / "notices" / "good.md").exists()
    strict = run("build", "--strict", "--sources", str(sources), "--out", str(tmp_path / "out"))
    assert strict.returncode == 1 and "broken.txt" in strict.stderr
