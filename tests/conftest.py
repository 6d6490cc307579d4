"""Shared fixtures: the real corpus, parsed, and real site builds in temp folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_scripts.build import build_docs
from build_scripts.pipeline import Report, load_corpus

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE_DATE_EPOCH = "1700000000"


@dataclass
class BuiltSite:
    project: Path
    docs: Path
    site: Path
    report: Report
    mkdocs_output: str


def build_site(project: Path, sources: Path, search_engine: str = "material") -> BuiltSite:
    """Build docs/ from ``sources`` and run a real ``mkdocs build --strict`` in ``project``."""
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for shared in ("overrides", "build_scripts"):
        link = project / shared
        if not link.exists():
            link.symlink_to(ROOT / shared)
    docs = project / "docs"
    report, _ = build_docs(sources, docs)
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1",
           "SEARCH_ENGINE": search_engine}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(project / "mkdocs.yml")],
        cwd=project, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return BuiltSite(project, docs, project / "site", report, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def corpus() -> Report:
    return load_corpus(SOURCES)


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> BuiltSite:
    return build_site(tmp_path_factory.mktemp("corpus-site"), SOURCES)


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory) -> BuiltSite:
    """The default corpus with extra.search_engine: pagefind."""
    return build_site(tmp_path_factory.mktemp("pagefind-site"), SOURCES, search_engine="pagefind")


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
