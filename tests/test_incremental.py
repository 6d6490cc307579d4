"""Incremental builds: a build with nothing changed repeats no work, and a ``--dirty`` build
(what ./build.sh runs) after adding, editing or removing a notice gives the very site a clean
build gives, while rendering only the pages that changed."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from build_scripts.cache import ParseCache
from build_scripts.pipeline import build_markdown

from .conftest import SOURCES, mkdocs_env, run_mkdocs
from .documents.edits import write_comparison_sources


def site_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def build(project: Path, sources: Path, *flags: str) -> str:
    project.mkdir(parents=True, exist_ok=True)
    result = run_mkdocs("build", project, mkdocs_env(sources, project), "--strict", *flags)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_nothing_changed_repeats_no_parsing_tagging_or_linking(tmp_path):
    cache = ParseCache(tmp_path / "cache")
    first = build_markdown(SOURCES, tmp_path / "md", cache)
    again_cache = ParseCache(tmp_path / "cache")
    again = build_markdown(SOURCES, tmp_path / "md", again_cache)
    assert again.graph is None and (again_cache.hits, again_cache.misses) == (0, 0)
    assert again.stats.written == 0 and again.stats.unchanged == len(first.files)
    assert [n.to_dict() for n in again.report.notices] == [n.to_dict() for n in first.report.notices]
    assert [str(d) for d in again.report.all_diagnostics] == [str(d) for d in first.report.all_diagnostics]
    (tmp_path / "md" / "notices" / "2019-qingpu-003.md").unlink()  # the Markdown tree is not what was recorded
    rebuilt = build_markdown(SOURCES, tmp_path / "md", ParseCache(tmp_path / "cache"))
    assert rebuilt.graph is not None and (tmp_path / "md" / "notices" / "2019-qingpu-003.md").is_file()


def test_a_dirty_build_after_each_change_is_the_clean_build(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    held = tmp_path / "2024-minhang-000.txt"
    shutil.move(sources / "2024-minhang-000.txt", held)
    incremental = tmp_path / "incremental"
    build(incremental, sources, "--dirty")

    def same_as_clean(name: str) -> str:
        output = build(incremental, sources, "--dirty")
        clean = tmp_path / f"clean-{name}"
        build(clean, sources, "--clean")
        assert site_digest(incremental / "site") == site_digest(clean / "site"), name
        return output

    shutil.move(held, sources / "2024-minhang-000.txt")  # a notice added
    output = same_as_clean("added")
    assert "every page is built again" not in output  # 2024 already had a year page
    page = incremental / "site" / "notices" / "2022-xx-city-001.html"
    untouched = page.stat().st_mtime_ns
    edited = sources / "2019-qingpu-003.txt"  # a notice edited
    edited.write_text(edited.read_text(encoding="utf-8").replace("局相关职能科室", "局后勤中心"), encoding="utf-8")
    same_as_clean("edited")
    assert page.stat().st_mtime_ns == untouched, "a page that did not change was rendered again"
    (sources / "2024-minhang-000.txt").unlink()  # a notice removed
    same_as_clean("removed")
    assert not (incremental / "site" / "notices" / "2024-minhang-000.html").exists()


def test_pages_kept_from_the_last_build_are_the_pages_a_clean_build_makes(tmp_path):
    """A notice's page and a side-by-side page are made again only when their inputs change
    (writer.Deferred). Each edit below changes what such a page shows without changing the page's
    own notice; after each, the incremental tree must equal a clean build's, byte for byte."""
    sources = write_comparison_sources(tmp_path / "sources")
    out, cache = tmp_path / "md", tmp_path / "cache"
    first = build_markdown(sources, out, ParseCache(cache))
    glossary = first.graph.glossary
    minhang = next(n for n in first.report.notices if n.id == "2024-minhang-000")
    once = next(m for m in re.findall(r"“([^“”]{2,12})”", "".join(i.text for i in minhang.items)) if m not in glossary)

    def edit(name: str, old: str, new: str) -> None:
        path = sources / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    held = tmp_path / "held"
    held.mkdir()
    steps = [
        ("a predecessor's task reworded (its successor's redline)",
         lambda: edit("2024-minhang-000.txt", "加快推进学校基本建设。", "加快推进学校基础设施建设。")),
        ("a notice retitled (its successor's and related tasks' links)",
         lambda: edit("2022-hongkou-002.txt", "虹口区教育局2022年工作要点", "虹口区教育局2022年度工作要点")),
        ("a term another plan quotes once joins the glossary",
         lambda: edit("2019-qingpu-003.txt", "。", f"，落实“{once}”。")),
        ("a predecessor removed", lambda: shutil.move(sources / "2019-qingpu-003.txt", held / "2019-qingpu-003.txt")),
        ("a predecessor added", lambda: shutil.move(held / "2019-qingpu-003.txt", sources / "2019-qingpu-003.txt")),
    ]
    for number, (what, change) in enumerate(steps):
        change()
        incremental = build_markdown(sources, out, ParseCache(cache))
        clean_out = tmp_path / f"clean-{number}"
        build_markdown(sources, clean_out, ParseCache(tmp_path / f"clean-cache-{number}"))
        assert site_digest(out) == site_digest(clean_out), what
        assert incremental.stats.kept > 0, what  # and pages were kept, not all made again


def test_tagged_notices_are_cached_and_retagged_only_when_the_vocabulary_changes(tmp_path, monkeypatch):
    from build_scripts import pipeline
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    out, cache = tmp_path / "md", tmp_path / "cache"
    build_markdown(sources, out, ParseCache(cache))
    tagged: list[str] = []
    real_tag = pipeline.tag_source
    monkeypatch.setattr(pipeline, "tag_source", lambda notice, *a, **k: (tagged.append(notice.id), real_tag(notice, *a, **k)))

    edited = sources / "2019-qingpu-003.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("局相关职能科室", "局后勤中心"), encoding="utf-8")
    parse = ParseCache(cache)
    build_markdown(sources, out, parse)
    assert tagged == ["2019-qingpu-003"] and (parse.hits, parse.misses) == (4, 1)  # only the edited one

    tagged.clear()
    vocabulary = sources / "themes.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace("words: [学前教育,", "words: [务实创造担当, 学前教育,"),
                          encoding="utf-8")
    parse = ParseCache(cache)
    result = build_markdown(sources, out, parse)
    assert sorted(tagged) == sorted(n.id for n in result.report.notices) and parse.misses == 0  # re-tagged, not re-parsed
    qingpu = next(n for n in result.report.notices if n.id == "2019-qingpu-003")
    assert any("preschool" in item.themes and "务实创造担当" in item.title for item in qingpu.items)
    build_markdown(sources, tmp_path / "clean", ParseCache(tmp_path / "clean-cache"))
    assert site_digest(out) == site_digest(tmp_path / "clean")


def test_a_rebuild_compares_again_only_the_plans_whose_tasks_changed(tmp_path, monkeypatch):
    from build_scripts.enrich import matching
    sources = write_comparison_sources(tmp_path / "sources")
    out, cache = tmp_path / "md", tmp_path / "cache"
    first = build_markdown(sources, out, ParseCache(cache))
    compared: list[str] = []
    real = matching.pair_tasks
    monkeypatch.setattr(matching, "pair_tasks", lambda old, new: (compared.append(new[0].title), real(old, new))[1])
    edited = sources / "2024-minhang-000.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("加快推进学校基本建设。", "加快推进学校基础设施建设。"),
                      encoding="utf-8")
    build_markdown(sources, out, ParseCache(cache))
    later_of_minhang = [c for c in first.graph.comparisons.values() if c.previous.id == "2024-minhang-000"]
    assert len(compared) == len(later_of_minhang) + ("2024-minhang-000" in first.graph.comparisons) > 0
    assert len(compared) < len(first.graph.comparisons)


def test_theme_pages_after_the_first_are_made_again_only_when_their_tasks_change(tmp_path, monkeypatch):
    """A theme's pages after the first are deferred: an edit to the newest plan makes again only
    the pages holding its tasks; after an addition and after the edit, the tree equals a clean build's."""
    from build_scripts.render import theme_pages
    monkeypatch.setattr(theme_pages, "THEME_PAGE_TASKS", 2)
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    held = sources.parent / "held"
    held.mkdir()
    shutil.move(sources / "2019-qingpu-003.txt", held / "2019-qingpu-003.txt")
    out, cache = tmp_path / "md", tmp_path / "cache"
    build_markdown(sources, out, ParseCache(cache))
    made: list[int] = []
    real = theme_pages._theme_page
    monkeypatch.setattr(theme_pages, "_theme_page", lambda *a: (made.append(a[4]), real(*a))[1])

    def same_as_clean(step: str) -> None:
        build_markdown(sources, out, ParseCache(cache))
        build_markdown(sources, tmp_path / step, ParseCache(tmp_path / f"{step}-cache"))
        assert site_digest(out) == site_digest(tmp_path / step), step

    shutil.move(held / "2019-qingpu-003.txt", sources / "2019-qingpu-003.txt")
    same_as_clean("added")
    made.clear()
    newest = sources / "2024-baoshan-004.txt"  # the first plan in the theme pages' order
    newest.write_text(newest.read_text(encoding="utf-8").replace("。", "，并抓好落实。", 1), encoding="utf-8")
    build_markdown(sources, out, ParseCache(cache))
    later_pages = len(list(out.glob("themes/*-p*.md")))
    remade = sum(1 for n in made if n > 1)
    assert later_pages > 50 and 0 < remade < later_pages / 2, (remade, later_pages)
    same_as_clean("edited")


def test_an_added_plan_changes_the_related_pieces_of_other_plans_not_their_pages(tmp_path):
    """Other plans' pages change only where one of their quoted terms joins the glossary; their
    related-task lists, which the new plan enters, are in pieces the pages load. Other issuers'
    pages do not change (2024-minhang-000 is a new issuer's plan of a year other plans have)."""
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    shutil.move(sources / "2024-minhang-000.txt", tmp_path / "held.txt")
    out = tmp_path / "md"
    build_markdown(sources, out, ParseCache(tmp_path / "cache"))
    before = site_digest(out)
    texts = {path: (out / path).read_text(encoding="utf-8") for path in before if path.startswith("notices/")}
    shutil.move(tmp_path / "held.txt", sources / "2024-minhang-000.txt")
    build_markdown(sources, out, ParseCache(tmp_path / "cache"))
    after = site_digest(out)
    others = [p.stem for p in sources.glob("*.txt") if p.stem != "2024-minhang-000"]
    pieces = {n for n in others if before[f"related/{n}.js"] != after[f"related/{n}.js"]}
    pages = {n for n in others if before[f"notices/{n}.md"] != after[f"notices/{n}.md"]}
    assert pieces - pages, "the new plan should enter related lists of plans whose pages stay as they were"
    issuers = [path for path in before if path.startswith("issuers/") and path != "issuers/index.md"]
    assert len(issuers) == 4 and [path for path in issuers if before[path] != after[path]] == []
    glossary_link = re.compile(r"\[([^\]]+)\]\(\.\./glossary[^)]*\.md#term-[0-9a-f]+\)")
    for name in pages:
        path = f"notices/{name}.md"
        assert glossary_link.sub(r"\1", texts[path]) == glossary_link.sub(r"\1", (out / path).read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_dirty_build_after_a_rename_or_a_sidecar_edit_is_the_clean_build(tmp_path):
    """Pages a --dirty build does not read again still give their titles to the navigation and
    to the previous/next links of the pages it renders (it once showed '上一页: None')."""
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    incremental = tmp_path / "incremental"
    build(incremental, sources, "--dirty")
    steps = [
        ("a source renamed, its sidecar with it",
         lambda: [shutil.move(sources / f"2019-qingpu-003{suffix}", sources / f"2019-qingpu-renamed{suffix}")
                  for suffix in (".txt", ".yml")]),
        ("a sidecar title added",
         lambda: (sources / "2024-baoshan-004.yml").write_text("title: 上海市宝山区教育局2024年度工作意见\n",
                                                               encoding="utf-8")),
        ("a sidecar removed", lambda: (sources / "2024-baoshan-004.yml").unlink()),
    ]
    for number, (what, change) in enumerate(steps):
        change()
        build(incremental, sources, "--dirty")
        clean = tmp_path / f"clean-{number}"
        build(clean, sources, "--clean")
        assert site_digest(incremental / "site") == site_digest(clean / "site"), what
        for page in (incremental / "site").rglob("*.html"):
            assert ": None" not in page.read_text(encoding="utf-8"), (what, page)
