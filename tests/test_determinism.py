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
    assert stats["removed"] == 3
    assert (docs / "about.md").read_text(encoding="utf-8") == "# 手写页面\n"
    assert "about.md" in (docs / ".nav.json").read_text(encoding="utf-8")
