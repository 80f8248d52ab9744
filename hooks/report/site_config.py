"""mkdocs.yml read as plain data, for what does not build: the check command, scripts and tests.

The build takes the same facts from the engine's own config (hooks/mkdocs_report.py) and hands
them to the same functions (`built_languages`, `nav_pages`). `!ENV` and `!!python/name:` tags
are read as None (nothing here needs them). A slip in the file is a ReportError naming its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .languages import built_languages
from .loading import read_text
from .pages import nav_pages
from .problems import Problem, ReportError

NAME = "mkdocs.yml"
# Where the project keeps each part, from the folder of mkdocs.yml.
REPORT = Path("data") / "report.yaml"
MACROS = Path("overrides") / "macros"  # the macros (report.md.j2) and the labels (labels.yaml)
DOCS = Path("docs")
SCHEMA = Path("schema") / "report.schema.json"  # the model's JSON Schema, published beside the open data
CACHE = Path(".cache")  # kept between builds, each entry keyed by what went into it
CARD_CACHE = CACHE / "cards"  # drawn link-preview cards
TEMPLATE_CACHE = CACHE / "jinja"  # compiled templates (the theme's and the macros)


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


def read(mkdocs_yml: Path) -> tuple[dict[str, Any], str]:
    """mkdocs.yml as plain data, and its text; a file that cannot be read or parsed is one problem."""
    name = mkdocs_yml.name
    text = read_text(mkdocs_yml, name)
    try:
        return parse(text), text
    except yaml.MarkedYAMLError as error:
        from .syntax_messages import explain  # only for a slip

        slip = explain(error, text)
        raise ReportError([Problem(name, slip.line, slip.column, (), slip.message)]) from None
    except yaml.YAMLError:
        raise ReportError([Problem(name, 1, 1, (), "the file is not valid YAML")]) from None


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
    return []


def site_languages(mkdocs_yml: Path) -> list[str]:
    """The languages the i18n plugin builds, the default one first (as the build sees them).

    Raises ReportError with plain problems for a file that cannot be read, is not valid YAML, has
    no i18n languages or names a language the site cannot format.
    """
    from .validation import language_problems  # the check of a language code needs Babel

    config, text = read(mkdocs_yml)
    languages = built_languages(i18n_languages(config))
    if not languages:
        raise ReportError([Problem(mkdocs_yml.name, 1, 1, (), "no languages found: the i18n plugin's languages are "
                                   "missing")])
    problems = language_problems(languages, text)
    if problems:
        raise ReportError(problems)
    return languages


def site_names(mkdocs_yml: Path) -> dict[str, str]:
    """Each built language's site name (its own, or the top-level `site_name`)."""
    config, _ = read(mkdocs_yml)
    return {language.locale: language.site_name or config["site_name"]
            for language in i18n_languages(config) if language.build}


def pages(mkdocs_yml: Path) -> tuple[str, ...]:
    """The site's pages, in the order of mkdocs.yml's `nav` (`report.pages`)."""
    config, _ = read(mkdocs_yml)
    return nav_pages(config.get("nav"))
