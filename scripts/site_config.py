"""The one reader of mkdocs.yml outside the engine: for scripts and tests that do not build.

`!ENV` and `!!python/name:` tags are read as None (nothing here needs them).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"
sys.path.insert(0, str(ROOT / "hooks"))

from report.languages import built_languages  # noqa: E402 - after the path is set


class _Loader(yaml.SafeLoader):
    """A YAML loader that reads every custom tag as None."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Language:
    """One entry of the i18n plugin's `languages` in mkdocs.yml."""

    locale: str
    default: bool = False
    build: bool = True
    site_name: str | None = None


def read(mkdocs_yml: Path = MKDOCS_YML) -> dict[str, Any]:
    """mkdocs.yml as plain data."""
    return yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Loader) or {}


def i18n_languages(config: dict[str, Any]) -> list[Language]:
    """The i18n plugin's configured languages, as written."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return [Language(entry["locale"], bool(entry.get("default", False)), bool(entry.get("build", True)),
                             entry.get("site_name"))
                    for entry in (plugin["i18n"] or {}).get("languages", [])]
    raise ValueError("mkdocs.yml: no i18n plugin languages found")


def site_languages(mkdocs_yml: Path = MKDOCS_YML) -> list[str]:
    """The built languages, the default one first (as the site hook sees them)."""
    return built_languages(i18n_languages(read(mkdocs_yml)))


def site_names(mkdocs_yml: Path = MKDOCS_YML) -> dict[str, str]:
    """Each built language's site name (its own, or the top-level `site_name`)."""
    config = read(mkdocs_yml)
    languages = i18n_languages(config)
    return {language.locale: language.site_name or config["site_name"]
            for language in languages if language.build}
