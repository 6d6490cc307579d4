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
``--strict`` fails on them), asks ``mkdocs serve`` to watch ``sources/``, and
keeps each rendered page compressed until MkDocs writes it (memory).
The search index is content like any page (``render/search_index.py``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import zlib
from importlib.metadata import version
from pathlib import Path

import mkdocs
import yaml

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

from ..enrich.issuers import IssuerAliasError
from ..enrich.vocabulary import VocabularyError
from ..model import Level, printable
from ..cache import ParseCache, read_stored_json
from ..pipeline import BuildResult, PartError, build_markdown, merge_markdown
from ..render.site_pages import site_nav
from ..render.writer import OutputError, safe_relative
from .escaping import escape_labels, escape_page_text

log = logging.getLogger("mkdocs.plugins.workplans")


class WorkPlansConfig(base.Config):
    sources = c.Dir(exists=True, default="sources")
    markdown_dir = c.Dir(exists=False, default=".cache/markdown")
    cache_dir = c.Optional(c.Dir(exists=False))
    # Folders of separately built parts (``python -m build_scripts build --out PART``), separated
    # by the path separator (":"); when set, the site is their merge and ``sources`` gives only
    # the themes.yml they were built with.
    parts = c.Type(str, default="")


SITE_RECORDS = ".site-records"  # beside the Markdown folder: never published
_DIRTY_NOTICE = "A 'dirty' build is being performed"


class _DirtyBuildNotice(logging.Filter):
    """MkDocs warns that a ``--dirty`` build may leave stale navigation and links. This plugin
    makes it safe (``on_pre_build``: a full build when anything but page content changed;
    pages of removed sources deleted), so the warning must not fail ``--strict``."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_NOTICE)


class WorkPlansPlugin(BasePlugin[WorkPlansConfig]):
    def __init__(self):
        self.files: list[str] = []  # the generated files of this build, relative to markdown_dir
        self.dirty = False
        self.waiting: dict[str, bytes] = {}  # page → its HTML, compressed, until the page is written
        self.nav = None

    def on_startup(self, *, command, dirty):
        self.dirty = dirty
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildNotice())

    def on_config(self, config):
        cache = ParseCache(Path(self.config.cache_dir)) if self.config.cache_dir else None
        self.waiting.clear()  # (mkdocs serve builds again with the same plugin)
        parts = [Path(part) for part in self.config.parts.split(os.pathsep) if part]
        try:
            if parts:
                result = merge_markdown(parts, Path(self.config.markdown_dir), Path(self.config.sources))
            else:
                result = build_markdown(Path(self.config.sources), Path(self.config.markdown_dir), cache)
        except (VocabularyError, IssuerAliasError, OutputError, PartError) as error:
            raise PluginError(str(error)) from None
        self._report(result)
        if config.nav is None:
            config.nav = site_nav(result.report.notices, result.report.vocabulary, self._hand_written(config))
        # Only the file list is kept: the notices and their links (1 to 3 GB at 10,000 notices) are
        # let go before MkDocs renders, which then reuses their memory.
        self.files = result.files
        return config

    @staticmethod
    def _report(result: BuildResult) -> None:
        """Each diagnostic as a log message: warnings count for ``mkdocs build --strict``."""
        report = result.report
        for diagnostic in report.all_diagnostics:
            (log.warning if diagnostic.level is Level.WARNING else log.debug)(str(diagnostic))
        for skipped in report.skipped:
            log.warning(f"skipped {skipped}")
        stats = result.stats
        log.info(f"Markdown {stats.written} written, {stats.unchanged} unchanged, {stats.removed} removed")
        skipped = f" ({printable(', '.join(sorted(s.name for s in report.skipped)))})" if report.skipped else ""
        log.info(f"workplans: {len(report.notices)} notice(s) built, {len(report.skipped)} file(s) "
                 f"skipped{skipped}, {len(report.warnings)} warning(s)")

    @staticmethod
    def _hand_written(config) -> list[dict[str, str]]:
        """docs/*.md with their titles: given in the navigation, so that a ``--dirty`` build,
        which does not read unchanged pages, still knows them."""
        return [{_title_of(path): path.name} for path in sorted(Path(config.docs_dir).glob("*.md"))]

    def on_nav(self, nav, *, config, files):
        self.nav = nav
        return nav

    def on_env(self, env, *, config, files):
        """Source text reaches Material's templates as page titles, descriptions and navigation
        labels, which MkDocs' Jinja prints without escaping: each is made an escaped ``Markup``
        here, after every page is read and before any is rendered."""
        for page in self.nav.pages if self.nav is not None else []:
            if page.title is None:  # a --dirty build does not read unchanged pages
                page.title = _title_of(Path(page.file.abs_src_path))
        for file in files.documentation_pages():
            escape_page_text(file.page)
        escape_labels(self.nav.items if self.nav is not None else [])
        return env

    def on_files(self, files: Files, config):
        root = Path(self.config.markdown_dir)
        for src_uri in self.files:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} is written by hand but the build generates the same "
                                  "page; rename or remove the hand-written one")
            files.append(File.generated(config, src_uri, abs_src_path=str(root / src_uri)))
        return files

    def on_pre_build(self, *, config):
        """In a ``--dirty`` build MkDocs renders only pages whose Markdown changed. That is right
        only if nothing else changed (navigation, configuration, templates, MkDocs): else the
        site folder is emptied, which makes the build a full one. Outputs of generated files
        that are gone (a removed notice) are deleted."""
        if not self.dirty:
            return
        site = Path(config.site_dir)
        previous = _read_json(self._site_record(config))
        if previous is None or previous.get("stamp") != self._stamp(config):
            log.info("Navigation, configuration or templates changed: every page is built again")
            clean_directory(str(site))
            return
        recorded = previous.get("files", [])
        for src_uri in sorted(set(recorded if isinstance(recorded, list) else []) - set(self.files)):
            output = _output_inside(site, src_uri)
            if output is None:
                log.warning(f"{self._site_record(config)}: '{printable(str(src_uri))[:100]}' is not a page of this "
                            "site; the record is ignored (delete the .cache folder to start afresh)")
            elif output.is_file():
                output.unlink()

    def on_post_build(self, *, config):
        record = {"site": str(Path(config.site_dir).resolve()), "stamp": self._stamp(config),
                  "files": self.files}
        self._site_record(config).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")

    def _site_record(self, config) -> Path:
        """What the last build wrote into this site folder (one record per site folder)."""
        key = hashlib.sha256(str(Path(config.site_dir).resolve()).encode()).hexdigest()[:16]
        folder = Path(self.config.markdown_dir).resolve().parent / SITE_RECORDS
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{key}.json"

    def _stamp(self, config) -> str:
        """What every page depends on besides its own Markdown."""
        digest = hashlib.sha256(json.dumps(config.nav, ensure_ascii=False, sort_keys=True).encode())
        digest.update(Path(config.config_file_path).read_bytes())
        digest.update(f"{mkdocs.__version__} {material_version()}".encode())
        for folder in (config.theme.custom_dir,):
            for path in sorted(Path(folder).rglob("*.html")) if folder else []:
                digest.update(path.read_bytes())
        return digest.hexdigest()

    # MkDocs 1.x renders every page's Markdown before it writes any page, so it would hold the
    # whole site as Markdown and HTML at once (measured: 815 MB at 1,000 notices, growing linearly).
    # Until its page is written, each page's HTML waits compressed and its Markdown is dropped
    # (the title comes from the front matter); once written, the HTML is let go.
    def on_page_content(self, html, *, page, config, files):
        self.waiting[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        page.markdown = ""
        return ""

    def on_page_context(self, context, *, page, config, nav):
        waiting = self.waiting.pop(page.file.src_uri, None)
        if waiting is not None:
            page.content = zlib.decompress(waiting).decode("utf-8")
        return context

    def on_post_page(self, output, *, page, config):
        page.content = None
        return output

    def on_serve(self, server, *, config, builder):
        server.watch(self.config.sources)
        return server


def _front_matter(text: str) -> dict:
    """A page's YAML front matter, as MkDocs reads it (empty when there is none or it is not YAML)."""
    if not text.startswith("---\n") or "\n---" not in text[4:]:
        return {}
    try:
        found = yaml.safe_load(text[4:text.index("\n---", 4)])
    except yaml.YAMLError:
        return {}
    return found if isinstance(found, dict) else {}


def material_version() -> str:
    return version("mkdocs-material")


def _output_inside(site: Path, src_uri: object) -> Path | None:
    """The page a recorded file became in ``site``: None unless it is a relative path that stays
    inside the site (a record is a file on disk; it decides what is deleted, so it is never trusted)."""
    if not isinstance(src_uri, str) or safe_relative(src_uri) is None:
        return None
    output = site / (src_uri[:-len(".md")] + ".html" if src_uri.endswith(".md") else src_uri)
    if output.is_symlink() or not output.resolve().is_relative_to(site.resolve()):
        return None
    return output


def _read_json(path: Path) -> dict | None:
    found = read_stored_json(path)
    return found if isinstance(found, dict) else None


def _title_of(path: Path) -> str:
    """A page's title: its front matter ``title:`` (read as YAML: a generated title may be quoted),
    else its first "# " heading, else its name."""
    text = path.read_text(encoding="utf-8")
    title = _front_matter(text).get("title")
    if title:
        return str(title)
    match = re.search(r"^#\s+(.+?)\s*$", text, re.M)
    return match.group(1).strip("\"'") if match else path.stem
