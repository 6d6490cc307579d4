"""Every address of the site in one place: page paths, anchors, slugs and links.

A page is a ``Page`` (its path in the Markdown tree, e.g. ``notices/x.md``); an
anchor is an ``Anchor``; a link is an ``Href`` made by ``href(from_page, to)``,
relative, so the site works under any sub-path and from ``file://``. No other
module writes a path, an ``.html``, or an anchor format.

Slugs and anchors depend only on a notice's own file name and numbering, never
on other notices, so adding or re-ordering notices never changes a deep link.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
import unicodedata
from dataclasses import dataclass

_UNSAFE = re.compile(r"[^0-9a-z\u4e00-\u9fff_-]+")
_SAFE_ANCHOR = re.compile(r"^[0-9a-z\u4e00-\u9fff_-]+$")
SAFE_NAME = _SAFE_ANCHOR  # a notice id and every anchor: a file name and a fragment id as they are
WEB_ADDRESS = re.compile(r"^https?://[^\s]+$")  # a source's own address (url): never javascript: or data:
_SAFE_PATH = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff_./-]+$")


def slugify(name: str) -> str:
    """A file-system and URL safe slug; keeps ASCII letters, digits and CJK."""
    text = unicodedata.normalize("NFKC", name).lower()
    slug = _UNSAFE.sub("-", text).strip("-_")
    return re.sub(r"-{2,}", "-", slug) or "notice"


def unique_slug(name: str, taken: set[str]) -> str:
    """``slugify(name)``, or on a collision the slug and a hash of the name itself: stable
    whatever other names are added (a counter would depend on them). Adds it to ``taken``."""
    slug = slugify(name)
    if slug in taken:
        slug = f"{slug}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:6]}"
    taken.add(slug)
    return slug


class Anchor(str):
    """A fragment id, safe in Markdown attribute lists and URLs."""

    __slots__ = ()

    def __new__(cls, value: str) -> "Anchor":
        if not _SAFE_ANCHOR.match(value):
            raise ValueError(f"not a safe anchor: {value!r}")
        return super().__new__(cls, value)

    def __markdown__(self) -> str:
        return str(self)

    def __html__(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Page:
    """A page of the site, by its path in the Markdown tree (``docs/``-relative, ``.md``)."""

    src: str

    def __post_init__(self):
        if not _SAFE_PATH.match(self.src) or ".." in self.src.split("/") or not self.src.endswith(".md"):
            raise ValueError(f"not a safe page path: {self.src!r}")

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.src)

    @property
    def html(self) -> str:
        """Its address in the built site, from the site's root (pages are plain .html files)."""
        return self.src[:-len(".md")] + ".html"


class Href(str):
    """A relative link target; safe in Markdown link destinations and HTML attributes."""

    __slots__ = ()

    def __markdown__(self) -> str:
        return str(self)

    def __html__(self) -> str:
        return str(self)


def href(from_page: Page, to: Page | str, anchor: str | None = None, *, html: bool = False) -> Href:
    """The link from ``from_page`` to ``to`` (a Page, or a data file's path), with an anchor.

    Markdown links point at ``.md`` (MkDocs rewrites and checks them); raw HTML
    links (``html=True``) at the built ``.html`` page, since nothing rewrites them.
    """
    target = to.src if isinstance(to, Page) else to
    if html and target.endswith(".md"):
        target = target[:-len(".md")] + ".html"
    return Href(_relative(target, from_page.folder) + (f"#{Anchor(anchor)}" if anchor else ""))


@functools.lru_cache(maxsize=65536)
def _relative(target: str, folder: str) -> str:
    """``target`` (a path inside the site) as seen from ``folder``: posixpath.relpath without
    its os.getcwd() calls, which dominate a large build."""
    here, there = folder.split("/") if folder else [], target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def here(anchor: str) -> Href:
    """A link to an anchor of the same page."""
    return Href(f"#{Anchor(anchor)}")


# --- pages -------------------------------------------------------------------------

HOME = Page("index.md")
NOTICES_INDEX = Page("notices/index.md")
THEMES_INDEX = Page("themes/index.md")
ISSUERS_INDEX = Page("issuers/index.md")
YEARS = Page("years.md")
GLOSSARY = Page("glossary.md")
DEPARTMENTS = Page("departments.md")
SEARCH = Page("search.md")
COMPARE_ANY = Page("compare/index.md")
DOWNLOADS = Page("downloads.md")
ABOUT = Page("about.md")  # written by hand (docs/about.md)
DATA_FILE = "data/notices.json"
SCHEMA_FILE = "data/notices.schema.json"
TASKS_CSV = "data/tasks.csv"
TASKS_XLSX = "data/tasks.xlsx"
FEED = "data/feed.xml"


def theme_csv(slug: str) -> str:
    return f"data/themes/{slug}.csv"


def issuer_csv(slug: str) -> str:
    return f"data/issuers/{slug}.csv"


def page_part(first: Page, number: int) -> Page:
    """Page ``number`` (1-based) of a list split over several pages: the first keeps its address."""
    return first if number == 1 else Page(f"{first.src[:-len('.md')]}-p{number}.md")


def notice_page(notice_id: str) -> Page:
    return Page(f"notices/{notice_id}.md")


def related_piece(notice_id: str) -> str:
    """A notice's related tasks, a script its page loads (render/related.py)."""
    return f"related/{notice_id}.js"


def side_by_side_page(later_notice_id: str) -> Page:
    """A plan and the same issuer's previous plan in two columns (one per later plan)."""
    return Page(f"compare/{later_notice_id}.md")


def year_notices_page(year: int | None) -> Page:
    return Page(f"notices/year-{year or 'unknown'}.md")


def theme_page(slug: str) -> Page:
    return Page(f"themes/{slug}.md")


def issuer_page(slug: str) -> Page:
    return Page(f"issuers/{slug}.md")


TEXT_SOURCES = ("txt", "htm", "html")


def source_suffix(source_name: str) -> str:
    return source_name.rsplit(".", 1)[-1].lower() if "." in source_name else "txt"


def original_file(notice_id: str, source_name: str) -> str:
    """The downloadable original. A saved web page is served as text (``.html.txt``), so no
    script of it runs; PDF and Word files keep their own type."""
    suffix = source_suffix(source_name)
    name = f"{notice_id}.txt" if suffix == "txt" else f"{notice_id}.{suffix}.txt" if suffix in TEXT_SOURCES \
        else f"{notice_id}.{suffix}"
    return f"originals/{name}"


def original_view(notice_id: str) -> Page:
    """The original text as a page (text and web-page sources)."""
    return Page(f"originals/{notice_id}.md")


# --- anchors -------------------------------------------------------------------------

COVER = Anchor("cover")
PREAMBLE = Anchor("preamble")
APPENDIX = Anchor("appendix")
COMPARISON = Anchor("compare")
WHATS_NEW = Anchor("whats-new")
COMPARE_NEW = Anchor("compare-new")
COMPARE_CONTINUED = Anchor("compare-continued")
COMPARE_DROPPED = Anchor("compare-dropped")
COMPARE_TARGETS = Anchor("compare-targets")
TARGETS = Anchor("targets")
THEME_YEAR_TABLE = Anchor("theme-year")


def section_anchor(number: int) -> str:
    return f"sec-{number}"


def subsection_anchor(section_number: int, subsection_number: int) -> str:
    return f"sec-{section_number}-{subsection_number}"


def task_anchor(section_number: int, item_number: int, restarts: bool) -> str:
    """``task-13``, or ``task-2-1`` where the plan restarts its numbering in each section."""
    return f"task-{section_number}-{item_number}" if restarts else f"task-{item_number}"


def year_anchor(year: int | None) -> Anchor:
    return Anchor(f"year-{year or 'unknown'}")


def comparison_anchor(year: int | None) -> Anchor:
    return Anchor(f"compare-{year or 'unknown'}")


def term_anchor(term: str) -> Anchor:
    return Anchor("term-" + hashlib.sha1(term.encode("utf-8")).hexdigest()[:8])


def notice_anchor(notice_id: str) -> Anchor:
    return Anchor(notice_id)


class UniqueAnchors:
    """The anchors of one page, each made unique: the anchor itself, or with "-2", "-3"… when a
    source repeats a number. A repeat resumes counting where the last one stopped, so a number
    repeated n times costs n steps, not n² (20,000 tasks numbered "1." took minutes)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self._last: dict[str, int] = {}

    def add(self, anchor: str) -> str:
        candidate, counter = anchor, self._last.get(anchor, 1)
        if counter > 1:
            candidate = f"{anchor}-{counter}"
        while candidate in self.taken:
            counter += 1
            candidate = f"{anchor}-{counter}"
        self._last[anchor] = counter
        self.taken.add(candidate)
        return candidate
