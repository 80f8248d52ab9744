"""Texts of the model: one entry per site language, blank ones refused, placeholders in braces.

Also the model's base class (`Strict`: unknown keys are errors), its ids and the mark of the
fields shown on one line (`ONE_LINE`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, RootModel, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
# Characters that show nothing: a text made only of these (and spaces) is as empty as a blank one.
_EMPTY_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_INVISIBLE_EXTRA = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def visible(char: str) -> bool:
    """Whether ``char`` shows anything: not a space, a format character (zero-width...) or a control."""
    return not (char.isspace() or unicodedata.category(char) in _EMPTY_CATEGORIES or char in _INVISIBLE_EXTRA)


def _visible(text: str) -> str:
    if not any(visible(char) for char in text):
        raise PydanticCustomError("text_invisible", "a text made only of invisible characters")
    return text


# Searched, not anchored: at least one visible character, so a blank text is refused per language.
NonBlank = Annotated[str, StringConstraints(pattern=r"\S"), AfterValidator(_visible)]
class OneLine:
    """Marks a field shown in a heading, a title or an attribute: one line in every language.

    Checked by `validation.py` (with the file's positions), not by pydantic.
    """

    def __repr__(self) -> str:
        return "OneLine()"


ONE_LINE = OneLine()
# Anything in braces is a placeholder (`{ sites }` or `{Sites}` must not print as written); `{{` and
# `}}` write one brace shown as it is, as in Python's str.format; a single `{` or `}` is a mistake.
BRACES = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def placeholders_in(text: str) -> set[str]:
    """The placeholder names in ``text``: what stands in single braces, escaped braces aside."""
    return {match[1] for match in BRACES.finditer(text) if match[1] is not None}


def lone_brace_in(text: str) -> bool:
    """Whether ``text`` has a `{` or `}` that is neither doubled nor part of a placeholder."""
    return any(match[0] in "{}" for match in BRACES.finditer(text))


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must never be ignored silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(RootModel[dict[LanguageCode, NonBlank]]):
    """A human-readable text, one entry per language: ``{vi: ..., en: ...}``."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    @field_validator("root")
    @classmethod
    def _not_blank(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise PydanticCustomError("text_no_language", "a text needs at least one language")
        return value

    def placeholders(self) -> dict[str, set[str]]:
        return {lang: placeholders_in(text) for lang, text in self.root.items()}


def placeholder_problem(text: Text, known: set[str], field: str | None = None, *,
                        same_in_every_language: bool = True) -> PydanticCustomError | None:
    """The first placeholder mistake in ``text`` (as data: its type and context), or None.

    ``known`` are the names the text may use; ``field`` names the text within its item, so that
    the message can point at the text and its language rather than at the whole item.
    """
    where: dict[str, Any] = {"field": field} if field else {}
    where["known"] = sorted(known)
    for lang, value in text.root.items():
        if lone_brace_in(value):
            return PydanticCustomError("brace_single", "{lang}: a single brace", {**where, "lang": lang})
    per_language = text.placeholders()
    for lang, names in per_language.items():
        unknown = names - known
        if unknown:
            odd = sorted(unknown)[0]
            near = odd.strip().lower().replace(" ", "_")
            close = [near] if near in known else difflib.get_close_matches(near, sorted(known), n=1)
            return PydanticCustomError("placeholder_unknown", "{lang}: unknown placeholder {name}",
                                       {**where, "lang": lang, "name": odd, "suggestion": close[0] if close else ""})
    all_names = set().union(*per_language.values()) if per_language else set()
    for lang, names in per_language.items() if same_in_every_language else ():
        if names != all_names:
            return PydanticCustomError("placeholder_left_out", "{lang}: leaves out {names}",
                                       {**where, "lang": lang, "names": sorted(all_names - names)})
    return None
