"""Benchmark-only MkDocs hook: starts the clock before Material's search plugin runs
(priority 100 > the plugin's 0). search_timing_after.py stops it."""

import sys
import time
import types

from mkdocs.plugins import event_priority

state = sys.modules.setdefault("search_timing_state", types.ModuleType("search_timing_state"))
state.total = 0.0


@event_priority(100)
def on_page_context(context, page, config, nav):
    state.start = time.perf_counter()
    return context


@event_priority(100)
def on_post_build(config):
    state.start = time.perf_counter()
