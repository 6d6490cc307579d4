"""A collection built as separate parts (regions) and merged into one site: each part is the
output folder of an ordinary build of its own sources (its ``data/notices.json`` and
``originals/``); the merge parses and tags nothing again, links the whole collection, and
writes the same site a single build of all the sources writes, byte for byte, search index
and theme pages included (see benchmarks/README.md for the national set-up)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.pipeline import PartError, build_markdown, merge_markdown

from .conftest import ROOT, mkdocs_env, run_mkdocs
from .documents.edits import write_comparison_sources
from .test_incremental import site_digest

REGION_B = ("hongkou", "qingpu")  # issuers of the second region; the others form the first


def split_regions(sources: Path, folder: Path) -> tuple[Path, Path]:
    regions = folder / "region-a", folder / "region-b"
    for region in regions:
        region.mkdir(parents=True)
        shutil.copy(sources / "themes.yml", region / "themes.yml")
    for path in sources.iterdir():
        if path.name != "themes.yml":
            shutil.copy(path, regions[any(name in path.name for name in REGION_B)] / path.name)
    return regions


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parts")
    sources = write_comparison_sources(folder / "all")
    built = []
    for region in split_regions(sources, folder):
        part = folder / "parts" / region.name
        result = subprocess.run([sys.executable, "-m", "build_scripts", "build", "--strict", "--sources", str(region),
                                 "--out", str(part), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        built.append(part)
    return sources, built


def test_two_regions_built_apart_and_merged_are_the_site_of_one_build(parts, tmp_path):
    sources, (a, b) = parts
    notices = [json.loads((part / "data" / "notices.json").read_text(encoding="utf-8"))["notices"] for part in (a, b)]
    assert all(notices) and not {n["id"] for n in notices[0]} & {n["id"] for n in notices[1]}
    merged = merge_markdown([a, b], tmp_path / "merged", sources)
    single = build_markdown(sources, tmp_path / "single")
    assert len(merged.report.notices) == len(notices[0]) + len(notices[1]) == len(single.report.notices)
    assert site_digest(tmp_path / "merged") == site_digest(tmp_path / "single")


def test_the_merged_site_builds_with_mkdocs_and_its_search_and_themes_cover_both_regions(parts, tmp_path):
    sources, (a, b) = parts
    env = mkdocs_env(sources, tmp_path) | {"WORKPLANS_PARTS": f"{a}{':'}{b}"}
    result = run_mkdocs("build", tmp_path, env, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    manifest = (site / "search" / "manifest.js").read_text(encoding="utf-8")
    issuers = json.loads(manifest[manifest.index(",") + 1:manifest.rindex(")")])["issuerNames"]
    assert any("虹口" in i for i in issuers) and any("闵行" in i for i in issuers)
    theme = (site / "themes" / "moral.html").read_text(encoding="utf-8")
    assert "虹口" in theme and "宝山" in theme  # one theme page lists tasks of both regions


def test_a_part_that_is_not_a_build_or_repeats_a_notice_is_refused_with_the_fix(parts, tmp_path):
    sources, (a, b) = parts
    with pytest.raises(PartError, match=r"region-x.*data/notices.json.*python -m build_scripts build"):
        merge_markdown([a, tmp_path / "region-x"], tmp_path / "out", sources)
    with pytest.raises(PartError, match=r"is in both .*region-a and .*region-a: a notice belongs to one part"):
        merge_markdown([a, a], tmp_path / "out", sources)


def test_a_part_of_another_version_or_vocabulary_is_refused_with_the_fix(parts, tmp_path):
    sources, (a, b) = parts
    data = json.loads((a / "data" / "notices.json").read_text(encoding="utf-8"))

    def part_with(changed: dict) -> Path:
        folder = tmp_path / f"part-{len(list(tmp_path.iterdir()))}"
        (folder / "data").mkdir(parents=True)
        (folder / "data" / "notices.json").write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
        return folder

    with pytest.raises(PartError, match=r"built by another version \(schema 1, .*python -m build_scripts build"):
        merge_markdown([part_with(data | {"schema_version": 1}), b], tmp_path / "out", sources)
    renamed = json.loads(json.dumps(data).replace('"moral"', '"moral-education"'))
    with pytest.raises(PartError, match=r"themes moral-education that this themes.yml lacks; build every part"):
        merge_markdown([part_with(renamed), b], tmp_path / "out", sources)


@pytest.mark.parametrize("attack, field", [
    (lambda n: n.update(url="javascript:alert(1)"), "notices/0/url"),
    (lambda n: n.update(source="evil.svg"), "notices/0/source"),
    (lambda n: n.update(source="../../etc/passwd.txt"), "notices/0/source"),
    (lambda n: n.update(id="../x"), "notices/0/id"),
    (lambda n: n["sections"][0]["items"][0].update(anchor='x" onmouseover="alert(1)'),
     "notices/0/sections/0/items/0/anchor"),
    (lambda n: n.pop("title"), "notices/0"),
    (lambda n: n.update(year="2024"), "notices/0/year"),
])
def test_a_hostile_part_is_refused_naming_the_part_and_the_field(parts, tmp_path, attack, field):
    """A part is input like a source: its notices.json is checked against notices.schema.json
    (ids, anchors, source names and addresses have patterns) before anything of it is used."""
    sources, (a, b) = parts
    hostile = tmp_path / "hostile-part"
    shutil.copytree(a, hostile)
    data_file = hostile / "data" / "notices.json"
    data = json.loads(data_file.read_text(encoding="utf-8"))
    attack(data["notices"][0])
    data_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PartError) as refused:
        merge_markdown([hostile, b], tmp_path / "out", sources)
    assert str(data_file) in str(refused.value) and f"{field}:" in str(refused.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.svg"))


def test_a_part_whose_original_leads_outside_it_is_refused(parts, tmp_path):
    sources, (a, b) = parts
    hostile = tmp_path / "hostile-part"
    shutil.copytree(a, hostile)
    original = next((hostile / "originals").glob("*.txt"))
    original.unlink()
    secret = tmp_path / "secret.txt"
    secret.write_text("WORKPLANS-SECRET", encoding="utf-8")
    original.symlink_to(secret)
    with pytest.raises(PartError, match="leads outside the part"):
        merge_markdown([hostile, b], tmp_path / "out", sources)


def test_a_part_whose_data_nests_past_what_json_decodes_is_refused(parts, tmp_path):
    sources, (a, b) = parts
    hostile = tmp_path / "deep-part"
    (hostile / "data").mkdir(parents=True)
    (hostile / "data" / "notices.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(PartError, match="cannot be read as a part"):
        merge_markdown([hostile, b], tmp_path / "out", sources)
