"""MkDocs adapter: the only module that knows MkDocs and mkdocs-static-i18n.

It loads and checks `data/report.yaml` before the site directory is touched, renders each page's
macros in the language being built (the i18n plugin runs every event once per language), gives
the theme what it needs per language (head metadata, the bilingual 404) and, once every language
is built, writes one search index per language and the open data. The work itself is done in the
engine-agnostic `report` package; each handler here only dispatches.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from report.opendata import write_open_data
from report.problems import ReportError, report_lines
from report.search_index import prefix as language_root
from report.search_index import write_language_indexes
from report.seo import page_seo
from report.site import SiteData, load_site

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("report")

REPORT = Path("data") / "report.yaml"
MACROS = Path("overrides") / "macros"


def site_languages(config: MkDocsConfig) -> list[str]:
    """The built languages from the i18n plugin's config, the default one first."""
    i18n = config.plugins["i18n"]
    languages = [lang for lang in i18n.config.languages if lang.build]
    languages.sort(key=lambda lang: not lang.default)
    return [lang.locale for lang in languages]


def current_language(config: MkDocsConfig) -> str:
    i18n = config.plugins["i18n"]
    return i18n.current_language or site_languages(config)[0]


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


# Under `mkdocs serve` a failed build leaves every page request waiting until a build succeeds;
# so while serving, bad data is reported and the last good data keeps the preview up.
_serving = {"on": False, "last_good": None, "last_reported": None}


def on_startup(*, command: str, dirty: bool) -> None:
    _serving["on"] = command == "serve"


def _site(config: MkDocsConfig) -> SiteData:
    root = _root(config)
    try:
        site = load_site(root / REPORT, root / MACROS, site_languages(config), root=root)
    except ReportError as error:
        message = "\n".join(["The report data has problems:", *report_lines(error.problems)])
        if not (_serving["on"] and _serving["last_good"] is not None):
            raise PluginError(message) from None
        if message != _serving["last_reported"]:  # once per bad save, not once per page
            log.error(message + "\nThe preview keeps the last good data until this is fixed.")
            _serving["last_reported"] = message
        return _serving["last_good"]
    _serving["last_good"], _serving["last_reported"] = site, None
    site.site_url = config.site_url or ""  # for the suggested citation on the about page
    return site


@event_priority(-110)  # after the i18n plugin (-100) has set the language of this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Credit the source in every page's footer, and give the theme's own words, in this language.

    Material has no per-language setting for the colour-scheme toggles or the heading permalinks,
    and its Vietnamese leaves one search string in English: they come from the labels instead.
    """
    site = _site(config)
    localiser = site.localiser(current_language(config))
    # Material inserts the copyright as raw HTML: escape the model's plain text.
    config.copyright = str(escape(site.credit(current_language(config))))
    for scheme in config.theme["palette"] or []:
        toggle = scheme.get("toggle")
        if toggle:
            toggle["name"] = localiser.label("toggle_light" if scheme.get("scheme") == "slate" else "toggle_dark")
    if "toc" in config.mdx_configs:
        config.mdx_configs["toc"]["permalink_title"] = localiser.label("permalink")
    return config


@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    """Check the data and dry-render every page in every language before `site/` is cleaned."""
    site = _site(config)
    if config.strict and site.warnings:
        # --strict would only fail after site/ is cleaned; failing here keeps the last good site.
        raise PluginError("\n".join(["The report data has warnings (--strict):", *report_lines(site.warnings)]))
    if current_language(config) == site.default_language:  # once per build, not once per language
        for warning in site.warnings:
            log.warning(str(warning))
        for note in site.notes:
            log.info(note)
    docs = Path(config.docs_dir)
    problems = []
    for page in sorted(docs.rglob("*.md")):
        name = str(page.resolve().relative_to(_root(config)))
        for lang in site.languages:
            try:
                site.render_page(page.read_text(encoding="utf-8"), lang=lang, name=name)
            except ReportError as error:
                problems += error.problems
    if problems:
        raise PluginError("\n".join(["The pages have problems:", *report_lines(problems)]))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _site(config)
    name = str(Path(config.docs_dir, page.file.src_uri).resolve().relative_to(_root(config)))
    try:
        return site.render_page(markdown, lang=current_language(config), name=name)
    except ReportError as error:
        raise PluginError("\n".join(report_lines(error.problems))) from None


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """The macro templates and labels live beside the theme overrides; they are not site content."""
    macros = _root(config) / MACROS
    for file in list(files):
        if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(macros):
            files.remove(file)
    return files


# Each language's site name, filled as each language builds, for the one bilingual 404 page.
_site_names: dict[str, str] = {}


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """What overrides/404.html needs to speak every language, whichever language renders it last."""
    site = _site(config)
    _site_names[current_language(config)] = config.site_name
    env.globals["reader_site_path"] = urlsplit(config.site_url or "/").path or "/"
    env.globals["search_initializing"] = site.localiser(current_language(config)).label("search_initializing")
    env.globals["reader_404"] = [
        {
            "lang": lang,
            "root": language_root(lang, site.default_language),
            "site_name": _site_names.get(lang, config.site_name),
            "title": site.localiser(lang).label("page_not_found"),
            "text": site.localiser(lang).label("description_not_found"),
            "home": site.localiser(lang).label("back_home"),
        }
        for lang in site.languages
    ]
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Any) -> dict:
    """This page's description (from its label), hreflang alternates and Open Graph data."""
    site, lang = _site(config), current_language(config)
    seo = page_seo(page.url, page.file.src_uri, lang, list(site.languages), config.site_url or "")
    if seo.description_label in site.labels:
        page.meta["description"] = site.localiser(lang).label(seo.description_label)
    context["reader"] = seo
    modified = site.last_modified(Path(page.file.src_uri).stem)
    context["reader_modified"] = modified.isoformat() if modified else None
    return context


@event_priority(-200)  # after the i18n plugin's on_post_build (-100) has built the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    """Once every language is built: one search index per language, and the open data."""
    if getattr(config.plugins["i18n"], "building", False):
        return  # a nested language build; the i18n plugin rewrites the combined index after it
    site = _site(config)
    write_language_indexes(Path(config.site_dir), list(site.languages), site.default_language)
    write_open_data(site.report, site.languages, Path(config.site_dir))
