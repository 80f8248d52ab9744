"""The one 404 page, in every language: what overrides/404.html needs.

A static host serves one /404.html for every missing address, in any folder and any language. It
is the site's own page (header, font, search), rendered in the language built last; the reader's
language is told by the address (/en/… is English, the default language elsewhere). So each
language gets its words for the page's content, and the pairs that turn the page's interface
(header, search, footer), written in the rendering language, into it. Engine-agnostic: the theme's
own translations come in as plain mappings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2

from .languages import language_root
from .site import SiteData

# Labels the theme shows around the page (set by the adapter in every build).
INTERFACE_LABELS = ("toggle_dark", "toggle_light", "search_initializing")


@dataclass(frozen=True)
class Language:
    """A built language as the 404 page names it: code, own name (Tiếng Việt) and site name."""

    lang: str
    name: str
    site_name: str


def not_found_pages(site: SiteData, languages: Sequence[Language], *, site_path: str,
                    page_paths: Mapping[str, str], theme: Mapping[str, Mapping[str, str]],
                    rendered_in: str) -> list[dict[str, Any]]:
    """One entry per language, the default first: the 404 page's words and links in it.

    ``page_paths``: each page key ('index', 'results'...) to its path under a language's root;
    ``theme``: per language, the theme's interface strings by key.
    """
    default = site.default_language
    interfaces = {language.lang: _interface(site, language, theme) for language in languages}
    source = interfaces[rendered_in]
    entries = []
    for language in languages:
        localiser = site.localiser(language.lang)
        root = site_path + language_root(language.lang, default)
        entries.append({
            "lang": language.lang,
            "root": language_root(language.lang, default),
            "home_href": root,
            "site_name": language.site_name,
            "title": localiser.label("page_not_found"),
            "text": localiser.label("description_not_found"),
            "home": localiser.label("back_home"),
            "pages_label": localiser.label("not_found_pages"),
            "pages": [{"title": site.titles(language.lang, key, language.site_name).short, "href": root + page_paths[key]}
                      for key in site.pages if key in page_paths],
            "search": localiser.label("not_found_search"),
            "others_label": localiser.label("not_found_languages"),
            "others": [{"lang": other.lang, "name": other.name, "href": site_path + language_root(other.lang, default)}
                       for other in languages if other.lang != language.lang],
            # the interface as rendered -> in this language (only what differs)
            "interface": {text: own for key, text in source.items()
                          if (own := interfaces[language.lang].get(key)) and own != text},
        })
    return entries


def theme_strings(environment: jinja2.Environment, lang: str) -> dict[str, str]:
    """The theme's (Material's) interface strings in ``lang``, by key, from its language templates
    (the site's overrides of them first)."""
    loader = environment.loader
    source = loader.get_source(environment, "partials/languages/en.html")[0] if loader else ""
    language = environment.get_template("partials/language.html").make_module({"config": {"theme": {"language": lang}}})
    return {key: str(language.t(key)) for key in re.findall(r'"([\w.]+)":', source)}  # type: ignore[attr-defined]  # the template's macro


def _interface(site: SiteData, language: Language, theme: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """Every interface string of the page in one language, by a key shared by all languages."""
    localiser = site.localiser(language.lang)
    strings = {f"theme:{key}": text.strip() for key, text in theme.get(language.lang, {}).items() if text.strip()}
    strings.update({f"label:{name}": localiser.label(name) for name in INTERFACE_LABELS})
    strings["site_name"] = language.site_name
    strings["credit"] = site.footer(language.lang)
    return strings
