"""The build: sources/ → docs/ (Markdown pages, data, originals)."""

from __future__ import annotations

import json
from pathlib import Path

from .markup import one_line
from .mkdocs_hooks import NAV_FILE
from .home_page import (notice_years, render_home_page, render_notices_index, render_year_notices, year_label,
                        year_page)
from .model import Notice
from .corpus_links import SiteGraph, build_graph
from .notice_page import NOTICES_DIR, ORIGINALS_DIR, PageContext, original_name, render_notice_page
from .overview_pages import (DEPARTMENTS_PAGE, GLOSSARY_PAGE, ISSUERS_DIR, YEARS_PAGE, render_departments,
                             render_glossary, render_issuer_page, render_issuers_index, render_years_page)
from .search_index import USER_DICTIONARY, user_dictionary
from .theme_pages import TAGS_PAGE, THEMES_DIR, render_tags_page, render_theme_page, render_themes_index
from .themes import Vocabulary
from .cache import ParseCache
from .pipeline import Report, load_corpus, no_timer
from .writer import DocsWriter

DATA_FILE = "data/notices.json"


def notice_json(notices: list[Notice]) -> str:
    # Compact: it is data for programs, and without indentation json uses its C encoder.
    return json.dumps([n.to_dict() for n in notices], ensure_ascii=False, separators=(",", ":")) + "\n"


def build_docs(sources: Path, docs: Path, cache: ParseCache | None = None,
               timer=no_timer) -> tuple[Report, dict[str, int]]:
    """sources/ → docs/: read, parse, tag (pipeline.py), link, write. ``timer(stage)``
    wraps each stage; the benchmark uses it."""
    report = load_corpus(sources, cache, timer)
    notices = sorted(report.notices, key=lambda n: (-(n.year or 0), n.id))
    vocabulary = report.vocabulary
    with timer("link"):
        graph = build_graph(notices)
    with timer("write"):
        stats = _write_docs(docs, notices, vocabulary, graph, report.originals)
    return report, stats


def _write_docs(docs: Path, notices: list[Notice], vocabulary: Vocabulary, graph: SiteGraph,
                originals: dict[str, bytes]) -> dict[str, int]:
    context = PageContext(vocabulary, graph)
    writer = DocsWriter(docs)
    for notice in notices:
        writer.add(f"{NOTICES_DIR}/{notice.id}.md", render_notice_page(notice, context))
        writer.add(f"{ORIGINALS_DIR}/{original_name(notice)}", originals[notice.id])
    writer.add(f"{NOTICES_DIR}/index.md", render_notices_index(notices))
    for year in notice_years(notices):
        writer.add(f"{NOTICES_DIR}/{year_page(year)}", render_year_notices(year, notices))
    writer.add("index.md", render_home_page(notices))
    for theme in vocabulary.themes:
        writer.add(f"{THEMES_DIR}/{theme.slug}.md", render_theme_page(theme, notices))
    writer.add(f"{THEMES_DIR}/index.md", render_themes_index(vocabulary, notices))
    writer.add(TAGS_PAGE, render_tags_page())
    writer.add(YEARS_PAGE, render_years_page(graph, vocabulary))
    writer.add(f"{ISSUERS_DIR}/index.md", render_issuers_index(graph))
    for issuer, slug in graph.issuer_slugs.items():
        writer.add(f"{ISSUERS_DIR}/{slug}.md", render_issuer_page(graph, issuer))
    writer.add(GLOSSARY_PAGE, render_glossary(graph))
    writer.add(DEPARTMENTS_PAGE, render_departments(graph))
    writer.add(USER_DICTIONARY, user_dictionary(notices, vocabulary, list(graph.glossary)))
    writer.add(DATA_FILE, notice_json(notices))
    hand_written = sorted(p.name for p in docs.glob("*.md") if p.name not in writer.files)
    nav = site_nav(notices, vocabulary, graph, hand_written)
    writer.add(NAV_FILE, json.dumps(nav, ensure_ascii=False, indent=1) + "\n")
    return writer.commit()


def site_nav(notices: list[Notice], vocabulary: Vocabulary, graph: SiteGraph, hand_written: list[str]) -> list:
    """The site's navigation, the same size whatever the number of notices: it lists
    index pages (a page per year, the issuers' index), never every notice or issuer,
    because Material repeats the navigation on every page (a site of N notices would
    otherwise weigh N² bytes). Hand-written top-level pages come last."""
    return [
        {"首页": "index.md"},
        {"文件": [f"{NOTICES_DIR}/index.md", *(
            {year_label(year): f"{NOTICES_DIR}/{year_page(year)}"} for year in notice_years(notices))]},
        {"主题": [f"{THEMES_DIR}/index.md", *(
            {group: [{t.name: f"{THEMES_DIR}/{t.slug}.md"} for t in vocabulary.themes if t.group == group]}
            for group in vocabulary.groups)]},
        {"年度索引": YEARS_PAGE},
        {"发布机关": f"{ISSUERS_DIR}/index.md"},
        {"工作名称": GLOSSARY_PAGE},
        {"责任部门": DEPARTMENTS_PAGE},
        {"标签索引": TAGS_PAGE},
        *hand_written,
    ]
