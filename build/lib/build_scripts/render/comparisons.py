"""Everything a reader sees of the matcher's work (``enrich/matching.py``).

- ``what_is_new``: the counts at the top of a notice that has a predecessor, each a link;
- ``render_comparison``: the lists at its foot (new, continued, dropped, changed targets);
- ``task_comparison``: under a task, where it comes from and its redline (collapsed);
- ``render_side_by_side``: a page per pair of consecutive plans, tasks aligned in two
  columns, moved tasks marked, new and dropped ones in place;
- ``target_pairs``: a target and the same target in the predecessor task.

None of these decides anything: they only show a ``Comparison``.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from .. import addresses as at
from ..enrich.matching import Comparison, TaskMatch
from ..model import Item, MatchStatus, Notice, Target
from .home_page import page
from .markup import Html, Md, front_matter
from .redline import redline_html

STATUS = {MatchStatus.CONTINUED: "延续", MatchStatus.MERGED: "合并", MatchStatus.SPLIT: "拆分",
          MatchStatus.NEW: "新增"}
SUBJECT_MATCH = 0.5  # how alike two targets' subjects must be to be "the same target"


def _texts(items: tuple[Item, ...]) -> str:
    return "\n".join(i.text for i in items)


def redline(match: TaskMatch) -> Html:
    return redline_html(_texts(match.previous), _texts(match.current))


# --- targets ---------------------------------------------------------------------------

def target_pairs(match: TaskMatch) -> list[tuple[Target, Target]]:
    """(earlier target, later target) for each target of the later task(s) that the earlier
    task(s) also set: same unit, alike subjects (best first, each used once)."""
    earlier = [t for item in match.previous for t in item.targets]
    later = [t for item in match.current for t in item.targets]
    candidates = sorted(((SequenceMatcher(None, old.subject, new.subject).ratio(), i, j)
                         for j, new in enumerate(later) for i, old in enumerate(earlier) if old.unit == new.unit),
                        key=lambda c: (-c[0], c[2], c[1]))
    used_old, used_new, pairs = set(), set(), []
    for score, i, j in candidates:
        if score >= SUBJECT_MATCH and i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((j, earlier[i], later[j]))
    return [(old, new) for _, old, new in sorted(pairs, key=lambda p: p[0])]


def changed_targets(comparison: Comparison) -> list[tuple[TaskMatch, Target, Target]]:
    return [(match, old, new) for match in comparison.matches for old, new in target_pairs(match)
            if old.value != new.value]


def target_label(target: Target) -> str:
    return f"{target.relation}{target.text}" if target.relation else target.text


# --- on the notice page ----------------------------------------------------------------

def what_is_new(comparison: Comparison, here: at.Page) -> Md:
    """The counts at the top of a notice that has a predecessor; each leads to its list."""
    changed = sum(1 for m in comparison.matches if m.changed)
    continued = len(comparison.matches)
    parts = [Html('<a href="{}">新增 {} 项</a>').format(at.here(at.COMPARE_NEW), len(comparison.new)),
             Html('<a href="{}">延续 {} 处</a>（其中有改动 {} 处、未改动 {} 处）').format(
                 at.here(at.COMPARE_CONTINUED), continued, changed, continued - changed)]
    for status in (MatchStatus.MERGED, MatchStatus.SPLIT):
        count = len(comparison.of_status(status))
        if count:
            parts.append(Html("{} {} 处").format(STATUS[status], count))
    if comparison.current.excerpt:
        parts.append(Html("本文件为节选，不计“不再列出”"))
    else:
        parts.append(Html('<a href="{}">不再列出 {} 项</a>').format(at.here(at.COMPARE_DROPPED), len(comparison.dropped)))
    parts.append(Html('<a href="{}">目标值变化 {} 项</a>').format(at.here(at.COMPARE_TARGETS),
                                                              len(changed_targets(comparison))))
    side = at.href(here, at.side_by_side_page(comparison.current.id), html=True)
    previous = at.href(here, at.notice_page(comparison.previous.id), html=True)
    return Md.html_block(Html(
        '<div class="whats-new" id="{}" data-search-exclude><p><strong>与上一年度相比</strong>'
        '（<a href="{}">{}</a>）：{}</p><p><a class="side-by-side-link" href="{}">逐项对照（两栏）</a></p></div>'
    ).format(at.WHATS_NEW, previous, comparison.previous.title, Html(" · ").join(parts), side))


def task_comparison(comparison: Comparison, item: Item, here: at.Page) -> list[Md]:
    """Under a task: the task(s) it continues, and its text against theirs (collapsed)."""
    match = comparison.match_of(item)
    if match is None:
        return [Md("本年度新增（{}中无对应任务）").format(comparison.previous.title)]
    links = Md("；").join(task_link(comparison.previous, p, here) for p in match.previous)
    how = {MatchStatus.CONTINUED: Md(""), MatchStatus.MERGED: Md("（由 {} 项合并）").format(len(match.previous)),
           MatchStatus.SPLIT: Md("（拆分为本年度 {} 项）").format(len(match.current))}[match.status]
    moved = Md("（所在部分有调整）") if match.moved else Md("")
    lines = [Md("上一年度对应{}{}：{}").format(how, moved, links)]
    if match.changed:
        lines.append(Md.html_block(Html(
            '<details class="redline"><summary>与上一年度的文字对照（删除的文字加删除线，新增的文字加下划线）</summary>'
            '<p>{}</p></details>').format(redline(match))))
    else:
        lines.append(Md("文字与上一年度相同。"))
    return lines


def render_comparison(comparison: Comparison, here: at.Page, anchors: bool = False) -> Md:
    """The comparison as lists: new, continued, dropped tasks and changed targets. ``anchors``:
    give each list its anchor (on the notice page, where ``what_is_new`` links to them)."""
    current, previous = comparison.current, comparison.previous

    def heading(text: str, anchor: at.Anchor) -> Md:
        return Md("### {} {{#{}}}").format(text, anchor) if anchors else Md("**{}**").format(text)

    if current.excerpt:
        lines = [Md("延续 {} 处，新增 {} 项（与{}相比）。本文件为节选，上一年度的其他任务是否延续无法判断，不计为“不再列出”。")
                 .format(len(comparison.matches), len(comparison.new), notice_link(previous, here))]
    else:
        lines = [Md("延续 {} 处，新增 {} 项，不再列出 {} 项（与{}相比）。").format(
            len(comparison.matches), len(comparison.new), len(comparison.dropped), notice_link(previous, here))]
    if previous.excerpt:
        lines.append(Md("上一年度文件为节选：“新增”只表示在其节选部分中没有对应任务。"))
    lines.append(Md("[逐项对照（两栏）]({})").format(at.href(here, at.side_by_side_page(current.id))))
    lines += [heading("新增的任务", at.COMPARE_NEW), Md("")]
    lines += [Md("- {}").format(task_link(current, item, here)) for item in comparison.new] or [Md("无。")]
    lines += [Md(""), heading("延续的任务（本年度任务 ← 上一年度对应任务）", at.COMPARE_CONTINUED), Md("")]
    lines += [_match_line(match, comparison, here) for match in comparison.matches] or [Md("无。")]
    if not current.excerpt:
        lines += [Md(""), heading("上一年度有、本年度未再列出的任务", at.COMPARE_DROPPED), Md("")]
        lines += [Md("- {}").format(task_link(previous, item, here)) for item in comparison.dropped] or [Md("无。")]
    lines += [Md(""), heading("目标值的变化", at.COMPARE_TARGETS), Md("")]
    changes = changed_targets(comparison)
    if changes:
        lines += [Md("| 本年度任务 | 指标 | 上一年度 | 本年度 |"), Md("| --- | --- | --- | --- |")]
        lines += [Md("| {} | {} | {} | {} |").format(task_link(current, match.current[0], here), new.subject or "—",
                                                     target_label(old), target_label(new))
                  for match, old, new in changes]
    else:
        lines.append(Md("延续的任务中没有数值改变的目标。"))
    return Md("\n").join(lines)


def _match_line(match: TaskMatch, comparison: Comparison, here: at.Page) -> Md:
    now = Md("、").join(task_link(comparison.current, c, here) for c in match.current)
    before = Md("、").join(task_link(comparison.previous, p, here) for p in match.previous)
    notes = [STATUS[match.status]] + (["有改动"] if match.changed else ["未改动"]) + (["调整了所在部分"] if match.moved else []) \
        + [f"相似度 {match.confidence:.2f}"]
    return Md("- {} ← {}（{}）").format(now, before, "，".join(notes))


def task_link(notice: Notice, item: Item, here: at.Page) -> Md:
    return Md("[{}]({})").format(item.heading, at.href(here, at.notice_page(notice.id), item.anchor))


def notice_link(notice: Notice, here: at.Page) -> Md:
    return Md("[{}]({})").format(notice.title, at.href(here, at.notice_page(notice.id)))


# --- side by side ---------------------------------------------------------------------------

def render_side_by_side(comparison: Comparison) -> Md:
    """Both plans in two columns, in the later plan's order: each row a match (redline on the
    right), a new task (left empty) or a dropped task (right empty, where it stood)."""
    current, previous = comparison.current, comparison.previous
    here = at.side_by_side_page(current.id)
    title = f"{current.title}：与{previous.year or ''}年逐项对照"
    rows: list[Html] = []
    dropped_after = _dropped_positions(comparison)
    rows += [_dropped_row(previous, item, here) for item in dropped_after.get(None, [])]
    done: set[int] = set()
    for section in current.sections:
        rows.append(Html('<tr class="section-row"><th scope="rowgroup" colspan="2">{}</th></tr>').format(
            f"{section.numeral}、{section.heading}" if section.numeral and section.heading else section.heading or "（未分部分）"))
        for item in section.items:
            match = comparison.match_of(item)
            if match is None:
                rows.append(Html('<tr class="new"><td class="empty">（上一年度无对应任务）</td><td>{}{}</td></tr>').format(
                    _badge("新增"), _cell(current, (item,), here, None)))
                continue
            if id(match) in done:
                continue
            done.add(id(match))
            badges = _badge(STATUS[match.status]) + (_badge("调整了所在部分") if match.moved else Html("")) + \
                _badge("有改动" if match.changed else "未改动") + _badge(f"相似度 {match.confidence:.2f}")
            rows.append(Html('<tr class="{}"><td>{}</td><td>{}{}</td></tr>').format(
                "changed" if match.changed else "unchanged", _cell(previous, match.previous, here, None),
                badges, _cell(current, match.current, here, redline(match) if match.changed else None)))
            for earlier in match.previous:
                rows += [_dropped_row(previous, item, here) for item in dropped_after.get(id(earlier), [])]
    counts = Md("新增 {} 项 · 延续 {} 处 · 不再列出 {} 项。左栏为{}，右栏为{}；右栏中删除的文字加删除线，新增的文字加下划线。").format(
        len(comparison.new), len(comparison.matches), len(comparison.dropped), previous.title, current.title)
    links = Md("[{}]({}) · [{}]({})").format(previous.title, at.href(here, at.notice_page(previous.id)),
                                             current.title, at.href(here, at.notice_page(current.id)))
    table = Html('<div class="side-by-side-wrap" tabindex="0" role="region" aria-label="{}"><table class="side-by-side">'
                 '<caption>{}</caption>{}<tbody>{}</tbody></table></div>').format(
                     title, title, _row_head(previous, current), Html("").join(rows))
    return page(front_matter(title=title, description=f"{previous.title}与{current.title}的逐项对照"),
                Md("# {}").format(title), links, counts, Md.html_block(table))


def _row_head(previous: Notice, current: Notice) -> Html:
    return Html('<thead><tr><th scope="col">上一年度：{}</th><th scope="col">本年度：{}</th></tr></thead>').format(
        previous.title, current.title)


def _badge(text: str) -> Html:
    return Html('<span class="match-badge">{}</span>').format(text)


def _cell(notice: Notice, items: tuple[Item, ...], here: at.Page, marked: Html | None) -> Html:
    heads = Html("").join(Html('<p class="task-head"><a href="{}">{}</a></p>').format(
        at.href(here, at.notice_page(notice.id), item.anchor, html=True), item.heading) for item in items)
    if marked is not None:
        return heads + Html('<p class="redline-text">{}</p>').format(marked)
    bodies = Html("").join(Html("<p>{}</p>").format(p) for item in items for p in item.paragraphs)
    return heads + bodies


def _dropped_row(previous: Notice, item: Item, here: at.Page) -> Html:
    return Html('<tr class="dropped"><td>{}{}</td><td class="empty">（本年度未再列出）</td></tr>').format(
        _badge("不再列出"), _cell(previous, (item,), here, None))


def _dropped_positions(comparison: Comparison) -> dict[int | None, list[Item]]:
    """Each dropped task goes after the row of the nearest earlier task before it that has a match
    (key: that task's id), or at the top (key None)."""
    positions: dict[int | None, list[Item]] = {}
    dropped = {id(i) for i in comparison.dropped}
    anchor: int | None = None
    for item in comparison.previous.items:
        if id(item) in dropped:
            positions.setdefault(anchor, []).append(item)
        elif comparison.match_of_previous(item) is not None:
            anchor = id(item)
    return positions
