"""The "any two plans" page: a reader picks two notices and sees them matched side by side.

Built statically: the page is a form that ``workplans-compare.js`` fills and runs in the
browser, with the search index's pieces as its data (each notice's tasks), so any pair
works without a server, from ``file://`` too. Pairs of consecutive plans of one issuer
also have a page of their own, made at build time (``comparisons.render_side_by_side``).
"""

from __future__ import annotations

from .. import addresses as at
from .home_page import page
from .markup import Html, Md, front_matter

SCRIPT = "assets/javascripts/workplans-compare.js"


def render_any_two_page() -> Md:
    here = at.COMPARE_ANY
    script = at.href(here, SCRIPT)
    return page(
        front_matter(title="任意两份对照", description="任选两份文件，逐项对照其任务"),
        Md("# 任意两份对照"),
        Md("任选两份文件（例如同一年度的两个区，或同一发布机关相隔几年的两份要点），逐项对照其任务："
           "左栏为较早的文件，右栏为较晚的文件；对应的任务并排显示，右栏中删除的文字加删除线、新增的文字加下划线，"
           "新增和不再列出的任务留在原位。对照结果的地址可以分享。"),
        Md("同一发布机关相邻两年的文件另有现成的逐项对照页，从文件页顶部的“逐项对照（两栏）”进入。"),
        Md.html_block(Html('<div id="workplans-compare" class="wp-compare" data-search-exclude></div>')),
        Md.html_block(Html('<noscript>任意两份对照需要浏览器启用 JavaScript。</noscript>')),
        Md.html_block(Html('<script src="{}"></script>').format(script)),
    )
