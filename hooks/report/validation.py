"""Check loaded data against the model and word every problem for an editor."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from pydantic import BaseModel, RootModel, ValidationError

from .loading import Loaded
from .model import Report, Text
from .problems import Path, Problem, ReportError

_TYPE_WORDS = {
    "int_type": "a whole number is expected",
    "int_from_float": "a whole number is expected",
    "int_parsing": "a whole number is expected",
    "float_type": "a number is expected (write decimals with a dot: 141.8)",
    "float_parsing": "a number is expected (write decimals with a dot: 141.8)",
    "bool_type": "true or false is expected",
    "string_type": "a text is expected",
    "dict_type": "a group of fields is expected here (key: value lines)",
    "model_type": "a group of fields is expected here (key: value lines)",
    "model_attributes_type": "a group of fields is expected here (key: value lines)",
    "list_type": "a list is expected here (lines starting with '- ')",
    "date_type": "a date is expected, written 2023-04-19",
    "date_parsing": "a date is expected, written 2023-04-19",
    "date_from_datetime_inexact": "a date without a time is expected, written 2023-04-19",
    "date_from_datetime_parsing": "a date is expected, written 2023-04-19",
}


@dataclass(frozen=True)
class Checked:
    """A valid report and the warnings that do not stop a preview (missing translations)."""

    report: Report
    warnings: tuple[Problem, ...]


def check_report(loaded: Loaded, languages: Sequence[str]) -> Checked:
    """Validate ``loaded`` for a site built in ``languages``; raise ReportError on any error."""
    try:
        report = Report.model_validate(loaded.data)
    except ValidationError as error:
        raise ReportError(_pydantic_problems(error, loaded)) from None
    problems = [*_language_problems(report, loaded, languages), *_duplicate_ids(report, loaded)]
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ReportError(problems)
    return Checked(report, tuple(problems))


def walk(node: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every model object, list item and Text in the report, with its path."""
    yield path, node
    if isinstance(node, Text):
        return
    if isinstance(node, RootModel):
        yield from walk(node.root, path)
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if value is not None:
                yield from walk(value, (*path, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from walk(item, (*path, index))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from walk(item, (*path, key))


def _language_problems(report: Report, loaded: Loaded, languages: Sequence[str]) -> Iterator[Problem]:
    positions = loaded.positions
    for path, node in walk(report):
        if not isinstance(node, Text):
            continue
        for lang in node.root:
            if lang not in languages:
                yield positions.problem(
                    (*path, lang),
                    f"'{lang}' is not a language of this site (its languages are {', '.join(languages)})",
                    key=True,
                )
        for lang in languages:
            if lang not in node.root:
                yield positions.problem(
                    (*path, lang), f"the '{lang}' translation is missing", severity="warning"
                )


def _duplicate_ids(report: Report, loaded: Loaded) -> Iterator[Problem]:
    seen: dict[str, Path] = {}
    for path, node in walk(report):
        ident = getattr(node, "id", None) if isinstance(node, BaseModel) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            first_line, _ = loaded.positions.of((*seen[ident], "id"))
            yield loaded.positions.problem(
                (*path, "id"), f"the id '{ident}' is already used on line {first_line}; ids must be unique"
            )
        else:
            seen[ident] = path


def _pydantic_problems(error: ValidationError, loaded: Loaded) -> list[Problem]:
    problems: dict[tuple[Path, str], Problem] = {}
    for detail in error.errors(include_url=False):
        path = _clean_loc(detail["loc"], loaded)
        kind = detail["type"]
        if kind == "extra_forbidden":
            problem = loaded.positions.problem(path, _unknown_field(path), key=True)
        elif kind == "missing":
            problem = loaded.positions.problem(path, "this field is missing; add it")
        else:
            problem = loaded.positions.problem(path, _plain_message(detail))
        problems.setdefault((path, problem.message), problem)
    # A union (count or measure) reports once per branch; keep the first problem per field.
    first_per_path: dict[Path, Problem] = {}
    for (path, _), problem in problems.items():
        first_per_path.setdefault(path, problem)
    return list(first_per_path.values())


def _clean_loc(loc: tuple, loaded: Loaded) -> Path:
    """Drop pydantic's internal steps (union branches, root models) from an error location."""
    path: list[str | int] = []
    for part in loc:
        candidate = (*path, part)
        if isinstance(part, int) or candidate in loaded.positions.values or candidate in loaded.positions.keys:
            path.append(part)
        elif isinstance(part, str) and part not in {"root", "int", "float", "Measure", "str"} and "[" not in part:
            path.append(part)
    return tuple(path)


def _plain_message(detail: dict) -> str:
    kind = detail["type"]
    found = detail.get("input")
    shown = f" (found {_short(found)})" if not isinstance(found, (dict, list)) else ""
    if kind in _TYPE_WORDS:
        return _TYPE_WORDS[kind] + shown
    if kind == "string_pattern_mismatch":
        return (
            f"{_short(found)} is not a valid id or code: use lowercase ASCII letters, digits and hyphens"
            " (e.g. ring-road-4)"
        )
    if kind in {"too_short", "too_long"}:
        context = detail.get("ctx", {})
        low, high = context.get("min_length"), context.get("max_length")
        count = len(found) if isinstance(found, (list, dict)) else "?"
        if kind == "too_short" and high is None:
            return f"at least {low} entries are needed, found {count}"
        if kind == "too_long" and low is None:
            return f"at most {high} entries are allowed, found {count}"
        expected = high if kind == "too_long" else low
        return f"exactly {expected} entries are needed here, found {count}"
    if kind == "enum":
        return f"{_short(found)} is not one of: {detail['ctx']['expected']}"
    if kind == "literal_error":
        return f"{_short(found)} is not one of: {detail['ctx']['expected']}"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        return detail["msg"].lower() + shown
    if kind == "value_error":
        return str(detail["ctx"]["error"])
    return detail["msg"] + shown


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "...'"


def _unknown_field(path: Path) -> str:
    name = str(path[-1])
    known = _field_names(path[:-1])
    message = f"unknown field '{name}'"
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if guess:
        return f"{message}; did you mean '{guess[0]}'?"
    if known:
        return f"{message}; the fields here are: {', '.join(known)}"
    return message


def _field_names(path: Path) -> list[str]:
    """The field names the model allows at ``path`` (for "did you mean")."""
    annotation: Any = Report
    for part in path:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else None
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
        else:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and not issubclass(annotation, RootModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Optional[X] -> X; Annotated[X, ...] -> X; lists stay lists."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else args[0]
        else:
            return annotation
