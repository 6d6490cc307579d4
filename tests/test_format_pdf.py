"""PDF: each seed printed like a bureau's PDF (one and two columns) parses to the seed's own notice.

The comparison is with the seed's ``.txt`` parse, which ``test_ground_truth``
checks against the hand-counted structure; here every text of the body must come
back in order, exactly once, and none of the page furniture.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from build_scripts.model import DropReason
from build_scripts.pipeline import load_notice
from build_scripts.read.decode import SourceError, read_source
from build_scripts.read.radicals import restore_ideographs

from .documents.blocks import notice_blocks
from .documents.corpus import COLOPHON, SEEDS, seed_notice, write_pdfs, write_seeds
from .documents.pdf import write_pdf
from .formats import comparable

LAYOUTS = ["", "-two-columns"]


@pytest.fixture(scope="module")
def pdf_folder(tmp_path_factory):
    return write_seeds(tmp_path_factory.mktemp("pdf"), write_pdfs)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", [s.stem for s in SEEDS])
def test_pdf_parses_to_the_seed(pdf_folder, seed, layout):
    want = seed_notice(seed)
    got = load_notice(pdf_folder / f"{seed}{layout}.pdf", use_sidecar=False)
    assert comparable(got) == comparable(want)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_running_headers_and_page_numbers_are_dropped_and_reported_with_their_page(pdf_folder, layout):
    notice = load_notice(pdf_folder / f"2024-baoshan-004{layout}.pdf", use_sidecar=False)
    numbers = [d for d in notice.dropped if d.reason is DropReason.PAGE_NUMBER]
    headers = [d for d in notice.dropped if d.reason is DropReason.RUNNING_HEADER]
    pages = max(d.page for d in numbers)
    assert [d.page for d in numbers] == list(range(1, pages + 1))
    assert [d.text for d in numbers[:2]] == ["— 1 —", "— 2 —"]
    assert [d.page for d in headers] == list(range(2, pages + 1))
    assert all(d.text == notice.notice_title for d in headers)
    body = "\n".join(notice.reading_texts())
    assert "— 2 —" not in body and body.count(notice.notice_title) == 0


def test_the_colophon_is_dropped_and_reported(pdf_folder):
    notice = load_notice(pdf_folder / "2019-qingpu-003.pdf", use_sidecar=False)
    colophon = ["".join(line.split()) for line in COLOPHON]
    assert [("".join(d.text.split()), d.reason) for d in notice.dropped if "".join(d.text.split()) in colophon] == [
        (colophon[0], DropReason.CARBON_COPY), (colophon[1], DropReason.PRINT_LINE)]


def test_footnotes_at_the_page_bottom_are_attached_to_their_marks(pdf_folder):
    notice = load_notice(pdf_folder / "2024-baoshan-004.pdf", use_sidecar=False)
    assert [(f.mark, f.text) for f in notice.footnotes][:2] == [
        ("①", "1 个优质校结对 N 个薄弱校"), ("②", "N 个公办校结对 1 个民办校")]
    assert notice.items[0].footnotes == ["①", "②"]


def test_radicals_from_pdf_fonts_become_ideographs(tmp_path):
    notice = load_notice(SEEDS[0], use_sidecar=False)
    blocks = notice_blocks(notice)
    radicals = str.maketrans({"见": "⻅", "长": "⻓", "门": "⻔", "工": "⼯", "一": "⼀"})
    for block in blocks:
        block.text = block.text.translate(radicals)
    assert any("⻅" in b.text or "⻓" in b.text for b in blocks)
    path = tmp_path / "radicals.pdf"
    write_pdf(blocks, path, notice.title)
    assert comparable(load_notice(path, use_sidecar=False)) == comparable(notice)


def test_radical_table_covers_both_blocks_and_leaves_other_text_alone():
    assert restore_ideographs("⼀⼯⽰⻅⻓⻔⻜⻢") == "一工示见长门飞马"
    assert restore_ideographs("（一）１２ＡＢ：，。") == "（一）１２ＡＢ：，。"


def test_scanned_pdf_without_text_layer_says_what_to_do(tmp_path):
    image = Image.new("L", (400, 300), 255)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path = tmp_path / "扫描件.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 50, 400, 400, 300)
    canvas.showPage()
    canvas.save()
    with pytest.raises(SourceError) as error:
        read_source(path)
    message = str(error.value)
    assert message.startswith("扫描件.pdf: the PDF has no text layer")
    assert "ocrmypdf" in message and ".txt" in message


def test_broken_pdf_names_the_file_and_the_fix(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a pdf\n")
    with pytest.raises(SourceError) as error:
        read_source(path)
    assert str(error.value).startswith("broken.pdf: ") and "PDF again" in str(error.value)


@pytest.mark.parametrize("seed", ["2024-baoshan-004", "2019-qingpu-003"])
def test_a_pdf_exported_by_libreoffice_parses_to_the_seed(tmp_path, seed):
    """A PDF this project did not lay out: LibreOffice's own pagination, fonts, and Word-style
    footnotes (raised digits citing, "1 …" at the page bottom)."""
    from .documents.corpus import write_docxs
    from .documents.legacy import convert_with_libreoffice

    notice = seed_notice(seed)
    docx = write_docxs(notice, tmp_path)[0]
    pdf = convert_with_libreoffice([docx], tmp_path, "pdf")[0]
    assert comparable(load_notice(pdf, use_sidecar=False)) == comparable(notice)
