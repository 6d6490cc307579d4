"""MkDocs hooks (listed in mkdocs.yml).

- jieba prints "Building prefix dict…" on every build: raise its log level.
- The navigation is generated with the pages (``docs/.nav.json``, written by
  ``python -m build_scripts build``): notices grouped by year, with Chinese
  section names, instead of MkDocs' folder names.
"""

import json
import logging
from pathlib import Path

NAV_FILE = ".nav.json"


def on_startup(command, dirty):  # noqa: ARG001 - MkDocs hook signature
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def on_config(config):
    nav_file = Path(config["docs_dir"]) / NAV_FILE
    if config.get("nav") is None and nav_file.exists():
        config["nav"] = json.loads(nav_file.read_text(encoding="utf-8"))
    return config


def on_page_content(html, page, config, files):  # noqa: ARG001 - MkDocs hook signature
    """Keep a notice's tags out of the search index.

    Material's search copies a page's tags into every section of the page with
    a boost of a million, so a query for 双减 would return every task of every
    notice tagged 双减与校外培训. The tags plugin has already read them (at
    on_page_markdown) for the tag list and the tags index, so they can go now.
    """
    page.meta.pop("tags", None)
    return html
