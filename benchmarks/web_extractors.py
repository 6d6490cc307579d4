"""How well main-content extractors read the generated web pages: ours against trafilatura and readability-lxml.

For each seed in each site layout (``tests/documents/web.py``): the share of the
seed's body texts found whole in the extracted text (recall), and how many of the
layout's own texts (menus, counters, footers…) leaked into it. trafilatura and
readability-lxml are not dependencies of the project: install them into any
environment and point ``EXTRACTORS_SITE_PACKAGES`` at its site-packages::

    python3 -m venv /tmp/x && /tmp/x/bin/pip install trafilatura readability-lxml
    EXTRACTORS_SITE_PACKAGES=/tmp/x/lib/python3.11/site-packages .venv/bin/python -m benchmarks.web_extractors
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from build_scripts.pipeline import load_notice
from build_scripts.read.web import read_web_page
from tests.documents.blocks import notice_blocks
from tests.documents.corpus import SEEDS
from tests.documents.web import FURNITURE, LAYOUTS, write_web_page
from tests.source_writer import render_source


def ours(html: str) -> str:
    return "\n".join(read_web_page(html).lines)


def extractors() -> dict:
    found = {"ours": ours}
    extra = os.environ.get("EXTRACTORS_SITE_PACKAGES")
    if extra:
        sys.path.append(extra)
    try:
        import trafilatura
        found["trafilatura"] = lambda html: trafilatura.extract(html, include_comments=False, favor_recall=True) or ""
    except ImportError:
        print("trafilatura: not installed (see the module's docstring)")
    try:
        from bs4 import BeautifulSoup
        from readability import Document
        found["readability-lxml"] = lambda html: BeautifulSoup(Document(html).summary(), "html.parser").get_text("\n")
    except ImportError:
        print("readability-lxml: not installed (see the module's docstring)")
    return found


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("^", "")


def main() -> None:
    runners = extractors()
    totals = {name: {layout: [0, 0, 0] for layout in LAYOUTS} for name in runners}  # found, wanted, leaks
    with tempfile.TemporaryDirectory() as work:
        for seed in SEEDS:
            notice = load_notice(seed, use_sidecar=False)
            wanted = [squash(t) for t in render_source(notice).splitlines() if t.strip()]
            for layout in LAYOUTS:
                path = Path(work) / f"{seed.stem}-{layout}.html"
                write_web_page(notice, notice_blocks(notice, letterhead=False), path, layout)
                html = path.read_text(encoding="utf-8")
                for name, run in runners.items():
                    text = squash(run(html))
                    counts = totals[name][layout]
                    counts[0] += sum(t in text for t in wanted)
                    counts[1] += len(wanted)
                    leaks = [f for f in FURNITURE[layout] if squash(f) in text]
                    counts[2] += len(leaks)
                    if leaks and os.environ.get("SHOW_LEAKS"):
                        print(name, seed.stem, layout, leaks)
    print(f"{'extractor':18} " + "  ".join(f"{layout:>26}" for layout in LAYOUTS))
    for name, layouts in totals.items():
        cells = [f"recall {f / w:.3f}, {leaks:3d} leaks" for f, w, leaks in layouts.values()]
        print(f"{name:18} " + "  ".join(f"{c:>26}" for c in cells))


if __name__ == "__main__":
    main()
