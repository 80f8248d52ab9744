"""Check loaded data against the model: errors, missing translations and duplicate ids, in one run."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages
from babel.localedata import locale_identifiers
from pydantic import BaseModel, RootModel, ValidationError

from .labels import LABEL_MUST_SHOW, LABEL_VALUES, PARAGRAPHS, required_labels
from .loading import Loaded
from .model import LICENCE_URLS, Report, WithValues
from .model_paths import annotation_at, is_model, walk, walk_data
from .problems import FieldPath, Problem, ReportError, clip
from .pydantic_errors import custom_message, pydantic_problems
from .texts import ONE_LINE, LanguageCode, Text, placeholder_problem

__all__ = [
    "CONFIG",
    "LANGUAGE_NOT_BUILT",
    "RESERVED_IDS",
    "RESERVED_PREFIXES",
    "Checked",
    "LabelSet",
    "check_labels",
    "check_report",
    "language_problems",
    "one_line_field",
]

# Ids the templates give elements of their own (overrides/macros/report.md.j2) and the prefixes of
# the ids they derive (page titles, charts): a model id equal to one would take over its anchor.
RESERVED_IDS = ("key-figures", "sections", "timeline", "source", "method", "notes", "updates", "open-data", "cite",
                "glossary", "licence", "contact", "data-dictionary")
RESERVED_PREFIXES = ("page-", "chart-")


@dataclass(frozen=True)
class Checked:
    """A valid report and the warnings that do not stop a preview (missing translations)."""

    report: Report
    warnings: tuple[Problem, ...]


def check_report(loaded: Loaded, languages: Sequence[str], today: dt.date | None = None) -> Checked:
    """Validate ``loaded`` for a site built in ``languages``; raise ReportError on any error.

    Every problem is found in one run: model errors, languages and duplicate ids together.
    """
    report, warnings = _check(loaded, Report, languages)
    today = today or dt.date.today()
    updates = [*_publication_problems(report, loaded, today), *_update_problems(report, loaded, today)]
    if any(p.severity == "error" for p in updates):
        raise ReportError([*warnings, *updates])
    return Checked(report, (*warnings, *updates))


def _update_problems(report: Report, loaded: Loaded, today: dt.date) -> Iterator[Problem]:
    """Each update concerns items that exist, and is dated between the event and today."""
    known = {ident for _, node in walk(report)
             if isinstance(node, BaseModel) and isinstance(ident := getattr(node, "id", None), str)}
    known -= {update.id for update in report.updates}
    for index, update in enumerate(report.updates):
        path = ("updates", index)
        for position, ident in enumerate(update.affects):
            if ident not in known:
                yield loaded.positions.problem((*path, "affects", position),
                                               f"no item has the id '{ident}'; an update must name existing items")
        if update.date < report.event.date:
            yield loaded.positions.problem((*path, "date"),
                                           f"{update.date} is before the event ({report.event.date})")
        elif update.date < report.publication.first_published:
            yield loaded.positions.problem((*path, "date"), (
                f"{update.date} is before the site was first published ({report.publication.first_published}); "
                "an update comes after publication"))
        elif update.date > today:
            yield loaded.positions.problem((*path, "date"), f"{update.date} is in the future (today is {today})",
                                           severity="warning")


def _publication_problems(report: Report, loaded: Loaded, today: dt.date) -> Iterator[Problem]:
    """The site is published after the event and not in the future; the licence's address is its own."""
    publication, path = report.publication, ("publication",)
    published = publication.first_published
    if published < report.event.date:
        yield loaded.positions.problem((*path, "first_published"), (
            f"{published} is before the event ({report.event.date}); the summary can only be published after it"))
    elif published > today:
        yield loaded.positions.problem((*path, "first_published"), f"{published} is in the future (today is {today})",
                                       severity="warning")
    licence = publication.licence
    expected = LICENCE_URLS[licence.spdx]
    if not licence.url.root.startswith(expected):
        yield loaded.positions.problem((*path, "licence", "url"), (
            f"this is not the address of the licence {licence.spdx.value}; write {expected}"))


class LabelSet(RootModel[dict[str, Text]]):
    """The site's own words (overrides/macros/labels.yaml), one Text per label name."""


def check_labels(loaded: Loaded, languages: Sequence[str],
                 pages: Sequence[str] = ()) -> tuple[LabelSet, tuple[Problem, ...]]:
    """Validate the labels file like the report, for a site of ``pages``; raise ReportError on any error."""
    return _check(loaded, LabelSet, languages, pages)


# The file that names the site's languages (the i18n plugin's `languages`).
LANGUAGE_CODE = typing.get_args(LanguageCode)[1].pattern.strip("^$")
CONFIG = "mkdocs.yml"
LANGUAGE_NOT_BUILT = "language_not_built"


def language_problems(languages: Sequence[str], config_text: str = "") -> list[Problem]:
    """Each language the site builds must be one Babel can format numbers and dates for.

    ``config_text``, the text of mkdocs.yml, only places the problem at its line.
    """
    problems = []
    for lang in languages:
        written_as_in_texts = re.fullmatch(LANGUAGE_CODE, str(lang)) is not None
        try:
            Locale.parse(lang)
            if written_as_in_texts:
                continue
        except (UnknownLocaleError, ValueError):
            pass
        # `vn` for Vietnamese is the country's code: name the country's language.
        official = get_official_languages(str(lang).upper()) if str(lang).isalpha() else ()
        codes = sorted(code for code in locale_identifiers() if "_" not in code)
        base = re.split(r"[_-]", str(lang))[0].lower()
        close = official[:1] or ([base] if base in codes else difflib.get_close_matches(str(lang).lower(), codes, n=1))
        hint = f"; did you mean '{close[0]}'?" if close else "; write a language code such as vi or en"
        if not written_as_in_texts and close:  # vi_VN: a locale with its country, where texts say `vi`
            hint = f"; the texts are written per language: write locale: {close[0]}"
        line, column = 1, 1
        for number, text in enumerate(config_text.splitlines(), start=1):
            found = re.search(rf"\blocale:\s*['\"]?{re.escape(str(lang))}['\"]?\s*(#.*)?$", text)
            if found:
                line, column = number, found.start() + 1
                break
        problems.append(Problem(CONFIG, line, column, (),
                                f"the language '{clip(str(lang))}' is not a language code the site knows{hint}"))
    return problems


def _check(loaded: Loaded, model: type[BaseModel], languages: Sequence[str],
           pages: Sequence[str] = ()) -> tuple[Any, tuple[Problem, ...]]:
    unknown = language_problems(languages)
    if unknown:  # every text would be reported against it: name the language once
        raise ReportError(unknown)
    valid: Any = None
    errors: list[Problem] = list(loaded.problems)
    unreadable = {p.path for p in loaded.problems if p.path and p.severity == "error"}
    try:
        valid = model.model_validate(loaded.data)
    except ValidationError as error:
        # A value the loader could not read is reported once, by the loader, not again as "missing".
        errors += [p for p in pydantic_problems(error, loaded, model)
                   if not any(p.path[:len(bad)] == bad for bad in unreadable)]
    # A text with an error of its own (a wrong language code, say) gets no language warnings too.
    flagged = {p.path[:end] for p in errors for end in range(len(p.path) + 1)}
    others = [
        p for p in (*_data_language_problems(loaded, languages, model), *_duplicate_ids(loaded, model),
                    *_one_line_problems(loaded, model), *_reserved_ids(loaded, model), *_label_problems(loaded, model, pages),
                    *_placeholder_problems(loaded, model), *_cut_texts(loaded, model))
        if p.path not in flagged and p.path[:-1] not in flagged
    ]
    problems = [*errors, *others]
    if valid is None or any(p.severity == "error" for p in problems):
        raise ReportError(problems)
    return valid, tuple(problems)


def _data_language_problems(loaded: Loaded, languages: Sequence[str], model: Any = Report) -> Iterator[Problem]:
    texts = [(path, data) for path, annotation, data in walk_data(loaded.data, model)
             if annotation is Text and isinstance(data, dict) and data]
    # A language most texts are written in but the site does not build was removed from mkdocs.yml
    # (or not added yet): one line for it, not one per text.
    written = {lang for _, data in texts for lang in data}
    not_built = {lang for lang in written - set(languages)
                 if isinstance(lang, str) and 2 * sum(lang in data for _, data in texts) >= len(texts) > 1}
    for lang in sorted(not_built):
        first = next(path for path, data in texts if lang in data)
        yield loaded.positions.problem((*first, lang), (
            f"the texts are written in '{lang}' too, but {CONFIG} does not build it (its languages are "
            f"{', '.join(languages)}); add '{lang}' to the i18n languages in {CONFIG}, or remove it from every "
            "text"), key=True, code=LANGUAGE_NOT_BUILT)
    for path, data in texts:
        yield from _text_languages(path, {k: v for k, v in data.items() if k not in not_built}, loaded, languages)


def _text_languages(path: FieldPath, text: dict, loaded: Loaded, languages: Sequence[str]) -> Iterator[Problem]:
    positions = loaded.positions
    for lang in text:
        if lang not in languages:
            yield positions.problem(
                (*path, lang),
                f"'{lang}' is not a language of this site (its languages are {', '.join(languages)})",
                key=True,
            )
    for lang in languages:
        if lang not in text:
            yield positions.problem((*path, lang), f"the '{lang}' translation is missing", severity="warning")


def _duplicate_ids(loaded: Loaded, model: Any = Report) -> Iterator[Problem]:
    seen: dict[str, FieldPath] = {}
    for path, annotation, data in walk_data(loaded.data, model):
        if not (is_model(annotation) and "id" in annotation.model_fields and isinstance(data, dict)):
            continue
        ident = data.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            first_line, _ = loaded.positions.of((*seen[ident], "id"))
            yield loaded.positions.problem(
                (*path, "id"), f"the id '{ident}' is already used on line {first_line}; ids must be unique"
            )
        else:
            seen[ident] = path


def one_line_field(path: FieldPath, model: Any) -> bool:
    """Whether the field at ``path`` is shown in a heading, a title or an attribute."""
    if model is LabelSet:
        return len(path) == 1 and path[0] not in PARAGRAPHS
    parent = annotation_at(path[:-1], model) if path else None
    if not (is_model(parent) and path[-1] in parent.model_fields):
        return False
    field = parent.model_fields[path[-1]]
    # `Annotated[Optional[Text], ONE_LINE]` puts the mark in the field's metadata;
    # `Optional[Annotated[Text, ONE_LINE]]` keeps it inside the union.
    inner = [typing.get_args(arg)[1:] for arg in typing.get_args(field.annotation)
             if typing.get_origin(arg) is typing.Annotated]
    return ONE_LINE in field.metadata or any(ONE_LINE in marks for marks in inner)


def _one_line_problems(loaded: Loaded, model: Any = Report) -> Iterator[Problem]:
    for path, _annotation, data in walk_data(loaded.data, model):
        if not (path and one_line_field(path, model)):
            continue
        values = data.items() if isinstance(data, dict) else [(None, data)]
        for lang, value in values:
            if isinstance(value, str) and "\n" in value:
                where = (*path, lang) if lang is not None else path
                what = "label" if model is LabelSet else str(path[-1])
                yield loaded.positions.problem(where, (
                    f"a {what} must be one line (it is shown in a heading, a title or an attribute), but this one "
                    "has a line break: write it on one line; for a long one write `>-` and the text on indented "
                    "lines below it (not `>` or `|`, and no blank line)"))


def _reserved_ids(loaded: Loaded, model: Any = Report) -> Iterator[Problem]:
    if model is LabelSet:
        return
    for path, annotation, data in walk_data(loaded.data, model):
        if not (is_model(annotation) and "id" in annotation.model_fields and isinstance(data, dict)):
            continue
        ident = data.get("id")
        if isinstance(ident, str) and (ident in RESERVED_IDS or ident.startswith(RESERVED_PREFIXES)):
            yield loaded.positions.problem((*path, "id"), (
                f"the id '{ident}' is used by the site's own headings; choose another (reserved: "
                f"{', '.join(RESERVED_IDS)}, and any id starting with {' or '.join(RESERVED_PREFIXES)})"))


def _label_problems(loaded: Loaded, model: Any, pages: Sequence[str]) -> Iterator[Problem]:
    """Every label the site uses is there; an unknown name close to a missing one is a typo."""
    if model is not LabelSet or not isinstance(loaded.data, dict):
        return
    required = required_labels(pages)
    missing = [name for name in required if name not in loaded.data]
    unknown = [name for name in loaded.data if isinstance(name, str) and name not in required]
    for name in missing:
        typo = difflib.get_close_matches(name, unknown, n=1)
        if typo:
            yield loaded.positions.problem((typo[0],), f"'{typo[0]}' is not a label the site uses; did you mean "
                                           f"'{name}'?", key=True)
        else:
            yield loaded.positions.problem((name,), "this label is missing; the site uses it: add it with every language")


def _placeholder_problems(loaded: Loaded, model: Any) -> Iterator[Problem]:
    """Texts outside an item with values, and labels, may use only the placeholders they are given.

    (An item's own texts are checked by the model, against its values.)
    """
    for path, annotation, data in walk_data(loaded.data, model):
        if annotation is not Text or not path or not isinstance(data, dict):
            continue
        if model is LabelSet:
            known, label = set(LABEL_VALUES.get(str(path[0]), ())), True
        else:
            parent = annotation_at(path[:-1], model)
            if is_model(parent) and issubclass(parent, WithValues):
                continue
            known, label = set(), False
        text = Text.model_construct({lang: value for lang, value in data.items() if isinstance(value, str)})
        problem = placeholder_problem(text, known, same_in_every_language=not label)
        if problem:
            context = {**(problem.context or {}), "label": label}
            yield loaded.positions.problem((*path, context["lang"]), custom_message(problem.type, context))
        elif label:
            yield from _values_kept(loaded, path, text)


def _values_kept(loaded: Loaded, path: FieldPath, text: Text) -> Iterator[Problem]:
    """A label that shows a figure (a unit, a change, a year) must keep its placeholder."""
    for lang, names in text.placeholders().items():
        lost = [name for name in LABEL_MUST_SHOW.get(str(path[0]), ()) if name not in names]
        if lost:
            shown = ", ".join("{" + name + "}" for name in lost)
            yield loaded.positions.problem((*path, lang), f"this label must show {shown}, or the figure it stands "
                                           f"for disappears from the page; write {shown} where it belongs")


def _cut_texts(loaded: Loaded, model: Any) -> Iterator[Problem]:
    """An unquoted text followed by ` #...` on its line: YAML took the rest for a comment."""
    if not loaded.comments:
        return
    for path, annotation, data in walk_data(loaded.data, model):
        if annotation is not Text or not isinstance(data, dict):
            continue
        for lang in data:
            comment = loaded.comments.get((*path, lang))
            if comment:
                shown = clip(comment)
                yield loaded.positions.problem((*path, lang), (
                    f"the text stops before '{shown}': YAML reads ' #' as the start of a comment; if these words "
                    "belong to the text, put the whole text in quotes"), severity="warning")
