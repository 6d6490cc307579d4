"""How reliably Debian's tesseract (chi_sim) reads a scanned seed: is OCR worth offering?

Prints each seed's PDF (tests/documents), renders its pages at 300 dpi (a clean
scan, the best case), runs ``tesseract -l chi_sim --psm 6`` on each page, parses
the text and compares it with the seed: characters found, task titles exact,
sections and tasks found. Needs ``apt-get install tesseract-ocr tesseract-ocr-chi-sim``.

    .venv/bin/python -m benchmarks.ocr_reliability [seed-stem ...]
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2

from build_scripts.parse.notice import parse_text
from build_scripts.pipeline import load_notice
from tests.documents.corpus import SEEDS, write_pdfs
from tests.source_writer import render_source


def ocr_pdf(pdf: Path, work: Path) -> str:
    pages = []
    for number, page in enumerate(pypdfium2.PdfDocument(str(pdf)), start=1):
        image = work / f"page-{number:03d}.png"
        page.render(scale=300 / 72).to_pil().convert("L").save(image)
        result = subprocess.run(["tesseract", str(image), "-", "-l", "chi_sim", "--psm", "6"],
                                capture_output=True, text=True, check=True)
        pages.append(result.stdout)
    return "\n".join(pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("^", "")


def main(stems: list[str]) -> None:
    if not shutil.which("tesseract"):
        sys.exit("tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim")
    for seed in [s for s in SEEDS if not stems or s.stem in stems]:
        notice = load_notice(seed, use_sidecar=False)
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            pdf = write_pdfs(notice, work)[0]
            text = ocr_pdf(pdf, work)
        want, got = squash(render_source(notice)), squash(text)
        matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
        found = sum(block.size for block in matcher.get_matching_blocks())
        read = parse_text(text, "ocr.txt", "ocr")
        exact = sum(a.title == b.title for a, b in zip(read.items, notice.items))
        print(f"{seed.stem}: characters {found / len(want):.3f} of {len(want)}; task titles exact {exact} of "
              f"{len(notice.items)}; tasks found {len(read.items)}, sections found {len(read.sections)} "
              f"(seed {len(notice.sections)})")


if __name__ == "__main__":
    main(sys.argv[1:])
