"""Collections as users gather them: one name per issuer, duplicates built once, excerpts
never compared as complete, sidecars that settle what they answer."""

from __future__ import annotations

import shutil

import pytest

from build_scripts.enrich.issuers import IssuerAliasError
from build_scripts.enrich.links import build_graph
from build_scripts.model import DiagnosticKind, Level
from build_scripts.pipeline import load_corpus
from build_scripts.render.notice_page import PageContext, render_notice_page
from build_scripts.render.overview_pages import render_comparison

from .conftest import SOURCES


def plan(year: int, issuer_line: str, tasks: list[str], title: str | None = None) -> str:
    lines = [title or f"{year}年青浦区教育工作要点", issuer_line, f"{year}年是青浦教育改革发展的重要一年。", "一、重点工作"]
    lines += [f"{n}.{task}" for n, task in enumerate(tasks, start=1)]
    return "\n".join(lines) + "\n"


TASKS = ["推进学前教育普及普惠。新增公办幼儿园3所。", "促进义务教育优质均衡。完成两所学校改扩建。",
         "深化课程教学改革。推进项目化学习。", "推进教育数字化转型。建设智慧校园。",
         "深化体教融合。办好学生运动会。", "加强教师队伍建设。开展青年教师培训。"]


def test_a_region_its_bureau_and_short_names_are_one_issuer_and_one_series(tmp_path):
    (tmp_path / "a-2020.txt").write_text(plan(2020, "来源：上海市青浦区  发布时间：2020年2月1日", TASKS), encoding="utf-8")
    (tmp_path / "b-2021.txt").write_text(plan(2021, "", TASKS, "上海市青浦区教育局2021年工作要点"), encoding="utf-8")
    (tmp_path / "c-2022.txt").write_text(plan(2022, "", TASKS, "青浦区教育局2022年工作要点"), encoding="utf-8")
    report = load_corpus(tmp_path)
    assert {n.id: n.issuer for n in report.notices} == {
        "a-2020": "上海市青浦区教育局", "b-2021": "上海市青浦区教育局", "c-2022": "上海市青浦区教育局"}
    renamed = [d for n in report.notices for d in n.diagnostics if d.kind is DiagnosticKind.ISSUER]
    assert len(renamed) == 2 and all(d.level is Level.INFO and "issuers.yml" in d.message for d in renamed)
    graph = build_graph(report.notices)
    assert graph.previous["c-2022"].id == "b-2021" and graph.previous["b-2021"].id == "a-2020"


def test_issuers_yml_decides_names_the_rules_would_not(tmp_path):
    (tmp_path / "a-2020.txt").write_text(plan(2020, "来源：青浦教育  发布时间：2020年2月1日", TASKS), encoding="utf-8")
    (tmp_path / "b-2021.txt").write_text(plan(2021, "", TASKS, "上海市青浦区教育局2021年工作要点"), encoding="utf-8")
    (tmp_path / "issuers.yml").write_text("上海市青浦区教育局:\n  - 青浦教育\n", encoding="utf-8")
    report = load_corpus(tmp_path)
    assert {n.issuer for n in report.notices} == {"上海市青浦区教育局"}
    assert not report.skipped and not [d for d in report.diagnostics if d.kind is DiagnosticKind.SOURCE]


def test_a_name_under_two_issuers_in_issuers_yml_is_an_error_with_its_line(tmp_path):
    shutil.copy(SOURCES / "2024-baoshan-004.txt", tmp_path)
    (tmp_path / "issuers.yml").write_text("甲区教育局:\n  - 甲区\n乙区教育局:\n  - 甲区\n", encoding="utf-8")
    with pytest.raises(IssuerAliasError) as error:
        load_corpus(tmp_path)
    assert "issuers.yml:3: '甲区' is listed under both '甲区教育局' and '乙区教育局'" in str(error.value)


def test_plans_without_an_issuer_are_not_chained(tmp_path):
    for year, name in ((2020, "x"), (2021, "y")):
        text = f"{year}年工作要点\n一、重点工作\n" + "".join(f"{n}.{t}\n" for n, t in enumerate(TASKS, 1))
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    report = load_corpus(tmp_path)
    assert {n.issuer for n in report.notices} == {None}
    graph = build_graph(report.notices)
    assert graph.previous == {} and graph.following == {} and graph.comparisons == {}


def test_the_same_notice_twice_is_built_once_with_a_warning_naming_both(tmp_path):
    shutil.copy(SOURCES / "2024-baoshan-004.txt", tmp_path / "a.txt")
    shutil.copy(SOURCES / "2024-baoshan-004.txt", tmp_path / "b.txt")
    text = (SOURCES / "2019-qingpu-003.txt").read_text(encoding="utf-8")
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    (tmp_path / "d.txt").write_text(text.replace("\n", "\n\n"), encoding="utf-8")  # same text, spaced
    report = load_corpus(tmp_path)
    assert sorted(n.id for n in report.notices) == ["a", "c"]
    messages = [str(d) for d in report.warnings]
    assert any("b.txt is the same notice (the same 文号 宝教〔2024〕1号): built once, from a.txt" in m for m in messages)
    assert any("d.txt is the same notice (the same text): built once, from c.txt" in m for m in messages)
    assert set(report.originals) == {"a", "c"}


def test_a_near_duplicate_is_warned_and_a_sidecar_settles_it(tmp_path):
    (tmp_path / "draft.txt").write_text(plan(2024, "", TASKS, "2024年青浦区教育工作要点（征求意见稿）"), encoding="utf-8")
    final = plan(2024, "", TASKS[:5] + ["加强教师队伍建设。开展骨干教师培训。"], "2024年青浦区教育工作要点")
    (tmp_path / "final.txt").write_text(final.replace("重要一年", "关键一年"), encoding="utf-8")
    report = load_corpus(tmp_path)
    near = [d for d in report.warnings if d.kind is DiagnosticKind.DUPLICATE]
    assert len(near) == 1 and "nearly the same as draft.txt: 6 of 6 task titles" in near[0].message
    assert "distinct_from: draft.txt' in final.yml" in near[0].message
    (tmp_path / "final.yml").write_text("distinct_from: draft.txt\n", encoding="utf-8")
    report = load_corpus(tmp_path)
    assert not [d for d in report.warnings if d.kind is DiagnosticKind.DUPLICATE]
    assert next(n for n in report.notices if n.id == "draft").draft


def test_an_excerpt_is_marked_and_never_reported_as_dropping_tasks(tmp_path):
    (tmp_path / "a-2023.txt").write_text(plan(2023, "", TASKS), encoding="utf-8")
    cut = plan(2024, "", TASKS).rstrip("\n")
    (tmp_path / "b-2024.txt").write_text(cut[: cut.index("推进教育数字化转型") + 6] + "\n", encoding="utf-8")
    report = load_corpus(tmp_path)
    later = next(n for n in report.notices if n.id == "b-2024")
    assert later.excerpt and [d.level for d in later.diagnostics if d.kind is DiagnosticKind.EXCERPT] == [Level.INFO]
    graph = build_graph(sorted(report.notices, key=lambda n: n.id))
    comparison = graph.comparisons["b-2024"]
    assert comparison.dropped == [] and len(comparison.matches) >= 3  # the other tasks are not "dropped"
    text = str(render_comparison(comparison, __import__("build_scripts.addresses", fromlist=["x"]).notice_page("b")))
    assert "本文件为节选" in text and "不再列出 " not in text
    page = str(render_notice_page(later, PageContext(graph=graph)))
    assert "<dt>文本完整性</dt><dd>节选" in page
    assert later.to_dict()["excerpt"] is True


def test_a_sidecar_url_shows_as_the_source_and_a_bad_one_is_named(tmp_path):
    shutil.copy(SOURCES / "2024-baoshan-004.txt", tmp_path / "a.txt")
    (tmp_path / "a.yml").write_text("url: https://www.shbsq.gov.cn/a?id=1&x=\"2\"\nterm: 第一学期\n", encoding="utf-8")
    notice = load_corpus(tmp_path).notices[0]
    assert notice.url == 'https://www.shbsq.gov.cn/a?id=1&x="2"' and notice.term == "第一学期"
    page = str(render_notice_page(notice))
    assert '<dt>来源</dt><dd><a href="https://www.shbsq.gov.cn/a?id=1&amp;x=&#34;2&#34;">' in page
    (tmp_path / "a.yml").write_text("url: javascript:alert(1)\n", encoding="utf-8")
    report = load_corpus(tmp_path)
    assert report.notices[0].url is None
    assert any("'url': expected the page's address" in str(d) and d.line == 1 for d in report.warnings)


def test_a_page_saved_as_text_loses_the_sites_furniture_and_keeps_its_metadata(tmp_path):
    (tmp_path / "saved.txt").write_text("\n".join([
        "返回上一级字号打印", "2024年示范区教育局工作要点2024-02-21", "来源：上海市示范区教育局  发布时间：2024年2月21日",
        "浏览次数：1234次", "2024年是示范区教育改革的关键一年。", "一、重点工作", *[f"{n}.{t}" for n, t in enumerate(TASKS, 1)],
        "【打印正文】上一篇：关于做好寒假工作的通知 下一篇：关于公布评审结果的公示"]) + "\n", encoding="utf-8")
    notice = load_corpus(tmp_path).notices[0]
    assert (notice.title, notice.issuer, notice.year) == ("2024年示范区教育局工作要点", "上海市示范区教育局", 2024)
    assert notice.preamble == ["2024年是示范区教育改革的关键一年。"]
    assert notice.items[-1].paragraphs == ["开展青年教师培训。"]
    assert {d.text for d in notice.dropped} == {
        "返回上一级字号打印", "浏览次数：1234次", "【打印正文】上一篇：关于做好寒假工作的通知 下一篇：关于公布评审结果的公示"}


def test_a_title_without_the_usual_words_is_the_first_line_not_the_file_name(tmp_path):
    (tmp_path / "f.txt").write_text("示范区教育局2024年重点任务清单\n一、重点工作\n"
                                    + "".join(f"{n}.{t}\n" for n, t in enumerate(TASKS, 1)), encoding="utf-8")
    notice = load_corpus(tmp_path).notices[0]
    assert notice.title == "示范区教育局2024年重点任务清单" and notice.year == 2024
    titles = [d for d in notice.diagnostics if d.kind is DiagnosticKind.TITLE]
    assert [(d.level, d.line) for d in titles] == [(Level.INFO, 1)]
