"""Year over year in a real browser: what is new, redlines, the side-by-side page and the
"any two plans" page, served under a sub-path and from file:// (tests/documents/edits.py
makes the plans; their matches are known)."""

from __future__ import annotations

import pytest

from build_scripts.model import MatchStatus

from .test_browser import MODES, clean_browser, hosted  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def later_plan(site, issuer_part: str):
    return next(n for n in site.report.notices if "edited" in n.id and issuer_part in n.id)


@pytest.mark.parametrize("mode", MODES)
def test_what_is_new_counts_lead_to_their_lists_and_the_redline_opens(clean_browser, comparison_site, mode):
    notice = later_plan(comparison_site, "minhang")
    page = clean_browser.page
    with hosted(comparison_site.site, mode, clean_browser) as base:
        page.goto(base + f"notices/{notice.id}.html")
        summary = page.locator(".whats-new")
        assert "新增 2 项" in summary.inner_text() and "不再列出 2 项" in summary.inner_text()
        for anchor in ("compare-new", "compare-continued", "compare-dropped", "compare-targets"):
            summary.locator(f"a[href='#{anchor}']").click()
            assert page.evaluate("location.hash") == f"#{anchor}"
            assert page.locator(f"[id='{anchor}']").is_visible()
        new_items = page.locator("#compare-new + ul li a")
        assert new_items.count() == 2
        redline = page.locator("details.redline").first
        assert redline.get_attribute("open") is None and not redline.locator("del, ins").first.is_visible()
        redline.locator("summary").click()
        assert redline.locator("del").first.is_visible() or redline.locator("ins").first.is_visible()
        assert "删除：" in redline.locator("del .visually-hidden").first.text_content() or \
            "新增：" in redline.locator("ins .visually-hidden").first.text_content()
        summary.locator("a.side-by-side-link").click()
        page.wait_for_load_state()
        assert page.url.split("#")[0].endswith(f"compare/{notice.id}.html")


@pytest.mark.parametrize("mode", MODES)
def test_side_by_side_aligns_matches_and_keeps_new_and_dropped_in_place(clean_browser, comparison_site, mode):
    notice = later_plan(comparison_site, "hongkou")
    comparison = comparison_site.graph().comparisons[notice.id]
    with hosted(comparison_site.site, mode, clean_browser) as base:
        clean_browser.page.goto(base + f"compare/{notice.id}.html")
        table = clean_browser.page.locator("table.side-by-side")
        rows = table.locator("tbody tr:not(.section-row)")
        assert rows.count() == len(comparison.matches) + len(comparison.new) + len(comparison.dropped)
        assert table.locator("tr.new").count() == len(comparison.new) == 2
        assert table.locator("tr.dropped").count() == len(comparison.dropped) == 2
        badges = table.locator(".match-badge").all_inner_texts()
        assert badges.count("调整了所在部分") == sum(m.moved for m in comparison.matches) == 2
        assert badges.count("合并") == 1 and badges.count("拆分") == 1
        # Each row links both tasks; the right-hand link of a continued row lands on its task.
        first = table.locator("tr.changed").first
        first.locator("td").nth(1).locator(".task-head a").first.click()
        clean_browser.page.wait_for_load_state()
        assert f"notices/{notice.id}.html#task-" in clean_browser.page.url


@pytest.mark.parametrize("mode", MODES)
def test_any_two_plans_are_matched_in_the_browser_and_the_address_can_be_shared(clean_browser, comparison_site, mode):
    earlier = next(n for n in comparison_site.report.notices if n.id == "2024-minhang-000")
    later = later_plan(comparison_site, "minhang")
    page = clean_browser.page
    with hosted(comparison_site.site, mode, clean_browser) as base:
        page.goto(base + "compare/index.html")
        page.select_option("#wp-compare-issuer-a", label=earlier.issuer)
        page.select_option("#wp-compare-notice-a", value=earlier.id)
        page.select_option("#wp-compare-issuer-b", label=later.issuer)
        page.select_option("#wp-compare-notice-b", value=later.id)
        page.get_by_role("button", name="对照").click()
        table = page.locator("#wp-compare-result table.side-by-side")
        table.wait_for()
        expected = comparison_site.graph().comparisons[later.id]
        assert table.locator("tr.new").count() == len(expected.new)
        assert table.locator("tr.dropped").count() == len(expected.dropped)
        assert table.locator("tr.changed, tr.unchanged").count() == len(expected.matches)
        assert "del" in table.inner_html() and "ins" in table.inner_html()
        shared = page.url
        assert f"a={earlier.id}" in shared and f"b={later.id}" in shared
        page.goto("about:blank")
        page.goto(shared)
        page.locator("#wp-compare-result table.side-by-side").wait_for()
        assert page.locator("#wp-compare-notice-b").input_value() == later.id
        # Two districts years apart: no server needed for a pair nobody precomputed.
        page.goto(base + "compare/index.html?a=2019-qingpu-003&b=2022-hongkou-002")
        page.locator("#wp-compare-result table.side-by-side").wait_for()
        assert page.locator("#wp-compare-result .wp-compare-summary").inner_text().startswith("新增")


def test_every_continued_pair_agrees_with_the_related_tasks(comparison_site):
    """The related-task lists never show the plans just before and after: a continued pair is
    linked as 上一年度对应 / 下一年度延续 and nowhere else, and a new task never lists a task of
    the previous plan as related."""
    graph = comparison_site.graph()
    checked = 0
    for later_id, comparison in graph.comparisons.items():
        for item in comparison.current.items:
            related = {ref.notice_id for ref, _ in graph.related.get(f"{later_id}#{item.anchor}", [])}
            assert comparison.previous.id not in related
            previous = item.previous
            match = comparison.match_of(item)
            if match is None:
                assert previous.status is MatchStatus.NEW and previous.anchors == []
            else:
                assert previous.anchors == [p.anchor for p in match.previous] and previous.status is match.status
                for old in match.previous:
                    successor = graph.successors[f"{comparison.previous.id}#{old.anchor}"]
                    assert successor[0] is comparison.current
                    checked += 1
    assert checked >= 100


def test_the_published_data_carries_each_tasks_match_and_targets(comparison_site):
    """data/notices.json: for every task of a plan with a predecessor, where it comes from (the same
    as the pages say) and its targets, valid against the published schema."""
    import json

    import jsonschema

    data = json.loads((comparison_site.site / "data" / "notices.json").read_text(encoding="utf-8"))
    schema = json.loads((comparison_site.site / "data" / "notices.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    published = {n["id"]: n for n in data["notices"]}
    graph = comparison_site.graph()
    for later_id, comparison in graph.comparisons.items():
        tasks = [t for s in published[later_id]["sections"] for t in s["items"]]
        for item, task in zip(comparison.current.items, tasks):
            match = comparison.match_of(item)
            assert task["previous"]["notice_id"] == comparison.previous.id
            assert task["previous"]["status"] == (match.status.value if match else "new")
            assert task["previous"]["anchors"] == ([p.anchor for p in match.previous] if match else [])
            assert [t["text"] for t in task["targets"]] == [t.text for t in item.targets]
    first_plans = [n for n in data["notices"] if n["id"] not in graph.comparisons]
    assert all(t["previous"] is None for n in first_plans for s in n["sections"] for t in s["items"])
    assert sum(len(t["targets"]) for n in data["notices"] for s in n["sections"] for t in s["items"]) > 50
