"""Source text in Material's templates: page titles, descriptions and navigation labels, escaped.

MkDocs' Jinja environment does not autoescape, and Material prints ``page.meta.title``,
``page.title`` (the header, the navigation, the previous/next links) and
``page.meta.description`` as they are. A title such as "<img src=x onerror=…>" taken from a
source would run as script on every page that shows it. The plugin calls these after every
page is read and before any is rendered; ``escape`` leaves an escaped ``Markup`` as it is, so
they may run more than once.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# The front matter values Material's templates print (the <title>, the header, <meta name="description">).
TEMPLATE_TEXT = ("title", "description")


def escape_page_text(page) -> None:
    if page is None:
        return
    if page.title is not None:
        page.title = escape(page.title)  # escape() leaves an escaped Markup as it is
    meta = page.meta or {}
    for key in TEMPLATE_TEXT:
        if key in meta and not isinstance(meta[key], Markup):
            meta[key] = escape(str(meta[key]))
    if page.title is not None and "title" not in meta and not page.is_homepage:
        # else base.html prints ``page.title | striptags``, which would undo the escaping
        meta["title"] = page.title
    page.meta = meta


def escape_labels(items) -> None:
    """Section and link labels of the navigation (theme groups and names come from themes.yml)."""
    for item in items:
        if item.title is not None:
            item.title = escape(item.title)
        escape_labels(getattr(item, "children", None) or [])
