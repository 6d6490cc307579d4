"""The writer: writes as pages come, only inside its folder, and never trusts its manifest."""

from __future__ import annotations

import hashlib
import os

import pytest

from build_scripts.model import Level
from build_scripts.render.markup import Md
from build_scripts.render.writer import MANIFEST, DocsWriter, OutputError, safe_relative


def build(root, files):
    writer = DocsWriter(root)
    for path, content in files.items():
        writer.write(path, content)
    return writer.finish()


def manifest_lines(root):
    return (root / MANIFEST).read_text(encoding="utf-8").splitlines()


def test_writes_files_and_a_manifest_with_their_hashes(tmp_path):
    stats = build(tmp_path, {"a.md": Md("# A\n"), "data/x.json": b"{}"})
    assert (stats.written, stats.unchanged, stats.removed) == (2, 0, 0)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "# A\n"
    page_digest, data_digest = hashlib.sha256(b"# A\n").hexdigest(), hashlib.sha256(b"{}").hexdigest()
    assert manifest_lines(tmp_path) == [f"{page_digest}  a.md", f"{data_digest}  data/x.json"]


def test_unchanged_files_are_not_rewritten(tmp_path):
    build(tmp_path, {"a.md": Md("# A\n")})
    before = (tmp_path / "a.md").stat().st_mtime_ns
    stats = build(tmp_path, {"a.md": Md("# A\n")})
    assert (stats.written, stats.unchanged) == (0, 1)
    assert (tmp_path / "a.md").stat().st_mtime_ns == before
    stats = build(tmp_path, {"a.md": Md("# B\n")})
    assert (stats.written, stats.unchanged) == (1, 0)


def test_refuses_the_same_path_twice(tmp_path):
    writer = DocsWriter(tmp_path)
    writer.write("a.md", Md("x"))
    with pytest.raises(OutputError, match="same path: a.md"):
        writer.write("./a.md", Md("y"))


@pytest.mark.parametrize("path", ["../x.md", "/etc/x.md", "a/../../x.md", "", ".", "a\\..\\x.md"])
def test_refuses_paths_outside_the_folder(tmp_path, path):
    with pytest.raises(OutputError, match="outside"):
        DocsWriter(tmp_path / "out").write(path, b"x")
    assert safe_relative(path) is None


def test_pages_must_be_built_as_markdown(tmp_path):
    with pytest.raises(OutputError, match="must be built as Md"):
        DocsWriter(tmp_path).write("a.md", "# plain str")
    DocsWriter(tmp_path).write("a.json", "plain text is fine for data")


def test_stale_generated_files_are_removed_with_their_empty_folders(tmp_path):
    build(tmp_path, {"a.md": Md("a"), "sub/b.md": Md("b")})
    stats = build(tmp_path, {"a.md": Md("a")})
    assert stats.removed == 1 and not (tmp_path / "sub").exists()


def test_a_stale_file_edited_by_hand_is_kept_and_reported(tmp_path):
    build(tmp_path, {"a.md": Md("a"), "b.md": Md("b")})
    (tmp_path / "b.md").write_text("my own notes", encoding="utf-8")
    stats = build(tmp_path, {"a.md": Md("a")})
    assert stats.removed == 0 and (tmp_path / "b.md").read_text(encoding="utf-8") == "my own notes"
    assert [d.level for d in stats.diagnostics] == [Level.WARNING] and "edited by hand" in stats.diagnostics[0].message


def test_a_hand_written_file_in_the_way_is_never_overwritten(tmp_path):
    (tmp_path / "about.md").write_text("hand-written", encoding="utf-8")
    with pytest.raises(OutputError, match="not written by the build"):
        build(tmp_path, {"about.md": Md("generated")})
    assert (tmp_path / "about.md").read_text(encoding="utf-8") == "hand-written"


@pytest.mark.parametrize("line", ["../victim.txt", "/tmp/victim.txt", "sub/../../victim.txt", "link/victim.txt"])
def test_manifest_lines_outside_the_folder_are_refused_not_followed(tmp_path, line):
    out, victim_dir = tmp_path / "out", tmp_path
    out.mkdir()
    victim = victim_dir / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    os.symlink(victim_dir, out / "link")
    absolute = str(victim) if line.startswith("/") else line
    digest = hashlib.sha256(b"keep me").hexdigest()
    (out / MANIFEST).write_text(f"{digest}  {absolute}\n", encoding="utf-8")
    stats = build(out, {"a.md": Md("a")})
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert stats.removed == 0
    assert any("manifest line ignored" in d.message and d.line == 1 for d in stats.diagnostics)


def test_refuses_to_write_through_a_symlinked_folder(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere, out / "notices")
    with pytest.raises(OutputError, match="symbolic link"):
        build(out, {"notices/a.md": Md("a")})
    assert not any(elsewhere.iterdir())


def test_memory_holds_names_and_hashes_not_contents(tmp_path):
    writer = DocsWriter(tmp_path)
    writer.write("big.md", Md("x" * 100_000))
    assert all(len(value) == 64 for value in writer.written.values())


def test_deep_new_folders_are_made_and_the_manifest_follows_each_build(tmp_path):
    out = tmp_path / "new" / "out"
    build(out, {"a/b/c.md": Md("c"), "x.md": Md("x")})
    assert (out / "a" / "b" / "c.md").read_text(encoding="utf-8") == "c"
    stats = build(out, {"x.md": Md("y"), "z.md": Md("z")})
    assert [line.split("  ")[1] for line in manifest_lines(out)] == ["x.md", "z.md"]
    assert (stats.written, stats.removed, stats.unchanged) == (2, 1, 0)
    assert not (out / "a").exists()
    stats = build(out, {"x.md": Md("y"), "z.md": Md("z")})
    assert (stats.written, stats.removed, stats.unchanged) == (0, 0, 2)


def test_messages_name_the_file_and_say_what_to_do(tmp_path):
    (tmp_path / "about.md").write_text("hand-written", encoding="utf-8")
    with pytest.raises(OutputError) as error:
        build(tmp_path, {"about.md": Md("generated")})
    assert str(error.value) == ("about.md: a file not written by the build is in the way "
                                "(a page written by hand?); rename it or remove it")
    with pytest.raises(OutputError) as error:
        DocsWriter(tmp_path).write("b.md", b"bytes")
    assert str(error.value) == "b.md: a page must be built as Md (escaped), not bytes"
    build(tmp_path / "o", {"a.md": Md("a"), "b.md": Md("b")})
    (tmp_path / "o" / "b.md").write_text("edited", encoding="utf-8")
    (diagnostic,) = build(tmp_path / "o", {"a.md": Md("a")}).diagnostics
    assert str(diagnostic) == ("o/b.md: warning: [source] a generated file that is no longer generated was edited "
                               "by hand, so it was kept; remove it, or keep it as a page of your own")


def test_every_bad_manifest_line_is_reported_and_the_good_ones_kept(tmp_path):
    out = tmp_path / "out"
    build(out, {"keep.md": Md("k"), "stale.md": Md("s")})
    good = manifest_lines(out)
    long_line = "x" * 100
    (out / MANIFEST).write_text("\n".join(["short  a.md", long_line, *good, "../../x  ../y.md"]) + "\n",
                                encoding="utf-8")
    stats = build(out, {"keep.md": Md("k")})
    assert [(d.line, d.source, d.level) for d in stats.diagnostics] == [
        (1, "out/.generated", Level.WARNING), (2, "out/.generated", Level.WARNING), (5, "out/.generated", Level.WARNING)]
    assert stats.diagnostics[1].message == f"manifest line ignored, it names no file inside the folder: {long_line[:80]!r}"
    assert stats.removed == 1 and not (out / "stale.md").exists()


def test_a_stale_file_already_gone_is_no_error(tmp_path):
    build(tmp_path, {"a.md": Md("a"), "b.md": Md("b")})
    (tmp_path / "b.md").unlink()
    stats = build(tmp_path, {"a.md": Md("a")})
    assert (stats.removed, stats.diagnostics) == (0, [])


def test_empty_folders_are_removed_up_to_the_root_but_not_others(tmp_path):
    build(tmp_path, {"a/b/c.md": Md("c"), "a/keep.md": Md("k")})
    build(tmp_path, {"a/keep.md": Md("k")})
    assert not (tmp_path / "a" / "b").exists() and (tmp_path / "a" / "keep.md").exists()
    build(tmp_path, {})
    assert not (tmp_path / "a").exists() and tmp_path.is_dir()


def test_every_stale_file_is_counted(tmp_path):
    build(tmp_path, {"a.md": Md("a"), "b.md": Md("b"), "c.md": Md("c")})
    assert build(tmp_path, {"a.md": Md("a")}).removed == 2


def test_a_deferred_file_is_made_only_when_its_inputs_change_or_its_file_was_touched(tmp_path):
    from build_scripts.render.writer import INPUTS, Deferred
    made: list[str] = []

    def page(text: str, inputs: str) -> Deferred:
        return Deferred(inputs, lambda: (made.append(text), Md(text))[1])

    build(tmp_path, {"a.md": page("# A\n", "v1"), "b.md": page("# B\n", "v1")})
    assert made == ["# A\n", "# B\n"] and (tmp_path / INPUTS).is_file()
    made.clear()
    stats = build(tmp_path, {"a.md": page("# A\n", "v1"), "b.md": page("# B2\n", "v2")})
    assert made == ["# B2\n"] and (stats.kept, stats.written, stats.unchanged) == (1, 1, 1)  # a.md kept, b.md made
    made.clear()
    stats = build(tmp_path, {"a.md": page("# A\n", "v1"), "b.md": page("# B2\n", "v2")})
    assert made == [] and (stats.kept, stats.written, stats.unchanged) == (2, 0, 2)  # a kept page stays kept
    (tmp_path / "a.md").write_text("# edited by hand\n", encoding="utf-8")
    made.clear()
    build(tmp_path, {"a.md": page("# A\n", "v1"), "b.md": page("# B2\n", "v2")})
    assert made == ["# A\n"] and (tmp_path / "a.md").read_text(encoding="utf-8") == "# A\n"  # not trusted: made again
    (tmp_path / INPUTS).write_text("not json", encoding="utf-8")
    made.clear()
    build(tmp_path, {"a.md": page("# A\n", "v1"), "b.md": page("# B2\n", "v2")})
    assert made == ["# A\n", "# B2\n"]  # a damaged record only means both are made again


def test_a_file_in_chunks_is_written_whole_and_kept_when_its_bytes_did_not_change(tmp_path):
    from build_scripts.render.writer import Chunks
    pieces = [b"one,", "二,".encode("utf-8"), b"three\n"]
    stats = build(tmp_path, {"data/t.csv": Chunks(iter(pieces))})
    assert stats.written == 1 and (tmp_path / "data" / "t.csv").read_bytes() == b"".join(pieces)
    assert manifest_lines(tmp_path) == [f"{hashlib.sha256(b''.join(pieces)).hexdigest()}  data/t.csv"]
    before = (tmp_path / "data" / "t.csv").stat().st_mtime_ns
    stats = build(tmp_path, {"data/t.csv": Chunks(iter(pieces))})
    assert (stats.written, stats.unchanged) == (0, 1) and (tmp_path / "data" / "t.csv").stat().st_mtime_ns == before
    stats = build(tmp_path, {"data/t.csv": Chunks(iter([b"changed\n"]))})
    assert stats.written == 1 and (tmp_path / "data" / "t.csv").read_bytes() == b"changed\n"
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["t.csv"]  # no temporary file left


def test_a_file_in_chunks_that_fails_halfway_leaves_the_last_build_s_file(tmp_path):
    from build_scripts.render.writer import Chunks
    build(tmp_path, {"t.csv": b"whole\n"})

    def failing():
        yield b"half"
        raise RuntimeError("broken")

    with pytest.raises(RuntimeError):
        DocsWriter(tmp_path).write("t.csv", Chunks(failing()))
    assert (tmp_path / "t.csv").read_bytes() == b"whole\n"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["t.csv"]


def test_a_hand_written_file_in_the_way_of_chunks_is_never_overwritten(tmp_path):
    from build_scripts.render.writer import Chunks
    (tmp_path / "t.csv").write_bytes(b"mine\n")
    with pytest.raises(OutputError, match="not written by the build"):
        DocsWriter(tmp_path).write("t.csv", Chunks(iter([b"generated\n"])))
    assert (tmp_path / "t.csv").read_bytes() == b"mine\n" and not (tmp_path / "t.csv.partial").exists()
