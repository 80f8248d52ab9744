"""What names each page: the home page is named after the event in every language (H1, <title>,
og:title, JSON-LD, the link-preview card), and no page's H1 is a bare section word, since a phone's
header shows only the start of the site's name. Navigation keeps each page's short name."""

from __future__ import annotations

import json

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGES, ROOT, language_prefix

REPORT = yaml.safe_load((ROOT / "data" / "report.yaml").read_text(encoding="utf-8"))
LABELS = yaml.safe_load((ROOT / "overrides" / "macros" / "labels.yaml").read_text(encoding="utf-8"))
KEYS = {"": "index", "results/": "results", "shortcomings/": "shortcomings", "directives/": "directives",
        "about/": "about"}


def _soup(built_site, lang: str, path: str) -> BeautifulSoup:
    html = (built_site / language_prefix(lang) / path / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


def _meta(soup: BeautifulSoup, **attrs) -> str:
    tag = soup.find("meta", attrs=attrs)
    assert tag is not None, attrs
    return str(tag["content"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_is_named_after_the_event(built_site, lang):
    soup = _soup(built_site, lang, "")
    event = REPORT["event"]["name"][lang]
    data = json.loads(soup.find("script", type="application/ld+json").get_text())
    assert _text(soup.select_one("article h1")) == event
    assert soup.title.string == event
    assert _meta(soup, property="og:title") == event
    assert data["name"] == data["headline"] == event
    assert _meta(soup, property="og:image:alt").startswith(f"{event} – ")  # the card's title


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_every_h1_says_what_the_page_is_part_of(built_site, lang, path):
    soup = _soup(built_site, lang, path)
    heading = soup.select_one("article h1")
    event, name = REPORT["event"]["name"][lang], LABELS[f"page_{KEYS[path]}"][lang]
    assert event in _text(heading), f"/{language_prefix(lang)}{path}: H1 {_text(heading)!r}"
    if path:
        kicker = heading.select_one(".report-kicker")
        assert kicker is not None and _text(kicker) == event
        kicker.extract()
        assert _text(heading) == name
        assert soup.title.string == f"{name} - {_meta(soup, property='og:site_name')}"
    # navigation and the header (once scrolled) keep the page's short name
    assert _text(soup.select_one(".md-nav__link--active")) == name
    assert _text(soup.select(".md-header__topic")[1]) == name
