"""The escaper: source text can never become Markdown or HTML, by construction."""

from __future__ import annotations

import markdown
import pytest

from build_scripts.addresses import Anchor, Href
from build_scripts.render.markup import Html, Md, front_matter, one_line

EXTENSIONS = ["attr_list", "md_in_html", "footnotes", "tables", "toc"]
HOSTILE = ["**bold** _it_ `code`", "# heading", "[link](http://x)", "<b>tag</b> & &amp;", "| a | b |",
           "1. list", "- item", "> quote", "{#id .class}", "[^1] ^note ~~del~~", "\\backslash", "![img](x.png)",
           "{{ jinja }} {% tag %}", "a\n\n# second block", "x\r\ny\u2028z"]


def rendered(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_the_same_text_in_one_paragraph(text):
    html = rendered(Md("{}").format(text))
    assert html.count("<p>") == 1 and html.startswith("<p>") and html.endswith("</p>")
    for tag in ("<strong", "<em", "<code", "<h1", "<a ", "<img", "<table", "<ol", "<ul", "<blockquote", "<b>", "<sup"):
        assert tag not in html, (text, html)
    from html import unescape
    assert unescape(html[3:-4]) == one_line(text)


def test_one_line_replaces_every_line_break_and_keeps_other_spaces():
    assert one_line("a\nb\r\nc\u2028d\te") == "a b c d e"
    assert one_line(" 教育\u3000局\u00a0 ") == "教育\u3000局\u00a0"
    assert one_line("a\n\n\nb") == "a b"


def test_format_join_and_concatenation_escape_plain_strings():
    assert Md("# {}").format("*x*") == "# \\*x\\*"
    assert Md(" · ").join(["a_b", Md("*kept*")]) == "a\\_b · *kept*"
    assert Md("x") + "[y]" == "x\\[y\\]"
    assert "[y]" + Md("x") == "\\[y\\]x"
    assert isinstance(Md("a") + "b", Md) and isinstance("b" + Md("a"), Md)


def test_escape_keeps_markdown_and_typed_addresses_as_they_are():
    assert Md.escape(Md("**b**")) == "**b**"
    assert Md("[a]({})").format(Href("../x.md#task-1")) == "[a](../x.md#task-1)"
    assert Md("{{#{}}}").format(Anchor("task-2-1")) == "{#task-2-1}"
    with pytest.raises(ValueError):
        Anchor("bad anchor")
    assert Md("{:>3}|{x}").format("*", x=Md("**b**")) == " \\*|**b**"
    with pytest.raises(ValueError):
        Md("{:.1f}").format(1.25)  # a numeric format would apply to escaped text


def test_special_characters_become_backslashes_or_entities():
    assert Md.escape("^~") == "&#94;&#126;"
    assert Md.escape("<&>") == "&lt;&amp;&gt;"
    assert Md.escape("a.b-c!") == "a\\.b\\-c\\!"
    assert Md.escape(12) == "12"


def test_html_escapes_and_keeps_each_value_on_one_line():
    block = Html('<dd title="{}">{}</dd>').format('say "hi"', "<script>\n\nx")
    assert block == '<dd title="say &#34;hi&#34;">&lt;script&gt; x</dd>'
    assert Md.html_block(block) == block
    with pytest.raises(TypeError):
        Md.html_block("<div>plain text</div>")
    assert Html("{}").format(Html("<b>ok</b>")) == "<b>ok</b>"


def test_a_blank_line_cannot_end_an_html_block():
    block = Md.html_block(Html('<p class="x">{}</p>').format("a\n\n**b**"))
    assert "<strong>" not in rendered(block)


def test_front_matter_keeps_values_on_one_line_and_drops_unset_ones():
    assert front_matter(title="a\nb: c", tags=["双减"], description=None) == \
        "---\ntitle: 'a b: c'\ntags:\n- 双减\n---"
    assert isinstance(front_matter(title="x"), Md)


def test_markdown_shows_itself_as_markdown():
    assert repr(Md("*a*")) == "Md('*a*')"
    assert Md("a").__markdown__() is not None and Md.escape(Md("a")) == "a"
