"""Every link and #anchor of the built site, both languages: found broken in the fast loop by
tests/site_links.py (the site's files, in this process), confirmed over HTTP by LinkChecker.

scripts/check_links.py serves the site on 127.0.0.1 like GitHub Pages and runs LinkChecker
(tests/linkcheckerrc) from every page and from the sitemap. Both checkers run on the real site
(nothing may be broken) and on a copy with broken links planted in it (each must be reported,
with the page it is on); the fast one also on the site built for the other kind of address.
LinkChecker's tests are at the browser level (`-m browser`): an outside reader of the served site.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import check_links
from conftest import LANGUAGES, PAGES, PUBLISHED, ROOT, language_prefix
from in_process import build_in_process
from site_links import broken_links, checked_pages

SCRIPT = ROOT / "scripts" / "check_links.py"
linkchecker = pytest.mark.browser  # LinkChecker over HTTP: with the browser tests, out of the fast loop
EXPECTED_PAGES = {language_prefix(lang) + page for lang in LANGUAGES for page in PAGES} | {"404.html"}


def test_no_link_or_anchor_leads_nowhere(built_site):
    assert broken_links(built_site) == []
    assert checked_pages(built_site) >= EXPECTED_PAGES


@pytest.fixture(scope="module")
def report(built_site) -> check_links.LinkReport:
    """LinkChecker's report on the real site (the fixture of the browser-level tests below)."""
    result = check_links.check(built_site)
    print(result.summary())
    return result


@linkchecker
def test_no_broken_link_or_anchor_in_either_language(report):
    assert report.ok, report.summary()


@linkchecker
def test_every_page_of_both_languages_is_checked(report):
    assert report.pages >= EXPECTED_PAGES, report.summary()


@linkchecker
def test_anchors_and_sitemap_are_checked(report, built_site):
    # Every page links to its own headings (table of contents), so each language has anchors.
    for lang in LANGUAGES:
        prefix = language_prefix(lang)
        assert any(urllib.parse.urlsplit(url).path.endswith(f"/{prefix}results/") for url in report.anchors), lang
    assert report.sitemap_urls == len(check_links.sitemap_urls(built_site)) >= len(LANGUAGES) * len(PAGES)


@linkchecker
def test_external_links_are_listed_not_fetched(report):
    assert report.external, "expected the source and theme links to be listed"
    assert not report.external_checked
    for url, pages in report.external.items():
        assert not url.startswith(("http://127.0.0.1", report.site_url)), url
        assert pages, url


def test_external_flag_makes_linkchecker_fetch_them():
    assert "--check-extern" in check_links.linkchecker_command(["http://127.0.0.1:1/"], "https://x.org/", external=True)
    assert "--check-extern" not in check_links.linkchecker_command(["http://127.0.0.1:1/"], "https://x.org/")


def test_sitemap_urls_map_to_served_pages_in_their_language(built_site):
    """Each sitemap URL (public address) is served locally, and each hreflang alternate is in its language."""
    site_url = check_links.site_url_of(built_site)
    server, local = check_links.serve_like_pages(built_site)
    try:
        tree = ET.parse(built_site / "sitemap.xml")
        ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
        checked = 0
        for entry in tree.iterfind(".//sm:url", ns):
            targets = [(entry.findtext("sm:loc", namespaces=ns).strip(), None)]
            targets += [(link.get("href"), link.get("hreflang")) for link in entry.iterfind("xhtml:link", ns)]
            for url, hreflang in targets:
                mapped = check_links.to_local(url, site_url, local)
                assert mapped, f"sitemap.xml: {url} is not under site_url {site_url}"
                with urllib.request.urlopen(mapped, timeout=10) as response:
                    assert response.status == 200, url
                    html = response.read().decode("utf-8")
                if hreflang and hreflang != "x-default":
                    lang = re.search(r'<html[^>]*\blang="([^"]+)"', html).group(1)
                    assert lang.split("-")[0] == hreflang.split("-")[0], f"sitemap.xml: {url} is {lang}, says {hreflang}"
                checked += 1
        assert checked >= 2 * len(LANGUAGES) * len(PAGES)
    finally:
        check_links.stop(server)


def test_links_also_hold_at_the_other_kind_of_address(tmp_path, built_site):
    """GitHub Pages serves a project site under /<repository>/, a custom domain at /. The suite's
    site is built for one (SITE_URL); this builds it for the other and checks every link again."""
    path = urllib.parse.urlsplit(check_links.site_url_of(built_site)).path
    other = "https://example.org/" if path.strip("/") else "https://example.org/project-site/"
    site = tmp_path / "site"
    built = build_in_process(ROOT, site, env={**PUBLISHED, "SITE_URL": other})
    assert built.ok, built.output
    assert check_links.site_url_of(site) == other
    assert broken_links(site) == []
    assert checked_pages(site) >= EXPECTED_PAGES


# --- the checker can fail -----------------------------------------------------------------------


def _edit(site: Path, page: str, find, new_value: str, attribute: str = "href") -> str:
    """Point the first element ``find(soup)`` of ``page`` elsewhere; returns the value written."""
    path = site / page / "index.html" if not page.endswith(".html") else site / page
    text = path.read_text(encoding="utf-8")
    element = find(BeautifulSoup(text, "html.parser"))
    assert element is not None, f"nothing to break on {page}"
    old = element[attribute]
    pattern = re.compile(rf'({attribute}=["\']?){re.escape(old)}(["\'\s>])')
    assert pattern.search(text), (page, old)
    path.write_text(pattern.sub(lambda m: m.group(1) + new_value + m.group(2), text, count=1), encoding="utf-8")
    return new_value


def _relative_page_link(soup):
    for a in soup.select(".md-content a[href], .md-sidebar a[href]"):
        href = a["href"]
        if href.startswith("../") and "#" not in href and href.endswith("/"):
            return a
    return None


def _like(path: Path, marker: str, site_url: str, absolute: str, relative: str) -> str:
    """The broken value in the same form as the link it replaces: absolute if that one was."""
    tag = next(t for t in re.findall(r"<link\b[^>]*>", path.read_text(encoding="utf-8")) if marker in t)
    return site_url + absolute if re.search(r'href="https?://', tag) else relative


def _macro_link(soup):
    """A link written as raw HTML by a macro: the macros' markup carries `report-…` classes."""
    return soup.select_one('.md-content a[class^="report-"][href*="#"], .md-content [class^="report-"] a[href*="#"]')


@pytest.fixture(scope="module")
def broken_site(built_site, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A copy of the built site with one broken link of each kind, each on its own page."""
    site = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(built_site, site)
    site_url = check_links.site_url_of(built_site)
    planted = {
        # a Markdown/nav link to a page that does not exist
        "results/": _edit(site, "results/", _relative_page_link, "../no-such-page/"),
        # a link to a heading that does not exist
        "en/results/": _edit(site, "en/results/", lambda s: s.select_one('.md-content a[href^="#"]'),
                             "#no-such-anchor"),
        # raw HTML written by a macro (MkDocs' own validation never sees it): a key-figure card
        "en/": _edit(site, "en/", _macro_link, "results/#no-such-figure"),
        # <link rel=alternate hreflang>, absolute (the site's public address) or relative, as built
        "about/": _edit(site, "about/", lambda s: s.select_one('link[rel=alternate][hreflang="en"]'),
                        _like(site / "about" / "index.html", 'hreflang="en"', site_url, "en/no-such-twin/",
                              "../en/no-such-twin/")),
        # the language switcher
        "en/directives/": _edit(site, "en/directives/", lambda s: s.select_one('a.md-select__link[hreflang="vi"]'),
                                "../../no-such-switch/"),
        # the canonical link: the site's public address, checked on the local server
        "shortcomings/": _edit(site, "shortcomings/", lambda s: s.select_one("link[rel=canonical]"),
                               site_url + "no-such-canonical/"),
    }
    sitemap = site / "sitemap.xml"
    missing = site_url + "en/not-in-the-site/"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(
        "</urlset>", f"<url><loc>{missing}</loc></url>\n</urlset>"), encoding="utf-8")
    planted["sitemap.xml"] = missing
    return site, planted


def test_each_planted_break_is_found_on_its_page(broken_site):
    site, planted = broken_site
    site_url = check_links.site_url_of(site)
    resolved = {page: urllib.parse.urljoin(site_url + page, url) for page, url in planted.items()}
    broken = broken_links(site)
    for page, url in resolved.items():
        assert any(line.startswith(f"{page or '/'}: {url} — ") for line in broken), (page, url, broken)
    assert all(any(url in line for url in resolved.values()) for line in broken), broken


@linkchecker
def test_checker_reports_each_planted_break_with_its_page(broken_site):
    site, planted = broken_site
    result = subprocess.run([sys.executable, str(SCRIPT), str(site)], capture_output=True, text=True,
                            encoding="utf-8", timeout=600)
    print(result.stdout)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [line.strip() for line in result.stdout.split("BROKEN", 1)[-1].splitlines()[1:]]
    for page, url in planted.items():
        where = page or "/"
        assert any(line.startswith(f"{where}:") and f" {url} — " in line for line in broken), (
            f"{url} on {where} was not reported:\n{result.stdout}")
    assert len(broken) >= len(planted)
    # The real site itself stays clean: nothing else in the copy is reported.
    for line in broken:
        assert any(url in line for url in planted.values()), f"unexpected report: {line}"
