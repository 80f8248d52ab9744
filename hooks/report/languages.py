"""The site's languages: which are built, in what order, and where each one's pages live.

Engine-agnostic: the adapter gives it the i18n plugin's configured languages, the scripts give it
the same entries read from mkdocs.yml (`report.site_config`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class ConfiguredLanguage(Protocol):
    """One entry of the i18n plugin's `languages` (its config object, or mkdocs.yml's mapping)."""

    @property
    def locale(self) -> str: ...
    @property
    def default(self) -> bool: ...
    @property
    def build(self) -> bool: ...


def built_languages(languages: Iterable[ConfiguredLanguage]) -> list[str]:
    """The locales that are built, the default one first (the order every language list follows)."""
    built = [language for language in languages if language.build]
    built.sort(key=lambda language: not language.default)
    return [language.locale for language in built]


def language_root(lang: str, default: str) -> str:
    """The folder of a language's pages relative to the site root: '' for the default language."""
    return "" if lang == default else f"{lang}/"
