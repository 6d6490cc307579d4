"""Sources made by an attacker (tests/hostile.py), built beside the five real notices.

Every hostile file either builds as a notice whose page shows its text as text, or is skipped
with a message that names it and says why; the five notices build complete; nothing outside
sources/ reaches the site; no page, script piece, feed or data file lets source text act as
markup or code, checked in chromium on every page, head included; each file's reading stays
within a time and memory budget.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from build_scripts.model import printable

from .conftest import ROOT, SOURCES, build_site
from .hostile import SECRET, VECTORS, numbering_flood, write_hostile_sources

# A source's reading (read → parse → tag, one file) must stay within these, whatever it holds.
TIME_BUDGET_S = 60
MEMORY_BUDGET = 2 * 1024 ** 3
CANARY = "WORKPLANS-ENVIRONMENT-CANARY-7731"  # in the build's environment: must never be published
RAW_VECTORS = ("<img src=x", "<script>alert", "<svg onload", "<iframe srcdoc", "</title><script")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    sources = folder / "sources"
    cases = write_hostile_sources(sources, folder / "outside")
    for path in SOURCES.iterdir():
        shutil.copy(path, sources / path.name)
    themes = sources / "themes.yml"  # a theme's name and a group's, shown in every page's navigation
    themes.write_text(themes.read_text(encoding="utf-8")
                      .replace("name: 学前教育与托育", "name: '学前教育<img src=x onerror=alert(21)>与托育'")
                      .replace("学段", "学段<svg onload=alert(22)>"), encoding="utf-8")
    return sources, cases


@pytest.fixture(scope="module")
def hostile_site(hostile, tmp_path_factory):
    sources, cases = hostile
    os.environ[CANARY] = CANARY
    try:
        site = build_site(tmp_path_factory.mktemp("hostile-site"), sources, strict=False)
    finally:
        del os.environ[CANARY]
    return site, cases


def test_each_hostile_file_builds_or_is_named_with_its_reason(hostile_site):
    site, cases = hostile_site
    skipped = {s.name: s.reason for s in site.report.skipped}
    built = {n.source: n for n in site.report.notices}
    for case in cases:
        if case.builds:
            assert case.file in built, f"{case.file} ({case.what}) should build: {skipped.get(case.file)}"
            page = (site.site / "notices" / f"{built[case.file].id}.html").read_text(encoding="utf-8")
            assert case.marker in page, f"{case.file}: {case.marker} not on its page"
        else:
            assert case.file in skipped, f"{case.file} ({case.what}) should be skipped with a message"
            for words in case.message:
                assert words in skipped[case.file], f"{case.file}: '{words}' not in: {skipped[case.file]}"
            assert "builder" not in skipped[case.file], f"{case.file} failed unexpectedly: {skipped[case.file]}"
    # the MkDocs log names every skipped file, and --strict fails on them
    for name in skipped:
        assert f"skipped {printable(name)}" in site.mkdocs_output
    assert site.report.failed(strict=True)


def test_the_five_notices_build_complete_beside_them(hostile_site, corpus):
    site, _ = hostile_site
    built = {n.source: n for n in site.report.notices}
    for notice in corpus.notices:
        mine = built[notice.source]
        assert [i.anchor for i in mine.items] == [i.anchor for i in notice.items]
        page = (site.site / "notices" / f"{mine.id}.html").read_text(encoding="utf-8")
        for item in notice.items:
            assert f'id="{item.anchor}"' in page


def test_nothing_outside_sources_is_published(hostile_site):
    site, _ = hostile_site
    for folder in (site.site, site.markdown):
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert SECRET.encode() not in data and CANARY.encode() not in data, path


def test_no_output_lets_source_text_act(hostile_site):
    """HTML: no vector raw anywhere. Script pieces: no '<' at all (written \\u003c) and no raw
    U+2028/2029. The feed is well-formed XML. notices.json holds no control character."""
    site, _ = hostile_site
    for path in site.site.rglob("*"):
        if path.suffix == ".html":  # originals' views included (a saved page's own HTML is served as .html.txt)
            text = path.read_text(encoding="utf-8")
            for vector in RAW_VECTORS:
                assert vector not in text, f"{path.relative_to(site.site)}: {vector}"
            assert "\x00" not in text and "\x1b" not in text, path
        elif path.suffix == ".js" and path.parent.name != "javascripts" and "assets" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert "<" not in text and "\u2028" not in text and "\u2029" not in text, path
    ET.parse(site.site / "data" / "feed.xml")
    data = (site.site / "data" / "notices.json").read_text(encoding="utf-8")
    json.loads(data)
    assert not re.search(r"\\u00[01][0-9a-f]|\\u007f", data), "a control character in notices.json"


def test_hostile_plans_are_compared_year_over_year(hostile_site):
    site, _ = hostile_site
    pages = [p for p in (site.site / "compare").glob("*.html") if "前一年第" in p.read_text(encoding="utf-8")]
    assert pages, "no comparison page shows the hostile plan of 2023 (the chromium test visits every page)"


def test_vectors_are_shown_as_text(hostile_site):
    site, _ = hostile_site
    notice = next(n for n in site.report.notices if n.source == "2024-hostile-sidecar.txt")
    assert notice.title == "2024年测试区" + VECTORS[1] + "教育局工作要点"
    head = (site.site / "notices" / f"{notice.id}.html").read_text(encoding="utf-8").split("</head>")[0]
    assert "<title>2024年测试区&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;教育局工作要点 - " in head


# --- each file's cost --------------------------------------------------------------------

def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BUDGET, MEMORY_BUDGET))


@pytest.mark.slow
def test_every_file_is_read_within_its_budget(hostile):
    """One process per file, as the CLI parses it: it ends within the time and memory budget
    with a notice or a message naming the file, never a traceback."""
    sources, cases = hostile

    def parse(case):
        return case, subprocess.run([sys.executable, "-m", "build_scripts", "parse", case.file], cwd=sources,
                                    capture_output=True, text=True, timeout=TIME_BUDGET_S, preexec_fn=_limit_memory,
                                    env={**os.environ, "PYTHONPATH": str(ROOT)})

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(parse, cases))
    for case, result in results:
        assert "Traceback" not in result.stderr, f"{case.file}:\n{result.stderr[-2000:]}"
        if case.builds:  # (a sidecar's trouble is a warning: the CLI still prints the notice)
            assert result.returncode == 0 and case.marker in result.stdout, f"{case.file}: {result.stderr[-500:]}"
        else:
            assert result.returncode and printable(case.file) in result.stderr, f"{case.file}: {result.stderr[-500:]}"
            for words in case.message:
                assert words in result.stderr, f"{case.file}: '{words}' not in {result.stderr[-500:]}"


@pytest.mark.slow
def test_a_file_larger_than_memory_is_never_read_whole(tmp_path):
    """Sparse files of 3 GB (a .txt over its limit, a video): the build, cache fingerprint included,
    stays within the memory budget and names both."""
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SOURCES / "2024-minhang-000.txt", sources)
    for name in ("2024-sparse.txt", "lecture.mp4"):
        with open(sources / name, "wb") as file:
            file.truncate(3 * 1024 ** 3)
    result = subprocess.run([sys.executable, "-m", "build_scripts", "build", "--sources", str(sources),
                             "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")], cwd=tmp_path,
                            capture_output=True, text=True, timeout=TIME_BUDGET_S, preexec_fn=_limit_memory,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-2000:]
    output = result.stdout + result.stderr
    assert "SKIPPED 2024-sparse.txt: over 10 MB" in output and "SKIPPED lecture.mp4: not a notice" in output
    assert "Built 1 notice(s)" in output


def test_the_parser_is_linear_in_the_number_of_tasks():
    """20,000 and 100,000 tasks all numbered "1." (anchors task-1, task-1-2, …): five times the
    tasks take at most about five times as long (it took minutes, counting up from 1 each time)."""
    import time
    from build_scripts.parse.notice import parse_text

    def seconds(tasks: int) -> float:
        text = numbering_flood(tasks)
        start = time.perf_counter()
        notice = parse_text(text, "x.txt", "x", {})
        elapsed = time.perf_counter() - start
        assert len({i.anchor for i in notice.items}) == len(notice.items) == tasks + 3
        return elapsed

    small, large = seconds(20_000), seconds(100_000)
    assert large < 10 * small + 1, (small, large)


# --- in chromium -------------------------------------------------------------------------

INJECTED = r"""() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    if (el.matches("img[src='x'], svg[onload], iframe[srcdoc]")) found.push(el.outerHTML.slice(0, 80));
    for (const attribute of el.attributes)
      if (attribute.name.startsWith("on") && /alert/.test(attribute.value)) found.push(el.outerHTML.slice(0, 80));
  }
  for (const script of document.scripts) if (/alert\(/.test(script.textContent)) found.push("script: " + script.textContent.slice(0, 80));
  return found;
}"""


@pytest.mark.browser
def test_no_page_runs_or_holds_injected_markup_in_chromium(browser, hostile_site):
    """Every page of the site, head included (the title, the header, the navigation, the
    description), from file://: no dialog opens, no injected element exists, no page error."""
    site, _ = hostile_site
    dialogs: list[str] = []
    browser.page.on("dialog", lambda dialog: (dialogs.append(f"{browser.page.url}: {dialog.message}"), dialog.dismiss()))
    browser.console_errors.clear()
    pages = sorted(p for p in site.site.rglob("*.html") if "assets" not in p.parts)
    for path in pages:
        browser.page.goto(path.resolve().as_uri())
        browser.page.wait_for_load_state("load")
        injected = browser.page.evaluate(INJECTED)
        assert not injected, f"{path.relative_to(site.site)}: {injected}"
    assert not dialogs, dialogs
    assert not browser.external_requests, browser.external_requests
    assert not [e for e in browser.console_errors if "alert" in e], browser.console_errors


@pytest.mark.browser
def test_the_scripts_survive_hostile_addresses(browser, hostile_site):
    """A prototype key as a notice (?a=constructor) and a malformed fragment (#%E0%A4%A)."""
    site, _ = hostile_site
    base = site.site.resolve().as_uri() + "/"
    browser.console_errors.clear()
    hostile_ids = [n.id for n in site.report.notices if n.source.startswith("2024-hostile")]
    dialogs: list[str] = []
    browser.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for query in ("测试区", "深化理论学习", "alert", "img"):  # results show hostile titles, headings and texts
        browser.page.goto(base + f"search.html?q={query}")
        browser.wait_for_results()
        assert not browser.page.evaluate(INJECTED), query
    browser.page.goto(base + f"compare/index.html?a={hostile_ids[0]}&b={hostile_ids[1]}")
    browser.page.wait_for_selector("text=深化理论学习", timeout=30_000)
    assert not browser.page.evaluate(INJECTED)
    assert not dialogs, dialogs
    browser.page.goto(base + "compare/index.html?a=constructor&b=toString")
    browser.page.wait_for_selector("text=请在左右两栏各选择一份文件")
    browser.page.goto(base + "search.html?q=x&hl=x#%E0%A4%A")
    browser.page.wait_for_selector("form.wp-search-form")
    notice = next(n for n in site.report.notices if n.source == "2024-hostile-text.txt")
    browser.page.goto(base + f"notices/{notice.id}.html?hl=%E0%A4%A#%E0%A4%A")
    browser.page.wait_for_load_state("load")
    assert not browser.console_errors, browser.console_errors
