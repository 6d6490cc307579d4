"""The seeds in every generated format: one call writes them all into a folder."""

from __future__ import annotations

from pathlib import Path

from build_scripts.model import Notice
from build_scripts.pipeline import load_notice

from .blocks import Block, Kind, notice_blocks
from .docx import write_docx
from .pdf import write_pdf
from .web import LAYOUTS, write_web_page

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(p for p in (ROOT / "sources").glob("*.txt"))


def seed_notice(stem: str, use_sidecar: bool = False) -> Notice:
    """A seed's parsed notice, by its file stem (by default as its text alone says it)."""
    return load_notice(ROOT / "sources" / f"{stem}.txt", use_sidecar=use_sidecar)


def write_seeds(folder: Path, writer) -> Path:
    """Every seed written into ``folder`` by ``writer(notice, folder)`` (write_pdfs, write_docxs…)."""
    for seed in SEEDS:
        writer(seed_notice(seed.stem), folder)
    return folder


COLOPHON = ["抄送：区委办公室，区政府办公室。", "区教育局办公室　　2024年2月4日印发"]


def write_pdfs(notice: Notice, out: Path) -> list[Path]:
    """The notice paginated like a bureau's PDF, with the 版记 (抄送, 印发) under it, and (for
    the two-column test) in two columns."""
    one = out / f"{notice.id}.pdf"
    two = out / f"{notice.id}-two-columns.pdf"
    header = notice.notice_title or notice.title
    blocks = notice_blocks(notice) + [Block(Kind.FLUSH, line) for line in COLOPHON]
    write_pdf(blocks, one, header)
    write_pdf(blocks, two, header, columns=2)
    return [one, two]


def write_docxs(notice: Notice, out: Path) -> list[Path]:
    """The notice as a Word file with automatic numbering, and with its numbers typed."""
    automatic = out / f"{notice.id}.docx"
    typed = out / f"{notice.id}-typed.docx"
    header = notice.notice_title or notice.title
    write_docx(notice_blocks(notice), automatic, header, numbering="automatic")
    write_docx(notice_blocks(notice), typed, header, numbering="typed")
    return [automatic, typed]


def write_web_pages(notice: Notice, out: Path) -> list[Path]:
    """The notice as a page saved from each kind of website."""
    paths = []
    for layout in LAYOUTS:
        path = out / f"{notice.id}-{layout}.html"
        write_web_page(notice, notice_blocks(notice, letterhead=False), path, layout)
        paths.append(path)
    return paths


def write_all(out: Path) -> list[Path]:
    written: list[Path] = []
    for seed in SEEDS:
        notice = seed_notice(seed.stem, use_sidecar=True)
        written += write_pdfs(notice, out) + write_docxs(notice, out) + write_web_pages(notice, out)
    return written
