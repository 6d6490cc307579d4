"""Headless Debian chromium driven by Playwright, and a static server for the built site.

Chromium comes from Debian (scripts/setup-browser.sh), never from
`playwright install`. Every request that is not loopback or file: is aborted
and recorded, so tests can prove the site makes no external request.
"""

from __future__ import annotations

import functools
import http.server
import re
import socket
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args):
        pass


@contextmanager
def serve(site: Path, prefix: str = "/"):
    """Serve ``site`` at http://127.0.0.1:<port><prefix>; yields the base URL."""
    handler = type("Handler", (_SubPathHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A loopback port nothing listens on (for a server a test or the benchmark starts)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("file", "data", "blob", "about") or parsed.hostname in ("127.0.0.1", "localhost")


class Browser:
    """A chromium page whose external requests are blocked and whose console errors are kept."""

    def __init__(self, playwright, profile: Path):
        self.context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, locale="zh-CN")
        self.external_requests: list[str] = []
        self.console_errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def _route(self, route):
        if is_local(route.request.url):
            route.continue_()
        else:
            self.external_requests.append(route.request.url)
            route.abort()

    def search(self, query: str) -> list[str]:
        """Type a query in Material's search box; returns the result links (absolute URLs)."""
        page = self.page
        box = page.locator("input.md-search__input")
        box.click()
        # Clear the previous query first and wait for its results to go, so that the
        # summary read below is this query's, not the last one's.
        box.fill("")
        box.press("End")
        page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
        box.type(query)
        box.press("End")  # Material searches on keyup; typed CJK sends no key events
        page.wait_for_function("""() => {
            const meta = document.querySelector('.md-search-result__meta');
            return meta && /\\d|没有/.test(meta.textContent) && !/正在|Initializing|初始化/.test(meta.textContent);
        }""")
        # Results render in batches as the list scrolls. Scroll to the end until the list
        # stops growing: three scrolls in a row, each followed by two animation frames (the
        # browser has rendered whatever the scroll loaded), add nothing. The summary's count
        # is not the number of list items (it counts sections), so it only bounds the loop.
        summary = page.locator(".md-search-result__meta").inner_text()
        total = int(re.search(r"\d+", summary)[0]) if re.search(r"\d+", summary) else 0
        items = page.locator(".md-search-result__item")
        steady = 0
        while steady < 3 and items.count() < total:
            shown = items.count()
            items.last.scroll_into_view_if_needed()
            page.mouse.wheel(0, 4000)
            page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            steady = steady + 1 if items.count() == shown else 0
        return page.eval_on_selector_all("a.md-search-result__link", "els => els.map(e => e.href)")

    def close(self):
        self.context.close()
