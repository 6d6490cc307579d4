"""Every format from sources/ to a page, with the README's build command and a real ``mkdocs build --strict``;
what cannot be read is named, fails ``--strict``, and is counted on the build's last line."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from build_scripts.pipeline import load_notice

from .conftest import ROOT, build_site, mkdocs_env
from .documents.corpus import SEEDS, write_docxs, write_pdfs
from .documents.blocks import notice_blocks
from .documents.legacy import convert_with_libreoffice
from .documents.web import LAYOUTS, write_web_page
from .formats import comparable


@pytest.fixture(scope="module")
def formats_sources(tmp_path_factory):
    """One seed per format: a PDF, a two-column PDF, a .docx, a .doc, a page of each site layout,
    and a seed as .txt."""
    work = tmp_path_factory.mktemp("generated")
    sources = tmp_path_factory.mktemp("sources")
    seeds = {s.stem: load_notice(s, use_sidecar=False) for s in SEEDS}
    write_pdfs(seeds["2024-baoshan-004"], work)
    write_pdfs(seeds["2022-hongkou-002"], work)
    write_docxs(seeds["2024-minhang-000"], work)
    write_docxs(seeds["2019-qingpu-003"], work)
    convert_with_libreoffice([work / "2019-qingpu-003.docx"], work, "doc")
    shutil.copy(work / "2024-baoshan-004.pdf", sources / "baoshan-2024.pdf")
    shutil.copy(work / "2022-hongkou-002-two-columns.pdf", sources / "hongkou-2022.pdf")
    shutil.copy(work / "2024-minhang-000.docx", sources / "minhang-2024.docx")
    shutil.copy(work / "2019-qingpu-003.doc", sources / "qingpu-2019.doc")
    shutil.copy(ROOT / "sources" / "2022-xx-city-001.txt", sources)
    shutil.copy(ROOT / "sources" / "2022-xx-city-001.yml", sources)
    return sources, seeds


def test_every_format_builds_to_its_page_with_strict(formats_sources, tmp_path):
    sources, seeds = formats_sources
    site = build_site(tmp_path, sources)
    built = {n.id: n for n in site.report.notices}
    for notice_id, seed in [("baoshan-2024", "2024-baoshan-004"), ("hongkou-2022", "2022-hongkou-002"),
                            ("minhang-2024", "2024-minhang-000"), ("qingpu-2019", "2019-qingpu-003")]:
        assert comparable(built[notice_id]) == comparable(seeds[seed]), notice_id
        page = (site.site / "notices" / f"{notice_id}.html").read_text(encoding="utf-8")
        last = seeds[seed].items[-1]
        assert f'id="{last.anchor}"' in page and last.title in page
    assert not site.report.skipped and not site.report.warnings


def test_pages_of_each_site_layout_build_to_their_pages_with_strict(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    pairs = dict(zip(LAYOUTS, ["2024-baoshan-004", "2019-qingpu-003", "2022-hongkou-002"]))
    seeds = {stem: load_notice(ROOT / "sources" / f"{stem}.txt", use_sidecar=False) for stem in pairs.values()}
    for layout, stem in pairs.items():
        write_web_page(seeds[stem], notice_blocks(seeds[stem], letterhead=False), sources / f"web-{layout}.html", layout)
    site = build_site(tmp_path / "project", sources)
    built = {n.id: n for n in site.report.notices}
    for layout, stem in pairs.items():
        assert comparable(built[f"web-{layout}"]) == comparable(seeds[stem]), layout
        html = (site.site / "notices" / f"web-{layout}.html").read_text(encoding="utf-8")
        assert seeds[stem].items[-1].title in html and "<script" not in html.split("<article")[1].split("</article>")[0]


def run_build_sh(sources, project, *args):
    env = {**mkdocs_env(sources, project)}
    return subprocess.run(["./build.sh", *args, "-d", str(project / "site")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)


def test_build_sh_counts_skipped_files_on_its_last_line_and_strict_fails(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(ROOT / "sources" / "2024-baoshan-004.txt", sources)
    (sources / "扫描件.pdf").write_bytes(b"%PDF-1.4\nnot really\n")
    (sources / "计划.pages").write_bytes(b"\x00")
    lenient = run_build_sh(sources, tmp_path / "lenient")
    assert lenient.returncode == 0, lenient.stdout
    last = lenient.stdout.strip().splitlines()[-1]
    assert last.startswith("Site built in site/ (1 notice(s) built, 2 file(s) skipped (扫描件.pdf, 计划.pages)")
    strict = run_build_sh(sources, tmp_path / "strict", "--strict")
    assert strict.returncode != 0
    assert strict.stdout.strip().splitlines()[-1].startswith(
        "Build FAILED (1 notice(s) built, 2 file(s) skipped (扫描件.pdf, 计划.pages)")
    assert "skipped 扫描件.pdf: cannot open the PDF" in strict.stdout
    assert os.path.isdir(tmp_path / "lenient" / "site")
