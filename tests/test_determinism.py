"""Two builds from the same sources give byte-identical Markdown and site/; rebuilds touch only what changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from build_scripts.cache import ParseCache
from build_scripts.pipeline import build_markdown
from build_scripts.render.writer import INPUTS, MANIFEST

from .conftest import SOURCES, build_site


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def copy_sources(target: Path, names=None) -> Path:
    target.mkdir()
    for path in SOURCES.iterdir():
        if names is None or path.name in names:
            (target / path.name).write_bytes(path.read_bytes())
    return target


def test_two_builds_are_byte_identical(tmp_path, corpus_site):
    again = build_site(tmp_path / "again", SOURCES)
    assert tree_digest(again.markdown) == tree_digest(corpus_site.markdown)
    first, second = tree_digest(corpus_site.site), tree_digest(again.site)
    assert first.keys() == second.keys()
    differing = sorted(k for k in first if first[k] != second[k])
    assert not differing, f"differ between builds: {differing}"
    assert "search/manifest.js" in first and "sitemap.xml.gz" in first


def test_rebuild_with_nothing_changed_rewrites_nothing(tmp_path):
    site = build_site(tmp_path / "p", SOURCES)
    before = {p: p.stat().st_mtime_ns for p in site.markdown.rglob("*") if p.is_file()}
    stats = build_markdown(SOURCES, site.markdown).stats
    assert (stats.written, stats.removed, stats.unchanged) == (0, 0, len(before) - 2)  # all but the two records
    assert before == {p: p.stat().st_mtime_ns for p in site.markdown.rglob("*") if p.is_file()}


def test_removed_sources_take_their_pages_with_them(tmp_path):
    sources = copy_sources(tmp_path / "sources", {"2022-hongkou-002.txt", "2024-baoshan-004.txt"})
    out = tmp_path / "markdown"
    build_markdown(sources, out)
    assert (out / "notices" / "2024-baoshan-004.md").exists()
    (sources / "2024-baoshan-004.txt").unlink()
    stats = build_markdown(sources, out).stats
    assert not (out / "notices" / "2024-baoshan-004.md").exists()
    assert not (out / "originals" / "2024-baoshan-004.txt").exists()
    assert not (out / "issuers" / "上海市宝山区教育局.md").exists()  # its only plan is gone
    assert not (out / "notices" / "year-2024.md").exists()  # and the only 2024 plan
    assert stats.removed >= 4


def test_parse_cache_reparses_only_the_changed_source_and_rewrites_only_changed_pages(tmp_path):
    sources = copy_sources(tmp_path / "sources")
    out, cache_dir = tmp_path / "markdown", tmp_path / "cache"
    first = build_markdown(sources, out, ParseCache(cache_dir)).report
    cache = ParseCache(cache_dir)
    again = build_markdown(sources, out, cache)
    assert (cache.hits, cache.misses) == (0, 0) and again.stats.written == 0  # nothing changed: nothing parsed
    assert [n.to_dict() for n in again.report.notices] == [n.to_dict() for n in first.notices]
    changed = sources / "2019-qingpu-003.txt"
    # A department note: the notice's page and the departments index depend on it; the
    # other notices' pages do not (notes are not part of the text tasks are compared by).
    changed.write_text(changed.read_text(encoding="utf-8").replace("局相关职能科室", "局后勤中心"), encoding="utf-8")
    cache = ParseCache(cache_dir)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    stats = build_markdown(sources, out, cache).stats
    assert (cache.hits, cache.misses) == (4, 1)
    rewritten = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name not in (MANIFEST, INPUTS)
                 and p.stat().st_mtime_ns != mtimes[p]}
    pages = {p for p in rewritten if p.endswith(".md")}
    search = {p for p in rewritten if p.startswith("search/")}
    assert pages == {"notices/2019-qingpu-003.md", "departments.md", "originals/2019-qingpu-003.md"}
    # The search index changes where the text did: the notice's own piece and the shards of
    # the grams it gained or lost; no other notice's piece, not the manifest.
    assert {p for p in search if not p.startswith("search/g/")} == {"search/n/4.js"}
    data = {p for p in rewritten if p.startswith("data/")}
    # The data files hold departments: the whole-collection ones, this issuer's CSV and the CSVs of
    # its tasks' themes; no other issuer's.
    assert {"data/notices.json", "data/tasks.csv", "data/tasks.xlsx"} <= data
    assert {p for p in data if p.startswith("data/issuers/")} == {"data/issuers/上海市青浦区.csv"}
    assert all(p.startswith("data/themes/") for p in data - {"data/notices.json", "data/tasks.csv", "data/tasks.xlsx",
                                                              "data/issuers/上海市青浦区.csv"})
    assert rewritten == pages | search | data | {"originals/2019-qingpu-003.txt"}
    assert stats.written == len(rewritten)
