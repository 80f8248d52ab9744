"""Everything a site build needs from the data: checked once, then served per language.

Engine-agnostic: it knows files, languages and Jinja, not MkDocs.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import site_config, stored
from .cards import Card, card_path
from .charts import indicator_charts
from .citation import SiteCitation, citation_files
from .glossary import link_terms
from .languages import language_root
from .loading import load_yaml, read_regular_file, shown_name
from .localise import Localiser, localise
from .measures import Moment, Unit
from .model import Item, Report
from .model_paths import walk
from .opendata import COLUMNS, open_data_files
from .pages import HOME, page_path, shown_on
from .problems import Problem, ReportError
from .provenance import ABOUT, Feedback, about_href
from .render import PageRenderer, make_environment
from .seo import address
from .site_config import TEMPLATE_CACHE
from .texts import Text
from .translations import drift, lock_path, read_lock
from .typography import keep_together
from .updates import PageUpdates
from .word_gaps import keep_words_apart

MACROS = "report.md.j2"
LABELS = "labels.yaml"


class RenderingBug(Exception):
    """Rendering failed on something that is not the editor's mistake: a bug in hooks/ or the macros."""


@dataclass(frozen=True)
class PageTitles:
    """The names of one page in one language."""

    short: str     # navigation, the header once scrolled: the page's label ("Results")
    full: str      # what it is, shared or bookmarked: the event's name for the home page, else `short`
    document: str  # <title> and og:title: `full`, then the site's name for every page but the home


@dataclass
class SiteData:
    """The checked report and labels, and a renderer per language (made on first use)."""

    report: Report
    labels: dict[str, Text]
    languages: tuple[str, ...]
    pages: tuple[str, ...]  # the site's pages in the nav's order (report.pages), the home page first
    templates: Path
    warnings: tuple[Problem, ...]
    # Per language, the model paths of translations that may be out of date (shown with a marker),
    # and the sign-off notes (awaiting sign-off, stale lock entries) that are not problems.
    outdated: dict[str, frozenset] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    templates_shown_as: str = ""  # how messages name the templates' folder (`overrides/macros`)
    cache: Path | None = None  # `.cache/`: compiled templates and this checked data kept between builds
    entry: str = ""  # its name there (report.stored)
    kept: int = -1  # how many rendered pages the kept entry holds (-1: none is kept)
    _localisers: dict[str, Localiser] = field(default_factory=dict, repr=False)
    _renderers: dict[tuple[str, str, str | None], PageRenderer] = field(default_factory=dict, repr=False)
    _rendered: dict[tuple[str, str, str, str, str], str] = field(default_factory=dict, repr=False)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def __getstate__(self) -> dict[str, Any]:
        """What is kept between builds: all but the localisers (they mark texts by object identity)
        and the renderers (Jinja environments)."""
        return {name: value for name, value in self.__dict__.items() if name not in ("_localisers", "_renderers")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _localisers={}, _renderers={})

    def keep(self) -> None:
        """Keep this checked data, and what was rendered from it, for the next build (`report.stored`)."""
        if self.cache is not None and self.entry and self.kept != len(self._rendered):  # else nothing is new
            self.open_data  # noqa: B018 - worked out now, so that it is kept too
            self.kept = len(self._rendered)
            stored.write(self.cache, self.entry, self)

    @functools.cached_property
    def open_data(self) -> dict[str, str]:
        """The open data files' texts (report.json, figures.csv), worked out once."""
        return open_data_files(self.report, self.languages)

    @functools.cached_property
    def updates(self) -> PageUpdates:
        """The updates by page, worked out once."""
        return PageUpdates(self.report, self.pages)

    def localiser(self, lang: str) -> Localiser:
        """The localiser of ``lang`` (made once): it marks the texts whose translation may be out of date."""
        if lang not in self._localisers:
            paths = self.outdated.get(lang, frozenset())
            marked = frozenset(id(node) for path, node in walk(self.report) if path in paths) if paths else frozenset()
            self._localisers[lang] = Localiser(lang, self.labels, self.default_language, marked)
        return self._localisers[lang]

    def context(self, lang: str, site_url: str = "", repository: str | None = None) -> dict[str, Any]:
        """What page templates see: the localised report, labels and derived views.

        ``site_url`` is the published address (empty when the build has none), for the suggested
        citation and the pages' addresses; ``repository`` the site's repository, whose issue
        tracker takes readers' reports of errors.
        """
        localiser = self.localiser(lang)
        report = localise(self.report, localiser)
        feedback = Feedback(self.report, localiser, site_url, repository, self.languages)
        return {
            "lang": lang,
            "languages": self.languages,
            "report": report,
            "labels": {name: localiser.label(name) for name in self.labels},
            "timeline": timeline(self.report, localiser),
            "tenure": localiser.tenure(self.report.programme.tenure),
            "charts": indicator_charts(self.report, localiser),
            "site_url": site_url,
            "citation_text": self.citation(localiser, site_url),
            "open_data": open_data_context(localiser, self.languages),
            "citation_files": citation_files(lang),
            "contents": self.contents(localiser, report),
            # On a translation's glossary, each term as the original (default-language) pages write it.
            "term_originals": {} if lang == self.default_language else dict(self.glossary_terms(self.default_language)),
            **self.updates.context(localiser),
            **feedback.context(),
        }

    def citation(self, localiser: Localiser, site_url: str | None) -> str:
        """The suggested citation: the `citation` label filled in one pass (escaped braces stay);
        the site's address only when the build has one."""
        report = self.report
        home = address(site_url, language_root(localiser.lang, self.default_language)) or ""
        return localiser.label(
            "citation",
            editors=localiser.text(report.publication.editors.name),
            title=citation_title(report, localiser),
            published=localiser.date(report.publication.first_published),
            publisher=localiser.text(report.source.publisher),
            abbreviation=report.source.abbreviation,
            url=home,
        ).strip()

    def site_citation(self, lang: str, site_name: str, site_url: str | None) -> SiteCitation:
        """The site in ``lang`` as a reference (CSL-JSON, BibTeX, the head's citation tags)."""
        localiser = self.localiser(lang)
        report = self.report
        return SiteCitation(
            key=f"{report.event.id}-{report.publication.first_published.year}-{lang}",
            lang=lang,
            title=citation_title(report, localiser),
            site_name=site_name,
            editors=localiser.text(report.publication.editors.name),
            published=report.publication.first_published,
            note=self.article_name(localiser),
            abstract=localiser.label(f"description_{HOME}"),
            url=address(site_url, language_root(lang, self.default_language)),
        )

    def article_name(self, localiser: Localiser) -> str:
        """The source article described (it has no headline of its own in the copy the site used)."""
        report = self.report
        return localiser.label("article_name", publisher=localiser.text(report.source.publisher),
                               abbreviation=report.source.abbreviation, event=localiser.text(report.event.name),
                               date=localiser.date(report.event.date))

    def last_modified(self, page: str):
        """The date of the newest update that concerns ``page`` (``index``, ``results``...), or None."""
        return self.updates.last_modified(page)

    def contents(self, localiser: Localiser, report: Any) -> list[dict[str, Any]]:
        """The overview's list of the other pages: each one's name and, where its part of the
        model has one, its heading (``report`` is the model localised)."""
        parts = {page: name for name, page in shown_on(Report, self.pages).items()}
        return [{"page": page, "title": localiser.label(f"page_{page}"),
                 "heading": getattr(getattr(report, parts.get(page, ""), None), "heading", None)}
                for page in self.pages if page != HOME]

    def credit(self, lang: str) -> str:
        """The source credited in one line, without a date (the article gives none): on cards, and
        with a full stop in every page's footer (`footer`)."""
        localiser = self.localiser(lang)
        source = self.report.source
        return f"{localiser.label('footer_source')} {localiser.text(source.publisher)} ({source.abbreviation})"

    def footer(self, lang: str) -> str:
        """Every page's footer line: the source credited."""
        return self.credit(lang) + "."

    def titles(self, lang: str, page: str, site_name: str) -> PageTitles:
        """The names of ``page`` (a page key: 'index', 'results'...). The home page is named
        after the event, which the site's name only abbreviates: so its title needs no suffix."""
        localiser = self.localiser(lang)
        short = localiser.label(f"page_{page}")
        if page == HOME:
            name = localiser.text(self.report.event.name)
            return PageTitles(short, name, name)
        return PageTitles(short, short, f"{short} - {site_name}")

    def card(self, lang: str, page_url: str, title: str | None, site_name: str) -> Card:
        """The link-preview card of the page at ``page_url``; the home page's is the event's name."""
        localiser = self.localiser(lang)
        return Card(
            path=card_path(page_url),
            lang=lang,
            site_name=site_name,
            title=title or localiser.text(self.report.event.name),
            date=localiser.date(self.report.event.date),
            credit=self.credit(lang),
        )

    def page_cards(self, site_names: Mapping[str, str]) -> list[Card]:
        """Every page's card in every language, as the build makes them (``site_names``: each
        language's site name), to be drawn ahead of the build (`cards.draw_ahead`)."""
        return [self.card(lang, language_root(lang, self.default_language) + page_path(page),
                          self.titles(lang, page, site_names[lang]).full, site_names[lang])
                for lang in self.languages for page in self.pages]

    def renderer(self, lang: str, site_url: str = "", repository: str | None = None) -> PageRenderer:
        key = (lang, site_url, repository)
        if key not in self._renderers:
            # One environment for every language: the macros compile once.
            environment = next((r.environment for r in self._renderers.values()), None)
            environment = environment or make_environment(self.templates, self.cache and self.cache / TEMPLATE_CACHE.name)
            self._renderers[key] = PageRenderer(environment, MACROS, self.context(lang, site_url, repository),
                                                shown_as=self.templates_shown_as)
        return self._renderers[key]

    def render_page(self, source: str, *, lang: str, name: str, site_url: str = "", repository: str | None = None) -> str:
        """The page's Markdown in ``lang``; rendered once per build, however often it is asked for.

        A mistake in the page or the macros is a ReportError; anything else a RenderingBug."""
        key = (lang, name, site_url, repository or "", hashlib.sha256(source.encode("utf-8")).hexdigest())
        if key not in self._rendered:
            try:
                self._rendered[key] = self.renderer(lang, site_url, repository).render(source, name=name)
            except ReportError:
                raise
            except Exception as error:
                raise RenderingBug(f"{name} ({lang}): rendering failed with {type(error).__name__}: {error}. This is "
                                   "a bug in hooks/ or overrides/macros/, not in the data.") from error
        return self._rendered[key]

    def page_problems(self, docs: Path, root: Path, *, site_url: str = "", repository: str | None = None) -> list[Problem]:
        """Every page of ``docs`` rendered in every language, before a build: the mistakes found in
        the pages and the macros, all at once (the renderings are kept for the build)."""
        problems = []
        for page in sorted(docs.rglob("*.md")):
            for lang in self.languages:
                try:
                    self.render_page(page.read_text(encoding="utf-8"), lang=lang, name=shown_name(page, root),
                                     site_url=site_url, repository=repository)
                except ReportError as error:
                    problems += error.problems
        return problems

    def finish_html(self, html: str, *, lang: str, page: str) -> str:
        """A page's HTML as published: no line ends inside a date, a quarter or a document's code, no
        two blocks' words touch (search would read them as one), and the first use of each glossary
        term links to its entry on the About page (whose anchor is the entry's id)."""
        about = "" if page == ABOUT else about_href(page)
        return link_terms(keep_words_apart(keep_together(html)), self.glossary_terms(lang),
                          lambda ident: f"{about}#{ident}")

    def glossary_terms(self, lang: str) -> list[tuple[str, str]]:
        """(id, term as the pages write it) of every glossary entry, in this language."""
        localiser = self.localiser(lang)
        return [(term.id, localiser.text(term.term)) for term in self.report.glossary]


def citation_title(report: Report, localiser: Localiser) -> str:
    """The title a citation gives the site: the summary, its programme and the event's date."""
    return localiser.label("citation_title", code=report.programme.code, date=localiser.date(report.event.date))


def open_data_context(localiser: Localiser, languages: Sequence[str]) -> dict[str, Any]:
    """The data dictionary of figures.csv in this language: its columns and unit codes."""
    return {
        "columns": [{"names": column.names(languages), "meaning": localiser.label(f"column_{column.name}")}
                    for column in COLUMNS],
        "units": [{"code": unit.value, "meaning": localiser.label(f"unit_code_{unit.value}")} for unit in Unit],
    }


def timeline(report: Report, localiser: Localiser) -> list[dict[str, Any]]:
    """The dated commitments in the order they fall due, starting with the review itself."""
    entries = [{
        "id": report.event.id,
        "due": report.event.date,
        "start": report.event.date,
        "datetime": report.event.date.isoformat(),
        "when": localiser.date(report.event.date),
        "until": None,
        "until_datetime": None,
        "title": localiser.text(report.event.name),
        "section": "event",
    }]
    for path, node in walk(report):
        if isinstance(node, Item) and node.when is not None:
            entries.append({
                "id": node.id,
                "due": node.when.end,
                "start": node.when.start,
                "when": _due_text(node.when, localiser),
                "datetime": node.when.iso,
                "until": localiser.moment(node.until) if node.until else None,
                "until_datetime": node.until.iso if node.until else None,
                "title": localiser.text(node.title),
                "section": path[0],  # the top-level part of the model, shown on the page of that name
            })
    # Same due date (a whole year and its last months): the one that starts first comes first.
    return sorted(entries, key=lambda entry: (entry["due"], entry["start"]))


def _due_text(moment: Moment, localiser: Localiser) -> str:
    """A whole year reads as its end ("by the end of 2023"): the timeline is in the order things fall
    due, so a bare "2023" after "October 2023" would look out of order."""
    if moment.month is None and moment.quarter is None and moment.part is None:
        return localiser.label("by_year_end", year=moment.year)
    return localiser.moment(moment)


_cache: dict[tuple, SiteData] = {}


def load_site(report_path: Path, templates: Path, languages: Sequence[str], *, root: Path,
              pages: Sequence[str] | None = None, cache: Path | None = None) -> SiteData:
    """Load and check the report and labels; reuse the last result while the files are unchanged.

    ``pages``: the site's pages (`report.pages`; by default those of `root`'s mkdocs.yml);
    ``cache``: the folder of what is kept between builds (`.cache/`): compiled templates, and the
    checked data of the last good build, read back while the files are unchanged (`report.stored`).

    Raises ReportError listing every problem (errors and warnings) when any error is found.
    """
    labels_path = templates / LABELS
    pages = tuple(pages if pages is not None else site_config.pages(root / site_config.NAME))
    # The macros count too: a changed template under `mkdocs serve` must not reuse rendered pages.
    key = (_digest(report_path), _digest(lock_path(report_path)), _digest(labels_path), _digest(templates / MACROS),
           tuple(languages), pages, str(templates), cache)
    if key in _cache:
        return _cache[key]
    entry = stored.entry_name(key)
    kept = stored.read(cache, entry) if cache is not None else None
    site = kept if isinstance(kept, SiteData) else _checked(report_path, templates, languages, pages, root=root)
    site.cache, site.entry = cache, entry
    site.kept = len(site._rendered) if site is kept else -1
    _cache.clear()  # one entry: a preview server keeps only the latest good data
    _cache[key] = site
    return site


def _checked(report_path: Path, templates: Path, languages: Sequence[str], pages: tuple[str, ...], *,
             root: Path) -> SiteData:
    """The report, its translation lock and the labels read and checked (ReportError on any error)."""
    from .validation import Checked, check_report  # only when the data is checked: not from a kept entry

    problems: list[Problem] = []
    checked: Checked | None = None
    labels: dict[str, Text] | None = None
    try:
        loaded = load_yaml(report_path, display_name=shown_name(report_path, root), keep_going=True)
        checked = check_report(loaded, languages)
        lock = lock_path(report_path)
        state = drift(checked.report, loaded.positions, read_lock(lock, shown_name(lock, root)), languages)
    except ReportError as error:
        problems += error.problems
    try:
        labels, label_warnings = _load_labels(templates / LABELS, languages, pages, root)
    except ReportError as error:
        problems += error.problems
    if problems or checked is None or labels is None:  # any problem of the report, lock or labels
        raise ReportError(problems)
    return SiteData(checked.report, labels, tuple(languages), pages, templates,
                    checked.warnings + tuple(state.outdated) + label_warnings,
                    outdated={lang: frozenset(paths) for lang, paths in state.outdated_paths.items()},
                    notes=tuple(state.notes()), templates_shown_as=shown_name(templates, root))


def _load_labels(path: Path, languages: Sequence[str], pages: Sequence[str],
                 root: Path) -> tuple[dict[str, Text], tuple[Problem, ...]]:
    """The same checks and messages as `scripts/check_report.py` gives for the labels."""
    from .validation import check_labels

    loaded = load_yaml(path, display_name=shown_name(path, root), keep_going=True)
    labels, warnings = check_labels(loaded, languages, pages)
    return labels.root, warnings


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(read_regular_file(path)).hexdigest()
    except OSError:
        return "missing"
