"""Every link and #anchor of a built site, checked in this process from its files (milliseconds):
what LinkChecker finds over HTTP (tests/test_links.py, at the browser level), found in the fast
loop. A link is resolved against the page's public address (the site's `site_url`), as a browser
resolves it; one under that address must name a file of the site (a folder: its index.html) and,
with a #fragment, an element of that page with that id. Other hosts are external: listed, never
fetched.
"""

from __future__ import annotations

import re
import urllib.parse
from functools import cache
from pathlib import Path

import check_links

_ID = re.compile(r"""\bid=["']?([^"'\s>]+)""")


def _file(site: Path, path: str) -> Path | None:
    """The site's file at a URL path under its root, or None."""
    target = site / urllib.parse.unquote(path)
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


@cache
def _ids(page: Path) -> frozenset[str]:
    return frozenset(_ID.findall(page.read_text(encoding="utf-8")))


def broken_links(site: Path, site_url: str | None = None) -> list[str]:
    """``page: url — why`` for every internal link (pages, assets, anchors, sitemap URLs) that leads
    nowhere; empty when nothing is broken."""
    _ids.cache_clear()  # a test may edit a page between two checks
    site_url = site_url or check_links.site_url_of(site)
    links = {url: [page for _, page, _ in places] for url, places in check_links.site_links(site, site_url).items()}
    for url in check_links.sitemap_urls(site):
        links.setdefault(url, []).append("sitemap.xml")
    broken = []
    for url, pages in sorted(links.items()):
        why = _why(site, site_url, url)
        if why:
            broken += [f"{page or '/'}: {url} — {why}" for page in sorted(set(pages))]
    return broken


def _why(site: Path, site_url: str, url: str) -> str | None:
    if not url.startswith(site_url):
        return None  # external (or a data:/mailto: address): not the site's to check
    address, _, fragment = url[len(site_url):].partition("#")
    path = address.split("?", 1)[0]
    target = _file(site, path)
    if target is None:
        return "no such page or file"
    if fragment and target.suffix == ".html" and urllib.parse.unquote(fragment) not in _ids(target):
        return f"no element with the id {fragment!r}"
    return None


def checked_pages(site: Path) -> set[str]:
    """The pages whose links are checked (as the site serves them: `en/results/`, `404.html`)."""
    return {path.relative_to(site).as_posix().removesuffix("index.html") for path in site.rglob("*.html")}


def absolute_url(site_url: str, page: str) -> str:
    return urllib.parse.urljoin(site_url, page)
