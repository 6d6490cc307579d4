"""Pagefind mode (``extra.search_engine: pagefind`` in mkdocs.yml): for large sites served over http.

Pagefind (``pagefind[extended]``, which segments Chinese) indexes the built HTML
into a chunked index that a reader's browser loads piece by piece. The site gets
a search page with Pagefind's own interface (its script and styles are written
into ``site/pagefind/``, nothing from a CDN), filters for 年度, 发布机关 and 主题
(from ``data-pagefind-filter`` spans on notice pages), and results with
sub-results deep-linked to each task's heading. Pagefind cannot load from
file://, so intranet copies opened from disk keep Material's search.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ENGINES = ("material", "pagefind")
OUTPUT_SUBDIR = "pagefind"
# Not indexed: permalink signs, excerpts that repeat a task's text on theme pages, tag lists.
EXCLUDE_SELECTORS = (".headerlink", ".excerpt", ".md-tags")

SEARCH_PAGE_MARKDOWN = """---
title: 搜索
hide:
  - toc
---

# 搜索

<link rel="stylesheet" href="pagefind/pagefind-ui.css">
<div id="pagefind-search" data-pagefind-ignore></div>
<script src="pagefind/pagefind-ui.js"></script>
<script>
  window.addEventListener("DOMContentLoaded", function () {
    new PagefindUI({
      element: "#pagefind-search",
      showSubResults: true,
      showImages: false,
      translations: {placeholder: "搜索任务、主题、部门……", filters_label: "筛选",
                     zero_results: "没有找到 [SEARCH_TERM]", many_results: "找到 [COUNT] 个结果",
                     one_result: "找到 1 个结果", load_more: "更多结果", search_label: "搜索本站"}
    });
    var query = new URLSearchParams(location.search).get("q");
    if (query) { document.querySelector("#pagefind-search input").value = query; }
  });
</script>
"""


def build_index(site: Path) -> None:
    """Run Pagefind over the built site (the binary comes from the pagefind[extended] wheel)."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", OUTPUT_SUBDIR, "--silent",
         *(arg for selector in EXCLUDE_SELECTORS for arg in ("--exclude-selectors", selector))],
        capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
