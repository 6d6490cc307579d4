"""Theme pages: one per theme, an overview of all themes, and the tags index."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

import yaml

from .markup import md_text, one_line
from .model import Item, Notice
from .themes import Theme, Vocabulary

THEMES_DIR = "themes"
TAGS_PAGE = "tags.md"
EXCERPT_CHARS = 80


def theme_link(theme: Theme, from_dir: str) -> str:
    prefix = "" if from_dir == THEMES_DIR else ("../" if from_dir else "") + f"{THEMES_DIR}/"
    return f"{prefix}{theme.slug}.md"


def theme_chips(item: Item, vocabulary: Vocabulary, from_dir: str) -> str:
    """A paragraph of links to the item's theme pages, the primary theme first."""
    chips = []
    for position, slug in enumerate(item.themes):
        theme = vocabulary[slug]
        classes = ".theme-chip .theme-primary" if position == 0 else ".theme-chip"
        chips.append(f"[{md_text(theme.name)}]({theme_link(theme, from_dir)}){{ {classes} }}")
    # Excluded from the search index: a task should be found by its own words,
    # not by the names of the themes it was tagged with.
    return " ".join(chips) + "\n{: .task-themes data-search-exclude data-pagefind-ignore }"


def notice_tags(notice: Notice, vocabulary: Vocabulary) -> list[str]:
    """Theme names for Material's tags plugin: the notice's primary themes (those some
    item is mainly about), most frequent first; all themes would be too many to read."""
    counts = Counter(item.themes[0] for item in notice.items if item.themes)
    ordered = sorted(counts, key=lambda s: (-counts[s], s))
    return [vocabulary[slug].name for slug in ordered]


def _excerpt(item: Item) -> str:
    text = one_line(item.paragraphs[0]) if item.paragraphs else ""
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def render_theme_page(theme: Theme, notices: list[Notice]) -> str:
    entries = [(n, item) for n in notices for item in n.items if theme.slug in item.themes]
    front = yaml.safe_dump({"title": theme.name, "description": theme.scope}, allow_unicode=True, sort_keys=False)
    parts = [f"---\n{front}---", f"# {md_text(theme.name)}",
             f"{md_text(theme.scope)}\n{{: .theme-scope }}",
             f"分组：{md_text(theme.group)} · 共 {len(entries)} 项任务，"
             f"其中 {sum(1 for _, i in entries if i.themes[0] == theme.slug)} 项以此为主要主题。"]
    if not entries:
        parts.append("目前没有任务标注此主题。")
        return "\n\n".join(parts) + "\n"
    parts.append(_counts_table(entries))
    for year, year_entries in groupby(entries, key=lambda e: e[0].year):
        label = f"{year}年" if year else "年份未注明"
        parts.append(f"## {label} {{#year-{year or 'unknown'}}}")
        for notice, notice_entries in groupby(year_entries, key=lambda e: e[0].id):
            notice_entries = list(notice_entries)
            notice = notice_entries[0][0]
            issuer = md_text(notice.issuer or notice.region or "未注明发布机关")
            parts.append(f"### [{md_text(one_line(notice.title))}](../notices/{notice.id}.md) "
                         f"{{#{notice.id}}}\n\n{issuer}")
            # Pagefind: a theme page is found by its name and scope, not by the tasks it lists.
            parts.append('<div class="theme-tasks" data-pagefind-ignore markdown>\n\n'
                         + "\n".join(_entry_line(notice, item, theme) for _, item in notice_entries)
                         + "\n\n</div>")
    return "\n\n".join(parts) + "\n"


def _counts_table(entries: list[tuple[Notice, Item]]) -> str:
    years = Counter(n.year for n, _ in entries)
    rows = ["| 年度 | 任务数 |", "| --- | ---: |"]
    for year in sorted(years, key=lambda y: -(y or 0)):
        label = f"{year}年" if year else "年份未注明"
        rows.append(f"| [{label}](#year-{year or 'unknown'}) | {years[year]} |")
    return "\n".join(rows)


def _entry_line(notice: Notice, item: Item, theme: Theme) -> str:
    role = "" if item.themes[0] == theme.slug else " （相关）"
    link = f"../notices/{notice.id}.md#{item.anchor}"
    excerpt = _excerpt(item)
    return (f"- [{md_text(item.heading)}]({link}){md_text(role)}"
            + (f"<br>\n  <span class=\"excerpt\">{md_text(excerpt)}</span>" if excerpt else ""))


def render_themes_index(vocabulary: Vocabulary, notices: list[Notice]) -> str:
    counts = Counter(slug for n in notices for item in n.items for slug in item.themes)
    primary = Counter(item.themes[0] for n in notices for item in n.items if item.themes)
    parts = ["---\ntitle: 主题\n---", "# 主题",
             "每项任务都按受控主题词表（`sources/themes.yml`）标注一个主要主题和至多三个相关主题。"
             "点击主题查看各区、各年度的相关任务。"]
    for group in vocabulary.groups:
        parts.append(f"## {md_text(group)}")
        rows = ["| 主题 | 范围 | 任务数 | 主要主题 |", "| --- | --- | ---: | ---: |"]
        for theme in (t for t in vocabulary.themes if t.group == group):
            rows.append(f"| [{md_text(theme.name)}]({theme.slug}.md) | {md_text(theme.scope)} | "
                        f"{counts[theme.slug]} | {primary[theme.slug]} |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts) + "\n"


def render_tags_page() -> str:
    return ("---\ntitle: 标签索引\n---\n\n# 标签索引\n\n"
            "各文件涉及的主题，按标签列出。\n\n<!-- material/tags -->\n")
