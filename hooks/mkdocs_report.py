"""MkDocs adapter: the only module that knows MkDocs and mkdocs-static-i18n; each handler dispatches
to the engine-agnostic `report` package.

The data is checked once per build, before the site folder is touched, and every event of that
build (the i18n plugin's nested build of each other language included) uses that one snapshot.
A build writes into `.site.building`, which takes the place of `site/` in one step once the whole
build succeeded (`report.staging`, README "How a build runs").
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from report import ahead, staging
from report.cards import HEIGHT as CARD_HEIGHT
from report.cards import WIDTH as CARD_WIDTH
from report.cards import Card, write_cards
from report.citation import highwire
from report.compact_html import compact_html
from report.languages import built_languages
from report.loading import shown_name
from report.model import Report
from report.not_found import Language, not_found_pages, theme_strings
from report.pages import HOME, nav_pages, page_key, page_problems
from report.printing import print_style
from report.problems import ReportError, report_lines
from report.provenance import repository_address
from report.publish import write_published_files
from report.render import template_cache
from report.search_index import write_language_indexes
from report.seo import NO_ADDRESS, PageSeo, address, has_address, neutral_path, page_seo, site_url_problem
from report.site import PageTitles, RenderingBug, SiteData, load_site
from report.site_config import CACHE, CARD_CACHE, MACROS, REPORT, SCHEMA, TEMPLATE_CACHE
from report.structured_data import page_script
from report.stylesheets import minify_stylesheets

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("report")
PREVIEW_POLL, PREVIEW_SETTLE = 0.05, 0.02  # seconds: how often `serve` looks for a save, how long it waits for more



@dataclass
class Build:
    """One build of the site in every language: the data it renders and where it writes. The i18n
    plugin builds each other language inside the default language's `on_post_build`, so builds
    nest: `depth` counts the ones running; the outer build ends when it is back to 0."""

    site: SiteData
    site_url: str
    repository: str | None = None  # the site's repository (SITE_REPOSITORY_URL), for readers' reports
    depth: int = 0
    default_site_name: str = ""  # the site's name in the default language (mkdocs.yml)
    site_names: dict[str, str] = field(default_factory=dict)  # per language, for the one 404 page
    escaped_names: set[str] = field(default_factory=set)  # the site names as escaped by on_config
    cards: dict[str, Card] = field(default_factory=dict)  # every page's card in every language
    ahead: Callable[[], None] = lambda: None  # waits for the work done ahead (report.ahead)
    plan: staging.Plan | None = None  # where `mkdocs build` writes and what it replaces


@dataclass
class Adapter:
    """What the hook keeps between events: the command, the running build, the last good data.

    Under `mkdocs serve` a failed build leaves every page request waiting until a build succeeds:
    so while serving, bad data or a page that cannot be rendered is reported, and the last good
    data (and each page's last good Markdown per language) keeps the preview up."""

    command: str | None = None
    build: Build | None = None
    last_good: SiteData | None = None
    last_reported: str | None = None
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


def current_language(config: MkDocsConfig) -> str:
    i18n: Any = config.plugins["i18n"]  # mkdocs-static-i18n's plugin (its public state, not typed here)
    return i18n.current_language or built_languages(i18n.config.languages)[0]


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _load(config: MkDocsConfig) -> SiteData:
    """Check and load the data, and what each page of the nav needs: once per build."""
    root, pages = _root(config), nav_pages(config.nav)
    problems = page_problems(pages, docs=Path(config.docs_dir), model=Report,
                             config_text=Path(config.config_file_path).read_text(encoding="utf-8"))
    try:
        site = load_site(root / REPORT, root / MACROS, built_languages(config.plugins["i18n"].config.languages),
                         root=root, pages=pages, cache=root / CACHE)
    except ReportError as error:
        problems += error.problems
    except Exception as error:  # not the editor's mistake
        return _keep_last_good(f"The report data could not be loaded ({type(error).__name__}: {error}). This is a "
                               "bug in hooks/, not in the data.", cause=error)
    if problems:
        return _keep_last_good("\n".join(["The report data has problems:", *report_lines(problems)]))
    state.last_good, state.last_reported = site, None
    return site


def _keep_last_good(message: str, cause: Exception | None = None) -> SiteData:
    """Stop the build with ``message``; while serving with good data, say it once and keep the preview."""
    if not (state.serving and state.last_good is not None):
        raise PluginError(message) from cause
    state.report_once(message)
    return state.last_good


def _build(config: MkDocsConfig) -> Build:
    if state.build is None:
        raise PluginError("the report hook's on_config did not run for this build")
    return state.build


def on_startup(*, command: str, dirty: bool) -> None:
    state.command, state.build = command, None


def _start_build(config: MkDocsConfig) -> Build:
    """The outer build begins: where it writes (a refusal: a source folder, a file, a folder no build
    made, is one line), then the data snapshot."""
    plan, root, waits = None, _root(config), lambda: None
    if state.command in ("build", "gh-deploy") and not (root / TEMPLATE_CACHE).is_dir():
        # A first build: its caches are filled beside it (not under serve, whose server has threads).
        waits = ahead.start(partial(_fill_caches, config))
    if state.command in ("build", "gh-deploy"):
        sources = [root / REPORT.parent, root / MACROS.parent, Path(__file__).parent, Path(config.docs_dir),
                   *map(Path, config.watch), *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])]
        try:
            plan = staging.start(Path(config.site_dir), sources, root, tell=log.info)
        except staging.UnsafeSite as error:
            raise PluginError(str(error)) from None
    try:  # the site's repository (SITE_REPOSITORY_URL), checked like a link
        repository = repository_address(config.extra.get("repository_url"))
    except ValueError as error:
        raise PluginError(str(error)) from None
    build = Build(site=_load(config), site_url=config.site_url or "", plan=plan, repository=repository,
                  default_site_name=config.site_name, ahead=waits)
    if not has_address(build.site_url):
        log.info(NO_ADDRESS)
    if plan is not None:
        config.site_dir = str(plan.staging)
    return build


@event_priority(-110)  # after the i18n plugin (-100) has set the language of this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start (or join) the build; credit the source in the footer; the theme's words that Material
    has in no language setting (colour-scheme toggles, heading permalinks) come from the labels."""
    if state.build is None or state.build.depth == 0:
        state.build = _start_build(config)
    build = state.build
    build.depth += 1
    lang = current_language(config)
    localiser = build.site.localiser(lang)
    # Material inserts the copyright as raw HTML: escape the model's plain text.
    config.copyright = str(escape(build.site.footer(lang)))
    _text_from_config(config)
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


def _text_from_config(config: MkDocsConfig) -> None:
    """Text from mkdocs.yml is text: Material prints the site name (each language's, set by the i18n
    plugin just before) and nav titles raw, so they are escaped once here; a site address that is not
    a plain http(s) address is refused."""
    build = _build(config)
    if config.site_name not in build.escaped_names:  # the i18n plugin's type check wants a plain str
        config.site_name = str(escape(config.site_name))
        build.escaped_names.add(config.site_name)
    if config.nav:
        config.nav = _escaped_nav(config.nav)
    problem = site_url_problem(config.site_url or "")
    if problem:
        raise PluginError(f"site_url (mkdocs.yml, or SITE_URL) '{config.site_url}': {problem}")


def _escaped_nav(items: Any) -> Any:
    if isinstance(items, list):
        return [_escaped_nav(item) for item in items]
    if isinstance(items, dict):
        return {(key if isinstance(key, Markup) else escape(key)): _escaped_nav(value) for key, value in items.items()}
    return items


def _plain(text: str) -> str:
    """The (escaped) site name as written, for images and JSON-LD, which escape for themselves."""
    return Markup(text).unescape()


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
    try:
        problems = site.page_problems(Path(config.docs_dir), _root(config), site_url=build.site_url,
                                      repository=build.repository)
    except RenderingBug as error:
        raise PluginError(str(error)) from error
    if problems:
        message = "\n".join(["The pages have problems:", *report_lines(problems)])
        if not state.serving:
            raise PluginError(message)
        state.report_once(message)  # each page falls back to its last good version


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _build(config)
    name = shown_name(Path(config.docs_dir, page.file.src_uri), _root(config))
    lang = current_language(config)
    try:
        rendered = build.site.render_page(markdown, lang=lang, name=name, site_url=build.site_url,
                                          repository=build.repository)
    except (ReportError, RenderingBug) as error:  # a bug (not the editor's mistake) is one clean message too
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
    return build.site.titles(current_language(config), page_key(page.file.src_uri), _plain(config.site_name))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _build(config).site.finish_html(html, lang=current_language(config), page=page_key(page.file.src_uri))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """The macro templates and labels live beside the theme overrides; they are not site content."""
    macros = _root(config) / MACROS
    for file in list(files):
        if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(macros):
            files.remove(file)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """The theme's templates compiled once, not once per language and build (each build makes a new
    environment; none keeps compiled templates); what overrides/404.html needs to speak every
    language, whichever language renders it last."""
    env.bytecode_cache = template_cache(env, _root(config) / TEMPLATE_CACHE)
    build = _build(config)
    site, lang = build.site, current_language(config)
    build.site_names[lang] = _plain(config.site_name)
    env.globals["reader_site_path"] = site_path = urlsplit(config.site_url or "/").path or "/"
    env.globals["search_initializing"] = site.localiser(lang).label("search_initializing")
    languages = _languages(build, config)
    pages = {page_key(file.src_uri): neutral_path(file.url, lang, site.default_language)
             for file in files.documentation_pages()}
    env.globals["reader_404"] = not_found_pages(
        site, languages, site_path=site_path, page_paths=pages, rendered_in=lang,
        theme={language.lang: theme_strings(env, language.lang) for language in languages})
    # The 404 page's link preview: the default language's home card (only with the site's address).
    home_card = site.card(site.default_language, "", None, languages[0].site_name)
    share = _share_card(build, home_card, config)
    env.globals["reader_default_card"] = share if share["url"] else None
    # The sitemap's <lastmod> per page URL: from the model's dates, never the build clock.
    env.globals["reader_lastmod"] = site.updates.lastmod_by_url(site.languages)
    return env


def _fill_caches(config: MkDocsConfig) -> None:
    """Run ahead of a first build (report.ahead), with the theme's environment made as the build's is
    (MkDocs' own, plus the `loopcontrols` the i18n plugin adds in its on_env)."""
    root, entries = _root(config), config.plugins["i18n"].config.languages
    theme = config.theme.get_env()
    theme.add_extension("jinja2.ext.loopcontrols")
    ahead.fill_caches(theme, root, {entry.locale: entry.site_name or config.site_name for entry in entries
                                            if entry.build},
                      lambda: load_site(root / REPORT, root / MACROS, built_languages(entries), root=root,
                                        pages=nav_pages(config.nav), cache=root / CACHE))


def _languages(build: Build, config: MkDocsConfig) -> list[Language]:
    """The built languages as the 404 page names them (the i18n plugin's entries, default first)."""
    entries = {entry.locale: entry for entry in config.plugins["i18n"].config.languages}
    return [Language(lang, entries[lang].name, entries[lang].site_name or build.site_names.get(lang)
                     or _plain(build.default_site_name)) for lang in build.site.languages]


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
    updated = site.last_modified(page_key(page.file.src_uri))
    context["reader_modified"] = updated.isoformat() if updated else None
    citation = site.site_citation(lang, _plain(config.site_name), config.site_url)
    context["reader_citation"] = highwire(citation, title=context["reader_share"]["title"], url=seo.url)
    # On paper: the site's date (its newest update, else its first publication) and the page's address.
    context["reader_print"] = Markup(print_style(site.localiser(lang), site_name=_plain(config.site_name), url=seo.url,
                                                 date=site.updates.modified(HOME)))
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Each page without the theme's indentation: fewer bytes for a first visit, the same page."""
    return compact_html(output)


def _share_card(build: Build, card: Card, config: MkDocsConfig) -> dict[str, Any]:
    build.cards[card.path] = card  # drawn once every language is built
    return {"url": address(config.site_url, card.path), "alt": card.alt, "title": card.title,
            "width": CARD_WIDTH, "height": CARD_HEIGHT}


def _share(build: Build, lang: str, page: Page, config: MkDocsConfig, seo: PageSeo,
           titles: PageTitles | None) -> dict[str, Any]:
    """What a shared link shows (the page's card) and what the page is (JSON-LD), in this language."""
    site = build.site
    # A page of plain Markdown: MkDocs gives its H1 as HTML (punctuation as character references).
    title = titles.full if titles else Markup(page.title or "").striptags() or None
    card = site.card(lang, page.url, title, _plain(config.site_name))
    share = _share_card(build, card, config)
    script = page_script(site, lang, seo=seo, title=card.title, site_name=_plain(config.site_name), image=share["url"],
                         description=page.meta.get("description") or config.site_description or "",
                         site_url=config.site_url, repository=build.repository)
    return {**share, "json_ld": Markup(script)}


@event_priority(-200)  # after the i18n plugin's on_post_build (-100) has built the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    """Once every language is built: a search index per language, open data, cards, stylesheets."""
    build = _build(config)
    build.depth -= 1
    if build.depth > 0:
        return  # a nested language build; the i18n plugin rewrites the combined index after it
    site_dir = Path(config.site_dir)
    write_language_indexes(site_dir, list(build.site.languages), build.site.default_language)
    write_published_files(build.site, site_dir, site_names=build.site_names, site_url=build.site_url,
                          schema=_root(config) / SCHEMA)
    build.ahead()
    drawn = write_cards(build.cards.values(), site_dir, _root(config) / CARD_CACHE)
    for cut in drawn.cut:
        log.warning(cut)
    minify_stylesheets(site_dir, [str(css) for css in config.extra_css])
    staging.mark(site_dir)
    build.site.keep()  # the checked data and its rendered pages, for the next build while nothing changed


def on_build_error(*, error: Exception) -> None:
    """A failed build ends every nested one: under `mkdocs serve` the next build starts afresh."""
    if state.build is not None:
        state.build.depth = 0


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    """A save reaches the preview at once: MkDocs' server looks at the watched files every 0.5 s and
    then waits 0.1 s for more changes; here every 0.05 s, then 0.02 s (MAINTAINING.md). Also,
    `mkdocs serve --clean` announces itself as a build: its first build, done, is put in place."""
    for watcher in (server.observer, *server.observer.emitters):  # the paths watched so far, and later
        watcher._timeout = PREVIEW_POLL
    server.build_delay = PREVIEW_SETTLE
    _finish(succeeded=True)
    state.command = "serve"
    return server


def on_shutdown() -> None:
    """After `mkdocs build` returned or raised (this runs in its `finally`): the finished site takes
    the place of the last good one, or the staged folder is dropped. An operating-system failure
    (disk full, read-only) becomes one line instead of a traceback."""
    error = sys.exc_info()[1]
    plan = _finish(succeeded=error is None)
    if isinstance(error, OSError) and plan is not None:
        raise Abort(staging.failure_line(error, plan)) from None


def _finish(*, succeeded: bool) -> staging.Plan | None:
    build = state.build
    plan = build.plan if build is not None else None
    if build is None or plan is None:
        return None
    build.plan = None
    if succeeded:
        try:
            staging.publish(plan)
        except OSError as error:
            raise Abort(staging.failure_line(error, plan)) from None
    else:
        staging.abandon(plan)
        if not plan.in_place and plan.target.exists():
            log.error(f"The build failed: {plan.target} keeps the last good site.")
    return plan
