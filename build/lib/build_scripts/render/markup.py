"""Escaping by construction: text from sources is data, never markup.

Pages are built from two safe string types, in the manner of markupsafe's
``Markup``:

- ``Md``: Markdown that may be written to a page as it stands. ``Md(...)``
  wraps a literal template written here; anything else that meets an ``Md``
  (``Md.format`` arguments, ``+``, ``Md.join`` items) is escaped first, unless
  it is already ``Md`` or a typed address (``__markdown__``).
- ``Html``: markupsafe's ``Markup`` for raw HTML blocks, whose text Markdown
  leaves alone; ``Md.html_block`` is the one way an ``Html`` enters a page.

Escaping a value keeps it on one line (so it can never start a new Markdown
block or end an HTML block), turns HTML characters into entities, and
backslash-escapes every character Python-Markdown (with the extensions in
mkdocs.yml) would read as syntax. Forgetting to escape is therefore not
possible: the writer accepts only ``Md`` pages, and a plain ``str`` is escaped
wherever it meets one.
"""

from __future__ import annotations

import html as _html
import re
from typing import Any, Iterable

import yaml
from markupsafe import Markup
from markupsafe import escape as _html_escape

# Python-Markdown's escapable characters plus "|" (tables) get a backslash;
# "^" and "~", which footnotes and pymdownx extensions could read, an entity.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^])")
_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!|")
_LINE_BREAKS = re.compile(r"[\r\n\t\f\v\u2028\u2029\x1c-\x1f\x85]+")


def one_line(text: str) -> str:
    """Keep a value on one line, so that it cannot start a new Markdown block.

    Only line breaks and tabs are replaced: other spaces (ideographic, no-break)
    are the source's own text.
    """
    return _LINE_BREAKS.sub(" ", text).strip(" ")


def _escape_markdown(text: str) -> str:
    escaped = _html.escape(_LINE_BREAKS.sub(" ", text), quote=False)
    return _MARKDOWN_SPECIAL.sub(
        lambda m: "\\" + m.group(1) if m.group(1) in _ESCAPABLE else f"&#{ord(m.group(1))};", escaped)


class Md(str):
    """Markdown that is safe to write as it stands."""

    __slots__ = ()

    def __markdown__(self) -> "Md":
        return self

    @classmethod
    def escape(cls, value: Any) -> "Md":
        """``value`` as safe Markdown: itself if it is already Markdown, else escaped text."""
        if type(value) is cls:
            return value
        if hasattr(value, "__markdown__"):
            return cls(value.__markdown__())
        return cls(_escape_markdown(str(value)))

    def format(self, *args: Any, **kwargs: Any) -> "Md":
        """Fill the template; every argument is escaped first (a format specification then
        applies to the escaped text, so a numeric one such as ``{:.1f}`` is an error)."""
        return Md(str.format(self, *map(Md.escape, args), **{k: Md.escape(v) for k, v in kwargs.items()}))

    def join(self, parts: Iterable[Any]) -> "Md":
        return Md(str.join(self, (Md.escape(p) for p in parts)))

    def __add__(self, other: Any) -> "Md":
        return Md(str.__add__(self, Md.escape(other)))

    def __radd__(self, other: Any) -> "Md":
        return Md(str.__add__(Md.escape(other), self))

    def __repr__(self) -> str:
        return f"Md({str.__repr__(self)})"

    @classmethod
    def html_block(cls, block: "Html") -> "Md":
        """A raw HTML block in a page. Only ``Html`` is accepted: its text is escaped and
        on one line, so no blank line can end the block and let Markdown read the rest."""
        if not isinstance(block, Html):
            raise TypeError(f"Md.html_block needs Html, got {type(block).__name__}")
        return cls(str(block))


class Html(Markup):
    """markupsafe's Markup whose escaping also keeps each value on one line."""

    __slots__ = ()

    @classmethod
    def escape(cls, value: Any) -> "Html":
        if hasattr(value, "__html__"):
            return cls(value.__html__())
        return cls(_html_escape(_LINE_BREAKS.sub(" ", str(value))))


def front_matter(**values: Any) -> Md:
    """A page's YAML front matter; strings are kept on one line, YAML quotes the rest."""
    data = {key: one_line(value) if isinstance(value, str) else value
            for key, value in values.items() if value is not None}
    return Md("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---")
