"""The MkDocs layer: one build that mkdocs serve follows, and the same site from ProperDocs.

The plugin is found by its entry point, validates its options as MkDocs does,
hands the generated pages to MkDocs without a docs/ hand-off, and asks
``mkdocs serve`` to watch sources/: editing, adding and removing a notice
updates the preview. ProperDocs (the maintained fork of MkDocs 1.x) builds the
same site from the same mkdocs.yml.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from devtools.browser import free_port

from .conftest import ROOT, SOURCES, mkdocs_env, run_mkdocs

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def site_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(GENERATOR.sub(b"", p.read_bytes())).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_same_site(corpus_site, tmp_path):
    env = mkdocs_env(SOURCES, tmp_path)
    result = subprocess.run([str(Path(sys.executable).parent / "properdocs"), "build", "--strict", "-f",
                             str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "site")], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert site_digest(tmp_path / "site") == site_digest(corpus_site.site)
    assert b"ProperDocs" in (tmp_path / "site" / "index.html").read_bytes()


def test_strict_build_of_the_default_corpus_passes(tmp_path):
    result = subprocess.run([sys.executable, "-m", "build_scripts", "build", "--strict", "--no-cache", "--out",
                             str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "0 warning(s), 0 file(s) skipped." in result.stderr
    assert (tmp_path / "out" / "notices" / "2024-baoshan-004.md").is_file()


@pytest.mark.parametrize("option, value, message", [
    ("sources", "/no/such/folder", "The path '/no/such/folder' isn't an existing directory"),
])
def test_plugin_options_are_validated_like_mkdocs_own(tmp_path, option, value, message):
    env = mkdocs_env(SOURCES, tmp_path)
    env[{"sources": "WORKPLANS_SOURCES"}[option]] = value
    result = run_mkdocs("build", tmp_path, env)
    assert result.returncode != 0
    assert f"Plugin 'workplans' option '{option}'" in result.stderr and message in result.stderr


def test_a_hand_written_page_in_the_way_of_a_generated_one_is_an_error(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "years.md").write_text("# 手写\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ntheme:\n  custom_dir: {ROOT / 'overrides'}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], cwd=tmp_path,
                            env=mkdocs_env(SOURCES, tmp_path), capture_output=True, text=True, timeout=600)
    assert result.returncode != 0 and "docs/years.md is written by hand" in result.stderr


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def wait_until(url: str, ready, limit: float = 120) -> str:
    """Poll ``url`` until ``ready(status, body)``; mkdocs serve rebuilds in the background."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        status, body = fetch(url)
        if ready(status, body):
            return body
        time.sleep(0.25)
    raise AssertionError(f"{url}: not ready within {limit} s (last status {status})")


def test_mkdocs_serve_follows_edits_additions_and_removals_in_sources(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("2022-hongkou-002.txt", "2024-baoshan-004.txt", "themes.yml"):
        shutil.copy(SOURCES / name, sources / name)
    port = free_port()
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(ROOT / "mkdocs.yml")],
        cwd=tmp_path, env=mkdocs_env(sources, tmp_path), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/edu-work-plans/"
    try:
        wait_until(base + "notices/2024-baoshan-004.html", lambda status, body: status == 200)
        edited = sources / "2024-baoshan-004.txt"
        edited.write_text(edited.read_text(encoding="utf-8").replace("完善“双减”长效机制。", "完善“双减”长效机制（预览）。"),
                          encoding="utf-8")
        wait_until(base + "notices/2024-baoshan-004.html", lambda status, body: "长效机制（预览）" in body)
        shutil.copy(SOURCES / "2019-qingpu-003.txt", sources / "2019-qingpu-003.txt")
        wait_until(base + "notices/2019-qingpu-003.html", lambda status, body: status == 200)
        edited.unlink()
        wait_until(base + "notices/2024-baoshan-004.html", lambda status, body: status == 404)
        assert "2019年青浦教育工作要点" in wait_until(base + "index.html", lambda s, body: "2024-baoshan" not in body)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
