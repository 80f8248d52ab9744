"""MkDocs adapter for the reader-facing parts: search per language, head metadata, bilingual 404.

Thin on purpose: the work is in report.search_index and report.seo (no MkDocs there). Registered
after hooks/mkdocs_report.py in mkdocs.yml; runs once per language like every hook under the i18n
plugin.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from report.problems import ReportError, report_lines
from report.search_index import prefix, write_language_indexes
from report.seo import page_seo
from report.site import SiteData, load_site

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("reader")

# Words of the bilingual 404 page, and each language's site name, filled as each language builds.
_site_names: dict[str, str] = {}


def _languages(config: MkDocsConfig) -> list[str]:
    i18n = config.plugins["i18n"]
    languages = sorted((lang for lang in i18n.config.languages if lang.build), key=lambda lang: not lang.default)
    return [lang.locale for lang in languages]


def _language(config: MkDocsConfig) -> str:
    return config.plugins["i18n"].current_language or _languages(config)[0]


# Under `mkdocs serve` a bad data edit is reported by hooks/mkdocs_report.py, which keeps serving
# the last good data; this module keeps its own last good labels the same way.
_last_good: dict[str, SiteData] = {}


def _labels(config: MkDocsConfig, lang: str) -> Any:
    root = Path(config.config_file_path).resolve().parent
    try:
        site = load_site(root / "data" / "report.yaml", root / "overrides" / "macros", _languages(config), root=root)
    except ReportError as error:
        if "site" not in _last_good:
            raise PluginError("\n".join(["The report data has problems:", *report_lines(error.problems)])) from None
        site = _last_good["site"]
    _last_good["site"] = site
    return site.localiser(lang)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """What overrides/404.html needs to speak every language, whichever language renders it last."""
    languages = _languages(config)
    _site_names[_language(config)] = config.site_name
    env.globals["reader_site_path"] = urlsplit(config.site_url or "/").path or "/"
    env.globals["reader_404"] = [
        {
            "lang": lang,
            "root": prefix(lang, languages[0]),
            "site_name": _site_names.get(lang, config.site_name),
            "title": _labels(config, lang).label("page_not_found"),
            "text": _labels(config, lang).label("description_not_found"),
            "home": _labels(config, lang).label("back_home"),
        }
        for lang in languages
    ]
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Any) -> dict:
    """This page's description (from its label), hreflang alternates and Open Graph data."""
    lang = _language(config)
    seo = page_seo(page.url, page.file.src_uri, lang, _languages(config), config.site_url or "")
    localiser = _labels(config, lang)
    if seo.description_label in localiser.labels:
        page.meta["description"] = localiser.label(seo.description_label)
    context["reader"] = seo
    return context


@event_priority(-200)  # after the i18n plugin's on_post_build (-100) has written the combined index
def on_post_build(*, config: MkDocsConfig) -> None:
    """Once all languages are built: one search index per language instead of the combined one."""
    if getattr(config.plugins["i18n"], "building", False):
        return  # a nested language build: the i18n plugin rewrites the combined index after it
    languages = _languages(config)
    counts = write_language_indexes(Path(config.site_dir), languages, languages[0])
    log.debug("search entries per language: %s", counts)
