"""Small pictures drawn at build time as SVG: no JavaScript, nothing fetched, readable without colour.

- ``theme_shares``: a theme's share of all tasks, year by year (tasks of the theme ÷ all
  tasks that year), the numbers every chart is drawn from;
- ``sparkline``: those shares as a small line, its numbers in its accessible name and title;
- ``emphasis_bars``: a plan's share of tasks per theme against the same issuer's previous
  plan, as pairs of bars (solid: the plan; outlined: the previous one) with the percentages
  written beside them.
"""

from __future__ import annotations

from collections import Counter

from ..model import Notice
from .markup import Html

SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 120, 28, 3
BAR_WIDTH = 220  # px for 100%


def _totals(notices: list[Notice]) -> dict[int, int]:
    totals: Counter = Counter()
    for notice in notices:
        if notice.year:
            totals[notice.year] += len(notice.items)
    return dict(totals)


def theme_shares(notices: list[Notice], slug: str) -> list[tuple[int, float]]:
    """(year, share of that year's tasks tagged with the theme), oldest year first."""
    totals = _totals(notices)
    counts = Counter(n.year for n in notices for i in n.items if n.year and slug in i.themes)
    return [(year, counts.get(year, 0) / totals[year]) for year in sorted(totals) if totals[year]]


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def describe(shares: list[tuple[int, float]]) -> str:
    return "，".join(f"{year}年 {percent(share)}" for year, share in shares)


def sparkline(shares: list[tuple[int, float]], label: str) -> Html:
    """A small line of the shares (one point per year), its numbers in its name."""
    text = f"{label}占当年全部任务的比例：{describe(shares)}"
    if not shares:
        return Html("")
    top = max(share for _, share in shares) or 1.0
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(1, len(shares) - 1)
    points = [(SPARK_PAD + k * step if len(shares) > 1 else SPARK_WIDTH / 2,
               SPARK_HEIGHT - SPARK_PAD - (share / top) * (SPARK_HEIGHT - 2 * SPARK_PAD))
              for k, (_, share) in enumerate(shares)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dots = Html("").join(Html('<circle cx="{}" cy="{}" r="1.8"/>').format(f"{x:.1f}", f"{y:.1f}") for x, y in points)
    return Html('<svg class="sparkline" role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 {} {}">'
                '<title>{}</title><polyline points="{}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
                '<g fill="currentColor">{}</g></svg>').format(
        text, SPARK_WIDTH, SPARK_HEIGHT, SPARK_WIDTH, SPARK_HEIGHT, text, path, dots)


def emphasis_bars(rows: list[tuple[str, float, float | None]], caption: str, own_label: str,
                  other_label: str | None = None) -> Html:
    """(theme name, a plan's share, another plan's share or None) as bars with their numbers: solid
    for the plan, outlined for the other (no other bar without ``other_label``)."""
    height = 34 if other_label else 22
    total = height * len(rows) + 26
    top = max([share for _, own, other in rows for share in (own, other or 0.0)] + [0.01])
    scale = BAR_WIDTH / top  # the largest share fills the width: the bars compare, the numbers tell
    parts = []
    for k, (name, own, other) in enumerate(rows):
        y = 24 + k * height
        parts.append(Html(
            '<text x="0" y="{}" class="bar-label">{}</text>'
            '<rect x="120" y="{}" width="{}" height="10" class="bar-own"/>'
            '<text x="{}" y="{}" class="bar-value">{}</text>').format(
            y + 8, name, y - 2, f"{own * scale:.1f}", f"{124 + own * scale:.1f}", y + 6, percent(own)))
        if other_label:
            parts.append(Html(
                '<rect x="120" y="{}" width="{}" height="10" class="bar-all"/>'
                '<text x="{}" y="{}" class="bar-value">{} {}</text>').format(
                y + 10, f"{(other or 0.0) * scale:.1f}", f"{124 + (other or 0.0) * scale:.1f}", y + 18, other_label,
                percent(other or 0.0)))
    text = caption + "：" + "；".join(
        f"{name} {own_label} {percent(own)}" + (f"，{other_label} {percent(other or 0.0)}" if other_label else "")
        for name, own, other in rows)
    legend = Html('<rect x="120" y="2" width="12" height="9" class="bar-own"/><text x="136" y="10" class="bar-value">{}</text>'
                  ).format(own_label)
    if other_label:
        legend += Html('<rect x="200" y="2" width="12" height="9" class="bar-all"/>'
                       '<text x="216" y="10" class="bar-value">{}</text>').format(other_label)
    return Html('<svg class="emphasis-bars" role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 {} {}">'
                '<title>{}</title>{}{}</svg>').format(text, 120 + BAR_WIDTH + 90, total, 120 + BAR_WIDTH + 90, total,
                                                    text, legend, Html("").join(parts))
