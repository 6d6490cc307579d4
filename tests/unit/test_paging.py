"""Lists split over pages: with tiny page sizes, the corpus's pages all exist, each pager
links the others, and every link into a split list (a theme's year, a glossary term) finds
its anchor on the page that holds it."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest

from build_scripts import addresses as at
from build_scripts.pipeline import build_markdown
from build_scripts.render import home_page, overview_pages, paging, theme_pages

from ..conftest import SOURCES

LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#([^)\s]+))?\)|href=\"([^\"#?]+\.html)(?:#([^\"]+))?\"")


@pytest.fixture(scope="module")
def small_pages(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    for module, name in ((theme_pages, "THEME_PAGE_TASKS"), (home_page, "YEAR_PAGE_NOTICES"),
                         (overview_pages, "ISSUERS_PAGE"), (overview_pages, "GLOSSARY_TERMS_PAGE"),
                         (overview_pages, "DEPARTMENT_ISSUERS_PAGE")):
        patch.setattr(module, name, 1)
    out = tmp_path_factory.mktemp("small-pages")
    build_markdown(SOURCES, out)
    yield out
    patch.undo()


def test_split_and_pager():
    assert paging.split([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]] and paging.split([], 3) == [[]]
    assert paging.split_from_end([1, 2, 3, 4, 5], 2) == [[1], [2, 3], [4, 5]]
    assert paging.split_from_end([1, 2, 3, 4], 2) == [[1, 2], [3, 4]] and paging.split_from_end([], 3) == [[]]
    assert paging.split_from_end([0, 1, 2, 3, 4, 5], 2)[1:] == paging.split_from_end([1, 2, 3, 4, 5], 2)[1:]
    first = at.Page("themes/teachers.md")
    assert at.page_part(first, 1) == first and at.page_part(first, 3).src == "themes/teachers-p3.md"
    assert paging.pager(first, 1, 1) == ""
    line = str(paging.pager(first, 20, 10))
    assert line == ("第 10 / 20 页：[上一页](teachers-p9.md) · [1](teachers.md) … [7](teachers-p7.md) "
                    "[8](teachers-p8.md) [9](teachers-p9.md) **10** [11](teachers-p11.md) [12](teachers-p12.md) "
                    "[13](teachers-p13.md) … [20](teachers-p20.md) · [下一页](teachers-p11.md)\n{: .pager }")
    assert str(paging.pager(first, 2, 1)) == "第 1 / 2 页：**1** [2](teachers-p2.md) · [下一页](teachers-p2.md)\n{: .pager }"


def test_every_link_into_a_split_list_finds_its_page_and_anchor(small_pages):
    pages = {p.relative_to(small_pages).as_posix(): p.read_text(encoding="utf-8") for p in small_pages.rglob("*.md")}
    assert {"glossary-p2.md", "issuers/index-p2.md", "departments-p2.md", "notices/year-2024-p2.md",
            "themes/curriculum-p2.md"} <= set(pages)
    checked = 0
    for name, text in pages.items():
        for match in LINK.finditer(text):
            target, anchor = (match[1], match[2]) if match[1] else (match[3][:-5] + ".md", match[4])
            resolved = str(PurePosixPath(name).parent.joinpath(target))
            resolved = str(Path(resolved).resolve().relative_to(Path(".").resolve())) if ".." in resolved else resolved
            if resolved.startswith(("originals/", "data/")) or resolved in ("search.md", "about.md"):  # about: docs/
                continue
            assert resolved in pages, f"{name}: link to a missing page {target}"
            if anchor and (anchor.startswith(("year-", "term-", "task-", "notice-"))):
                assert f"{{#{anchor}}}" in pages[resolved], f"{name}: {target}#{anchor} has no such anchor"
            checked += 1
    assert checked > 500


def test_a_terms_glossary_page_stays_when_terms_come_and_go():
    """A new notice that adds a glossary term, or uses one more often, moves no other term to
    another page (the links to it from every notice page stay the same)."""
    from build_scripts.enrich.links import SiteGraph, Term
    from build_scripts.render.overview_pages import glossary_buckets, glossary_pages
    size = overview_pages.GLOSSARY_TERMS_PAGE  # (1 while this module's small_pages fixture is active)

    def graph(texts: list[str]) -> SiteGraph:
        glossary = {t: Term(t, at.Anchor(f"term-{n}")) for n, t in enumerate(texts)}
        return SiteGraph([], {}, {}, {}, {}, {}, {}, {}, glossary, {})

    texts = [f"名称{n}" for n in range(5 * size)]
    before = glossary_pages(graph(texts))
    assert glossary_buckets(len(texts)) == 8
    assert {p.src for p in before.values()} <= {at.page_part(at.GLOSSARY, n).src for n in range(2, 10)}
    after = glossary_pages(graph(list(reversed(texts)) + ["新名称"]))  # reordered by uses, one more term
    assert all(after[t] == before[t] for t in texts)
    assert glossary_pages(graph(texts[:size]))["名称0"] == at.GLOSSARY  # one page: no buckets


def test_an_issuers_departments_page_stays_when_other_issuers_come():
    """Departments pages hold issuers by a hash of their name: a new issuer (which sorts anywhere
    among the names) moves no other issuer to another page, so no issuer page's link changes."""
    from build_scripts.enrich.links import SiteGraph
    from build_scripts.render.overview_pages import department_page, hash_buckets
    size = overview_pages.DEPARTMENT_ISSUERS_PAGE  # (1 while this module's small_pages fixture is active)

    def graph(issuers: list[str]) -> SiteGraph:
        return SiteGraph([], {}, {}, {}, {}, {}, {}, {}, {}, {name: {"办公室": []} for name in sorted(issuers)})

    names = [f"上海市第{n}区教育局" for n in range(5 * size)]
    before = graph(names)
    assert hash_buckets(len(names), size) == 8
    pages = {name: department_page(before, name) for name in names}
    assert {p.src for p in pages.values()} <= {at.page_part(at.DEPARTMENTS, n).src for n in range(2, 10)}
    after = graph(names + ["上海市第一区教育局"])  # sorts before the others
    assert all(department_page(after, name) == pages[name] for name in names)
    assert department_page(graph(names[:size]), names[0]) == at.DEPARTMENTS  # one page: no buckets
    assert department_page(before, "未写明部门的机关") is None


def test_each_issuer_page_links_to_its_departments_on_the_page_that_holds_them(small_pages):
    pages = {p.relative_to(small_pages).as_posix(): p.read_text(encoding="utf-8") for p in small_pages.rglob("*.md")}
    links = [(name, match[1], match[2]) for name, text in pages.items() if name.startswith("issuers/")
             for match in re.finditer(r"\[本机关文件写明的责任部门及其任务数\]\(\.\./(departments[^)#]*\.md)#([^)]+)\)", text)]
    sections = {m for name, text in pages.items() if name.startswith("departments") for m in re.findall(r"^## .* \{#([^}]+)\}$", text, re.M)}
    assert len(sections) >= 2 and {anchor for _, _, anchor in links} == sections  # each issuer that names departments
    for name, target, anchor in links:
        assert f"{{#{anchor}}}" in pages[target], (name, target, anchor)
        assert target != "departments.md"  # with one issuer a page, each sits on a page of its bucket
