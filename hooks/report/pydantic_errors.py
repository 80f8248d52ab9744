"""Pydantic's validation errors, followed back into the file and worded for an editor."""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from .loading import Loaded
from .model import Report
from .model_paths import annotation_at, field_names, length_bounds
from .problems import QUOTED, FieldPath, Problem, clip
from .texts import Id, LanguageCode, NonBlank, Text

_EMPTY_VALUE = "this field has no value"
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
_TEXT_EXPECTED = "a text is written once per language, on indented lines such as 'vi: ...' and 'en: ...'"
# What each branch of a union (a count or a measure; an int or a float) stands for.
_BRANCH_WORDS = {"int": "a whole number", "float": "a number", "Measure": "a measure {value: ..., unit: ...}"}
_BOUNDS = {"greater_than_equal": ("a number of at least", "ge"), "greater_than": ("a number greater than", "gt"),
           "less_than_equal": ("a number of at most", "le"), "less_than": ("a number less than", "lt")}
_ADDRESS = "copy the address from the browser's address bar"


def _placeholder_unknown(ctx: dict) -> str:
    name = clip(ctx["name"])
    if not ctx.get("known"):
        return (f"this text uses {{{name}}}, but it is given no values; to show braces as they are, write "
                f"them twice: {{{{{name}}}}}")
    hint = f"; did you mean {{{ctx['suggestion']}}}?" if ctx.get("suggestion") else ""
    whose = "this label's values" if ctx.get("label") else "this item's values"
    return f"this text uses {{{name}}}, which is not among {whose}{hint}"


def custom_message(kind: str, ctx: dict) -> str:
    """The editor's words for one of the model's own error types, given its context."""
    return _CUSTOM[kind](ctx)


# The editor's words for the model's own errors (`PydanticCustomError` types), made from their context.
_CUSTOM: dict[str, Callable[[dict], str]] = {
    "number_too_large": lambda ctx: (f"the number is too large for the site; write one smaller than "
                                     f"{ctx['largest']:,} in size"),
    "text_no_language": lambda ctx: "a text needs at least one language, e.g. {vi: ..., en: ...}",
    "text_invisible": lambda ctx: "a text must not be empty (this one has only invisible characters)",
    "amount_negative": lambda ctx: (f"{ctx['value']} cannot be below zero (it is an amount, not a change): write it "
                                    "without the minus sign, or check the source"),
    "link_scheme": lambda ctx: "a link must start with http:// or https:// and contain no spaces",
    "link_character": lambda ctx: f"a link must not contain {ctx['characters']}; {_ADDRESS}",
    "link_unbalanced": lambda ctx: f"a link has an unbalanced {ctx['opening']} or {ctx['closing']}; {_ADDRESS}",
    "link_invalid": lambda ctx: f"this is not a valid web address (http://host/path); {_ADDRESS}",
    "link_user": lambda ctx: (f"the part before @ is a user name that hides the real host ({ctx['host']}); "
                              f"{_ADDRESS}"),
    "link_no_host": lambda ctx: f"this link names no host (http://host/path); {_ADDRESS}",
    "link_unicode_host": lambda ctx: (f"write the host in its ASCII form, as browsers send it: "
                                      f"{ctx['ascii'] or 'its xn-- form'} (for {clip(ctx['host'])})"),
    "link_ip": lambda ctx: (f"{ctx['host']} is an IP address ({ctx['address']} as browsers read it), not a public "
                            f"web address; {_ADDRESS}"),
    "link_private": lambda ctx: (f"{ctx['host']} ends in .{ctx['tld']}, which names hosts of a private network, not a "
                                 f"public domain; {_ADDRESS}"),
    "link_tld": lambda ctx: (f"{ctx['host']} ends in .{ctx['tld']}, which is no public domain (those have at least "
                             f"two letters); {_ADDRESS}"),
    "link_host": lambda ctx: f"the host {ctx['host']} holds '{ctx['character']}', which no host name has; {_ADDRESS}",
    "link_port": lambda ctx: (f"{ctx['port']} is not a port a web server listens on (1 to 65535); write the address "
                              "without it, or with its right port"),
    "link_local": lambda ctx: (f"{ctx['host']} is not a public web address (an IP address, a local name or no "
                               f"domain); {_ADDRESS}"),
    "contact_email": lambda ctx: (f"{_short(ctx['value'])} is not an e-mail address; write one such as "
                                  "name@host.vn, or a web address starting with https://"),
    "contact_placeholder": lambda ctx: (f"{clip(ctx['host'])} is a placeholder domain that reaches no one; give "
                                        "the editors' real address, or leave contact out"),
    "moment_with_time": lambda ctx: "give a date without a time, e.g. 2023-06-30",
    "moment_not_a_date": lambda ctx: (f"{_short(ctx['value'])} is not a date; write 2023-06-30, 2023-10, 2023-Q1, "
                                      "2023 or 'late 2023'"),
    "moment_bad_month": lambda ctx: f"{_short(ctx['value'])} has no month {ctx['month']}",
    "moment_expected": lambda ctx: "a date is expected, e.g. 2023-06-30, 2023-10 or 2023",
    "year_out_of_range": lambda ctx: (f"the year {ctx['year']} is out of range; write a year from {ctx['low']} "
                                      f"to {ctx['high']}"),
    "until_before_when": lambda ctx: (f"until ({ctx['until']}) is before when ({ctx['when']}); swap them or "
                                      "correct one"),
    "span_reversed": lambda ctx: "end comes before start",
    "count_negative": lambda ctx: (f"a count cannot be negative ({ctx['value']}); write how many, and say in the "
                                   "text what fell"),
    "value_shadowed": lambda ctx: (f"a value named '{ctx['name']}' would be hidden: {{{ctx['name']}}} shows the "
                                   f"item's own {ctx['name']}: date; give the value another name"),
    "affects_twice": lambda ctx: f"'{ctx['name']}' is named twice in affects; name each item once",
    "group_empty": lambda ctx: ("this group has no items and no intro, so its heading would stand with "
                                "nothing below it; add items or an intro"),
    "change_since_after_event": lambda ctx: (f"change_since ({ctx['since']}) is after the event "
                                             f"({ctx['event']}); a change is measured since an earlier year"),
    "change_without_base": lambda ctx: "a change needs change_since: the year it is compared with",
    "indicator_empty": lambda ctx: "an indicator needs a value or a text",
    "brace_single": lambda ctx: ("this text has a single { or }; a placeholder is written {name}, and a brace "
                                 "shown as it is is written twice: {{ or }}"),
    "placeholder_unknown": _placeholder_unknown,
    "placeholder_left_out": lambda ctx: (f"this text leaves out {', '.join('{' + n + '}' for n in ctx['names'])}, "
                                         "which the other language shows"),
}
_PATTERN_WORDS = {
    typing.get_args(NonBlank)[1].pattern: "a text must not be empty",
    typing.get_args(LanguageCode)[1].pattern: "is not a language code; write a lowercase code such as vi or en",
    typing.get_args(Id)[1].pattern: "is not a valid id: use lowercase ASCII letters, digits and hyphens (ring-road-4)",
    r"^[a-z_]+$": "is not a valid value name: use lowercase ASCII letters and _ (growth_rate)",
}


def pydantic_problems(error: ValidationError, loaded: Loaded, model: type[BaseModel] = Report) -> list[Problem]:
    """Turn pydantic's errors into one plain problem per field, positioned in the file."""
    found = list(_merge_unions(error.errors(include_url=False), loaded.data, model))
    # A misspelt field is reported once, as unknown with its guess, not also as missing.
    guesses = {path: _guess(path, model) for path, _, detail in found if detail["type"] == "extra_forbidden"}
    guessed = {(*path[:-1], guess) for path, guess in guesses.items() if guess}
    problems: dict[tuple[FieldPath, str], Problem] = {}
    for path, is_key, detail in found:
        if detail["type"] == "missing" and path in guessed:
            continue
        problem = _problem(path, is_key, detail, loaded, model, guesses.get(path))
        problems.setdefault((problem.path, problem.message), problem)
    if not problems and error.errors():  # never "0 errors" for data the model refused
        detail = error.errors(include_url=False)[0]
        located = _clean_loc(detail, loaded.data)
        return [loaded.positions.problem(located.path, f"this value is not what the field takes ({detail['msg']})")]
    return list(problems.values())


def _problem(path: FieldPath, is_key: bool, detail: Mapping[str, Any], loaded: Loaded, model: type[BaseModel],
             guess: str | None) -> Problem:
    positions, kind, ctx = loaded.positions, detail["type"], detail.get("ctx") or {}
    if kind == "extra_forbidden":
        return positions.problem(path, _unknown_field(path, model, guess), key=True)
    if kind == "missing":
        return positions.problem(path, "this field is missing; add it")
    # An item's validator may object to one of its texts: point at that text in that language.
    target = _value_at(loaded.data, path)
    if "at" in ctx and _value_at(target, ctx["at"]) is not None:  # a rule across fields: the line to change
        path = (*path, *ctx["at"])
    elif "field" in ctx and isinstance(target, dict) and ctx["field"] in target:
        path = (*path, ctx["field"], ctx["lang"])
    elif "lang" in ctx and isinstance(target, dict) and ctx["lang"] in target:
        path = (*path, ctx["lang"])
    return positions.problem(path, _message(detail, path, model), key=is_key)


@dataclass(frozen=True)
class _Located:
    """A pydantic error followed through the data: its field path and any union branch taken."""

    path: FieldPath
    is_key: bool
    union_at: FieldPath | None
    branch: str | None
    detail: Mapping[str, Any]


def _clean_loc(detail: Mapping[str, Any], data: Any) -> _Located:
    """Follow pydantic's error location through the data, dropping its internal steps.

    A step that is not in the data is a union branch (``int``, ``Measure``), except the last
    step of a missing or unknown field, which names that field.
    """
    loc, kind = detail["loc"], detail["type"]
    path: list[str | int] = []
    is_key, union_at, branch, node = False, None, None, data
    for index, part in enumerate(loc):
        if part == "[key]":
            is_key = True
        elif (isinstance(node, dict) and part in node) or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            path.append(part)
            node = node[part]
        elif index == len(loc) - 1 and kind in {"missing", "extra_forbidden"}:
            path.append(part)
        elif branch is None:
            union_at, branch = tuple(path), str(part)
    return _Located(tuple(path), is_key, union_at, branch, detail)


def _branch_type(branch: str | None) -> str:
    """The type a union branch stands for: `function-after[_count(), int]` is `int`."""
    return (branch or "").split("[")[-1].rstrip("]").split(", ")[-1]


def _merge_unions(details: Sequence[Mapping[str, Any]], data: Any, model: Any) -> Iterator[tuple[FieldPath, bool, Mapping[str, Any]]]:
    """One message per field: a union reports once per branch, so keep what the editor meant."""
    located = [_clean_loc(detail, data) for detail in details]
    unions: dict[FieldPath, list[_Located]] = {}
    for item in located:
        if item.branch is None or item.union_at is None:
            yield item.path, item.is_key, item.detail
        else:
            unions.setdefault(item.union_at, []).append(item)
    for union_at, items in unions.items():
        value = _value_at(data, union_at)
        if isinstance(value, dict):
            # A group of fields was written: only the model branches' own errors help.
            helpful = [item for item in items if _branch_type(item.branch)[:1].isupper()
                       and not (item.path == union_at and item.detail["type"] == "model_type")]
            for item in helpful:
                yield item.path, item.is_key, item.detail
            if helpful:
                continue
        # A branch that took the value and found it wrong (a count too large) says what is wrong.
        own = [item for item in items if item.detail["type"] in _CUSTOM]
        if own:
            yield own[0].path, own[0].is_key, own[0].detail
            continue
        words = [_BRANCH_WORDS.get(_branch_type(item.branch), "a group of fields") for item in items]
        if "a whole number" in words and "a number" in words:
            words.remove("a whole number")
        # One error for the union, as data: what its branches expect, and what was found.
        yield union_at, False, {"type": "union_expected", "loc": (), "input": value,
                                "ctx": {"expected": list(dict.fromkeys(words))}}


def _message(detail: Mapping[str, Any], path: FieldPath, model: Any = Report) -> str:
    kind = detail["type"]
    if kind in _CUSTOM:
        return _CUSTOM[kind](detail.get("ctx") or {})
    found = detail.get("input")
    if kind == "union_expected":
        shown = f" (found {_short(found)})" if found is not None else f" ({_EMPTY_VALUE})"
        return f"{' or '.join(detail['ctx']['expected'])} is expected{shown}"
    shown = f" (found {_short(found)})" if not isinstance(found, (dict, list)) else ""
    if found is None and kind.endswith("_type"):
        expected = _TEXT_EXPECTED if annotation_at(path, model) is Text else _TYPE_WORDS.get(kind, detail["msg"])
        return f"{_EMPTY_VALUE}; {expected}"
    if kind == "dict_type" and annotation_at(path, model) is Text:
        return _TEXT_EXPECTED + shown
    if kind in _TYPE_WORDS:
        return _TYPE_WORDS[kind] + shown
    if kind == "string_pattern_mismatch":
        words = _PATTERN_WORDS.get(detail.get("ctx", {}).get("pattern"), "does not have the expected form")
        return words if words.startswith("a text") else f"{_short(found)} {words}"
    if kind in {"too_short", "too_long"}:
        context = {**length_bounds(path, model), **detail.get("ctx", {})}
        low, high = context.get("min_length"), context.get("max_length")
        count = len(found) if isinstance(found, (list, dict)) else "?"
        if kind == "too_short" and high is None:
            return f"at least {_entries(low)} needed, found {count}"
        if kind == "too_long" and low is None:
            return f"at most {_entries(high)} allowed, found {count}"
        return f"exactly {_entries(high if kind == 'too_long' else low)} needed here, found {count}"
    if kind in {"enum", "literal_error"}:
        return f"{_short(found)} is not one of: {detail['ctx']['expected']}"
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        return f"{words} {detail.get('ctx', {}).get(key)} is expected{shown}"
    return detail["msg"] + shown


def _value_at(data: Any, path: FieldPath, default: Any = None) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return default
    return data


def _entries(count: int | None) -> str:
    return f"{count} entry is" if count == 1 else f"{count} entries are"


def _short(value: Any) -> str:
    """A value quoted in a message, never more than 40 characters."""
    if isinstance(value, dt.datetime):
        value = value.isoformat(sep=" ")  # not Python's datetime.datetime(2023, 4, 19, 10, 0)
    elif isinstance(value, dt.date):
        value = value.isoformat()
    return f"'{clip(value, QUOTED - 2)}'" if isinstance(value, str) else clip(repr(value))


def _guess(path: FieldPath, model: type[BaseModel]) -> str | None:
    """The known field an unknown one is probably a misspelling of."""
    name = str(path[-1])
    if name.isdigit():
        return None
    guess = difflib.get_close_matches(name, field_names(path[:-1], model), n=1, cutoff=0.6)
    return guess[0] if guess else None


def _unknown_field(path: FieldPath, model: type[BaseModel], guess: str | None) -> str:
    name = str(path[-1])
    known = field_names(path[:-1], model)
    message = f"unknown field '{clip(name)}'"
    if name.isdigit():  # `{value: 141,8}` reads as value 141 and a field named 8
        return f"{message}: a decimal comma splits a number in two; write decimals with a dot (141.8)"
    if guess:
        return f"{message}; did you mean '{guess}'?"
    if known:
        return f"{message}; the fields here are: {', '.join(known)}"
    return message
