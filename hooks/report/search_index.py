"""One search index per language, from the single index the i18n build writes for all of them.

mkdocs-static-i18n collects the search entries of every language into one `search/search_index.json`,
so a reader searching on /en/ gets Vietnamese pages too. These pure functions split that index (the
JSON format of Material for MkDocs' search plugin: `config`, `docs`) by the language folder of each
entry; each language's pages then load their own copy (the theme's `config.base` points at the
language's root). Engine-agnostic: no MkDocs import.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .languages import language_root

INDEX = "search/search_index.json"

# The theme's search worker loads `lunr.<lang>.min.js` for every language but "en". English is
# searched as "en-fold" (overrides/assets/javascripts/lunr/min/lunr.en-fold.min.js): lunr's English
# plus diacritic folding, so the Vietnamese names on the English pages are found without their marks.
LUNR_LANGUAGES = {"en": "en-fold"}


def lunr_language(lang: str) -> str:
    """The search worker's language for a site language."""
    return LUNR_LANGUAGES.get(lang, lang)


def language_of(location: str, languages: Sequence[str], default: str) -> str:
    """The language of a search entry, from the folder its location starts with."""
    for lang in languages:
        if lang != default and location.startswith(language_root(lang, default)):
            return lang
    return default


def split_index(index: dict[str, Any], languages: Sequence[str], default: str) -> dict[str, dict[str, Any]]:
    """One index per language; locations relative to that language's root; `config.lang` just its
    search language (`lunr_language`).

    Every language gets an index, empty if it has no entries (so its pages never request a
    missing file). Other top-level keys (e.g. `options`) are kept as they are.
    """
    result: dict[str, dict[str, Any]] = {}
    for lang in languages:
        folder = language_root(lang, default)
        docs = [
            {**doc, "location": doc["location"][len(folder):]}
            for doc in index.get("docs", [])
            if language_of(doc["location"], languages, default) == lang
        ]
        config = {**index.get("config", {}), "lang": [lunr_language(lang)]}
        result[lang] = {**index, "config": config, "docs": docs}
    return result


def index_path(lang: str, default: str) -> str:
    """Where a language's index goes, relative to the site root."""
    return language_root(lang, default) + INDEX


def write_language_indexes(site_dir: Path, languages: Sequence[str], default: str) -> dict[str, int]:
    """Replace the combined index in ``site_dir`` by one per language; returns entries per language.

    Does nothing (returns {}) when there is no combined index, e.g. search is disabled.
    """
    combined = site_dir / INDEX
    if not combined.is_file():
        return {}
    indexes = split_index(json.loads(combined.read_text(encoding="utf-8")), languages, default)
    for lang, index in indexes.items():
        path = site_dir / index_path(lang, default)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {lang: len(index["docs"]) for lang, index in indexes.items()}
