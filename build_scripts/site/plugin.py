"""The MkDocs plugin ``workplans``: ``mkdocs build`` and ``mkdocs serve`` run the whole pipeline.

Registered by an entry point (``pyproject.toml``) and listed in mkdocs.yml::

    plugins:
      - workplans:
          sources: sources          # the notices, their sidecars, themes.yml, issuers.yml

The plugin is thin on purpose: the content (parse → model → Markdown and data)
is built by ``pipeline.build_markdown`` into a plain Markdown tree
(``markdown_dir``), which any engine can read; this module only hands those
files to MkDocs (``File.generated``, no copy into ``docs/``), sets the
navigation, reports the build's diagnostics as MkDocs log messages (so
``--strict`` fails on them), and asks ``mkdocs serve`` to watch ``sources/``.
The search index is content like any page (``render/search_index.py``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..enrich.issuers import IssuerAliasError
from ..enrich.vocabulary import VocabularyError
from ..model import Level
from ..cache import ParseCache
from ..pipeline import BuildResult, build_markdown
from ..render.site_pages import site_nav
from ..render.writer import OutputError

log = logging.getLogger("mkdocs.plugins.workplans")


class WorkPlansConfig(base.Config):
    sources = c.Dir(exists=True, default="sources")
    markdown_dir = c.Dir(exists=False, default=".cache/markdown")
    cache_dir = c.Optional(c.Dir(exists=False))


class WorkPlansPlugin(BasePlugin[WorkPlansConfig]):
    def __init__(self):
        self.result: BuildResult | None = None

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
        return files

    def on_serve(self, server, *, config, builder):
        server.watch(self.config.sources)
        return server
