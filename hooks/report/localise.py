"""Turn the bilingual model into plain values for one language.

Texts become strings in that language, with their `{placeholders}` filled in; numbers and dates
are formatted by Babel for the locale, with units in words from the labels.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from pydantic import BaseModel, RootModel

from .measures import Measure, Moment
from .model import Indicator, WithValues
from .texts import BRACES, Text

Labels = Mapping[str, Text]

# How each language writes a day: (Babel locale, pattern). CLDR's own long forms read as foreign
# here: a Vietnamese editor writes "19 tháng 4 năm 2023" (CLDR: "19 tháng 4, 2023"), and the
# site's English is British, "19 April 2023" (CLDR "en": "April 19, 2023"). Other languages: CLDR.
DATE_FORMATS: Mapping[str, tuple[str, str]] = {
    "vi": ("vi", "d 'tháng' M 'năm' y"),
    "en": ("en_GB", "long"),
}

# How each language writes a small count in running text: British English spells out one to nine
# ("in three groups", "at four sites"); Vietnamese writes figures, as the source does ("3 nhóm").
COUNT_WORDS: Mapping[str, Mapping[int, str]] = {
    "en": dict(enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"), start=1)),
}


def roman(number: int) -> str:
    """17 -> 'XVII' (Vietnamese writes Party tenures and congresses in Roman numerals)."""
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for amount, numeral in numerals:
        count, number = divmod(number, amount)
        out += numeral * count
    return out


def ordinal(number: int) -> str:
    """17 -> '17th' (English)."""
    suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True)
class Localiser:
    """Formats texts, numbers and dates in one language, the site's default as fallback."""

    lang: str
    labels: Labels
    fallback: str
    # Texts (by object identity) whose translation in this language may be out of date: marked.
    outdated: frozenset[int] = frozenset()

    def text(self, text: Text, values: Mapping[str, str] | None = None) -> str:
        """The text in this language; a visible marker where the translation is missing."""
        if self.lang in text.root:
            result = fill(text.root[self.lang], values or {})
        else:
            original = text.root.get(self.fallback) or next(iter(text.root.values()))
            result = self.label("translation_pending", text=fill(original, values or {}))
        if id(text) in self.outdated:
            result = self.label("translation_outdated", text=result)
        return result

    def label(self, name: str, **values: Any) -> str:
        template = self.labels[name]
        chosen = template.root.get(self.lang) or template.root.get(self.fallback) or next(iter(template.root.values()))
        return fill(chosen, {k: str(v) for k, v in values.items()})

    def number(self, value: float | int) -> str:
        return format_decimal(value, locale=self.lang, decimal_quantization=False)

    def count(self, value: int) -> str:
        """A whole count from an item's `values`, in words where the language spells it out."""
        return COUNT_WORDS.get(self.lang, {}).get(value) or self.number(value)

    def measure(self, measure: Measure) -> str:
        text = self.label(f"unit_{measure.unit.value}", value=self.number(measure.value))
        return self.label("approximately", value=text) if measure.approximate else text

    def change(self, change: Measure) -> str:
        """A change worded by its sign: "up 2.5%" / "down 2.5%" (never "up -2.5%"), zero as unchanged."""
        if change.value == 0:  # -0.0 too
            return self.label("unchanged")
        label = "increase" if change.value > 0 else "decrease"
        return self.label(label, value=self.measure(change.model_copy(update={"value": abs(change.value)})))

    def date(self, day: dt.date) -> str:
        locale, pattern = DATE_FORMATS.get(self.lang, (self.lang, "long"))
        return format_date(day, format=pattern, locale=locale)

    def moment(self, moment: Moment) -> str:
        if moment.month and moment.day:
            return self.date(dt.date(moment.year, moment.month, moment.day))
        if moment.month:
            locale = DATE_FORMATS.get(self.lang, (self.lang, "long"))[0]
            return format_skeleton("yMMMM", dt.date(moment.year, moment.month, 1), locale=locale)
        if moment.quarter:
            return self.label("quarter", roman=roman(moment.quarter), number=moment.quarter, year=moment.year)
        if moment.part:
            return self.label(f"part_{moment.part}", year=moment.year)
        return str(moment.year)  # a year is a name, never "2.023"

    def since(self, moment: Moment) -> str:
        """What a change is measured from: "so với năm 2021", "so với tháng 6 năm 2021"."""
        if moment.month or moment.quarter or moment.part:
            return self.label("since_moment", moment=self.moment(moment))
        return self.label("since", year=str(moment.year))

    def tenure(self, number: int) -> str:
        return self.label("tenure", roman=roman(number), ordinal=ordinal(number))


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace each known `{name}` and each escaped `{{` or `}}` by one brace, in one pass (so a
    value is never read again); leave anything else exactly as written."""

    def one(match: re.Match) -> str:
        if match[0] in ("{{", "}}"):
            return match[0][0]
        return values.get(match[1], match[0]) if match[1] is not None else match[0]

    return BRACES.sub(one, template)


class Record(SimpleNamespace):
    """A localised model object; attribute access in templates never hits dict methods."""


def localise(node: Any, localiser: Localiser) -> Any:
    """The model as plain dicts, lists and strings in the localiser's language.

    Measures become ``{"value", "unit", "approximate", "text"}``; moments ``{"iso", "start", "text"}``;
    dates ``{"iso", "text"}``. Texts of an item that has `values` get them filled in.
    """
    if isinstance(node, Text):
        return localiser.text(node)
    if isinstance(node, Measure):
        return {"value": node.value, "unit": node.unit.value, "approximate": node.approximate,
                "text": localiser.measure(node)}
    if isinstance(node, Moment):
        return {"iso": node.start.isoformat(), "start": node.start, "text": localiser.moment(node)}
    if isinstance(node, dt.date):
        return {"iso": node.isoformat(), "text": localiser.date(node)}
    if isinstance(node, BaseModel) and not isinstance(node, RootModel):
        values = _formatted_values(node, localiser) if isinstance(node, WithValues) else None
        out = Record()
        for name in type(node).model_fields:
            value = getattr(node, name)
            if values is not None and isinstance(value, Text):
                setattr(out, name, localiser.text(value, values))
            else:
                setattr(out, name, localise(value, localiser))
        if isinstance(node, Indicator) and node.change and node.change_since:
            out.change_text = " ".join([
                localiser.change(node.change),
                localiser.since(node.change_since),
            ])
        return out
    if isinstance(node, RootModel):
        return localise(node.root, localiser)
    if isinstance(node, list):
        return [localise(item, localiser) for item in node]
    if isinstance(node, dict):
        return {key: localise(value, localiser) for key, value in node.items()}
    if hasattr(node, "value") and hasattr(node, "name"):  # enums
        return node.value
    return node


def _formatted_values(node: WithValues, localiser: Localiser) -> dict[str, str]:
    values = {
        name: localiser.measure(value) if isinstance(value, Measure) else localiser.count(value)
        for name, value in node.values.items()
    }
    for name in ("when", "until"):
        moment = getattr(node, name, None)
        if isinstance(moment, Moment):
            values[name] = localiser.moment(moment)
    return values
