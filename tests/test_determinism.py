"""Two builds from the same sources give byte-identical docs/ and site/."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .conftest import SOURCES, build_site


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, corpus_site):
    again = build_site(tmp_path / "again", SOURCES)
    assert tree_digest(again.docs) == tree_digest(corpus_site.docs)
    first, second = tree_digest(corpus_site.site), tree_digest(again.site)
    assert first.keys() == second.keys()
    differing = sorted(k for k in first if first[k] != second[k])
    assert not differing, f"differ between builds: {differing}"
    assert "search/search_index.json" in first and "sitemap.xml.gz" in first


def test_rebuild_with_nothing_changed_rewrites_nothing(tmp_path):
    site = build_site(tmp_path / "p", SOURCES)
    before = {p: p.stat().st_mtime_ns for p in site.docs.rglob("*") if p.is_file()}
    from build_scripts.build import build_docs
    _, stats = build_docs(SOURCES, site.docs)
    assert stats["written"] == 0 and stats["removed"] == 0
    assert before == {p: p.stat().st_mtime_ns for p in site.docs.rglob("*") if p.is_file()}


def test_hand_written_pages_are_kept_and_removed_sources_take_their_pages(tmp_path):
    from build_scripts.build import build_docs
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("2022-hongkou-002.txt", "2024-baoshan-004.txt"):
        (sources / name).write_bytes((SOURCES / name).read_bytes())
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("# 手写页面\n", encoding="utf-8")
    build_docs(sources, docs)
    assert (docs / "notices" / "2024-baoshan-004.md").exists()
    (sources / "2024-baoshan-004.txt").unlink()
    _, stats = build_docs(sources, docs)
    assert not (docs / "notices" / "2024-baoshan-004.md").exists()
    assert not (docs / "originals" / "2024-baoshan-004.txt").exists()
    assert not (docs / "issuers" / "上海市宝山区教育局.md").exists()  # its only plan is gone
    assert not (docs / "notices" / "year-2024.md").exists()  # and the only 2024 plan
    assert stats["removed"] == 4
    assert (docs / "about.md").read_text(encoding="utf-8") == "# 手写页面\n"
    assert "about.md" in (docs / ".nav.json").read_text(encoding="utf-8")


def test_parse_cache_reparses_only_the_changed_source_and_rewrites_only_changed_pages(tmp_path):
    from build_scripts.build import build_docs
    from build_scripts.cache import ParseCache
    sources = tmp_path / "sources"
    sources.mkdir()
    for path in SOURCES.iterdir():
        (sources / path.name).write_bytes(path.read_bytes())
    docs, cache_dir = tmp_path / "docs", tmp_path / "cache"
    first, _ = build_docs(sources, docs, ParseCache(cache_dir))
    cache = ParseCache(cache_dir)
    again, stats = build_docs(sources, docs, cache)
    assert (cache.hits, cache.misses) == (5, 0) and stats["written"] == 0
    assert [n.to_dict() for n in again.notices] == [n.to_dict() for n in first.notices]
    changed = sources / "2019-qingpu-003.txt"
    # A department note: the notice's page and the departments index depend on it; the
    # other notices' pages do not (notes are not part of the text tasks are compared by).
    changed.write_text(changed.read_text(encoding="utf-8").replace("局相关职能科室", "局后勤中心"), encoding="utf-8")
    cache = ParseCache(cache_dir)
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    _, stats = build_docs(sources, docs, cache)
    assert (cache.hits, cache.misses) == (4, 1)
    rewritten = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.stat().st_mtime_ns != mtimes[p]}
    assert rewritten == {"notices/2019-qingpu-003.md", "departments.md"}
    # + the changed original file, notices.json and the search dictionary (department names)
    assert stats["written"] == len(rewritten) + 3
