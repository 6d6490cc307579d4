"""Pages across notices: the years index (with the theme × year table), a page per
issuer with its year-over-year comparisons, the glossary and the departments index."""

from __future__ import annotations

import zlib
from collections import Counter
from typing import Callable, Iterator
from urllib.parse import quote, urlencode

from .. import addresses as at
from ..enrich.links import GLOSSARY_MIN_TASKS, SiteGraph, Term, issuer_label
from ..enrich.vocabulary import Vocabulary
from ..model import Item, Notice, Target
from .charts import emphasis_bars, percent, sparkline, theme_shares
from .comparisons import notice_link, render_comparison, target_label, target_pairs, task_link
from .home_page import page
from .inputs import digest
from .markup import Html, Md, front_matter
from .paging import pager, split
from .theme_pages import theme_entries, theme_year_pages

SHADES = 5  # levels of the table's shading (0 = no task)


def _page(title: str, *parts: Md) -> Md:
    return page(front_matter(title=title), Md("# {}").format(title), *parts)


# --- years ------------------------------------------------------------------------

def render_years_page(graph: SiteGraph, vocabulary: Vocabulary) -> Md:
    years = sorted({n.year for n in graph.notices if n.year})
    parts = [Md("各年度的文件，以及每个主题在各年度的任务数。"),
             Md("## 主题 × 年度 {{#{}}}").format(at.THEME_YEAR_TABLE),
             Md("每格是该年度标注此主题的任务数，点击进入主题页的该年度部分；颜色越深任务越多，"
                "数字本身即为信息。"),
             _theme_year_table(graph, vocabulary, years),
             Md("最后一列是该主题占当年全部任务的比例随年度的变化（各年度文件多少不一，比例比任务数更可比）；"
                "各年度的比例数字见下表。"),
             _theme_share_table(graph, vocabulary, years)]
    rows = [Md("| 年度 | 文件数 | 任务数 | 发布机关数 |"), Md("| --- | ---: | ---: | ---: |")]
    for year in sorted(years, reverse=True):
        plans = [n for n in graph.notices if n.year == year]
        rows.append(Md("| [{}年]({}) | {} | {} | {} |").format(
            year, at.href(at.YEARS, at.year_notices_page(year)), len(plans), sum(len(n.items) for n in plans),
            len({issuer_label(n) for n in plans})))
    parts += [Md("## 各年度文件"), Md("\n").join(rows)]
    return _page("年度索引", *parts)


def _theme_year_table(graph: SiteGraph, vocabulary: Vocabulary, years: list[int]) -> Md:
    counts = Counter((slug, n.year) for n in graph.notices for i in n.items for slug in i.themes if n.year)
    peak = max(counts.values(), default=1)
    year_pages = {theme.slug: theme_year_pages(theme, theme_entries(theme, graph.notices)) for theme in vocabulary.themes}
    head = Html("").join(Html('<th scope="col">{}</th>').format(year) for year in years) + \
        Html('<th scope="col">占比变化</th>')
    body = []
    for group in vocabulary.groups:
        body.append(Html('<tr class="group"><th scope="rowgroup" colspan="{}">{}</th></tr>').format(
            len(years) + 1, group))
        for theme in vocabulary.in_group(group):
            cells = []
            for year in years:
                count = counts.get((theme.slug, year), 0)
                level = 0 if not count else 1 + (SHADES - 2) * (count - 1) // max(1, peak - 1)
                link = at.href(at.YEARS, year_pages[theme.slug].get(year, at.theme_page(theme.slug)),
                               at.year_anchor(year), html=True)
                content = (Html('<a href="{}" aria-label="{}">{}</a>').format(
                    link, f"{theme.name} {year}年 {count} 项任务", count)
                    if count else Html('<span aria-label="0">·</span>'))
                cells.append(Html('<td class="shade-{}">{}</td>').format(level, content))
            cells.append(Html('<td class="trend">{}</td>').format(sparkline(theme_shares(graph.notices, theme.slug), theme.name)))
            body.append(Html('<tr><th scope="row"><a href="{}">{}</a></th>{}</tr>').format(
                at.href(at.YEARS, at.theme_page(theme.slug), html=True), theme.name, Html("").join(cells)))
    return Md.html_block(Html(
        '<div class="theme-year" data-search-exclude>\n<table class="theme-year-table">\n'
        '<caption>各主题每年度的任务数</caption>\n'
        '<thead><tr><th scope="col">主题</th>{}</tr></thead>\n<tbody>\n{}\n</tbody>\n</table>\n</div>'
    ).format(head, Html("\n").join(body)))


def _theme_share_table(graph: SiteGraph, vocabulary: Vocabulary, years: list[int]) -> Md:
    """The same table as shares of each year's tasks, behind a toggle."""
    head = Html("").join(Html('<th scope="col">{}</th>').format(year) for year in years)
    body = []
    for theme in vocabulary.themes:
        shares = dict(theme_shares(graph.notices, theme.slug))
        cells = Html("").join(Html("<td>{}</td>").format(percent(shares.get(year, 0.0))) for year in years)
        body.append(Html('<tr><th scope="row">{}</th>{}</tr>').format(theme.name, cells))
    return Md.html_block(Html(
        '<details class="theme-shares" data-search-exclude><summary>按占比显示（该主题任务数 ÷ 当年全部任务数）</summary>'
        '<div class="theme-year"><table class="theme-year-table"><caption>各主题占当年全部任务的比例</caption>'
        '<thead><tr><th scope="col">主题</th>{}</tr></thead><tbody>{}</tbody></table></div></details>'
    ).format(head, Html("").join(body)))


# --- issuers ------------------------------------------------------------------------

ISSUERS_PAGE = 300  # issuers listed on one page of the index


def render_issuers_index(graph: SiteGraph) -> Iterator[tuple[at.Page, Md]]:
    chunks = split(sorted(graph.issuers.items()), ISSUERS_PAGE)
    for number, chunk in enumerate(chunks, start=1):
        here = at.page_part(at.ISSUERS_INDEX, number)
        rows = [Md("| 发布机关 | 文件数 | 年度 |"), Md("| --- | ---: | --- |")]
        for issuer, plans in chunk:
            years = "、".join(str(n.year) for n in plans if n.year) or "—"
            rows.append(Md("| [{}]({}) | {} | {} |").format(
                issuer, at.href(here, at.issuer_page(graph.issuer_slugs[issuer])), len(plans), years))
        title = "发布机关" + (f"（第 {number} 页）" if number > 1 else "")
        yield here, _page(title, Md("各发布机关（或地区）历年的工作要点。"), pager(at.ISSUERS_INDEX, len(chunks), number),
                          Md("\n").join(rows))


def _with_tasks(plans: list[Notice]) -> list[Notice]:
    return [n for n in plans if n.year and n.items]


def issuer_page_inputs(graph: SiteGraph, issuer: str, digests: Callable[[Notice], str],
                       vocabulary_digest: str | None) -> str:
    """A digest of everything ``render_issuer_page`` reads: the issuer's plans (their comparisons
    and targets depend on nothing else), its address, the vocabulary and its page of the
    departments index. Nothing of other issuers' plans is on the page, so a plan added to the
    collection changes its own issuer's page only."""
    departments = department_page(graph, issuer)
    return digest({"plans": [digests(n) for n in graph.issuers[issuer]], "slug": graph.issuer_slugs[issuer],
                   "vocabulary": vocabulary_digest, "departments": departments.src if departments else None})


def render_issuer_page(graph: SiteGraph, issuer: str, vocabulary: Vocabulary | None = None) -> Md:
    here = at.issuer_page(graph.issuer_slugs[issuer])
    plans = graph.issuers[issuer]
    rows = [Md("| 年度 | 文件 | 文号 | 任务数 |"), Md("| --- | --- | --- | ---: |")]
    for notice in reversed(plans):
        rows.append(Md("| {} | {} | {} | {} |").format(
            notice.year or "—", notice_link(notice, here), notice.doc_number or "—", len(notice.items)))
    parts = [Md("\n").join(rows),
             Md("[下载本机关全部任务（CSV）]({})").format(at.href(here, at.issuer_csv(graph.issuer_slugs[issuer])))]
    departments = department_page(graph, issuer)
    if departments:
        parts.append(Md("[本机关文件写明的责任部门及其任务数]({})").format(
            at.href(here, departments, graph.issuer_slugs[issuer])))
    for notice in reversed(plans):
        comparison = graph.comparisons.get(notice.id)
        if comparison:
            parts.append(Md("## {}年与{}年相比 {{#{}}}").format(
                comparison.current.year, comparison.previous.year, at.comparison_anchor(comparison.current.year)))
            parts.append(render_comparison(comparison, here))
    if len(plans) < 2:
        parts.append(Md("只有一个年度的文件，暂无逐年比较。"))
    else:
        parts += _targets_over_years(graph, plans, here)
    parts += _emphasis(plans, vocabulary, here)
    return _page(issuer, *parts)


EMPHASIS_THEMES = 8  # themes drawn on an issuer page


def _emphasis(plans: list[Notice], vocabulary: Vocabulary | None, here: at.Page) -> list[Md]:
    """How the issuer's latest plan spreads its tasks over themes, against its previous plan. (Not
    against all issuers' plans of the year: that would change every issuer's page whenever a plan is
    added; the years page gives each theme's share of all plans, year by year.)"""
    dated = _with_tasks(plans)
    if not dated or vocabulary is None:
        return []
    latest = dated[-1]
    previous = next((n for n in reversed(dated) if n.year < latest.year), None)
    names = {t.slug: t.name for t in vocabulary.themes}
    own = Counter(slug for i in latest.items for slug in i.themes)
    before = Counter(slug for i in previous.items for slug in i.themes) if previous else Counter()
    top = sorted((s for s in own if s in names), key=lambda s: (-own[s], s))[:EMPHASIS_THEMES]
    rows = [(names[s], own[s] / len(latest.items), before[s] / len(previous.items) if previous else None) for s in top]
    shares = Md("[年度索引]({})中有各主题在全部文件中所占比例的逐年变化。").format(
        at.href(here, at.YEARS, at.THEME_YEAR_TABLE))
    if previous:
        caption = f"本机关各主题任务占比：{latest.year}年与{previous.year}年相比"
        intro = Md("{}年本机关的文件中，任务最多的 {} 个主题各占本机关任务的比例（实心条），与本机关{}年文件中"
                   "同一主题所占比例（空心条）相比。").format(latest.year, len(rows), previous.year)
        chart = emphasis_bars(rows, caption, f"{latest.year}年", f"{previous.year}年")
    else:
        caption = f"本机关各主题任务占比：{latest.year}年"
        intro = Md("{}年本机关的文件中，任务最多的 {} 个主题各占本机关任务的比例。").format(latest.year, len(rows))
        chart = emphasis_bars(rows, caption, f"{latest.year}年")
    return [Md("## 工作重点"), intro + shares,
            Md.html_block(Html('<figure class="emphasis" data-search-exclude>{}<figcaption>{}</figcaption></figure>').format(
                chart, caption))]


def _targets_over_years(graph: SiteGraph, plans: list[Notice], here: at.Page) -> list[Md]:
    """Targets followed from plan to plan where their tasks match (same unit, alike subject)."""
    following: dict[int, tuple[Notice, Target]] = {}
    has_earlier: set[int] = set()
    for notice in plans:
        comparison = graph.comparisons.get(notice.id)
        for match in comparison.matches if comparison else []:
            for old, new in target_pairs(match):
                following[id(old)] = (notice, new)
                has_earlier.add(id(new))
    chains = []
    for notice in plans:
        for item in notice.items:
            for target in item.targets:
                if id(target) in has_earlier or id(target) not in following:
                    continue
                chain = {notice.id: (item, target)}
                current = target
                while id(current) in following:
                    later, current = following[id(current)]
                    item_of = next(i for i in later.items if current in i.targets)
                    chain[later.id] = (item_of, current)
                chains.append((current.subject or target.subject, target.unit, chain))
    if not chains:
        return []
    head = Md(" | ").join(Md("{}").format(n.year or "—") for n in plans)
    rows = [Md("| 指标 | 单位 | {} |").format(head), Md("").join([Md("| --- | --- |"), *[Md(" --- |")] * len(plans)])]
    for subject, unit, chain in chains:
        cells = []
        for notice in plans:
            if notice.id in chain:
                item, target = chain[notice.id]
                cells.append(Md("[{}]({})").format(target_label(target), at.href(here, at.notice_page(notice.id), item.anchor)))
            else:
                cells.append(Md("—"))
        rows.append(Md("| {} | {} | {} |").format(subject or "—", unit, Md(" | ").join(cells)))
    return [Md("## 历年目标 {{#{}}}").format(at.TARGETS),
            Md("同一目标在相邻年度对应任务中的数值（单位相同、指标相近才视为同一目标）；点击数值进入该任务。"),
            Md('<div class="targets-table" data-search-exclude markdown>\n\n{}\n\n</div>').format(Md("\n").join(rows))]


# --- glossary and departments ---------------------------------------------------------

GLOSSARY_TERMS_PAGE = 50  # terms on one page of the glossary
GLOSSARY_USES_SHOWN = 10  # tasks listed under a term; the search page finds all of them
DEPARTMENT_ISSUERS_PAGE = 15  # issuers on one page of the departments index


def search_link(here: at.Page, label: str, css: str = "", title: str = "", **filters: str) -> Html:
    """A link to the search page with these parameters (q, issuer, department…): it lists every task."""
    address = at.href(here, at.SEARCH, html=True) + "?" + urlencode(filters, quote_via=quote)
    extra = (Html(' class="{}"').format(css) if css else Html("")) + (Html(' title="{}"').format(title) if title else Html(""))
    return Html('<a href="{}"{}>{}</a>').format(address, extra, label)


def hash_buckets(entries: int, per_page: int) -> int:
    """How many pages hold a list whose entries are placed by a hash of their name: a power of
    two, about ``per_page`` entries each. An entry moves only when the list doubles or halves,
    never because another entry comes or grows: the links to it from other pages stay the same
    (an incremental build rewrites no other page)."""
    buckets = 1
    while buckets * per_page < entries:
        buckets *= 2
    return buckets


def glossary_buckets(terms: int) -> int:
    return hash_buckets(terms, GLOSSARY_TERMS_PAGE)


def _bucket_page(first: at.Page, name: str, buckets: int) -> at.Page:
    """A name's page: the first page for a list of one page, else the page of its bucket (pages
    2 and on; the first page introduces the list)."""
    return first if buckets == 1 else at.page_part(first, zlib.crc32(name.encode("utf-8")) % buckets + 2)


def glossary_pages(graph: SiteGraph) -> dict[str, at.Page]:
    """Each term's page of the glossary (the first page lists the most used terms)."""
    buckets = glossary_buckets(len(graph.glossary))
    return {text: _bucket_page(at.GLOSSARY, text, buckets) for text in graph.glossary}


def department_page(graph: SiteGraph, issuer: str) -> at.Page | None:
    """The issuer's page of the departments index (by a hash of its name), if its plans name any."""
    if issuer not in graph.departments:
        return None
    return _bucket_page(at.DEPARTMENTS, issuer, hash_buckets(len(graph.departments), DEPARTMENT_ISSUERS_PAGE))


def render_glossary(graph: SiteGraph) -> Iterator[tuple[at.Page, Md]]:
    intro = Md("文件中加引号的工作名称（如“双减”“一条龙”），凡被 {} 项以上任务使用的都列在这里，"
               "注明最早出现的年度和使用它的任务。").format(GLOSSARY_MIN_TASKS)
    pages = glossary_pages(graph)
    buckets = glossary_buckets(len(graph.glossary))
    if buckets == 1:
        parts = [intro, *(_term_entry(term, at.GLOSSARY) for term in graph.glossary.values())]
        if not graph.glossary:
            parts.append(Md("暂无被两项以上任务使用的名称。"))
        yield at.GLOSSARY, _page("工作名称", *parts)
        return
    count = buckets + 1
    most_used = list(graph.glossary.values())[:GLOSSARY_TERMS_PAGE]  # the glossary is ordered by uses
    yield at.GLOSSARY, _page(
        "工作名称", intro, Md("共 {} 个名称，分 {} 页列出（每个名称所在的页固定不变，链接不会失效；每页内按使用次数排列）。").format(len(graph.glossary), buckets),
        pager(at.GLOSSARY, count, 1), Md("## 最常用的 {} 个名称").format(len(most_used)),
        Md("\n").join(Md("- [“{}”]({})（{} 项任务）").format(
            term.text, at.href(at.GLOSSARY, pages[term.text], term.anchor), len(term.uses)) for term in most_used))
    by_page: dict[str, list] = {}
    for term in graph.glossary.values():
        by_page.setdefault(pages[term.text].src, []).append(term)
    for number in range(2, count + 1):
        here = at.page_part(at.GLOSSARY, number)
        terms = by_page.get(here.src, [])
        parts = [intro, pager(at.GLOSSARY, count, number), *(_term_entry(term, here) for term in terms)]
        if not terms:
            parts.append(Md("本页暂无名称。"))
        yield here, _page(f"工作名称（第 {number} 页）", *parts)


def _term_entry(term: Term, here: at.Page) -> Md:
    uses = Md("\n").join(Md("- {}：{}").format(notice_link(n, here), task_link(n, i, here))
                         for n, i in term.uses[:GLOSSARY_USES_SHOWN])
    if len(term.uses) > GLOSSARY_USES_SHOWN:
        uses += Md("\n- ") + Md.html_block(search_link(here, f"全部 {len(term.uses)} 项任务", q=f"“{term.text}”"))
    first = f"{term.first_year}年" if term.first_year else "年份未注明"
    return Md("## “{}” {{#{}}}\n\n最早见于 {} · {} 项任务\n\n"
              '<div class="term-uses" markdown>\n\n{}\n\n</div>').format(
        term.text, term.anchor, first, len(term.uses), uses)


def render_departments(graph: SiteGraph) -> Iterator[tuple[at.Page, Md]]:
    """Per issuer, a table of its departments and how many tasks each leads; the search page
    lists a department's tasks (a page listing every task would grow without bound). Issuers are
    placed on pages by a hash of their name, so that a new issuer moves no other."""
    intro = Md("各发布机关文件中写明的责任科室、牵头部门，以及它们负责的任务数；点击任务数查看这些任务。")
    by_page: dict[str, list[str]] = {}
    for issuer in graph.departments:
        by_page.setdefault(department_page(graph, issuer).src, []).append(issuer)
    buckets = hash_buckets(len(graph.departments), DEPARTMENT_ISSUERS_PAGE)
    if buckets == 1:
        parts = [intro, *(_issuer_departments(graph, issuer, at.DEPARTMENTS) for issuer in graph.departments)]
        if not graph.departments:
            parts.append(Md("暂无文件写明责任部门。"))
        yield at.DEPARTMENTS, _page("责任部门", *parts)
        return
    count = buckets + 1
    yield at.DEPARTMENTS, _page(
        "责任部门", intro, Md("共 {} 个发布机关写明了责任部门，分 {} 页列出（每个发布机关所在的页固定不变；"
                            "也可以从发布机关页进入）。").format(len(graph.departments), buckets),
        pager(at.DEPARTMENTS, count, 1))
    for number in range(2, count + 1):
        here = at.page_part(at.DEPARTMENTS, number)
        issuers = by_page.get(here.src, [])
        parts = [intro, pager(at.DEPARTMENTS, count, number), *(_issuer_departments(graph, issuer, here) for issuer in issuers)]
        if not issuers:
            parts.append(Md("本页暂无发布机关。"))
        yield here, _page(f"责任部门（第 {number} 页）", *parts)


def _issuer_departments(graph: SiteGraph, issuer: str, here: at.Page) -> Md:
    rows = [Md("| 部门 | 任务数 |"), Md("| --- | ---: |")]
    for department, tasks in graph.departments[issuer].items():
        rows.append(Md("| {} | {} |").format(
            department, Md.html_block(search_link(here, str(len(tasks)), department=department, issuer=issuer))))
    return Md("## {} {{#{}}}\n\n{}").format(issuer, at.Anchor(graph.issuer_slugs[issuer]), Md("\n").join(rows))
