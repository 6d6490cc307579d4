"""Theme pages: a theme's tasks over as many pages as they need, and an overview of all themes."""

from __future__ import annotations

from collections import Counter
from functools import partial
from itertools import groupby
from typing import Callable, Iterator

from .. import addresses as at
from ..enrich.links import issuer_label
from ..enrich.vocabulary import Theme, Vocabulary
from ..model import Item, Notice
from .charts import percent, sparkline, theme_shares
from .comparisons import target_label
from .home_page import page, year_label
from .markup import Html, Md, front_matter, one_line
from .inputs import digest
from .paging import pager, split_from_end
from .writer import Deferred

EXCERPT_CHARS = 80


def theme_chips(item: Item, vocabulary: Vocabulary, here: at.Page) -> Md:
    """A paragraph of links to the item's theme pages, the primary theme first."""
    chips = []
    for position, slug in enumerate(item.themes):
        classes = Md(".theme-chip .theme-primary") if position == 0 else Md(".theme-chip")
        chips.append(Md("[{}]({}){{ {} }}").format(vocabulary[slug].name, at.href(here, at.theme_page(slug)), classes))
    # Excluded from a search result's highlight: the task's own words are marked, not its themes.
    return Md(" ").join(chips) + Md("\n{: .task-themes data-search-exclude }")


def _excerpt(item: Item) -> str:
    text = one_line(item.paragraphs[0]) if item.paragraphs else ""
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


THEME_PAGE_TASKS = 150  # tasks listed on one page of a theme


def theme_entries(theme: Theme, notices: list[Notice]) -> list[tuple[Notice, Item]]:
    return [(n, item) for n in notices for item in n.items if theme.slug in item.themes]


def theme_year_pages(theme: Theme, entries: list[tuple[Notice, Item]]) -> dict[int | None, at.Page]:
    """The page of the theme that holds each year's first task."""
    first = at.theme_page(theme.slug)
    found: dict[int | None, at.Page] = {}
    for number, chunk in enumerate(split_from_end(entries, THEME_PAGE_TASKS), start=1):
        for notice, _ in chunk:
            found.setdefault(notice.year, at.page_part(first, number))
    return found


def render_theme_pages(theme: Theme, notices: list[Notice], digests: Callable[[Notice], str] | None = None
                       ) -> Iterator[tuple[at.Page, Md | Deferred]]:
    """A theme's pages: its scope and counts by year, then its tasks, newest year first,
    THEME_PAGE_TASKS to a page. With ``digests`` (each notice's), the pages after the first
    come ``Deferred``: they show only their own tasks, so a rebuild makes again only those
    whose tasks changed (the first page's counts cover the whole theme: it is always made)."""
    first = at.theme_page(theme.slug)
    entries = theme_entries(theme, notices)
    chunks = split_from_end(entries, THEME_PAGE_TASKS)
    for number, chunk in enumerate(chunks, start=1):
        make = partial(_theme_page, theme, notices, entries, chunk, number, len(chunks))
        if number == 1 or digests is None:
            yield at.page_part(first, number), make()
        else:
            inputs = digest([repr(theme), number, len(chunks),
                             [[digests(group[0][0]), [i.anchor for _, i in group]] for group in _by_notice(chunk)]])
            yield at.page_part(first, number), Deferred(inputs, make)


def _by_notice(entries: list[tuple[Notice, Item]]) -> list[list[tuple[Notice, Item]]]:
    return [list(group) for _, group in groupby(entries, key=lambda e: e[0].id)]


def _theme_page(theme: Theme, notices: list[Notice], entries: list[tuple[Notice, Item]],
                chunk: list[tuple[Notice, Item]], number: int, count: int) -> Md:
    first = at.theme_page(theme.slug)
    here = at.page_part(first, number)
    title = theme.name if number == 1 else f"{theme.name}（第 {number} 页）"
    parts = [front_matter(title=title, description=theme.scope), Md("# {}").format(title)]
    if number == 1:
        primary = sum(1 for _, i in entries if i.themes[0] == theme.slug)
        parts += [Md("{}\n{{: .theme-scope }}").format(theme.scope),
                  Md("分组：{} · 共 {} 项任务，其中 {} 项以此为主要主题。").format(theme.group, len(entries), primary)]
        if not entries:
            parts.append(Md("目前没有任务标注此主题。"))
        else:
            shares = dict(theme_shares(notices, theme.slug))
            parts.append(Md.html_block(Html('<p class="theme-trend">占当年全部任务的比例：{}</p>').format(
                sparkline(sorted(shares.items()), theme.name))))
            parts.append(_counts_table(entries, theme_year_pages(theme, entries), here, shares))
    parts.append(pager(first, count, number))
    for year, year_entries in groupby(chunk, key=lambda e: e[0].year):
        parts.append(Md("## {} {{#{}}}").format(year_label(year), at.year_anchor(year)))
        for notice_entries in _by_notice(list(year_entries)):
            notice = notice_entries[0][0]
            parts.append(Md("### [{}]({}) {{#{}}}\n\n{}").format(
                notice.title, at.href(here, at.notice_page(notice.id)), at.notice_anchor(notice.id),
                issuer_label(notice)))
            parts.append(Md('<div class="theme-tasks" markdown>\n\n{}\n\n</div>').format(
                Md("\n").join(_entry_line(notice, item, theme, here) for _, item in notice_entries)))
    targets = _targets_table(chunk, here)
    if targets:
        parts += [Md("## 本页任务的目标 {{#{}}}").format(at.TARGETS), targets]
    if count > 1 and chunk:
        parts.append(pager(first, count, number))
    return page(*parts)


def _targets_table(entries: list[tuple[Notice, Item]], here: at.Page) -> Md | None:
    """The quantities the tasks of this page commit to (render/notice_page has each plan's own)."""
    rows = [Md("| {} | [{}]({}) | {} | {} |").format(
        year_label(notice.year), item.heading, at.href(here, at.notice_page(notice.id), item.anchor),
        target.subject or "—", target_label(target))
        for notice, item in entries for target in item.targets]
    if not rows:
        return None
    return Md('<div class="targets-table" data-search-exclude markdown>\n\n{}\n\n</div>').format(
        Md("\n").join([Md("| 年度 | 任务 | 指标 | 目标 |"), Md("| --- | --- | --- | --- |"), *rows]))


def _counts_table(entries: list[tuple[Notice, Item]], year_pages: dict, here: at.Page,
                  shares: dict[int, float]) -> Md:
    years = Counter(n.year for n, _ in entries)
    rows = [Md("| 年度 | 任务数 | 占当年全部任务 |"), Md("| --- | ---: | ---: |")]
    for year in sorted(years, key=lambda y: -(y or 0)):
        target = at.here(at.year_anchor(year)) if year_pages[year] == here \
            else at.href(here, year_pages[year], at.year_anchor(year))
        share = percent(shares[year]) if year in shares else "—"
        rows.append(Md("| [{}]({}) | {} | {} |").format(year_label(year), target, years[year], share))
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
