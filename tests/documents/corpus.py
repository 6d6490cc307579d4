"""The seeds in every generated format: one call writes them all into a folder."""

from __future__ import annotations

from pathlib import Path

from build_scripts.model import Notice
from build_scripts.pipeline import load_notice

from .blocks import notice_blocks
from .pdf import write_pdf

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(p for p in (ROOT / "sources").glob("*.txt"))


def seed_notice(path: Path) -> Notice:
    return load_notice(path)


def write_pdfs(notice: Notice, out: Path) -> list[Path]:
    """The notice paginated like a bureau's PDF, and (for the two-column test) in two columns."""
    one = out / f"{notice.id}.pdf"
    two = out / f"{notice.id}-two-columns.pdf"
    header = notice.notice_title or notice.title
    write_pdf(notice_blocks(notice), one, header)
    write_pdf(notice_blocks(notice), two, header, columns=2)
    return [one, two]


def write_all(out: Path) -> list[Path]:
    written: list[Path] = []
    for seed in SEEDS:
        notice = seed_notice(seed)
        written += write_pdfs(notice, out)
    return written
