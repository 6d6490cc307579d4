"""Escaping: text from sources is data, never markup.

``md_text`` makes a string safe to put in Markdown prose or a heading: HTML
characters become entities, and every character Python-Markdown (with the
extensions enabled in mkdocs.yml) would read as syntax is backslash-escaped.
``html_text`` is for text inside raw HTML blocks, which Markdown leaves alone.
"""

from __future__ import annotations

import html
import re

# Python-Markdown's escapable characters plus "|" (tables) get a backslash;
# "^" and "~", which footnotes and pymdownx extensions could read, an entity.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^])")
_ESCAPABLE = set("\\`*_{}[]()#+-.!|")


def md_text(text: str) -> str:
    escaped = html.escape(text, quote=False)
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) in _ESCAPABLE
                                 else html_entity(m.group(1)), escaped)


def html_entity(char: str) -> str:
    return f"&#{ord(char)};"


def html_text(text: str) -> str:
    return html.escape(text, quote=True)


def one_line(text: str) -> str:
    """Keep a value on one line, so that it cannot start a new Markdown block.

    Only line breaks and tabs are replaced: other spaces (ideographic, no-break)
    are the source's own text.
    """
    return re.sub(r"[\r\n\t\f\v\u2028\u2029\x1c-\x1f\x85]+", " ", text).strip(" ")
