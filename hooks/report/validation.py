"""Check loaded data against the model: errors, missing translations and duplicate ids, in one run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

import difflib

from pydantic import BaseModel, RootModel, ValidationError

from .labels import LABEL_VALUES, PARAGRAPHS, required_labels
from .loading import Loaded
from .model import ONE_LINE, Report, Text, WithValues, placeholder_problem
from .model_paths import annotation_at, is_model, walk, walk_data
from .problems import Path, Problem, ReportError
from .pydantic_errors import custom_message, pydantic_problems

__all__ = ["Checked", "LabelSet", "RESERVED_IDS", "RESERVED_PREFIXES", "check_labels", "check_report",
           "one_line_field"]

# Ids the templates give elements of their own (overrides/macros/report.md.j2) and the prefixes of
# the ids they derive (page titles, charts): a model id equal to one would take over its anchor.
RESERVED_IDS = ("key-figures", "sections", "timeline", "source", "method", "notes", "open-data", "cite")
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
                    *_one_line_problems(loaded, model), *_reserved_ids(loaded, model), *_label_problems(loaded, model),
                    *_placeholder_problems(loaded, model), *_cut_texts(loaded, model))
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


def one_line_field(path: Path, model: Any) -> bool:
    """Whether the field at ``path`` is shown in a heading, a title or an attribute."""
    if model is LabelSet:
        return len(path) == 1 and path[0] not in PARAGRAPHS
    parent = annotation_at(path[:-1], model) if path else None
    return (is_model(parent) and path[-1] in parent.model_fields
            and ONE_LINE in parent.model_fields[path[-1]].metadata)


def _one_line_problems(loaded: Loaded, model: Any = Report) -> Iterator[Problem]:
    for path, annotation, data in walk_data(loaded.data, model):
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


def _label_problems(loaded: Loaded, model: Any) -> Iterator[Problem]:
    """Every label the site uses is there; an unknown name close to a missing one is a typo."""
    if model is not LabelSet or not isinstance(loaded.data, dict):
        return
    required = required_labels()
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
            context = {**problem.context, "label": label}
            yield loaded.positions.problem((*path, context["lang"]), custom_message(problem.type, context))


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
                shown = comment if len(comment) <= 40 else comment[:37] + "..."
                yield loaded.positions.problem((*path, lang), (
                    f"the text stops before '{shown}': YAML reads ' #' as the start of a comment; if these words "
                    "belong to the text, put the whole text in quotes"), severity="warning")
