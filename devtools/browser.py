"""Headless Debian chromium driven by Playwright, and a static server for the built site.

Chromium comes from Debian (scripts/setup-browser.sh), never from
`playwright install`. Every request that is not loopback or file: is aborted
and recorded, so tests can prove the site makes no external request.
"""

from __future__ import annotations

import functools
import http.server
import re
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
        box.fill("")
        box.type(query)
        box.press("End")  # Material searches on keyup; typed CJK sends no key events
        page.wait_for_selector(".md-search-result__meta", state="visible")
        page.wait_for_function(
            "() => !/正在|Initializing|初始化/.test(document.querySelector('.md-search-result__meta').textContent)")
        # Results render in pages of ten as the list scrolls: scroll until every result the
        # summary counts ("找到 12 个符合条件的结果") is in the DOM.
        summary = page.locator(".md-search-result__meta").inner_text()
        total = int(re.search(r"\d+", summary)[0]) if re.search(r"\d+", summary) else 0
        items = page.locator(".md-search-result__item")
        while items.count() < total:
            shown = items.count()
            items.last.scroll_into_view_if_needed()
            page.mouse.wheel(0, 4000)
            page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length > n", arg=shown)
        return page.eval_on_selector_all("a.md-search-result__link", "els => els.map(e => e.href)")

    def close(self):
        self.context.close()
