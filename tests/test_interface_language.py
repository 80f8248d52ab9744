"""The interface speaks the page's language: no string of the theme in the other language (the
footer's "Made with…", a search message, a label) on any page, and a skip link that says where it
goes. The theme's strings are read from its own language files (overrides first)."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGES, ROOT, language_prefix

THEME = Path(str(files("material"))) / "templates" / "partials" / "languages"
OVERRIDES = ROOT / "overrides" / "partials" / "languages"
SKIP_LINK = {"vi": "Bỏ qua, đến nội dung", "en": "Skip to content"}


def theme_strings(lang: str) -> dict[str, str]:
    """The theme's words in ``lang`` (the site's override of the language file where there is one)."""
    path = OVERRIDES / f"{lang}.html"
    if not path.exists():
        path = THEME / f"{lang}.html"
    return dict(re.findall(r'"([\w.]+)": "([^"]*)"', path.read_text(encoding="utf-8")))


def shown_strings(html: str) -> str:
    """What a reader meets on a page, one string: its text, the labels of its controls and the
    messages the theme's script will show (search), but not the page's machine-readable data."""
    soup = BeautifulSoup(html, "html.parser")
    config, body, title = soup.select_one("#__config"), soup.body, soup.title
    assert config is not None and body is not None and title is not None
    translations = json.loads(config.get_text())["translations"]
    for data in soup.select('script[type="application/ld+json"], script:not([type])'):
        data.decompose()
    attributes = [str(value) for element in body.find_all(True)
                  for name, value in element.attrs.items() if name in ("aria-label", "title", "placeholder", "alt")]
    return " | ".join([title.get_text(), body.get_text(" "), *attributes, *translations.values()])


def foreign_strings(lang: str) -> list[str]:
    """The theme's strings in the other languages that differ from this language's own words."""
    own = set(theme_strings(lang).values())
    foreign = set()
    for other in LANGUAGES:
        if other != lang:
            foreign |= {text for key, text in theme_strings(other).items()
                        if key != "language" and len(text) >= 4 and text not in own and "#" not in text}
    return sorted(foreign)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_no_interface_text_in_the_other_language(built_site, lang, path):
    shown = shown_strings((built_site / language_prefix(lang) / path / "index.html").read_text(encoding="utf-8"))
    found = [text for text in foreign_strings(lang) if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", shown)]
    assert not found, f"/{language_prefix(lang)}{path}: {found}"
    assert "Made with" not in shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_skip_link_says_where_it_goes(built_site, lang):
    soup = BeautifulSoup((built_site / language_prefix(lang) / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("a.md-skip")
    assert link is not None and " ".join(link.get_text().split()) == SKIP_LINK[lang]


def test_every_theme_string_is_translated():
    """A string the Vietnamese language file leaves as in English (Material's own file has several)."""
    vietnamese, english = theme_strings("vi"), theme_strings("en")
    untranslated = {key: text for key, text in vietnamese.items() if english.get(key) == text}
    assert not untranslated


def test_the_check_finds_a_foreign_string():
    html = ('<html><head><title>t</title></head><body><script id="__config">{"translations": {}}</script>'
            '<a aria-label="Type to start searching">x</a></body></html>')
    assert "Type to start searching" in foreign_strings("vi")
    assert "Type to start searching" in shown_strings(html)
