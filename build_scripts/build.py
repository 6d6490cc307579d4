"""The build: sources/ → docs/ (Markdown pages, data, originals)."""

from __future__ import annotations

import json
from pathlib import Path

from .markup import one_line
from .mkdocs_hooks import NAV_FILE
from .home_page import render_home_page, render_notices_index
from .model import Notice
from .notice_page import NOTICES_DIR, ORIGINALS_DIR, original_name, render_notice_page
from .theme_pages import TAGS_PAGE, THEMES_DIR, render_tags_page, render_theme_page, render_themes_index
from .themes import Vocabulary
from .pipeline import Report, load_corpus
from .writer import DocsWriter

DATA_FILE = "data/notices.json"


def notice_json(notices: list[Notice]) -> str:
    return json.dumps([n.to_dict() for n in notices], ensure_ascii=False, indent=1) + "\n"


def build_docs(sources: Path, docs: Path) -> tuple[Report, dict[str, int]]:
    report = load_corpus(sources)
    notices = sorted(report.notices, key=lambda n: (-(n.year or 0), n.id))
    vocabulary = report.vocabulary
    writer = DocsWriter(docs)
    for notice in notices:
        writer.add(f"{NOTICES_DIR}/{notice.id}.md", render_notice_page(notice, vocabulary))
        writer.add(f"{ORIGINALS_DIR}/{original_name(notice)}", (sources / notice.source).read_bytes())
    writer.add(f"{NOTICES_DIR}/index.md", render_notices_index(notices))
    writer.add("index.md", render_home_page(notices))
    for theme in vocabulary.themes:
        writer.add(f"{THEMES_DIR}/{theme.slug}.md", render_theme_page(theme, notices))
    writer.add(f"{THEMES_DIR}/index.md", render_themes_index(vocabulary, notices))
    writer.add(TAGS_PAGE, render_tags_page())
    writer.add(DATA_FILE, notice_json(notices))
    hand_written = sorted(p.name for p in docs.glob("*.md") if p.name not in writer.files)
    nav = site_nav(notices, vocabulary, hand_written)
    writer.add(NAV_FILE, json.dumps(nav, ensure_ascii=False, indent=1) + "\n")
    return report, writer.commit()


def site_nav(notices: list[Notice], vocabulary: Vocabulary, hand_written: list[str]) -> list:
    """The site's navigation: home, the notices grouped by year (newest first), then
    the hand-written top-level pages (titled from their front matter by MkDocs)."""
    by_year: dict[str, list] = {}
    for notice in notices:
        label = f"{notice.year}年" if notice.year else "年份未注明"
        by_year.setdefault(label, []).append({one_line(notice.title): f"{NOTICES_DIR}/{notice.id}.md"})
    return [
        {"首页": "index.md"},
        {"文件": [f"{NOTICES_DIR}/index.md", *({year: pages} for year, pages in by_year.items())]},
        {"主题": [f"{THEMES_DIR}/index.md", *(
            {group: [{t.name: f"{THEMES_DIR}/{t.slug}.md"} for t in vocabulary.themes if t.group == group]}
            for group in vocabulary.groups)]},
        {"标签索引": TAGS_PAGE},
        *hand_written,
    ]
