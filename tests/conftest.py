"""Shared fixtures: the real corpus, parsed, and real site builds in temp folders."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_scripts.pipeline import Report, build_markdown, load_corpus

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE_DATE_EPOCH = "1700000000"


@dataclass
class BuiltSite:
    project: Path
    markdown: Path  # the generated Markdown tree the plugin hands to MkDocs
    site: Path
    report: Report
    mkdocs_output: str

    def graph(self):
        """The cross-links of the built notices (comparisons, related tasks), as the build made them."""
        from build_scripts.enrich.links import build_graph
        if id(self) not in _GRAPHS:
            _GRAPHS[id(self)] = build_graph(self.report.notices)
        return _GRAPHS[id(self)]


_GRAPHS: dict = {}


def mkdocs_env(sources: Path, project: Path) -> dict[str, str]:
    """The environment that points the project's mkdocs.yml at other sources and folders."""
    return {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1",
            "WORKPLANS_SOURCES": str(sources),
            "WORKPLANS_MARKDOWN": str(project / "markdown"), "WORKPLANS_CACHE": str(project / "cache")}


def run_mkdocs(command: str, project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", command, "-f", str(ROOT / "mkdocs.yml"), "-d", str(project / "site"), *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=600)


def build_site(project: Path, sources: Path, strict: bool = True) -> BuiltSite:
    """A real ``mkdocs build --strict`` of the project's mkdocs.yml, its plugin reading ``sources``.

    The report comes from the same pipeline run in this process (into the same
    Markdown folder, so MkDocs then finds every file unchanged). Sources that are
    meant to raise warnings (``strict=False``) build without ``--strict``; every
    warning MkDocs printed must then be one of the plugin's, never a broken link."""
    project.mkdir(parents=True, exist_ok=True)
    report = build_markdown(sources, project / "markdown").report
    result = run_mkdocs("build", project, mkdocs_env(sources, project),
                        "--strict" if strict else "--no-strict", "--clean")
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{output}")
    others = [line for line in output.splitlines()
              if line.startswith("WARNING") and "mkdocs.plugins.workplans" not in line and not _plugin_warning(line, report)]
    assert not others, f"mkdocs warned about the built pages:\n" + "\n".join(others)
    return BuiltSite(project, project / "markdown", project / "site", report, output)


def _plugin_warning(line: str, report: Report) -> bool:
    """Whether a WARNING line repeats one of the report's warnings or skipped files."""
    messages = [str(d) for d in report.warnings] + [f"skipped {s}" for s in report.skipped]
    return any(message.splitlines()[0] in line for message in messages)


@pytest.fixture(scope="session")
def corpus() -> Report:
    return load_corpus(SOURCES)


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> BuiltSite:
    return build_site(tmp_path_factory.mktemp("corpus-site"), SOURCES)


_THEME_METRICS: dict = {}
_SEARCH_METRICS: dict = {}


@pytest.fixture(scope="session")
def search_metrics() -> dict:
    return _SEARCH_METRICS


@pytest.fixture(scope="session")
def theme_metrics() -> dict:
    return _THEME_METRICS


def pytest_terminal_summary(terminalreporter):
    for name, (recall, precision, count) in _SEARCH_METRICS.items():
        terminalreporter.write_line(
            f"search, {name} ({count} queries): recall {recall:.3f}, precision {precision:.3f}")
    if _THEME_METRICS:
        m = _THEME_METRICS
        terminalreporter.write_line(
            f"theme tagger vs {m['items']} hand-labelled items: precision {m['precision']:.3f}, "
            f"recall {m['recall']:.3f}, primary theme in labels {m['primary']:.3f}")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Debian's chromium driven by Playwright: requests that leave the host are blocked, console errors kept."""
    from playwright.sync_api import sync_playwright

    from devtools.browser import Browser
    with sync_playwright() as playwright:
        session = Browser(playwright, tmp_path_factory.mktemp("chromium-profile"))
        yield session
        session.close()


@pytest.fixture(scope="session")
def comparison_site(tmp_path_factory) -> BuiltSite:
    """Consecutive plans of four issuers with known matches (tests/documents/edits.py)."""
    from tests.documents.edits import write_comparison_sources
    sources = write_comparison_sources(tmp_path_factory.mktemp("comparison-sources"))
    return build_site(tmp_path_factory.mktemp("comparison-site"), sources)
