"""The MkDocs plugin ``workplans``: ``mkdocs build`` and ``mkdocs serve`` run the whole pipeline.

Registered by an entry point (``pyproject.toml``) and listed in mkdocs.yml::

    plugins:
      - workplans:
          sources: sources          # the notices, their sidecars, themes.yml
          search_engine: material   # or pagefind

The plugin is thin on purpose: the content (parse → model → Markdown and data)
is built by ``pipeline.build_markdown`` into a plain Markdown tree
(``markdown_dir``), which any engine can read; this module only hands those
files to MkDocs (``File.generated``, no copy into ``docs/``), sets the
navigation, reports the build's diagnostics as MkDocs log messages (so
``--strict`` fails on them), asks ``mkdocs serve`` to watch ``sources/``, and
finishes the search index after Material's search plugin.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .. import addresses as at
from ..enrich.issuers import IssuerAliasError
from ..enrich.vocabulary import VocabularyError
from ..model import Level
from ..cache import ParseCache
from ..pipeline import BuildResult, build_markdown
from ..render.site_pages import site_nav
from ..render.writer import OutputError
from . import pagefind, search

log = logging.getLogger("mkdocs.plugins.workplans")


class WorkPlansConfig(base.Config):
    sources = c.Dir(exists=True, default="sources")
    markdown_dir = c.Dir(exists=False, default=".cache/markdown")
    cache_dir = c.Optional(c.Dir(exists=False))
    search_engine = c.Choice(pagefind.ENGINES, default="material")


class WorkPlansPlugin(BasePlugin[WorkPlansConfig]):
    def __init__(self):
        self.result: BuildResult | None = None

    def on_startup(self, *, command, dirty):
        try:
            import jieba
        except ImportError:
            return
        jieba.setLogLevel(logging.WARNING)  # else "Building prefix dict…" on every build

    def on_config(self, config):
        cache = ParseCache(Path(self.config.cache_dir)) if self.config.cache_dir else None
        try:
            self.result = build_markdown(Path(self.config.sources), Path(self.config.markdown_dir), cache)
        except (VocabularyError, IssuerAliasError, OutputError) as error:
            raise PluginError(str(error)) from None
        self._report(self.result)
        report = self.result.report
        if config.nav is None:
            config.nav = site_nav(report.notices, report.vocabulary, self._hand_written(config))
        if self.config.search_engine == "pagefind":
            # Pagefind replaces Material's search; its page joins the navigation after 首页.
            config.plugins["material/search"].config.enabled = False
            config.nav.insert(1, {"搜索": at.SEARCH.src})
        else:
            search.load_dictionary(search.dictionary_words(
                report.notices, report.vocabulary, list(self.result.graph.glossary)))
        return config

    @staticmethod
    def _report(result: BuildResult) -> None:
        """Each diagnostic as a log message: warnings count for ``mkdocs build --strict``."""
        report = result.report
        for diagnostic in report.all_diagnostics:
            (log.warning if diagnostic.level is Level.WARNING else log.debug)(str(diagnostic))
        for skipped in report.skipped:
            log.warning(f"skipped {skipped.name}: {skipped.reason}")
        stats = result.stats
        log.info(f"Markdown {stats.written} written, {stats.unchanged} unchanged, {stats.removed} removed")
        skipped = f" ({', '.join(sorted(s.name for s in report.skipped))})" if report.skipped else ""
        log.info(f"workplans: {len(report.notices)} notice(s) built, {len(report.skipped)} file(s) "
                 f"skipped{skipped}, {len(report.warnings)} warning(s)")

    @staticmethod
    def _hand_written(config) -> list[str]:
        return sorted(p.name for p in Path(config.docs_dir).glob("*.md"))

    def on_files(self, files: Files, config):
        root = Path(self.config.markdown_dir)
        for src_uri in self.result.files:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} is written by hand but the build generates the same "
                                  "page; rename or remove the hand-written one")
            files.append(File.generated(config, src_uri, abs_src_path=str(root / src_uri)))
        if self.config.search_engine == "pagefind":
            files.append(File.generated(config, at.SEARCH.src, content=pagefind.SEARCH_PAGE_MARKDOWN))
        return files

    def on_page_content(self, html, *, page, config, files):
        """Keep a notice's tags out of the search index.

        Material's search copies a page's tags into every section of the page with
        a boost of a million, so a query for 双减 would return every task of every
        notice tagged 双减与校外培训. The tags plugin has already read them (at
        on_page_markdown) for the tag list and the tags index, so they can go now.
        """
        page.meta.pop("tags", None)
        return html

    @event_priority(-50)  # after the search plugin (0) wrote its index, before the offline plugin (-100)
    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        try:
            if self.config.search_engine == "pagefind":
                pagefind.build_index(site)
                return
            index = site / "search" / "search_index.json"
            if index.exists():
                search.add_bigram_field(index)
                search.patch_worker(site)
        except (RuntimeError, search.SearchPatchError) as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server, *, config, builder):
        server.watch(self.config.sources)
        return server
