"""Addresses: relative links between pages, anchors, slugs."""

from __future__ import annotations

import posixpath

import pytest

from build_scripts import addresses as at


@pytest.mark.parametrize("source, target", [
    ("index.md", "notices/a.md"), ("notices/a.md", "notices/b.md"), ("notices/a.md", "years.md"),
    ("themes/x.md", "notices/a.md"), ("issuers/甲.md", "issuers/index.md"), ("years.md", "themes/x.md"),
    ("notices/a.md", "originals/a.txt"), ("a/b/c.md", "a/d/e.md"), ("a/b/c.md", "a/b.md")])
def test_relative_links_equal_posixpath_relpath(source, target):
    page = at.Page(source)
    assert at.href(page, target) == posixpath.relpath(target, page.folder or ".")


def test_links_anchors_and_html_targets():
    assert at.href(at.YEARS, at.theme_page("pe"), at.year_anchor(2024), html=True) == "themes/pe.html#year-2024"
    assert at.href(at.notice_page("a"), at.GLOSSARY, at.term_anchor("双减")).startswith("../glossary.md#term-")
    assert at.here(at.year_anchor(None)) == "#year-unknown"
    assert at.original_file("a", "x.HTML") == "originals/a.html.txt" and at.original_file("a", "x.txt") == "originals/a.txt"
    with pytest.raises(ValueError):
        at.Page("../x.md")
    with pytest.raises(ValueError):
        at.Page("a b.md")
    with pytest.raises(ValueError):
        at.href(at.HOME, at.YEARS, "bad anchor")


def test_slugs_and_unique_anchors():
    assert at.slugify("2025 年 示范区 (草稿)") == "2025-年-示范区-草稿" and at.slugify("...") == "notice"
    anchors = at.UniqueAnchors()
    assert [anchors.add("task-1") for _ in range(3)] == ["task-1", "task-1-2", "task-1-3"]
    assert anchors.add("task-1-4") == "task-1-4" and anchors.add("task-1") == "task-1-5"
    assert at.task_anchor(2, 1, restarts=True) == "task-2-1" and at.task_anchor(2, 1, restarts=False) == "task-1"
