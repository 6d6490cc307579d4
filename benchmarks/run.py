"""Benchmark: synthesise N notices from the real corpus, build them, print one table.

    .venv/bin/python -m benchmarks.run                 # N = 100 and 1,000
    .venv/bin/python -m benchmarks.run --sizes 100 1000 5000 --bare-max 1000

For each N: our stages (read, parse, tag, link, write Markdown) with wall time and
peak memory, a no-change rebuild of our stages (parse cache warm), the real
``mkdocs build`` (the plugin runs the whole pipeline), the latency of ``mkdocs
serve`` after a source is edited and after one is added, the same Markdown built
with a bare MkDocs + Material config (every page in the navigation, no plugin),
the output sizes and the largest page, and the search: index size, bytes
downloaded before the first result, recall and precision. Each N runs in its own process so that peak memory is that
N's own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from build_scripts.cache import ParseCache
from build_scripts.pipeline import build_markdown, load_corpus, merge_markdown
from devtools.browser import free_port

ROOT = Path(__file__).resolve().parent.parent

DISTRICTS = ["黄浦", "徐汇", "长宁", "静安", "普陀", "虹口", "杨浦", "闵行", "宝山", "嘉定", "浦东新", "金山",
             "松江", "青浦", "奉贤", "崇明"]
NUMERALS = "一二三四五六七八九十"
SEED = 7


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# --- corpus synthesis --------------------------------------------------------------------

def corpus_pool():
    notices = load_corpus(ROOT / "sources").notices
    sections = [s.heading for n in notices for s in n.sections if s.heading]
    items = [i for n in notices for i in n.items]
    preambles = [p for n in notices for p in n.preamble]
    departments = sorted({d for i in items for d in i.departments}) or ["办公室"]
    return sections, items, preambles, departments


def synthesise(count: int, folder: Path) -> None:
    """``count`` notices made of the real corpus's sections and items, varied: issuers
    over districts and numbered areas, years 2015–2026, sentences shuffled and mixed."""
    pool = corpus_pool()
    rng = random.Random(SEED * 100003 + count)
    folder.mkdir(parents=True, exist_ok=True)
    issuers = [f"上海市{d}区教育局" for d in DISTRICTS]
    issuers += [f"示范{k}区教育局" for k in range(1, max(1, count // 8 - len(issuers)) + 1)]
    for index in range(count):
        issuer = issuers[index % len(issuers)]
        year = 2015 + (index // len(issuers)) % 12
        text = notice_text(rng, pool, issuer, year, index % 50 + 1)
        (folder / f"{year}-{index:05d}.txt").write_text(text, encoding="utf-8")


def added_notice(count: int, year: int) -> str:
    """The notice an incremental build adds to the collection of ``count``: made like the
    others (not a copy of one), by an issuer of its own, so that it neither duplicates nor
    continues a notice already there, of the collection's newest ``year`` (the first plan of a
    new year changes the navigation, which every page shows: that build is a full one)."""
    return notice_text(random.Random(SEED * 7919 + count), corpus_pool(), "上海市增补区教育局", year, 99)


def newest_year(sources: Path) -> int:
    return max(int(path.name[:4]) for path in sources.glob("*.txt"))


def notice_text(rng: random.Random, pool, issuer: str, year: int, number: int) -> str:
    sections, items, preambles, departments = pool
    title = f"{issuer}{year}年工作要点"
    lines = [f"{issuer[:2]}教〔{year}〕{number}号", f"{issuer}关于印发《{title}》的通知",
             "各中小学、幼儿园：", f"现将《{title}》印发给你们，请认真贯彻执行。", issuer,
             f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", title,
             re.sub(r"^\s*(19|20)\d{2}\s*年", f"{year}年", rng.choice(preambles))]
    task = 0
    for s in range(rng.randint(5, 8)):
        lines.append(f"{NUMERALS[s]}、{rng.choice(sections)}")
        for _ in range(rng.randint(3, 6)):
            task += 1
            item, other = rng.choice(items), rng.choice(items)
            sentences = [x + "。" for x in "".join(item.paragraphs).split("。") if x]
            rng.shuffle(sentences)
            sentences += [x + "。" for x in "".join(other.paragraphs).split("。") if x][:2]
            note = f"（责任科室：{'、'.join(rng.sample(departments, min(2, len(departments))))}）" \
                if rng.random() < 0.4 else ""
            lines.append(f"{task}.{item.title}{''.join(sentences)}{note}")
    return "\n".join(lines) + "\n"


# --- one size, in its own process ------------------------------------------------------

@contextmanager
def stage(results: dict, name: str):
    start = time.perf_counter()
    yield
    results[name] = {"seconds": time.perf_counter() - start, "peak_mb": peak_rss_mb()}


def args_search_max() -> int:
    return int(os.environ.get("BENCH_SEARCH_MAX", "1000"))


FIRST_RESULT_QUERIES = ("双减", "教师队伍", "办公室")


def search_figures(site: Path, sources: Path) -> dict:
    """Index size; the bytes a reader's browser downloads from opening the home page to the first
    result of a query typed in the header's box (HTML, styles, scripts, index pieces: the most of
    FIRST_RESULT_QUERIES, each in a fresh browser); the recall and precision of the query set
    (tests/search_queries.yml), through the site's own search client in headless chromium."""
    import yaml
    from playwright.sync_api import sync_playwright

    from build_scripts.render.search_index import normalise
    from devtools.browser import Browser, serve
    from devtools.search_probe import run_queries, task_text

    queries = [q for group in yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(
        encoding="utf-8")).values() for q in group]
    first_result = {}
    with sync_playwright() as playwright, serve(site, "/plans/") as base:
        for query in FIRST_RESULT_QUERIES:
            browser = Browser(playwright, Path(tempfile.mkdtemp()))
            received: list[int] = []
            browser.page.on("response", lambda response: received.append(len(response.body()))
                            if response.ok and response.request.method == "GET" else None)
            browser.page.goto(base + "index.html")
            browser.page.locator("#wp-header-q").fill(query)
            browser.page.locator("#wp-header-q").press("Enter")
            browser.page.wait_for_selector(".wp-tasks li", timeout=600_000)
            first_result[query] = sum(received)
            browser.close()
        browser = Browser(playwright, Path(tempfile.mkdtemp()))
        results = run_queries(browser, base, queries)
        browser.page.goto("about:blank")
        browser.close()
    notices = load_corpus(sources).notices
    found = expected_total = returned_total = 0
    for query in queries:
        expected = {f"notices/{n.id}.html#{i.anchor}" for n in notices for i in n.items
                    if normalise(query) in normalise(task_text(i))}
        returned = set(results[query])
        found += len(expected & returned)
        expected_total += len(expected)
        returned_total += len(returned)
    return {"index_bytes": tree_bytes(site / "search"), "first_result_bytes": max(first_result.values()),
            "first_result": first_result,
            "recall": found / max(expected_total, 1), "precision": found / max(returned_total, 1)}


def guarded_search_figures(site: Path, sources: Path) -> dict:
    """The figures, or why the browser could not give them (reported in the table)."""
    try:
        return search_figures(site, sources)
    except Exception as error:  # noqa: BLE001 - any browser failure is reported in the table
        return {"error": str(error).splitlines()[0][:80], "index_bytes": tree_bytes(site / "search")}


def largest_page(site: Path) -> tuple[int, str]:
    return max(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")), default=(0, ""))


def run_mkdocs(config: Path, env: dict, site_dir: Path | None = None, *flags: str) -> dict:
    """A real `mkdocs build` in a child process: wall time and the child's peak memory."""
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "r = subprocess.run(sys.argv[1:]); "
               "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024); "
               "sys.exit(r.returncode)")
    target = ["-d", str(site_dir)] if site_dir else []
    out = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "mkdocs", "build", "--strict",
                          "-f", str(config), *target, *flags], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"mkdocs build failed for {config}:\n{out.stderr[-3000:]}")
    seconds, peak = out.stdout.split()[-2:]
    return {"seconds": float(seconds), "peak_mb": float(peak)}


def project_config(project: Path) -> Path:
    """The project's own mkdocs.yml, inherited as it is."""
    config = project / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
                      f"theme:\n  custom_dir: {ROOT / 'overrides'}\n", encoding="utf-8")
    return config


def wait_for(url: str, needle: str, limit: float) -> float:
    """Seconds until ``url`` answers with ``needle`` in its body (polls; benchmark only)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if needle in response.read().decode("utf-8", "replace"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"mkdocs serve: {url} never showed {needle!r} within {limit:.0f} s")


def serve_latency(config: Path, env: dict, sources: Path) -> dict:
    """Seconds from editing (then adding) a source to ``mkdocs serve`` serving the new page."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                               "-f", str(config)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/edu-work-plans/"
    try:
        first = sorted(sources.glob("*.txt"))[0]
        result = {"first_build": wait_for(base + "index.html", "教育工作要点汇编", 3600)}
        text = first.read_text(encoding="utf-8")
        first.write_text(text.rstrip("\n") + "基准测试修改标记甲。\n", encoding="utf-8")
        result["edit"] = wait_for(base + f"notices/{first.stem}.html", "基准测试修改标记甲", 3600)
        year = newest_year(sources)
        added = sources / f"{year}-added-notice.txt"
        added.write_text(added_notice(len(list(sources.glob("*.txt"))), year), encoding="utf-8")
        result["add"] = wait_for(base + f"notices/{year}-added-notice.html", "增补", 3600)
        first.write_text(text, encoding="utf-8")
        added.unlink()
        return result
    finally:
        server.terminate()
        server.wait(timeout=60)


def measure_parts(sources: Path, work: Path) -> dict:
    """The collection built as two parts (issuers split in two, as two regions would be) and
    merged (``merge_markdown``): each part's own build, then the merge's link and write stages."""
    folders = [work / "part-sources-a", work / "part-sources-b"]
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    def issuer_of(path: Path) -> str:  # the notice's second line: "<issuer>关于印发《…》的通知"
        return path.read_text(encoding="utf-8").split("\n")[1].partition("关于印发")[0]

    issuers = {path.name: issuer_of(path) for path in sorted(sources.glob("*.txt"))}
    first_region = set(sorted(set(issuers.values()))[::2])
    for name, issuer in issuers.items():
        shutil.copy(sources / name, folders[issuer not in first_region] / name)
    result: dict = {"parts": []}
    for folder in folders:
        out = work / f"part-{folder.name[-1]}"
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        build_markdown(folder, out)
        result["parts"].append({"notices": len(list(folder.glob("*.txt"))), "seconds": time.perf_counter() - start})
    stages: dict = {}
    start = time.perf_counter()
    merge_markdown([work / "part-a", work / "part-b"], work / "merged", sources,
                   timer=lambda name: stage(stages, name))
    result["merge_seconds"] = time.perf_counter() - start
    result["merge_stages"] = stages
    return result


def measure(count: int, work: Path, bare: bool, site: bool = True) -> dict:
    sources = work / f"sources-{count}"
    if not sources.exists():
        synthesise(count, sources)
    project = work / f"project-{count}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir()
    config = project_config(project)
    markdown, cache = project / "markdown", project / "cache"
    result: dict = {"notices": count, "stages": {}}
    start = time.perf_counter()
    build_markdown(sources, markdown, ParseCache(cache), timer=lambda name: stage(result["stages"], name))
    result["ours_seconds"] = time.perf_counter() - start
    start = time.perf_counter()
    build_markdown(sources, markdown, ParseCache(cache))
    result["rebuild_seconds"] = time.perf_counter() - start
    result["sizes"] = {"markdown": tree_bytes(markdown)}
    if not site:  # our stages only (the MkDocs build of this N is beyond the session's time)
        return result
    result["parts"] = measure_parts(sources, project)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1",
           "WORKPLANS_SOURCES": str(sources), "WORKPLANS_MARKDOWN": str(markdown), "WORKPLANS_CACHE": str(cache)}
    site = project / "site"
    result["mkdocs"] = run_mkdocs(config, env, site)
    result["incremental"] = incremental_builds(config, env, site, sources)
    result["sizes"] |= {"site": tree_bytes(site), "search": tree_bytes(site / "search"),
                        "largest_page": largest_page(site)}
    if count <= args_serve_max():
        result["serve"] = serve_latency(config, env, sources)
    if count <= args_search_max():
        result["search"] = guarded_search_figures(site, sources)
    if bare:
        for page in (ROOT / "docs").glob("*.md"):  # the hand-written pages the generated ones link to
            shutil.copy(page, markdown / page.name)
        bare_config = project / "bare.yml"
        bare_config.write_text(
            f"site_name: bare\ndocs_dir: {markdown}\nsite_dir: site-bare\ntheme:\n  name: material\n  language: zh\n"
            "markdown_extensions: [attr_list, md_in_html, footnotes, tables, toc]\n", encoding="utf-8")
        result["bare"] = run_mkdocs(bare_config, env)
        result["bare"]["site"] = tree_bytes(project / "site-bare")
        shutil.rmtree(project / "site-bare")
    shutil.rmtree(site)
    return result


def args_serve_max() -> int:
    return int(os.environ.get("BENCH_SERVE_MAX", "0"))


def incremental_builds(config: Path, env: dict, site: Path, sources: Path) -> dict:
    """`mkdocs build --dirty` (what ./build.sh runs) after nothing changed, after one source was
    edited and after one was added; the sources are put back afterwards."""
    first = sorted(sources.glob("*.txt"))[0]
    text = first.read_text(encoding="utf-8")
    result = {"nothing": run_mkdocs(config, env, site, "--dirty")["seconds"]}
    first.write_text(text.rstrip("\n") + "基准测试修改标记甲。\n", encoding="utf-8")
    result["edit"] = run_mkdocs(config, env, site, "--dirty")["seconds"]
    year = newest_year(sources)
    added = sources / f"{year}-added-notice.txt"
    added.write_text(added_notice(len(list(sources.glob("*.txt"))), year), encoding="utf-8")
    result["add"] = run_mkdocs(config, env, site, "--dirty")["seconds"]
    first.write_text(text, encoding="utf-8")
    added.unlink()
    run_mkdocs(config, env, site, "--dirty")
    return result


# --- table -------------------------------------------------------------------------------

def mb(value: float) -> str:
    return f"{value / 1e6:,.1f} MB"


def _cell(cell, result: dict) -> str:
    try:
        return cell(result)
    except KeyError:  # a figure this N did not measure (--site-max)
        return "not run"


def full(result: dict) -> float:
    return result["ours_seconds"] + result["mkdocs"]["seconds"]


def print_table(results: list[dict]) -> None:
    head = "| | " + " | ".join(f"N = {r['notices']:,}" for r in results) + " |"
    rows = [head, "| --- |" + " ---: |" * len(results)]

    def row(label, cell):
        rows.append(f"| {label} | " + " | ".join(_cell(cell, r) for r in results) + " |")

    for name in ("read", "parse", "tag", "index", "link", "write"):
        row(f"{name} (s / peak MB)", lambda r, n=name: f"{r['stages'][n]['seconds']:.2f} s / {r['stages'][n]['peak_mb']:.0f}")
    row("**our stages** (s)", lambda r: f"**{r['ours_seconds']:.1f} s**")
    row("no-change rebuild of our stages (s)", lambda r: f"{r['rebuild_seconds']:.1f} s")
    row("mkdocs build, our stages' output unchanged (s / peak MB)", lambda r: f"{r['mkdocs']['seconds']:.1f} s / {r['mkdocs']['peak_mb']:.0f}")
    # A build from scratch runs our stages inside MkDocs: the two together (the benchmark's
    # mkdocs build finds our stages' output recorded and skips them).
    row("**full build from scratch: our stages + MkDocs** (s)", lambda r: f"**{full(r):.1f} s**")
    row("**`./build.sh` (`mkdocs build --dirty`), nothing changed** (s, share of the full build)",
        lambda r: f"**{r['incremental']['nothing']:.1f} s** ({r['incremental']['nothing'] / full(r):.0%})")
    row("**… one source edited** (s)",
        lambda r: f"**{r['incremental']['edit']:.1f} s** ({r['incremental']['edit'] / full(r):.0%})")
    row("**… one source added** (s)",
        lambda r: f"**{r['incremental']['add']:.1f} s** ({r['incremental']['add'] / full(r):.0%})")
    row("our share of the whole build", lambda r: f"{r['ours_seconds'] / (r['ours_seconds'] + r['mkdocs']['seconds']):.1%}")
    row("bare MkDocs + Material build (s / peak MB)",
        lambda r: f"{r['bare']['seconds']:.1f} s / {r['bare']['peak_mb']:.0f}" if "bare" in r else "not run")
    row("search index (all pieces)", lambda r: mb(r["sizes"]["search"]))
    row("bytes from opening a page to the first result (most of " + ", ".join(FIRST_RESULT_QUERIES) + ")",
        lambda r: "not run" if "search" not in r else (
            mb(r["search"]["first_result_bytes"]) if "error" not in r["search"]
            else f"browser failed: {r['search']['error']}"))
    row("query set recall / precision",
        lambda r: "not run" if "search" not in r else (
            f"{r['search']['recall']:.3f} / {r['search']['precision']:.3f}" if "error" not in r["search"] else "—"))
    row("mkdocs serve: first build (s)", lambda r: f"{r['serve']['first_build']:.1f} s" if "serve" in r else "not run")
    row("mkdocs serve: a source edited → its page served (s)",
        lambda r: f"{r['serve']['edit']:.1f} s" if "serve" in r else "not run")
    row("mkdocs serve: a source added → its page served (s)",
        lambda r: f"{r['serve']['add']:.1f} s" if "serve" in r else "not run")
    row("two parts built apart (s each)", lambda r: " + ".join(
        f"{p['seconds']:.1f} s ({p['notices']})" for p in r["parts"]["parts"]))
    row("merge of the two parts: read · index · link · write (s / peak MB)", lambda r: " · ".join(
        f"{r['parts']['merge_stages'][n]['seconds']:.1f} s / {r['parts']['merge_stages'][n]['peak_mb']:.0f}"
        for n in ("read", "index", "link", "write")))
    row("generated Markdown", lambda r: mb(r["sizes"]["markdown"]))
    row("generated Markdown per notice", lambda r: f"{r['sizes']['markdown'] / r['notices']:,.0f}")
    row("site/", lambda r: mb(r["sizes"]["site"]))
    row("largest HTML page", lambda r: f"{r['sizes']['largest_page'][0] / 1e3:,.0f} KB ({r['sizes']['largest_page'][1]})")
    row("site/ bytes per notice", lambda r: f"{r['sizes']['site'] / r['notices']:,.0f}")
    row("bare site/ bytes per notice", lambda r: f"{r['bare']['site'] / r['notices']:,.0f}" if "bare" in r else "not run")
    print("\n".join(rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--bare-max", type=int, default=1000,
                        help="build the bare comparison only up to this N (its size grows with N²)")
    parser.add_argument("--site-max", type=int, default=1000,
                        help="above this N, run our stages only (no MkDocs build, search or parts)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "edu-plans-benchmark")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(measure(args.one, args.work, args.one <= args.bare_max, args.one <= args.site_max)))
        return 0
    results = []
    for count in args.sizes:
        out = subprocess.run([sys.executable, "-m", "benchmarks.run", "--one", str(count), "--bare-max",
                              str(args.bare_max), "--site-max", str(args.site_max), "--work", str(args.work)],
                             capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return out.returncode
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"N = {count}: done", file=sys.stderr)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
