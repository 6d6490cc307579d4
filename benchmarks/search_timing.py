"""Benchmark-only MkDocs hook: how long Material's search plugin spends on its index.

At ``on_config`` it wraps the search plugin's registered ``page_context`` and
``post_build`` handlers with a clock, and at the end writes the total to
``$SEARCH_TIMING_FILE``. One module, its own state, nothing shared through imports.
"""

from __future__ import annotations

import functools
import json
import os
import time

from mkdocs.plugins import event_priority

_total = {"seconds": 0.0}


def _timed(handler):
    @functools.wraps(handler)
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            _total["seconds"] += time.perf_counter() - start
    return run


def on_config(config):
    search = config.plugins.get("material/search")
    for event in ("page_context", "post_build"):
        handlers = config.plugins.events[event]
        handlers[:] = [_timed(h) if getattr(h, "__self__", None) is search else h for h in handlers]
    return config


@event_priority(-200)  # after every plugin
def on_post_build(config):
    target = os.environ.get("SEARCH_TIMING_FILE")
    if target:
        with open(target, "w", encoding="utf-8") as out:
            json.dump(_total, out)
