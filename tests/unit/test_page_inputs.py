"""The digest of a notice page's inputs (``notice_page_inputs``) must change whenever the page
would: a page kept from the last build because its inputs are unchanged must be the page a
clean build makes. Each case changes one thing a page shows about *other* notices, on a copy
of a graph of real and edited plans, and checks every page that changed also changed its digest."""

from __future__ import annotations

import dataclasses

import pytest

from build_scripts.enrich.links import SiteGraph, build_graph
from build_scripts.pipeline import load_corpus
from build_scripts.render.notice_page import PageContext, notice_page_inputs, render_notice_page
from tests.documents.edits import write_comparison_sources


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    return write_comparison_sources(tmp_path_factory.mktemp("inputs") / "sources")


def fresh(sources):
    """A graph of its own for each case (a comparison knows its tasks by identity: no deep copies)."""
    report = load_corpus(sources)
    notices = sorted(report.notices, key=lambda n: (-(n.year or 0), n.id))
    return report.vocabulary, build_graph(notices)


def pages(vocabulary, graph: SiteGraph) -> dict[str, tuple[str, str]]:
    context = PageContext(vocabulary, graph)
    return {n.id: (str(render_notice_page(n, context)), notice_page_inputs(n, context)) for n in graph.notices}


def retitle_previous(graph: SiteGraph, vocabulary):
    later = next(iter(graph.comparisons))
    graph.previous[later].title += "（修订）"


def retitle_following(graph: SiteGraph, vocabulary):
    earlier = next(iter(graph.following))
    graph.following[earlier].title += "（修订）"


def reword_earlier_task(graph: SiteGraph, vocabulary):
    comparison = next(c for c in graph.comparisons.values() if any(m.changed for m in c.matches))
    match = next(m for m in comparison.matches if m.changed)
    match.previous[0].paragraphs[-1] += "另增一句。"


def rename_successor(graph: SiteGraph, vocabulary):
    later, item = next(iter(graph.successors.values()))
    item.title += "（修订）"


def drop_a_glossary_term(graph: SiteGraph, vocabulary):
    del graph.glossary[next(iter(graph.glossary))]


def move_a_glossary_term(graph: SiteGraph, vocabulary):
    text, term = next(iter(graph.glossary.items()))
    graph.glossary[text] = dataclasses.replace(term, anchor=type(term.anchor)("term-moved"))


def reslug_an_issuer(graph: SiteGraph, vocabulary):
    issuer = next(iter(graph.issuer_slugs))
    graph.issuer_slugs[issuer] += "-x"


def rename_a_theme(graph: SiteGraph, vocabulary):
    vocabulary.themes[0] = dataclasses.replace(vocabulary.themes[0], name=vocabulary.themes[0].name + "（新）")


@pytest.mark.parametrize("change", [retitle_previous, retitle_following, reword_earlier_task,
                                    rename_successor, drop_a_glossary_term, move_a_glossary_term,
                                    reslug_an_issuer, rename_a_theme])
def test_every_page_that_changes_changes_its_inputs(sources, change):
    assert_changed_pages_changed_inputs(sources, change, pages)


def test_related_lists_are_not_in_the_notice_pages(sources):
    """They are in each notice's piece (render/related.py): a plan added to the collection changes the
    lists of many other plans' tasks, and must not make their pages again."""
    vocabulary, graph = fresh(sources)
    before = pages(vocabulary, graph)
    assert any(graph.related.values())
    for key, refs in graph.related.items():
        graph.related[key] = refs[::-1][:1]
    assert pages(vocabulary, graph) == before


def assert_changed_pages_changed_inputs(sources, change, made) -> None:
    """``made(vocabulary, graph)``: each page's (text, inputs digest), by name."""
    vocabulary, graph = fresh(sources)
    before = made(vocabulary, graph)
    change(graph, vocabulary)
    after = made(vocabulary, graph)
    changed = [name for name in before if before[name][0] != after[name][0]]
    assert changed, "the change must show on some page"
    for name in changed:
        assert before[name][1] != after[name][1], f"{name}: the page changed, its inputs did not"


def issuer_pages(vocabulary, graph: SiteGraph) -> dict[str, tuple[str, str]]:
    from build_scripts.render.inputs import NoticeDigests, vocabulary_digest
    from build_scripts.render.overview_pages import issuer_page_inputs, render_issuer_page
    digests = NoticeDigests()
    return {issuer: (str(render_issuer_page(graph, issuer, vocabulary)),
                     issuer_page_inputs(graph, issuer, digests, vocabulary_digest(vocabulary)))
            for issuer in graph.issuers}


def retheme_a_previous_plans_task(graph: SiteGraph, vocabulary):
    """The issuer page compares its latest plan's themes with its previous plan's."""
    later = next(iter(graph.comparisons))
    item = graph.previous[later].items[0]
    item.themes = [next(t.slug for t in vocabulary.themes if t.slug not in item.themes)]


def add_a_task_to_a_plan(graph: SiteGraph, vocabulary):
    notice = graph.notices[0]
    notice.sections[-1].items.append(dataclasses.replace(notice.items[-1], number=999, anchor="task-999"))


@pytest.mark.parametrize("change", [retitle_previous, reslug_an_issuer, rename_a_theme,
                                    retheme_a_previous_plans_task, add_a_task_to_a_plan])
def test_every_issuer_page_that_changes_changes_its_inputs(sources, change):
    assert_changed_pages_changed_inputs(sources, change, issuer_pages)
