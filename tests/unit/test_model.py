"""The model is closed: enums for kinds, properties for derived values, a JSON round trip, a schema."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from build_scripts.model import (DepartmentNote, Diagnostic, DiagnosticKind, DropReason, Item, Level, Notice,
                                 Section)
from build_scripts.render.data import notices_json, schema_json
from build_scripts.schema import SCHEMA_VERSION, notices_schema


def item(**changes) -> Item:
    values = dict(number=3, marker="3、", title="做好某事^①。", anchor="task-3", line=7,
                  paragraphs=["内容^②。", "再^①。"],
                  department_notes=[DepartmentNote("牵头部门", ("办公室", "人事科"), 1, 2, "（牵头部门：办公室、人事科）"),
                                    DepartmentNote("配合部门", ("人事科", "教育学院"), 2, 0, "x")])
    values.update(changes)
    return Item(**values)


def test_derived_values_are_properties():
    task = item()
    assert task.departments == ["办公室", "人事科", "教育学院"]
    assert task.footnotes == ["①", "②"]
    assert task.heading == "3、做好某事^①。"
    assert item(marker="3. ", title="a  b").heading == "3. a b"
    assert task.text == "做好某事^①。\n内容^②。\n再^①。"
    assert "departments" not in Notice("x", "x.txt", "t", sections=[Section(1, "一", "h", "sec-1", 1, [task])]) \
        .to_dict()["sections"][0]["items"][0]


def test_round_trip_keeps_enums_dates_and_tuples():
    notice = Notice("x", "x.txt", "标题", issued=dt.date(2024, 2, 22), year=2024,
                    sections=[Section(1, "一", "h", "sec-1", 2, [item()])],
                    diagnostics=[Diagnostic(DiagnosticKind.NUMBERING, "m", "x.txt", 3, Level.INFO)])
    data = notice.to_dict()
    assert data["issued"] == "2024-02-22" and data["diagnostics"][0]["kind"] == "numbering"
    assert json.loads(json.dumps(data)) == data
    again = Notice.from_dict(data)
    assert again == notice
    assert again.diagnostics[0].kind is DiagnosticKind.NUMBERING and again.diagnostics[0].level is Level.INFO
    assert isinstance(again.sections[0].items[0].department_notes[0].departments, tuple)


def test_unknown_fields_are_an_error_not_dropped():
    with pytest.raises(ValueError, match="unknown fields"):
        Notice.from_dict({"id": "x", "source": "x.txt", "title": "t", "warnings": []})


def test_warnings_are_the_warning_level_diagnostics_only():
    notice = Notice("x", "x.txt", "t", diagnostics=[
        Diagnostic(DiagnosticKind.HEADING, "a", "x.txt", level=Level.INFO),
        Diagnostic(DiagnosticKind.TITLE, "b", "x.txt")])
    assert [d.kind for d in notice.warnings] == [DiagnosticKind.TITLE]
    assert str(notice.diagnostics[1]) == "x.txt: warning: [title] b"
    assert str(Diagnostic(DiagnosticKind.THEME, "c", "x.txt", 4)) == "x.txt:4: warning: [theme] c"
    settled = notice.diagnostics[1].settled("x.yml")
    assert settled.level is Level.INFO and settled.message == "b (settled by x.yml)"


def test_every_corpus_notice_round_trips_and_validates(corpus):
    schema = notices_schema()
    data = json.loads(notices_json(corpus.notices))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == SCHEMA_VERSION
    for notice in corpus.notices:
        assert Notice.from_dict(notice.to_dict()) == notice


def test_the_schema_rejects_what_the_model_would_not_write(corpus):
    validator = jsonschema.Draft202012Validator(json.loads(schema_json()))
    data = json.loads(notices_json(corpus.notices[:1]))
    validator.validate(data)
    for damage in (lambda n: n.update(issued="22 Feb"), lambda n: n.update(extra=1),
                   lambda n: n["dropped"].append({"line": 1, "text": "x", "reason": "no such reason"}),
                   lambda n: n.pop("title")):
        broken = json.loads(notices_json(corpus.notices[:1]))
        damage(broken["notices"][0])
        assert list(validator.iter_errors(broken)), damage
    reasons = notices_schema()["$defs"]["DroppedLine"]["properties"]["reason"]["enum"]
    assert reasons == [r.value for r in DropReason]
