"""What a file is checked for beyond its model, in one walk over its data: small rules, one per check.

The data may not be valid yet (the model may have refused it), so the walk follows the model's
types through the raw data (`model_paths.walk_data`) and every rule sees each value once: its path,
the type the model expects there and the data. A kind of file (the report, the labels) is a set of
rules (`Rules`); the two differ only in which rules they list.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .labels import LABEL_MUST_SHOW, LABEL_VALUES, PARAGRAPHS, required_labels
from .loading import Loaded
from .model_paths import annotation_at, is_model, walk_data
from .problems import FieldPath, Problem, clip
from .pydantic_errors import custom_message
from .texts import ONE_LINE, Text, placeholder_problem

CONFIG = "mkdocs.yml"  # the file that names the site's languages (the i18n plugin's `languages`)
LANGUAGE_NOT_BUILT = "language_not_built"
# Ids the templates give elements of their own (overrides/macros/report.md.j2) and the prefixes of
# the ids they derive (page titles, charts): a model id equal to one would take over its anchor.
RESERVED_IDS = ("key-figures", "sections", "timeline", "source", "method", "notes", "updates", "open-data", "cite",
                "glossary", "licence", "contact", "data-dictionary")
RESERVED_PREFIXES = ("page-", "chart-")


class Node(NamedTuple):
    """One value of the data: where it is, the type the model expects there, and the value."""

    path: FieldPath
    annotation: Any
    data: Any


@dataclass
class Walk:
    """One walk over a file: what the rules read, and what they remember between values."""

    loaded: Loaded
    model: Any
    languages: Sequence[str]
    pages: Sequence[str]
    rules: Rules
    seen_ids: dict[str, FieldPath] = field(default_factory=dict)
    texts: list[Node] = field(default_factory=list)

    def problem(self, path: FieldPath, message: str, **options: Any) -> Problem:
        return self.loaded.positions.problem(path, message, **options)


Rule = Callable[[Node, Walk], Iterable[Problem]]


@dataclass(frozen=True)
class Rules:
    """A kind of file: the rules for each value, for the whole file, and which fields are one line."""

    each: tuple[Rule, ...]
    whole: tuple[Callable[[Walk], Iterable[Problem]], ...]
    one_line: Callable[[FieldPath, Any], bool]
    noun: Callable[[FieldPath], str]  # what a one-line field is called in a message


def problems(loaded: Loaded, model: Any, languages: Sequence[str], rules: Rules,
             pages: Sequence[str] = ()) -> list[Problem]:
    """Every problem the rules find in ``loaded`` (checked against ``model``), in one walk."""
    walk = Walk(loaded, model, languages, pages, rules)
    found: list[Problem] = []
    for node in map(Node._make, walk_data(loaded.data, model)):
        for rule in rules.each:
            found += rule(node, walk)
    for whole in rules.whole:
        found += whole(walk)
    return found


# --- Rules for each value -------------------------------------------------------------------------


def _ident(node: Node) -> str | None:
    """The id of an item of the model (None for anything else)."""
    if is_model(node.annotation) and "id" in node.annotation.model_fields and isinstance(node.data, dict):
        ident = node.data.get("id")
        return ident if isinstance(ident, str) else None
    return None


def unique_id(node: Node, walk: Walk) -> Iterator[Problem]:
    ident = _ident(node)
    if ident is None:
        return
    if ident in walk.seen_ids:
        first_line, _ = walk.loaded.positions.of((*walk.seen_ids[ident], "id"))
        yield walk.problem((*node.path, "id"), f"the id '{ident}' is already used on line {first_line}; ids must be "
                           "unique")
    else:
        walk.seen_ids[ident] = node.path


def unreserved_id(node: Node, walk: Walk) -> Iterator[Problem]:
    ident = _ident(node)
    if ident is not None and (ident in RESERVED_IDS or ident.startswith(RESERVED_PREFIXES)):
        yield walk.problem((*node.path, "id"), (
            f"the id '{ident}' is used by the site's own headings; choose another (reserved: "
            f"{', '.join(RESERVED_IDS)}, and any id starting with {' or '.join(RESERVED_PREFIXES)})"))


def text_seen(node: Node, walk: Walk) -> Iterator[Problem]:
    """Texts are remembered for the languages rule, which needs them all."""
    if node.annotation is Text and isinstance(node.data, dict) and node.data:
        walk.texts.append(node)
    return iter(())


def one_line(node: Node, walk: Walk) -> Iterator[Problem]:
    if not (node.path and walk.rules.one_line(node.path, walk.model)):
        return
    values = node.data.items() if isinstance(node.data, dict) else [(None, node.data)]
    for lang, value in values:
        if isinstance(value, str) and "\n" in value:
            yield walk.problem((*node.path, lang) if lang is not None else node.path, (
                f"a {walk.rules.noun(node.path)} must be one line (it is shown in a heading, a title or an attribute), "
                "but this one has a line break: write it on one line; for a long one write `>-` and the text on "
                "indented lines below it (not `>` or `|`, and no blank line)"))


def _text(node: Node) -> Text | None:
    if node.annotation is not Text or not node.path or not isinstance(node.data, dict):
        return None
    return Text.model_construct({lang: value for lang, value in node.data.items() if isinstance(value, str)})


def no_placeholders(node: Node, walk: Walk) -> Iterator[Problem]:
    """A text of a field without values (a title, a summary) may use no placeholder (an item's own
    texts are checked by the model, against its values)."""
    text = _text(node)
    parent = annotation_at(node.path[:-1], walk.model) if text is not None else None
    if text is None or (is_model(parent) and "values" in parent.model_fields):
        return
    problem = placeholder_problem(text, set())
    if problem:
        context = problem.context or {}
        yield walk.problem((*node.path, context["lang"]), custom_message(problem.type, context))


def label_placeholders(node: Node, walk: Walk) -> Iterator[Problem]:
    """A label may use only the values the site gives it (in any of its languages), and must show
    those that stand for a figure, a year or a text."""
    text = _text(node)
    if text is None:
        return
    name = str(node.path[0])
    problem = placeholder_problem(text, set(LABEL_VALUES.get(name, ())), same_in_every_language=False)
    if problem:
        context = {**(problem.context or {}), "label": True}
        yield walk.problem((*node.path, context["lang"]), custom_message(problem.type, context))
        return
    for lang, names in text.placeholders().items():
        lost = [value for value in LABEL_MUST_SHOW.get(name, ()) if value not in names]
        if lost:
            shown = ", ".join("{" + value + "}" for value in lost)
            yield walk.problem((*node.path, lang), f"this label must show {shown}, or the figure it stands for "
                               f"disappears from the page; write {shown} where it belongs")


def whole_text(node: Node, walk: Walk) -> Iterator[Problem]:
    """An unquoted text followed by ` #...` on its line: YAML took the rest for a comment."""
    if node.annotation is not Text or not isinstance(node.data, dict):
        return
    for lang in node.data:
        comment = walk.loaded.comments.get((*node.path, lang))
        if comment:
            yield walk.problem((*node.path, lang), (
                f"the text stops before '{clip(comment)}': YAML reads ' #' as the start of a comment; if these words "
                "belong to the text, put the whole text in quotes"), severity="warning")


# --- Rules for the whole file ---------------------------------------------------------------------


def languages_of_texts(walk: Walk) -> Iterator[Problem]:
    """Every text is in the site's languages, and in each of them (a missing one is a warning).

    A language most texts are written in but the site does not build was removed from mkdocs.yml
    (or not added yet): one line for it, not one per text."""
    texts, languages = walk.texts, walk.languages
    written = {lang for node in texts for lang in node.data}
    not_built = {lang for lang in written - set(languages)
                 if isinstance(lang, str) and 2 * sum(lang in node.data for node in texts) >= len(texts) > 1}
    for lang in sorted(not_built):
        first = next(node.path for node in texts if lang in node.data)
        yield walk.problem((*first, lang), (
            f"the texts are written in '{lang}' too, but {CONFIG} does not build it (its languages are "
            f"{', '.join(languages)}); add '{lang}' to the i18n languages in {CONFIG}, or remove it from every "
            "text"), key=True, code=LANGUAGE_NOT_BUILT)
    for node in texts:
        for lang in node.data:
            if lang not in languages and lang not in not_built:
                yield walk.problem((*node.path, lang), f"'{lang}' is not a language of this site (its languages "
                                   f"are {', '.join(languages)})", key=True)
        for lang in languages:
            if lang not in node.data:
                yield walk.problem((*node.path, lang), f"the '{lang}' translation is missing", severity="warning")


def every_label(walk: Walk) -> Iterator[Problem]:
    """Every label the site uses is there; an unknown name close to a missing one is a typo."""
    data = walk.loaded.data
    if not isinstance(data, dict):
        return
    required = required_labels(walk.pages)
    unknown = [name for name in data if isinstance(name, str) and name not in required]
    for name in (name for name in required if name not in data):
        typo = difflib.get_close_matches(name, unknown, n=1)
        if typo:
            yield walk.problem((typo[0],), f"'{typo[0]}' is not a label the site uses; did you mean '{name}'?",
                               key=True)
        else:
            line, column = walk.loaded.positions.of(_beside(name, data), key=True)
            yield Problem(walk.loaded.positions.file, line, column, (name,), "this label is missing; the site uses "
                          "it: add it with every language")


def _beside(name: str, data: dict) -> FieldPath:
    """Where a missing label belongs: beside the last label of its family (`page_...`), else at the top."""
    family = [key for key in data if isinstance(key, str) and key.split("_")[0] == name.split("_")[0]]
    return (family[-1],) if family else ()


# --- Which fields are one line --------------------------------------------------------------------


def marked_one_line(path: FieldPath, model: Any) -> bool:
    """Whether the model marks the field at ``path`` ONE_LINE (inside or outside an Optional)."""
    parent = annotation_at(path[:-1], model) if path else None
    if not (is_model(parent) and path[-1] in parent.model_fields):
        return False
    field = parent.model_fields[path[-1]]
    inner = [typing.get_args(arg)[1:] for arg in typing.get_args(field.annotation)
             if typing.get_origin(arg) is typing.Annotated]
    return ONE_LINE in field.metadata or any(ONE_LINE in marks for marks in inner)


REPORT = Rules(each=(text_seen, unique_id, unreserved_id, one_line, no_placeholders, whole_text),
               whole=(languages_of_texts,), one_line=marked_one_line, noun=lambda path: str(path[-1]))
LABELS = Rules(each=(text_seen, one_line, label_placeholders, whole_text),
               whole=(languages_of_texts, every_label),
               one_line=lambda path, model: len(path) == 1 and path[0] not in PARAGRAPHS, noun=lambda path: "label")
