"""Years index, issuers, year-over-year comparison, related tasks, glossary, departments."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import quote

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import FIXTURES, build_site

YEAR_FIXTURE = FIXTURES / "year-over-year"
EXPECTED = yaml.safe_load((FIXTURES / "year-over-year-expected.yml").read_text(encoding="utf-8"))


def soup_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def two_year_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("two-year-site"), YEAR_FIXTURE)


def test_comparison_finds_the_known_matches(two_year_site):
    report = two_year_site.report
    later = next(n for n in report.notices if n.year == 2025)
    from build_scripts.enrich.links import build_graph
    comparison = build_graph(report.notices).comparisons[later.id]
    assert {new.number: old.number for new, old, _ in comparison.pairs} == EXPECTED["continued"]
    assert [i.number for i in comparison.new] == EXPECTED["new"]
    assert [i.number for i in comparison.dropped] == EXPECTED["dropped"]


def test_comparison_is_on_both_notice_pages_with_links_both_ways(two_year_site):
    notices = {n.year: n for n in two_year_site.report.notices}
    later, earlier = notices[2025], notices[2024]
    later_page = soup_of(two_year_site.site / "notices" / f"{later.id}.html")
    earlier_page = soup_of(two_year_site.site / "notices" / f"{earlier.id}.html")
    comparison = later_page.find(id="compare").find_next_sibling(class_="comparison")
    hrefs = [a["href"] for a in comparison.select("a")]
    for new, old in EXPECTED["continued"].items():
        assert f"#task-{new}" in " ".join(hrefs) and f"{earlier.id}.html#task-{old}" in hrefs
    for old in EXPECTED["dropped"]:
        assert f"{earlier.id}.html#task-{old}" in hrefs
    # The 2025 task links back to its 2024 counterpart, the 2024 task forward to its successor.
    new, old = next(iter(EXPECTED["continued"].items()))
    back = later_page.find(id=f"task-{new}").find_next_sibling(class_="task-links")
    assert f"{earlier.id}.html#task-{old}" in [a["href"] for a in back.select("a")]
    forward = earlier_page.find(id=f"task-{old}").find_next_sibling(class_="task-links")
    assert f"{later.id}.html#task-{new}" in [a["href"] for a in forward.select("a")]
    # Previous / next plan of the same issuer.
    assert later_page.select_one(f".plan-links a[href='{earlier.id}.html']")
    assert earlier_page.select_one(f".plan-links a[href='{later.id}.html']")


def test_issuer_page_shows_plans_and_the_comparison(two_year_site):
    issuer_pages = [p for p in (two_year_site.site / "issuers").glob("*.html") if p.name != "index.html"]
    assert len(issuer_pages) == 1
    page = soup_of(issuer_pages[0])
    assert page.find(id="compare-2025") is not None
    assert len(page.select_one("article table").select("tbody tr")) == 2
    # Targets followed from 2024 to 2025 where the tasks match: two cells in a row, linked to both plans.
    targets = page.find(id="targets").find_next(class_="targets-table")
    rows = targets.select("tbody tr")
    assert rows and all(len(row.select("a")) == 2 for row in rows)
    text = page.select_one("article").get_text()
    counts = (len(EXPECTED["continued"]), len(EXPECTED["new"]), len(EXPECTED["dropped"]))
    assert "延续 {} 处，新增 {} 项，不再列出 {} 项".format(*counts) in text


def test_issuer_page_compares_the_latest_plans_themes_with_its_previous_plan(two_year_site):
    from collections import Counter
    notices = {n.year: n for n in two_year_site.report.notices}
    names = {t.slug: t.name for t in two_year_site.report.vocabulary.themes}
    page = soup_of(next(p for p in (two_year_site.site / "issuers").glob("*.html") if p.name != "index.html"))
    label = page.select_one("figure.emphasis svg")["aria-label"]
    shares = {year: Counter(s for i in n.items for s in i.themes) for year, n in notices.items()}
    top = sorted(shares[2025], key=lambda s: (-shares[2025][s], s))[:8]
    expected = "；".join(f"{names[s]} 2025年 {shares[2025][s] / len(notices[2025].items) * 100:.1f}%，"
                        f"2024年 {shares[2024][s] / len(notices[2024].items) * 100:.1f}%" for s in top)
    assert label == f"本机关各主题任务占比：2025年与2024年相比：{expected}"
    assert page.select_one("figure.emphasis").find_previous("p").select_one("a")["href"] == "../years.html#theme-year"


def test_years_page_theme_year_table_counts_and_links(corpus_site):
    page = soup_of(corpus_site.site / "years.html")
    table = page.select_one("table.theme-year-table")
    assert table.caption is not None and table.select("thead th[scope=col]")
    heads = [th.get_text() for th in table.select("thead th[scope=col]")]
    assert heads[-1] == "占比变化"
    years = [int(text) for text in heads[1:-1]]
    counts = Counter((slug, n.year) for n in corpus_site.report.notices for i in n.items for slug in i.themes)
    vocabulary = corpus_site.report.vocabulary
    rows = table.select("tbody tr:not(.group)")
    assert len(rows) == len(vocabulary.themes)
    for row, theme in zip(rows, [t for g in vocabulary.groups for t in vocabulary.themes if t.group == g]):
        assert row.th["scope"] == "row" and row.th.get_text() == theme.name
        for cell, year in zip(row.select("td"), years):
            count = counts.get((theme.slug, year), 0)
            link = cell.select_one("a")
            if count:
                assert link.get_text() == str(count) and link["href"] == f"themes/{theme.slug}.html#year-{year}"
                assert soup_of(corpus_site.site / "themes" / f"{theme.slug}.html").find(id=f"year-{year}")
                assert cell["class"] != ["shade-0"]
            else:
                assert link is None and cell["class"] == ["shade-0"]
        # The theme's share of each year's tasks, drawn as a line whose name states every number.
        totals = Counter(n.year for n in corpus_site.report.notices for _ in n.items)
        label = row.select("td")[-1].select_one("svg.sparkline")["aria-label"]
        for year in years:
            assert f"{year}年 {counts.get((theme.slug, year), 0) / totals[year] * 100:.1f}%" in label
    shares = page.select_one("details.theme-shares table")
    assert len(shares.select("tbody tr")) == len(vocabulary.themes)
    year_links = {a.get_text(): a["href"] for a in page.select("article table:not(.theme-year-table) a")}
    assert year_links == {f"{year}年": f"notices/year-{year}.html" for year in years}


def test_related_tasks_are_from_other_notices_and_make_sense(corpus_site):
    from build_scripts.enrich.links import build_graph
    graph = build_graph(corpus_site.report.notices)
    for key, related in graph.related.items():
        assert len(related) <= 5
        assert all(ref.notice_id != key.split("#")[0] for ref, _ in related)
    preschool = {ref.key for ref, _ in graph.related["2024-minhang-000#task-14"]}
    assert {"2022-hongkou-002#task-14", "2024-baoshan-004#task-13"} <= preschool
    shuangjian = {ref.key for ref, _ in graph.related["2022-hongkou-002#task-7"]}
    assert {"2022-xx-city-001#task-2-1", "2024-minhang-000#task-13"} <= shuangjian


def test_each_notice_piece_lists_its_related_tasks_and_every_address_lands_on_a_task(corpus_site):
    """The related lists live in a piece per notice (the page's script fills them): the piece holds
    the graph's lists, in order, and each address is a task anchor of a built notice page."""
    import json

    from build_scripts.enrich.links import build_graph
    graph = build_graph(corpus_site.report.notices)
    for notice in corpus_site.report.notices:
        page = soup_of(corpus_site.site / "notices" / f"{notice.id}.html")
        assert page.select_one(".related-source")["data-related"] == f"../related/{notice.id}.js"
        assert [box["data-task"] for box in page.select(".related-tasks")] == [i.anchor for i in notice.items]
        text = (corpus_site.site / "related" / f"{notice.id}.js").read_text(encoding="utf-8")
        assert text.startswith("workplansRelated(") and text.endswith(");\n")
        lists = json.loads(text[len("workplansRelated("):-len(");\n")])
        expected = {i.anchor: [f"{r.notice_id}.html#{r.anchor}" for r, _ in graph.related[f"{notice.id}#{i.anchor}"]]
                    for i in notice.items if graph.related.get(f"{notice.id}#{i.anchor}")}
        assert {anchor: [address for address, _ in entries] for anchor, entries in lists.items()} == expected
        for entries in lists.values():
            for address, label in entries:
                target, anchor = address.split("#")
                assert soup_of(corpus_site.site / "notices" / target).find(id=anchor) is not None, address
                assert label.startswith(graph.notice(target[:-len(".html")]).title + " · ")


def test_glossary_lists_shared_terms_with_first_year_and_is_linked_from_notices(corpus_site):
    page = soup_of(corpus_site.site / "glossary.html")
    heading = next(h for h in page.select("article h2") if "“双减”" in h.get_text())
    section_text = heading.find_next_sibling("p").get_text()
    assert "最早见于 2022年" in section_text
    users = {(n.id, i.anchor) for n in corpus_site.report.notices for i in n.items if "“双减”" in i.text}
    listed = {tuple(a["href"].split("notices/")[1].replace(".html", "").split("#"))
              for a in heading.find_next_sibling(class_="term-uses").select("a[href*='#task-']")}
    assert listed == users
    for h2 in page.select("article h2"):
        assert len(h2.find_next_sibling(class_="term-uses").select("a[href*='#task-']")) >= 2
    notice = soup_of(corpus_site.site / "notices" / "2022-hongkou-002.html")
    term_links = [a for a in notice.select("article p a[href*='glossary.html#term-']") if a.get_text() == "双减"]
    assert term_links and term_links[0]["href"].endswith(heading["id"])


def test_departments_index_counts_each_departments_tasks_and_links_to_them(corpus_site):
    page = soup_of(corpus_site.site / "departments.html")
    hongkou = next(n for n in corpus_site.report.notices if n.id == "2022-hongkou-002")
    section = page.find(id="上海市虹口区教育局").find_next("table")
    row = next(tr for tr in section.select("tbody tr") if tr.td.get_text() == "办公室")
    link = row.select_one("a")
    expected = [i for i in hongkou.items if "办公室" in i.departments]
    assert link.get_text() == str(len(expected)) and len(expected) >= 3
    assert link["href"] == "search.html?department=%E5%8A%9E%E5%85%AC%E5%AE%A4&issuer=" + quote("上海市虹口区教育局")


def test_navigation_has_the_sections_a_newcomer_expects(corpus_site):
    page = soup_of(corpus_site.site / "index.html")
    top_level = page.select("nav.md-nav--primary > ul > li")
    labels = [re.sub(r"\s+", "", li.select_one(".md-nav__link").get_text()) for li in top_level]
    assert labels == ["首页", "搜索", "文件", "主题", "年度索引", "任意两份对照", "发布机关", "工作名称", "责任部门",
                      "数据下载", "关于本站"]
