"""Search engines and link previews: what each page's <head> says, in each language (canonical and
alternate links, Open Graph, the card's tags: one test reads the whole head; tests/test_share.py
checks the card files themselves and the JSON-LD), and the sitemap.

The head is read from the built files (what a crawler gets, before any script runs); the last test
loads every page in the browser and opens search, with no failed request and no console error.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import LANGUAGES, PAGES, ROOT, language_prefix, wait_until_quiet
from report.loading import load_yaml
from report.seo import absolute, neutral_path, page_key, page_seo
from report.validation import check_report

ALL_PAGES = [(lang, path) for lang in LANGUAGES for path in PAGES]
IDS = [f"{lang}:/{path}" for lang, path in ALL_PAGES]
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}

# --- pure functions ---------------------------------------------------------------------------


def test_page_key_names_the_description_label():
    assert page_key("index.md") == "index"
    assert page_key("results.md") == "results"
    assert page_key("results.en.md") == "results"


def test_alternates_are_absolute_with_x_default_in_the_default_language():
    seo = page_seo("en/results/", "results.md", "en", ["vi", "en"], "https://example.org/sub/")
    assert seo.url == "https://example.org/sub/en/results/"
    assert [(a.hreflang, a.href) for a in seo.alternates] == [
        ("vi", "https://example.org/sub/results/"),
        ("en", "https://example.org/sub/en/results/"),
        ("x-default", "https://example.org/sub/results/"),
    ]
    assert (seo.og_locale, seo.og_locale_alternates, seo.root) == ("en_US", ("vi_VN",), "en/")
    assert seo.description_label == "description_results"


def test_url_helpers():
    assert neutral_path("en/", "en", "vi") == ""
    assert neutral_path("results/", "vi", "vi") == "results/"
    assert absolute("https://example.org", "/a/") == "https://example.org/a/"


# --- the built pages --------------------------------------------------------------------------


def head(built_site, lang: str, path: str) -> BeautifulSoup:
    file = built_site / language_prefix(lang) / path / "index.html"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def meta(soup: BeautifulSoup, **attrs) -> str:
    tag = soup.find("meta", attrs=attrs)
    assert isinstance(tag, Tag), f"no <meta {attrs}>"
    return str(tag["content"])


REPORT = check_report(load_yaml(ROOT / "data" / "report.yaml"), LANGUAGES).report


@pytest.fixture(scope="module")
def site_root(built_site) -> str:
    """The absolute site URL, as the home page's canonical link gives it."""
    link = head(built_site, "vi", "").find("link", rel="canonical")
    assert isinstance(link, Tag)
    root = str(link["href"])
    assert urlsplit(root).scheme in ("http", "https"), root
    return root


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_head_of_every_page(built_site, site_root, lang, path):
    soup = head(built_site, lang, path)
    url = urljoin(site_root, language_prefix(lang) + path)
    assert soup.html["lang"] == lang
    assert [link["href"] for link in soup.find_all("link", rel="canonical")] == [url]
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")
                  if link.get("hreflang")}
    assert alternates == {
        **{other: urljoin(site_root, language_prefix(other) + path) for other in LANGUAGES},
        "x-default": urljoin(site_root, path),
    }
    assert meta(soup, property="og:url") == url
    assert meta(soup, property="og:locale") == OG_LOCALES[lang]
    assert meta(soup, property="og:locale:alternate") in set(OG_LOCALES.values()) - {OG_LOCALES[lang]}
    assert meta(soup, property="og:type") == "website"
    assert meta(soup, property="og:title") == soup.title.string
    assert meta(soup, property="og:description") == meta(soup, name="description")
    # The link preview: the page's card, beside it, absolute, with its size and what it shows.
    assert meta(soup, property="og:image") == urljoin(url, "card.png")
    assert meta(soup, property="og:image:width") == "1200" and meta(soup, property="og:image:height") == "630"
    assert meta(soup, name="twitter:card") == "summary_large_image"
    alt = meta(soup, property="og:image:alt")
    assert meta(soup, property="og:site_name") in alt and REPORT.event.date.strftime("%Y") in alt, alt
    assert path == "" or soup.title.string.rsplit(" - ", 1)[0] in alt, alt
    for name in ("og:url", "og:locale", "og:type", "og:title", "og:description", "og:image", "og:image:alt"):
        assert len(soup.find_all("meta", property=name)) == 1, name


def test_descriptions_are_per_page_and_per_language(built_site):
    descriptions = {(lang, path): meta(head(built_site, lang, path), name="description") for lang, path in ALL_PAGES}
    assert len(set(descriptions.values())) == len(descriptions), descriptions
    english = descriptions["en", "results/"]
    assert "results" in english.lower() and descriptions["vi", "results/"] != english


def test_sitemap_lists_both_languages_with_alternates(built_site, site_root):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(built_site / "sitemap.xml")
    locs = {url.findtext("s:loc", namespaces=ns): url for url in tree.getroot().findall("s:url", ns)}
    for lang, path in ALL_PAGES:
        assert urljoin(site_root, language_prefix(lang) + path) in locs
    for loc, url in locs.items():
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(LANGUAGES) <= set(links), f"{loc}: alternates {links}"


# --- in the browser: nothing fails -------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_failed_request_and_no_console_error_with_search_open(page, site_url, lang):
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    for path in PAGES:
        page.goto(urljoin(site_url, language_prefix(lang) + path), wait_until="networkidle")
    index = urljoin(site_url, language_prefix(lang) + "search/search_index.json")
    with page.expect_response(index):  # opening search fetches this language's index
        page.locator("input.md-search__input").click()
    wait_until_quiet(page)
    assert not problems, "\n".join(problems)
    assert not [url for url in requested if url.endswith("sitemap.xml")]
    assert index in requested, f"{index} not requested once search opened"
