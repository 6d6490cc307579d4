"""The originals beside each notice: the file to download, and the original text as a page.

A text or web-page source is re-encoded as UTF-8 with a byte-order mark, so that a browser
shows it right even from a server that sends no charset (most intranet servers), and its
text is also shown as an HTML page (``originals/<id>.html``), escaped: nothing in it takes
effect. PDF and Word files are given as they are (browsers open PDFs themselves).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .. import addresses as at
from ..model import Notice
from ..read.decode import decode_bytes, normalise_newlines, without_controls
from .home_page import page
from .markup import Html, Md, front_matter


def has_text_view(notice: Notice) -> bool:
    return at.source_suffix(notice.source) in at.TEXT_SOURCES


def original_files(notice: Notice, path: Path) -> Iterator[tuple[str, Md | bytes]]:
    data = path.read_bytes()
    if not has_text_view(notice):
        yield at.original_file(notice.id, notice.source), data
        return
    text = normalise_newlines(decode_bytes(data, path.name)[0]).lstrip("\ufeff")
    yield at.original_file(notice.id, notice.source), ("\ufeff" + text).encode("utf-8")
    yield at.original_view(notice.id).src, render_original_view(notice, without_controls(text)[0])


def render_original_view(notice: Notice, text: str) -> Md:
    here = at.original_view(notice.id)
    title = f"原文：{notice.title}"
    lines = Html("<br>").join(text.split("\n"))
    return page(
        front_matter(title=title, description=f"{notice.title}的原始文本"),
        Md("# {}").format(title),
        Md("这是本站所依据的原始文件（{}）的全部文字，未作任何改动；[下载原始文件]({}) · [返回文件页面]({})").format(
            notice.source, at.href(here, at.original_file(notice.id, notice.source)), at.href(here, at.notice_page(notice.id))),
        Md.html_block(Html('<div class="original-text" data-search-exclude>{}</div>').format(lines)),
    )
