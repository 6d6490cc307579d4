"""Every file of the generated Markdown tree, made one at a time.

``render_site`` yields (path, content) pairs for the writer: a page per notice
and its original, the notice indexes, the theme, year, issuer, glossary and
departments pages, and the data files; the search index's pieces
(``search_index.search_files``) need no links, so the build writes them first.
``site_nav`` is the navigation as plain data (MkDocs' ``nav`` format, which other
engines read as well).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Iterator

from .. import addresses as at
from ..enrich.links import SiteGraph
from ..enrich.vocabulary import Vocabulary
from ..model import Notice
from .comparisons import render_side_by_side
from .compare_any import render_any_two_page
from .data import notices_json_chunks, schema_json
from .exports import export_files, render_downloads_page
from .home_page import notice_years, render_home_page, render_notices_index, render_year_notices, year_label
from .markup import Md
from .inputs import NoticeDigests, digest
from .notice_page import PageContext, notice_page_inputs, render_notice_page
from .originals import original_files
from .related import related_piece
from .search_index import render_search_page
from .overview_pages import (issuer_page_inputs, render_departments, render_glossary, render_issuer_page,
                             render_issuers_index, render_years_page)
from .theme_pages import render_theme_pages, render_themes_index
from .writer import Chunks, Deferred


def render_site(notices: list[Notice], vocabulary: Vocabulary, graph: SiteGraph, originals: dict[str, Path],
                digests: NoticeDigests | None = None) -> Iterator[tuple[str, Md | bytes | Chunks | Deferred]]:
    """Pages that are costly to make and depend on few notices (a notice's page, a side-by-side
    page) come ``Deferred``, so that a rebuild makes only those whose inputs changed."""
    context = PageContext(vocabulary, graph, digests or NoticeDigests())
    for notice in notices:
        yield at.notice_page(notice.id).src, Deferred(notice_page_inputs(notice, context),
                                                      partial(render_notice_page, notice, context))
        yield at.related_piece(notice.id), related_piece(notice, graph)
        yield from original_files(notice, originals[notice.id])
    yield at.NOTICES_INDEX.src, render_notices_index(notices)
    for year in notice_years(notices):
        yield from _pages(render_year_notices(year, notices))
    yield at.HOME.src, render_home_page(notices, vocabulary, graph.issuer_slugs)
    for theme in vocabulary.themes:
        yield from _pages(render_theme_pages(theme, notices, context.digests))
    yield at.THEMES_INDEX.src, render_themes_index(vocabulary, notices)
    yield at.YEARS.src, render_years_page(graph, vocabulary)
    yield from _pages(render_issuers_index(graph))
    for issuer, slug in graph.issuer_slugs.items():
        inputs = issuer_page_inputs(graph, issuer, context.digests, context.vocabulary_digest)
        yield at.issuer_page(slug).src, Deferred(inputs, partial(render_issuer_page, graph, issuer, vocabulary))
    for later_id, comparison in graph.comparisons.items():
        inputs = digest([context.digests(comparison.previous), context.digests(comparison.current)])
        yield at.side_by_side_page(later_id).src, Deferred(inputs, partial(render_side_by_side, comparison))
    yield at.COMPARE_ANY.src, render_any_two_page()
    yield from _pages(render_glossary(graph))
    yield from _pages(render_departments(graph))
    yield at.DATA_FILE, Chunks(notices_json_chunks(notices, context.digests.json))
    yield from export_files(notices, vocabulary, graph)
    yield at.DOWNLOADS.src, render_downloads_page(vocabulary, graph, sum(len(n.items) for n in notices))
    yield at.SCHEMA_FILE, schema_json()
    yield at.SEARCH.src, render_search_page()


def _pages(pages: Iterator[tuple[at.Page, Md | Deferred]]) -> Iterator[tuple[str, Md | Deferred]]:
    for here, content in pages:
        yield here.src, content


def site_nav(notices: list[Notice], vocabulary: Vocabulary, hand_written: list[str]) -> list:
    """The site's navigation, the same size whatever the number of notices: it lists
    index pages (a page per year, the issuers' index), never every notice or issuer,
    because Material repeats the navigation on every page (a site of N notices would
    otherwise weigh N² bytes). Hand-written top-level pages come last."""
    return [
        {"首页": at.HOME.src},
        {"搜索": at.SEARCH.src},
        {"文件": [at.NOTICES_INDEX.src, *(
            {year_label(year): at.year_notices_page(year).src} for year in notice_years(notices))]},
        {"主题": [at.THEMES_INDEX.src, *(
            {group: [{t.name: at.theme_page(t.slug).src} for t in vocabulary.in_group(group)]}
            for group in vocabulary.groups)]},
        {"年度索引": at.YEARS.src},
        {"任意两份对照": at.COMPARE_ANY.src},
        {"发布机关": at.ISSUERS_INDEX.src},
        {"工作名称": at.GLOSSARY.src},
        {"责任部门": at.DEPARTMENTS.src},
        {"数据下载": at.DOWNLOADS.src},
        *hand_written,
    ]
