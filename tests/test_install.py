"""The project installed and built as its users do it, each in a fresh environment:

- a wheel installed (not editable) into a new virtual environment, building a copy of the
  project that holds no ``build_scripts/`` (so nothing is imported from the checkout);
- the GitHub Pages workflow's ``run:`` steps and the GitLab Pages job's ``script:`` lines,
  run as written by bash in a fresh copy of the repository (which installs its own .venv);
- both workflow files against their schemas (check-jsonschema's vendored schemas, offline).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, SOURCE_DATE_EPOCH

pytestmark = pytest.mark.slow
GITHUB = ROOT / ".github" / "workflows" / "pages.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
PROJECT_FILES = ("mkdocs.yml", "sources", "docs", "overrides")


def _run(command: list[str] | str, cwd: Path, env: dict | None = None, timeout: int = 900) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                            shell=isinstance(command, str), executable="/bin/bash" if isinstance(command, str) else None)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{command} failed:\n{output[-4000:]}"
    return output


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment of a new shell: none of this test run's virtual environment."""
    keep = {k: v for k, v in os.environ.items() if k in ("HOME", "LANG", "LC_ALL", "TMPDIR", "PIP_CONFIG_FILE")}
    path = ":".join(p for p in os.environ["PATH"].split(":") if not p.startswith(str(ROOT)))
    return {**keep, "PATH": path, **extra}


def _fresh_clone(target: Path) -> Path:
    """The repository as a clone would hold it: its tracked files and the changes in the work tree."""
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _run("git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm clone", target)
    return target


def _built(site: Path) -> None:
    notices = sorted(p.name for p in (site / "notices").glob("*.html"))
    assert {f"{Path(s).stem}.html" for s in os.listdir(ROOT / "sources") if s.endswith(".txt")} <= set(notices)
    assert (site / "index.html").is_file() and (site / "search" / "manifest.js").is_file()


def test_a_wheel_installed_into_a_fresh_venv_builds_the_site_strictly(tmp_path):
    python = sys.executable
    source = _fresh_clone(tmp_path / "source")  # (setuptools builds in the tree it is given: not in this checkout)
    _run([python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), str(source)],
         tmp_path)
    (wheel,) = (tmp_path / "dist").glob("edu_work_plans-*.whl")
    venv = tmp_path / "venv"
    _run([python, "-m", "venv", str(venv)], tmp_path, _clean_env())
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    _run(pip + ["-r", str(ROOT / "requirements.txt")], tmp_path, _clean_env())
    _run(pip + ["--no-deps", str(wheel)], tmp_path, _clean_env())
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, project / name)
    output = _run([str(venv / "bin" / "mkdocs"), "build", "--strict"], project,
                  _clean_env(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH))
    assert "workplans: 5 notice(s) built, 0 file(s) skipped, 0 warning(s)" in output
    _built(project / "site")
    installed = next((venv / "lib").glob("python3*/site-packages/build_scripts"))
    assert (installed / "enrich" / "themes.yml").is_file()
    assert not (installed.parent / ".cache").exists(), "the CLI wrote into site-packages"


def _github_steps() -> list[tuple[str, dict[str, str]]]:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    return [(step["run"], step.get("env", {})) for job in workflow["jobs"].values() for step in job["steps"]
            if "run" in step]


GITHUB_CONTEXT = {"steps.pages.outputs.base_url": "https://example.github.io/edu-work-plans",
                  "github.server_url": "https://github.com", "github.repository": "example/edu-work-plans"}


def _expand(text: str) -> str:
    """GitHub's ${{ … }} expressions, as the runner would fill them for this repository."""
    return re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", lambda m: GITHUB_CONTEXT[m[1]], text)


def test_the_pages_workflows_steps_build_the_site_as_written(tmp_path):
    clone = _fresh_clone(tmp_path / "clone")
    steps = _github_steps()
    assert steps, "the workflow runs no command"
    for command, env in steps:
        _run(command, clone, _clean_env(**{k: _expand(str(v)) for k, v in env.items()}))
    _built(clone / "site")
    html = (clone / "site" / "index.html").read_text(encoding="utf-8")
    assert "https://github.com/example/edu-work-plans" in html  # REPO_URL reached mkdocs.yml
    assert "https://example.github.io/edu-work-plans/" in (clone / "site" / "sitemap.xml").read_text(encoding="utf-8")
    # The GitLab Pages job in the same clone: its script as written, with GitLab's variables.
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["pages"]
    gitlab = {"CI_PAGES_URL": "https://example.gitlab.io/edu-work-plans", "CI_PROJECT_URL": "https://gitlab.com/x/y"}
    for line in job["script"]:
        _run(line, clone, _clean_env(**gitlab))
    assert job["artifacts"]["paths"] == ["public"]
    _built(clone / "public")
    assert "https://example.gitlab.io/edu-work-plans/" in (clone / "public" / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("schema, path", [("vendor.github-workflows", GITHUB), ("vendor.gitlab-ci", GITLAB)])
def test_workflow_files_pass_their_schemas(schema, path):
    _run([str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema, str(path)], ROOT)
