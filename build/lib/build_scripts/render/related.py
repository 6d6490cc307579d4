"""Each notice's related tasks, as a piece its page loads in the browser (workplans-related.js).

The lists are kept out of the page's HTML on purpose: a plan added to a large collection
enters the related lists of hundreds of other plans' tasks (near twins are common), and
making those pages again cost an addition 42% of a full build at 1,000 notices. A piece is
a small script file that the site engine copies as it is, so an addition rewrites the
pieces whose lists changed and no other notice's page. Each task's page holds an empty
``related-tasks`` box, filled from the piece; without JavaScript the lists do not show
(the theme pages and the search list the same tasks).

A piece is a script (``workplansRelated({anchor: [[address, label], …]})``), so it loads
from ``file://`` as well as over http under any path; addresses are relative to the page.
"""

from __future__ import annotations


from .. import addresses as at
from ..enrich.links import SiteGraph, task_key
from ..model import Item, Notice
from .markup import Html, Md
from .script_data import script_call

CALL = "workplansRelated"


def related_piece(notice: Notice, graph: SiteGraph) -> bytes:
    here = at.notice_page(notice.id)
    lists = {}
    for item in notice.items:
        refs = graph.related.get(task_key(notice, item), [])
        if refs:
            lists[item.anchor] = [[at.href(here, at.notice_page(ref.notice_id), ref.anchor, html=True),
                                   f"{graph.notice(ref.notice_id).title} · {graph.item(ref).heading}"]
                                  for ref, _ in refs]
    return script_call(CALL, lists)


def related_source(notice: Notice) -> Md:
    """Where the page's script finds the piece (relative to the page)."""
    address = at.href(at.notice_page(notice.id), at.related_piece(notice.id))
    return Md.html_block(Html('<div class="related-source" data-related="{}" hidden></div>').format(address))


def related_box(item: Item) -> Md:
    """The empty box under a task that the piece fills."""
    return Md.html_block(Html('<div class="related-tasks task-links" data-task="{}" data-search-exclude></div>')
                         .format(at.Anchor(item.anchor)))
