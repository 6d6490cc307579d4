"""MkDocs hooks (listed in mkdocs.yml).

- jieba prints "Building prefix dict…" on every build: raise its log level; and
  load the domain dictionary the build wrote (docs/.jieba_userdict.txt).
- The navigation is generated with the pages (``docs/.nav.json``, written by
  ``python -m build_scripts build``).
- A notice's tags are kept out of the search index.
- After Material's search plugin has written its index, each document gets its
  bigram field and the search worker its bigram query segmentation
  (build_scripts/search_index.py explains why); then the offline plugin turns
  the index into the script file:// pages load.
"""

import importlib
import json
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

NAV_FILE = ".nav.json"
PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)


def _project(module: str):
    """A build_scripts module: MkDocs loads hooks by path, and its CLI's sys.path
    (reset after the hooks are loaded) need not include the project."""
    if PROJECT_ROOT not in sys.path:
        sys.path.insert(0, PROJECT_ROOT)
    return importlib.import_module(f"build_scripts.{module}")


def _engine(config) -> str:
    return config["extra"].get("search_engine") or "material"


def on_startup(command, dirty):  # noqa: ARG001 - MkDocs hook signature
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def on_config(config):
    docs = Path(config["docs_dir"])
    nav_file = docs / NAV_FILE
    if config.get("nav") is None and nav_file.exists():
        config["nav"] = json.loads(nav_file.read_text(encoding="utf-8"))
    pagefind = _project("pagefind_search")
    if _engine(config) not in pagefind.ENGINES:
        raise PluginError(f"extra.search_engine: '{_engine(config)}' is not one of {pagefind.ENGINES}")
    if _engine(config) == "pagefind":
        # Pagefind replaces Material's search; its page joins the navigation after 首页.
        config.plugins["material/search"].config.enabled = False
        if isinstance(config.get("nav"), list):
            config["nav"].insert(1, {"搜索": pagefind.SEARCH_PAGE})
    dictionary = docs / _project("search_index").USER_DICTIONARY
    if dictionary.exists():
        import jieba
        jieba.load_userdict(str(dictionary))
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


@event_priority(-50)  # after the search plugin (0) wrote its index, before the offline plugin (-100)
def on_post_build(config):
    site = Path(config["site_dir"])
    if _engine(config) == "pagefind":
        try:
            _project("pagefind_search").build_index(site)
        except RuntimeError as error:
            raise PluginError(str(error)) from None
        return
    search_index = _project("search_index")
    index = site / "search" / "search_index.json"
    if not index.exists():
        return
    try:
        search_index.add_bigram_field(index)
        search_index.patch_worker(site)
    except search_index.SearchPatchError as error:
        raise PluginError(str(error)) from None


def on_files(files, config):
    if _engine(config) == "pagefind":
        from mkdocs.structure.files import File
        pagefind = _project("pagefind_search")
        files.append(File.generated(config, pagefind.SEARCH_PAGE, content=pagefind.SEARCH_PAGE_MARKDOWN))
    return files
