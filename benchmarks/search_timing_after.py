"""Benchmark-only MkDocs hook: stops the clock after Material's search plugin ran
(priority -50 < the plugin's 0, before the offline plugin's -100) and writes the
total to $SEARCH_TIMING_FILE."""

import json
import os
import sys
import time

from mkdocs.plugins import event_priority

state = sys.modules["search_timing_state"]


@event_priority(-50)
def on_page_context(context, page, config, nav):
    state.total += time.perf_counter() - state.start
    return context


@event_priority(-50)
def on_post_build(config):
    state.total += time.perf_counter() - state.start
    target = os.environ.get("SEARCH_TIMING_FILE")
    if target:
        with open(target, "w", encoding="utf-8") as out:
            json.dump({"seconds": state.total}, out)
