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
