"""Check loaded data against the model: errors, missing translations and duplicate ids, in one run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from pydantic import BaseModel, RootModel, ValidationError

from .loading import Loaded
from .model import Report, Text
from .model_paths import is_model, walk, walk_data
from .problems import Path, Problem, ReportError
from .pydantic_errors import pydantic_problems

__all__ = ["Checked", "LabelSet", "check_labels", "check_report", "walk", "walk_data"]


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
    updates = list(_update_problems(report, loaded, today or dt.date.today()))
    if any(p.severity == "error" for p in updates):
        raise ReportError([*warnings, *updates])
    return Checked(report, (*warnings, *updates))


def _update_problems(report: Report, loaded: Loaded, today: dt.date) -> Iterator[Problem]:
    """Each update concerns items that exist, and is dated between the event and today."""
    known = {node.id for _, node in walk(report)
             if isinstance(node, BaseModel) and isinstance(getattr(node, "id", None), str)}
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
        elif update.date > today:
            yield loaded.positions.problem((*path, "date"), f"{update.date} is in the future (today is {today})",
                                           severity="warning")


class LabelSet(RootModel[dict[str, Text]]):
    """The site's own words (overrides/macros/labels.yaml), one Text per label name."""


def check_labels(loaded: Loaded, languages: Sequence[str]) -> tuple[LabelSet, tuple[Problem, ...]]:
    """Validate the labels file like the report; raise ReportError on any error."""
    return _check(loaded, LabelSet, languages)


def _check(loaded: Loaded, model: type[BaseModel], languages: Sequence[str]) -> tuple[Any, tuple[Problem, ...]]:
    valid: Any = None
    errors: list[Problem] = list(loaded.problems)
    unreadable = {p.path for p in loaded.problems}
    try:
        valid = model.model_validate(loaded.data)
    except ValidationError as error:
        # A value the loader could not read is reported once, by the loader, not again as "missing".
        errors += [p for p in pydantic_problems(error, loaded, model)
                   if not any(p.path[:len(bad)] == bad for bad in unreadable)]
    # A text with an error of its own (a wrong language code, say) gets no language warnings too.
    flagged = {p.path[:end] for p in errors for end in range(len(p.path) + 1)}
    others = [
        p for p in (*_data_language_problems(loaded, languages, model), *_duplicate_ids(loaded, model))
        if p.path not in flagged and p.path[:-1] not in flagged
    ]
    problems = [*errors, *others]
    if valid is None or any(p.severity == "error" for p in problems):
        raise ReportError(problems)
    return valid, tuple(problems)


def _data_language_problems(loaded: Loaded, languages: Sequence[str], model: Any = Report) -> Iterator[Problem]:
    for path, annotation, data in walk_data(loaded.data, model):
        if annotation is Text and isinstance(data, dict) and data:
            yield from _text_languages(path, data, loaded, languages)


def _text_languages(path: Path, text: dict, loaded: Loaded, languages: Sequence[str]) -> Iterator[Problem]:
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
    seen: dict[str, Path] = {}
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
