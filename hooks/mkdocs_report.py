"""MkDocs adapter: the only module that knows MkDocs and mkdocs-static-i18n.

It loads and checks `data/report.yaml` once per build, before the site directory is touched, and
every event of that build — the i18n plugin's nested build of each other language included —
uses that one snapshot. It renders each page's macros in the language being built, gives the
theme what it needs per language (head metadata, link previews, JSON-LD, the bilingual 404) and,
once every language is built, writes one search index per language, the open data and the
link-preview cards. `mkdocs build` writes into a
sibling folder that replaces `site/` only when the whole build succeeded (`report.staging`).
The work itself is done in the engine-agnostic `report` package; each handler only dispatches.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.utils import get_build_datetime

from report import staging
from report.cards import HEIGHT as CARD_HEIGHT
from report.cards import WIDTH as CARD_WIDTH
from report.cards import Card, write_cards
from report.languages import built_languages
from report.not_found import Language, not_found_pages
from report.opendata import write_open_data
from report.printing import print_style
from report.problems import ReportError, report_lines
from report.search_index import write_language_indexes
from report.seo import PageSeo, absolute, neutral_path, page_key, page_seo
from report.site import PageTitles, SiteData, load_site
from report.structured_data import PageFacts, page_json_ld, script_text
from report.stylesheets import minify_stylesheets
from report.typography import keep_together

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("report")

REPORT = Path("data") / "report.yaml"
MACROS = Path("overrides") / "macros"
CARD_CACHE = Path(".cache") / "cards"  # drawn cards by content hash, kept between builds


@dataclass
class Build:
    """One build of the site in every language: the data it renders and where it writes.

    The i18n plugin builds each other language inside the default language's `on_post_build`,
    so builds nest: `depth` counts the ones running; the outer build ends when it is back to 0.
    """

    site: SiteData
    site_url: str
    depth: int = 0
    default_site_name: str = ""  # the site's name in the default language (mkdocs.yml)
    built: dt.date = field(default_factory=lambda: get_build_datetime().date())  # SOURCE_DATE_EPOCH wins
    site_names: dict[str, str] = field(default_factory=dict)  # per language, for the one 404 page
    cards: dict[str, Card] = field(default_factory=dict)  # every page's card in every language
    target: Path | None = None   # the site folder being replaced (`mkdocs build` only)
    staging: Path | None = None  # the sibling folder this build writes into
    finished: bool = False       # the outer build's post-build work is done
    failed: bool = False


@dataclass
class Adapter:
    """What the hook keeps between events: the command, the running build, the last good data."""

    command: str | None = None
    build: Build | None = None
    # Under `mkdocs serve` a failed build leaves every page request waiting until a build
    # succeeds; so while serving, bad data is reported and the last good data keeps the preview up.
    last_good: SiteData | None = None
    last_reported: str | None = None
    # While serving, each page's last good Markdown per language: a page or macro that cannot be
    # rendered keeps showing it (a failed build would leave every request waiting).
    last_good_pages: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def report_once(self, message: str) -> None:
        """Log a problem met while serving once per bad save, not once per build."""
        if message != self.last_reported:
            log.error(message + "\nThe preview keeps the last good version until this is fixed.")
            self.last_reported = message


state = Adapter()


def site_languages(config: MkDocsConfig) -> list[str]:
    """The built languages from the i18n plugin's config, the default one first."""
    return built_languages(config.plugins["i18n"].config.languages)


def current_language(config: MkDocsConfig) -> str:
    i18n: Any = config.plugins["i18n"]  # mkdocs-static-i18n's plugin (its public state, not typed here)
    return i18n.current_language or site_languages(config)[0]


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _load(config: MkDocsConfig) -> SiteData:
    """Check and load the data: once per build."""
    root = _root(config)
    try:
        site = load_site(root / REPORT, root / MACROS, site_languages(config), root=root)
    except Exception as error:
        if isinstance(error, ReportError):
            message = "\n".join(["The report data has problems:", *report_lines(error.problems)])
        else:
            message = (f"The report data could not be loaded ({type(error).__name__}: {error}). This is a bug in "
                       "hooks/, not in the data.")
        if not (state.serving and state.last_good is not None):
            raise PluginError(message) from (None if isinstance(error, ReportError) else error)
        state.report_once(message)
        return state.last_good
    state.last_good, state.last_reported = site, None
    return site


def _build(config: MkDocsConfig) -> Build:
    if state.build is None:
        raise PluginError("the report hook's on_config did not run for this build")
    return state.build


def on_startup(*, command: str, dirty: bool) -> None:
    state.command, state.build = command, None


def _start_build(config: MkDocsConfig) -> Build:
    """The outer build begins: take the data snapshot; under `mkdocs build`, write elsewhere."""
    build = Build(site=_load(config), site_url=config.site_url or "", default_site_name=config.site_name)
    if state.command == "build":
        build.target = Path(config.site_dir).resolve()
        build.staging = staging.begin(build.target)
        config.site_dir = str(build.staging)
    return build


@event_priority(-110)  # after the i18n plugin (-100) has set the language of this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start (or join) the build; credit the source in the footer and give the theme's own words.

    Material has no per-language setting for the colour-scheme toggles or the heading permalinks,
    and its Vietnamese leaves one search string in English: they come from the labels instead.
    """
    if state.build is None or state.build.depth == 0:
        state.build = _start_build(config)
    build = state.build
    build.depth += 1
    lang = current_language(config)
    localiser = build.site.localiser(lang)
    # Material inserts the copyright as raw HTML: escape the model's plain text.
    config.copyright = str(escape(build.site.credit(lang)))
    for scheme in config.theme["palette"] or []:
        toggle = scheme.get("toggle")
        if toggle:
            # Material prints the name raw into attributes: escape the label's plain text.
            toggle["name"] = str(escape(localiser.label("toggle_light" if scheme.get("scheme") == "slate" else "toggle_dark")))
    if "toc" in config.mdx_configs:
        # Python-Markdown escapes <, > and " in attributes but keeps anything that looks like an
        # entity: escape & so that the label's own "&amp;" shows as written.
        config.mdx_configs["toc"]["permalink_title"] = localiser.label("permalink").replace("&", "&amp;")
    return config


@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    """Check the data and dry-render every page in every language before `site/` is cleaned."""
    build = _build(config)
    if build.depth > 1:
        return  # a nested language build: the outer one has checked everything
    site = build.site
    if config.strict and site.warnings:
        # --strict would only fail after the build; failing here says why, first.
        raise PluginError("\n".join(["The report data has warnings (--strict):", *report_lines(site.warnings)]))
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
                _render(build, page.read_text(encoding="utf-8"), lang=lang, name=name)
            except ReportError as error:
                problems += error.problems
    if problems:
        message = "\n".join(["The pages have problems:", *report_lines(problems)])
        if not state.serving:
            raise PluginError(message)
        state.report_once(message)  # each page falls back to its last good version


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _build(config)
    name = str(Path(config.docs_dir, page.file.src_uri).resolve().relative_to(_root(config)))
    lang = current_language(config)
    try:
        rendered = _render(build, markdown, lang=lang, name=name)
    except (ReportError, PluginError) as error:
        message = "\n".join(report_lines(error.problems)) if isinstance(error, ReportError) else str(error)
        last_good = state.last_good_pages.get((name, lang))
        if not (state.serving and last_good is not None):
            raise PluginError(message) from None
        state.report_once(message)
        return last_good
    if state.serving:
        state.last_good_pages[(name, lang)] = rendered
    # The H1 is raw HTML (the event's name, or the page's name under it): navigation, header and
    # <title> take the page's short name from its label instead, as HTML like a heading's text
    # (the theme prints page titles raw).
    if f"page_{page_key(page.file.src_uri)}" in build.site.labels:
        page.meta["title"] = str(escape(_titles(build, page, config).short))
    return rendered


def _titles(build: Build, page: Page, config: MkDocsConfig) -> PageTitles:
    return build.site.titles(current_language(config), page_key(page.file.src_uri), config.site_name)


def _render(build: Build, source: str, *, lang: str, name: str) -> str:
    """A page's Markdown; a mistake in the page or macros is a ReportError, anything else a bug."""
    try:
        return build.site.render_page(source, lang=lang, name=name, site_url=build.site_url)
    except ReportError:
        raise
    except Exception as error:  # a bug in hooks/ (not the editor's data): say so in one clean message
        raise PluginError(f"{name} ({lang}): rendering failed with {type(error).__name__}: {error}. "
                          "This is a bug in hooks/ or overrides/macros/, not in the data.") from error


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """No line of the page ends inside a date, a quarter or a document's code."""
    return keep_together(html)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """The macro templates and labels live beside the theme overrides; they are not site content."""
    macros = _root(config) / MACROS
    for file in list(files):
        if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(macros):
            files.remove(file)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """What overrides/404.html needs to speak every language, whichever language renders it last."""
    build = _build(config)
    site, lang = build.site, current_language(config)
    build.site_names[lang] = config.site_name
    env.globals["reader_site_path"] = site_path = urlsplit(config.site_url or "/").path or "/"
    env.globals["search_initializing"] = site.localiser(lang).label("search_initializing")
    languages = _languages(build, config)
    pages = {page_key(file.src_uri): neutral_path(file.url, lang, site.default_language)
             for file in files.documentation_pages()}
    env.globals["reader_404"] = not_found_pages(
        site, languages, site_path=site_path, page_paths=pages, rendered_in=lang,
        theme={language.lang: _theme_strings(env, language.lang) for language in languages})
    # The 404 page's link preview: the default language's home card.
    home_card = site.card(site.default_language, "", None, languages[0].site_name)
    env.globals["reader_default_card"] = _share_card(build, home_card, config)
    return env


def _languages(build: Build, config: MkDocsConfig) -> list[Language]:
    """The built languages as the 404 page names them (the i18n plugin's entries, default first)."""
    entries = {entry.locale: entry for entry in config.plugins["i18n"].config.languages}
    return [Language(lang, entries[lang].name, entries[lang].site_name or build.site_names.get(lang)
                     or build.default_site_name) for lang in build.site.languages]


def _theme_strings(env: Environment, lang: str) -> dict[str, str]:
    """Material's interface strings in ``lang`` (the site's overrides of its language files first)."""
    source = env.loader.get_source(env, "partials/languages/en.html")[0] if env.loader else ""
    language = env.get_template("partials/language.html").make_module({"config": {"theme": {"language": lang}}})
    return {key: str(language.t(key)) for key in re.findall(r'"([\w.]+)":', source)}  # type: ignore[attr-defined]  # the template's macro


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Any) -> dict:
    """This page's description (from its label), hreflang alternates and Open Graph data."""
    build = _build(config)
    site, lang = build.site, current_language(config)
    seo = page_seo(page.url, page.file.src_uri, lang, list(site.languages), config.site_url or "")
    if seo.description_label in site.labels:
        page.meta["description"] = site.localiser(lang).label(seo.description_label)
    context["reader"] = seo
    titles = _titles(build, page, config) if f"page_{page_key(page.file.src_uri)}" in site.labels else None
    context["reader_title"] = titles.document if titles else None
    context["reader_share"] = _share(build, lang, page, config, seo, titles)
    modified = site.last_modified(Path(page.file.src_uri).stem)
    context["reader_modified"] = modified.isoformat() if modified else None
    # On paper: the site's date is the date of its newest update, else of this build of it.
    dated = site.last_modified("index") or build.built
    context["reader_print"] = Markup(print_style(site.localiser(lang), site_name=config.site_name, url=seo.url,
                                                 date=dated))
    return context


def _share_card(build: Build, card: Card, config: MkDocsConfig) -> dict[str, Any]:
    build.cards[card.path] = card  # drawn once every language is built
    return {"url": absolute(config.site_url or "", card.path), "alt": card.alt,
            "width": CARD_WIDTH, "height": CARD_HEIGHT}


def _share(build: Build, lang: str, page: Page, config: MkDocsConfig, seo: PageSeo,
           titles: PageTitles | None) -> dict[str, Any]:
    """What a shared link shows (the page's card) and what the page is (JSON-LD), in this language."""
    site = build.site
    # A page of plain Markdown: MkDocs gives its H1 as HTML (punctuation as character references).
    title = titles.full if titles else Markup(page.title or "").striptags() or None
    card = site.card(lang, page.url, title, config.site_name)
    share = _share_card(build, card, config)
    facts = PageFacts(
        lang=lang,
        default_language=site.default_language,
        url=seo.url,
        home=absolute(config.site_url or "", seo.root),
        title=card.title,
        description=page.meta.get("description") or config.site_description or "",
        site_name=config.site_name,
        image=share["url"],
        twins={alt.hreflang: alt.href for alt in seo.alternates if alt.hreflang in site.languages and alt.hreflang != lang},
    )
    return {**share, "json_ld": Markup(script_text(page_json_ld(site.report, site.localiser(lang), facts)))}


@event_priority(-200)  # after the i18n plugin's on_post_build (-100) has built the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    """Once every language is built: one search index per language, the open data, the cards and
    the minified stylesheets."""
    build = _build(config)
    build.depth -= 1
    if build.depth > 0:
        return  # a nested language build; the i18n plugin rewrites the combined index after it
    site = build.site
    write_language_indexes(Path(config.site_dir), list(site.languages), site.default_language)
    write_open_data(site.report, site.languages, Path(config.site_dir))
    drawn = write_cards(build.cards.values(), Path(config.site_dir), _root(config) / CARD_CACHE)
    log.debug(f"link-preview cards: {drawn.drawn} drawn, {drawn.reused} from the cache")
    saved = minify_stylesheets(Path(config.site_dir), [str(css) for css in config.extra_css])
    log.debug(f"stylesheets minified: {saved} bytes saved")
    build.finished = True


def on_build_error(*, error: Exception) -> None:
    """Any failure (the --strict abort included) ends the build: the staged folder is dropped."""
    if state.build is not None:
        state.build.failed, state.build.depth = True, 0


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    """`mkdocs serve --clean` announces itself as a build: its first build is served in place."""
    _finish(succeeded=state.build is not None and state.build.finished and not state.build.failed)
    state.command = "serve"
    return server


def on_shutdown() -> None:
    """After `mkdocs build` returned (or raised): swap the new site in, or drop it."""
    # Called from a `finally`: an exception on its way out (Ctrl-C, the strict abort) is visible here.
    succeeded = sys.exc_info()[0] is None
    build = state.build
    _finish(succeeded=succeeded and build is not None and build.finished and not build.failed)


def _finish(*, succeeded: bool) -> None:
    build = state.build
    if build is None or build.staging is None or build.target is None:
        return
    staged, build.staging = build.staging, None
    if succeeded:
        staging.commit(staged, build.target)
    else:
        staging.abandon(staged)
        log.error(f"The build failed: {build.target} keeps the last good site.")
