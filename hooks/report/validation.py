"""Check loaded data: the model's errors, then the rules (report.rules) in one walk, in one run;
then what needs the valid report as a whole (dates of the publication and the updates)."""

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

from . import rules
from .loading import Loaded
from .model import LICENCE_URLS, Report
from .model_paths import walk
from .problems import FieldPath, Problem, ReportError, clip
from .pydantic_errors import pydantic_problems
from .rules import CONFIG
from .texts import LanguageCode, Text


@dataclass(frozen=True)
class Checked:
    """A valid report and the warnings that do not stop a preview (missing translations)."""

    report: Report
    warnings: tuple[Problem, ...]


def check_report(loaded: Loaded, languages: Sequence[str], today: dt.date | None = None) -> Checked:
    """Validate ``loaded`` for a site built in ``languages``; raise ReportError on any error.

    Every problem is found in one run: model errors, languages and duplicate ids together.
    """
    report, warnings = _check(loaded, Report, languages, rules.REPORT)
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
    return _check(loaded, LabelSet, languages, rules.LABELS, pages)


LANGUAGE_CODE = typing.get_args(LanguageCode)[1].pattern.strip("^$")


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


def _check(loaded: Loaded, model: type[BaseModel], languages: Sequence[str], kind: rules.Rules,
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
    others = [p for p in rules.problems(loaded, model, languages, kind, pages)
              if p.path not in flagged and p.path[:-1] not in flagged]
    problems = [*errors, *others]
    if valid is None or any(p.severity == "error" for p in problems):
        raise ReportError(problems)
    return valid, tuple(problems)


def one_line_field(path: FieldPath, model: Any) -> bool:
    """Whether the field at ``path`` is shown in a heading, a title or an attribute."""
    return _KINDS.get(model, rules.REPORT).one_line(path, model)


_KINDS = {LabelSet: rules.LABELS}  # every other model: the report's rules
