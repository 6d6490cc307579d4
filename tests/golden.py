"""Golden files: the generated Markdown of the corpus, the nasty fixtures and a pair of consecutive
plans (comparison, redlines, side by side, targets over the years), each notice's related tasks
(the piece its page loads), each build's summary, and every parsed notice as JSON (metadata with its origins, dropped lines, diagnostics).

    .venv/bin/python -m tests.golden      # regenerate tests/golden/ after an intended change

then review ``git diff tests/golden``: the diff is the review of what readers will see.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from build_scripts.pipeline import build_markdown

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SETS = {"corpus": HERE.parent / "sources", "nasty": HERE / "fixtures" / "nasty",
        "year-over-year": HERE / "fixtures" / "year-over-year"}
SUMMARY = "build-summary.txt"
MODEL = "notices.json"


def generate(sources: Path) -> dict[str, str]:
    """Every generated page (path → Markdown) and the build's summary, as a build makes them."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        report = build_markdown(sources, out).report
        pages = sorted(out.rglob("*.md")) + sorted(out.glob("related/*.js"))  # and each page's related tasks
        files = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in pages}
    files[SUMMARY] = report.summary() + "\n"
    files[MODEL] = json.dumps([n.to_dict() for n in report.notices], ensure_ascii=False, indent=1) + "\n"
    return files


def stored(name: str) -> dict[str, str]:
    root = GOLDEN / name
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*")) if p.is_file()}


def main() -> int:
    for name, sources in SETS.items():
        target = GOLDEN / name
        shutil.rmtree(target, ignore_errors=True)
        for relative, text in generate(sources).items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        print(f"tests/golden/{name}: written; review with git diff tests/golden", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
