"""Publishing: the GitHub Pages workflow builds as the README says (its steps are run in
tests/test_install.py); the intranet package is a zip of the built site that works from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_workflow_builds_with_the_readmes_command_and_deploys_with_the_official_actions():
    """The steps are run as written by tests/test_install.py; here, what they must be."""
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = {step["uses"].split("@")[0] for step in steps if "uses" in step}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "./build.sh --strict" in commands and "./build.sh --strict" in (ROOT / "README.md").read_text(encoding="utf-8")
    build = next(step for step in steps if "build.sh" in step.get("run", ""))
    assert {"SITE_URL", "REPO_URL"} <= set(build["env"])
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [SITE_URL," in config and "repo_url: !ENV [REPO_URL," in config


def test_intranet_package_is_the_site_as_a_zip(corpus_site, tmp_path):
    archive = tmp_path / "site.zip"
    result = subprocess.run([sys.executable, "-m", "build_scripts", "package", "--site", str(corpus_site.site),
                             "--output", str(archive)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(archive) as package:
        names = set(package.namelist())
        top = {name.split("/")[0] for name in names}
        assert len(top) == 1, "one folder inside the zip"
        folder = top.pop()
        site_files = {p.relative_to(corpus_site.site).as_posix() for p in corpus_site.site.rglob("*") if p.is_file()}
        assert {n.split("/", 1)[1] for n in names if not n.endswith("/")} == site_files
        assert f"{folder}/index.html" in names and f"{folder}/search/manifest.js" in names
