"""The one reader of mkdocs.yml outside the engine: for scripts and tests that do not build.

`!ENV` and `!!python/name:` tags are read as None (nothing here needs them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from report.languages import built_languages

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"


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


def parse(text: str) -> dict[str, Any]:
    """mkdocs.yml's text as plain data (raises yaml.YAMLError on a syntax slip)."""
    config = yaml.load(text, Loader=_Loader)
    return config if isinstance(config, dict) else {}


def read(mkdocs_yml: Path = MKDOCS_YML) -> dict[str, Any]:
    """mkdocs.yml as plain data."""
    return parse(mkdocs_yml.read_text(encoding="utf-8"))


def i18n_languages(config: dict[str, Any]) -> list[Language]:
    """The i18n plugin's configured languages, as written (entries that are not mappings skipped,
    so that an editor's slip is reported by the language check, not as a crash here)."""
    plugins = config.get("plugins")
    for plugin in plugins if isinstance(plugins, list) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            entries = plugin["i18n"].get("languages") or []
            return [Language(str(entry.get("locale", "")), bool(entry.get("default", False)),
                             bool(entry.get("build", True)), entry.get("site_name"))
                    for entry in entries if isinstance(entry, dict)]
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
