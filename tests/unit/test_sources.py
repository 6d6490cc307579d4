"""One module decides what every file in sources/ is."""

from __future__ import annotations

from build_scripts.model import DiagnosticKind, Level
from build_scripts.read.sources import classify


def make(folder, *names):
    for name in names:
        (folder / name).write_bytes(b"x")
    return classify(folder)


def test_notices_with_their_sidecars_and_the_vocabulary(tmp_path):
    found = make(tmp_path, "2024-a.txt", "2024-a.yml", "b.html", "b.yaml", "themes.yml")
    assert [(n.path.name, n.notice_id, n.sidecar.name if n.sidecar else None) for n in found.notices] == [
        ("2024-a.txt", "2024-a", "2024-a.yml"), ("b.html", "b", "b.yaml")]
    assert found.vocabulary == tmp_path / "themes.yml"
    assert not found.skipped and not found.diagnostics


def test_an_orphan_or_misspelt_sidecar_is_a_warning_naming_the_nearest_notice(tmp_path):
    found = make(tmp_path, "2024-baoshan-004.txt", "2024-baoshan-04.yml", "unrelated.yml")
    assert found.notices[0].sidecar is None
    messages = {d.source: d for d in found.diagnostics}
    near = messages["2024-baoshan-04.yml"]
    assert near.level is Level.WARNING and near.kind is DiagnosticKind.SOURCE
    assert "nearest notice: 2024-baoshan-004.txt" in near.message
    assert "nearest" not in messages["unrelated.yml"].message and "rename it" in messages["unrelated.yml"].message


def test_two_sidecars_for_one_notice_use_yml_and_warn(tmp_path):
    found = make(tmp_path, "a.txt", "a.yaml", "a.yml")
    assert found.notices[0].sidecar.name == "a.yml"
    assert [d.source for d in found.diagnostics] == ["a.yaml"]
    assert "two sidecars" in found.diagnostics[0].message


def test_hidden_unknown_and_note_files(tmp_path):
    (tmp_path / "subfolder").mkdir()
    found = make(tmp_path, ".draft.txt", ".DS_Store", "plan.pages", "README.md", "noext")
    assert not found.notices
    readers = ".doc, .docx, .htm, .html, .pdf, .text, .txt, .wps"
    assert {s.name: s.reason for s in found.skipped} == {
        ".draft.txt": "hidden file (name starts with '.'); rename it to build it",
        "plan.pages": f"not a notice: no reader for '.pages' files (use {readers})",
        "noext": f"not a notice: no reader for 'noext' files (use {readers})"}
    assert [(d.source, d.level) for d in found.diagnostics] == [("README.md", Level.INFO)]


def test_colliding_slugs_never_change_another_notices_address(tmp_path):
    found = make(tmp_path, "a b.txt", "a-b.txt", "A B.txt")
    ids = {n.path.name: n.notice_id for n in found.notices}
    assert ids["a-b.txt"] == "a-b"  # a name that is its own slug keeps it
    assert ids["a b.txt"] == "a-b-" + sha1_6("a b") and ids["A B.txt"] == "a-b-" + sha1_6("A B")
    assert classify_only(tmp_path, "a-b.txt") == ["a-b"]
    assert classify_only(tmp_path / "only", "a b.txt") == ["a-b"]


def sha1_6(name):
    import hashlib
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]


def classify_only(folder, name):
    other = folder / "only"
    other.mkdir()
    (other / name).write_bytes(b"x")
    return [n.notice_id for n in classify(other).notices]


def test_links_out_of_the_folder_pipes_and_disguised_names_are_named_never_read(tmp_path):
    import os

    from build_scripts.read.sources import classify

    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    sources = tmp_path / "sources"
    (sources / "sub").mkdir(parents=True)
    (sources / "sub" / "inner.txt").write_text("2024年工作要点", encoding="utf-8")
    (sources / "out.txt").symlink_to(outside)
    (sources / "within.txt").symlink_to(sources / "sub" / "inner.txt")  # a link inside sources/ is read
    (sources / "themes.yml").symlink_to(outside)
    (sources / "nowhere.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(sources / "pipe.txt")
    (sources / "a\u202etxt.exe.txt").write_text("x", encoding="utf-8")
    found = classify(sources)
    assert [f.path.name for f in found.notices] == ["within.txt"] and found.vocabulary is None
    reasons = {s.name: s.reason for s in found.skipped}
    assert "outside sources/" in reasons["out.txt"]
    assert "theme vocabulary shipped with the builder is used instead" in reasons["themes.yml"]
    assert "not a regular file" in reasons["pipe.txt"] and "not a regular file" in reasons["nowhere.txt"]
    assert "rename the file" in reasons["a\u202etxt.exe.txt"]
    assert str(found.skipped[0]).isprintable()
