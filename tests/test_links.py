"""Every internal link and anchor on every page of the built site resolves."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml
from bs4 import BeautifulSoup

from .conftest import ROOT

EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "data")


def site_path_prefix() -> str:
    """The path of the default site_url: 404.html links absolutely under it."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = next(line for line in text.splitlines() if line.startswith("site_url:"))
    return urlparse(yaml.safe_load(default.split("[", 1)[1].split(",", 1)[1].rsplit("]", 1)[0])).path


@lru_cache(maxsize=None)
def ids_of(page: Path) -> frozenset[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return frozenset(tag["id"] for tag in soup.find_all(id=True)) | frozenset(
        tag["name"] for tag in soup.find_all("a", attrs={"name": True}))


def resolve(site: Path, page: Path, href: str, prefix: str) -> tuple[Path, str]:
    parsed = urlparse(href)
    path = unquote(parsed.path)
    if path.startswith("/"):
        assert path.startswith(prefix), f"absolute link outside the site's path: {href}"
        target = site / path[len(prefix):]
    elif path:
        target = (page.parent / path).resolve()
    else:
        target = page
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parsed.fragment)


def test_every_internal_link_and_anchor_resolves(corpus_site):
    site = corpus_site.site.resolve()
    prefix = site_path_prefix()
    checked = 0
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                href = element[attribute]
                scheme = urlparse(href).scheme
                assert scheme != "javascript", f"{page.relative_to(site)}: javascript link {href}"
                if scheme in EXTERNAL_SCHEMES:
                    continue
                target, fragment = resolve(site, page, href, prefix)
                where = f"{page.relative_to(site)}: {tag} {attribute}={href!r}"
                assert target.is_file() and site in target.parents, f"{where}: no such file"
                if fragment and target.suffix == ".html":
                    assert fragment in ids_of(target), f"{where}: no anchor #{fragment}"
                checked += 1
    assert checked > 1000
