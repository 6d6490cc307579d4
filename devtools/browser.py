"""Headless Debian chromium driven by Playwright, and a static server for the built site.

Chromium comes from Debian (scripts/setup-browser.sh), never from
`playwright install`. Every request that is not loopback or file: is aborted
and recorded, so tests can prove the site makes no external request.
"""

from __future__ import annotations

import functools
import http.server
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
        """Type a query in the header's search box, as a reader does; on the search page that
        opens, show every result ("显示更多结果" until it goes); returns the result links."""
        page = self.page
        box = page.locator("#wp-header-q")
        box.fill(query)
        box.press("Enter")
        page.wait_for_selector("#wp-q")
        self.wait_for_results()
        self.show_all_results()
        return page.eval_on_selector_all(".wp-tasks a", "els => els.map(e => e.href)")

    def show_all_results(self):
        """Click "显示更多结果" until it goes, waiting each time for the page it loads (the button
        is disabled while a page of results loads, hidden once there are no more)."""
        more = self.page.locator("button.wp-more")
        while True:
            self.page.wait_for_function("""() => {
                const button = document.querySelector('button.wp-more');
                return !button || button.style.display === 'none' || !button.disabled;
            }""")
            if not more.is_visible():
                return
            more.click()

    def wait_for_results(self):
        self.page.wait_for_function("""() => {
            const status = document.querySelector('.wp-status');
            return status && /共找到|已找到|没有找到|请输入/.test(status.textContent);
        }""")

    def close(self):
        self.context.close()
