"""Take the README's screenshots of the built site (run after ./build.sh):

    .venv/bin/python -m devtools.screenshots

Uses Debian's chromium through the same helper as the browser tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from .browser import Browser, serve

ROOT = Path(__file__).resolve().parent.parent

SHOTS = {
    "home.png": ("index.html", None),
    "notice.png": ("notices/2022-hongkou-002.html#task-7", None),
    "notice-footnotes.png": ("notices/2024-baoshan-004.html#task-1", None),
    "theme.png": ("themes/preschool.html", None),
    "years.png": ("years.html", None),
    "notice-dark.png": ("notices/2019-qingpu-003.html#task-2", "slate"),
}


def main() -> int:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright, serve(ROOT / "site", "/plans/") as base:
        browser = Browser(playwright, Path("/tmp") / "edu-plans-screenshot-profile")
        page = browser.page
        page.set_viewport_size({"width": 1280, "height": 860})
        for name, (path, scheme) in SHOTS.items():
            page.goto(base + path)
            if scheme:
                page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
            page.wait_for_load_state("networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.screenshot(path=str(out / name))
            print(f"screenshots/{name}")
        page.goto("about:blank")
        browser.close()
        if browser.external_requests or browser.console_errors:
            print("external requests or console errors:", browser.external_requests, browser.console_errors)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
