"""Theme pages: one per theme, an overview of all themes, and the tags index."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from .. import addresses as at
from ..enrich.links import issuer_label
from ..enrich.vocabulary import Theme, Vocabulary
from ..model import Item, Notice
from .home_page import page, year_label
from .markup import Md, front_matter, one_line

EXCERPT_CHARS = 80


def theme_chips(item: Item, vocabulary: Vocabulary, here: at.Page) -> Md:
    """A paragraph of links to the item's theme pages, the primary theme first."""
    chips = []
    for position, slug in enumerate(item.themes):
        classes = Md(".theme-chip .theme-primary") if position == 0 else Md(".theme-chip")
        chips.append(Md("[{}]({}){{ {} }}").format(vocabulary[slug].name, at.href(here, at.theme_page(slug)), classes))
    # Excluded from the search index: a task should be found by its own words,
    # not by the names of the themes it was tagged with.
    return Md(" ").join(chips) + Md("\n{: .task-themes data-search-exclude }")


def notice_tags(notice: Notice, vocabulary: Vocabulary) -> list[str]:
    """Theme names for Material's tags plugin: the notice's primary themes (those some
    item is mainly about), most frequent first; all themes would be too many to read."""
    counts = Counter(item.themes[0] for item in notice.items if item.themes)
    ordered = sorted(counts, key=lambda s: (-counts[s], s))
    return [vocabulary[slug].name for slug in ordered]


def _excerpt(item: Item) -> str:
    text = one_line(item.paragraphs[0]) if item.paragraphs else ""
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def render_theme_page(theme: Theme, notices: list[Notice]) -> Md:
    here = at.theme_page(theme.slug)
    entries = [(n, item) for n in notices for item in n.items if theme.slug in item.themes]
    primary = sum(1 for _, i in entries if i.themes[0] == theme.slug)
    parts = [front_matter(title=theme.name, description=theme.scope), Md("# {}").format(theme.name),
             Md("{}\n{{: .theme-scope }}").format(theme.scope),
             Md("分组：{} · 共 {} 项任务，其中 {} 项以此为主要主题。").format(theme.group, len(entries), primary)]
    if not entries:
        parts.append(Md("目前没有任务标注此主题。"))
        return page(*parts)
    parts.append(_counts_table(entries))
    for year, year_entries in groupby(entries, key=lambda e: e[0].year):
        parts.append(Md("## {} {{#{}}}").format(year_label(year), at.year_anchor(year)))
        for _, notice_entries in groupby(year_entries, key=lambda e: e[0].id):
            notice_entries = list(notice_entries)
            notice = notice_entries[0][0]
            parts.append(Md("### [{}]({}) {{#{}}}\n\n{}").format(
                notice.title, at.href(here, at.notice_page(notice.id)), at.notice_anchor(notice.id),
                issuer_label(notice)))
            # Pagefind: a theme page is found by its name and scope, not by the tasks it lists.
            parts.append(Md('<div class="theme-tasks" markdown>\n\n{}\n\n</div>').format(
                Md("\n").join(_entry_line(notice, item, theme, here) for _, item in notice_entries)))
    return page(*parts)


def _counts_table(entries: list[tuple[Notice, Item]]) -> Md:
    years = Counter(n.year for n, _ in entries)
    rows = [Md("| 年度 | 任务数 |"), Md("| --- | ---: |")]
    for year in sorted(years, key=lambda y: -(y or 0)):
        rows.append(Md("| [{}]({}) | {} |").format(year_label(year), at.here(at.year_anchor(year)), years[year]))
    return Md("\n").join(rows)


def _entry_line(notice: Notice, item: Item, theme: Theme, here: at.Page) -> Md:
    role = Md("") if item.themes[0] == theme.slug else Md(" （相关）")
    line = Md("- [{}]({}){}").format(item.heading, at.href(here, at.notice_page(notice.id), item.anchor), role)
    excerpt = _excerpt(item)
    if excerpt:
        line += Md('<br>\n  <span class="excerpt">{}</span>').format(excerpt)
    return line


def render_themes_index(vocabulary: Vocabulary, notices: list[Notice]) -> Md:
    counts = Counter(slug for n in notices for item in n.items for slug in item.themes)
    primary = Counter(item.themes[0] for n in notices for item in n.items if item.themes)
    parts = [front_matter(title="主题"), Md("# 主题"),
             Md("每项任务都按受控主题词表（`sources/themes.yml`）标注一个主要主题和至多三个相关主题。"
                "点击主题查看各区、各年度的相关任务。")]
    for group in vocabulary.groups:
        parts.append(Md("## {}").format(group))
        rows = [Md("| 主题 | 范围 | 任务数 | 主要主题 |"), Md("| --- | --- | ---: | ---: |")]
        for theme in vocabulary.in_group(group):
            rows.append(Md("| [{}]({}) | {} | {} | {} |").format(
                theme.name, at.href(at.THEMES_INDEX, at.theme_page(theme.slug)), theme.scope,
                counts[theme.slug], primary[theme.slug]))
        parts.append(Md("\n").join(rows))
    return page(*parts)


def render_tags_page() -> Md:
    return page(front_matter(title="标签索引"), Md("# 标签索引"), Md("各文件涉及的主题，按标签列出。"),
                Md("<!-- material/tags -->"))
