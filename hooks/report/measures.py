"""Numbers and dates of the model: measures with their units, counts, moments and spans of years.

Each language formats them its own way (`report.localise`); the model only says what they are.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, StrictBool, StrictFloat, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from .texts import Strict

# What the site can format in both languages, with room to spare (EDITING.md).
LARGEST = 10**15


def _formattable(number: float) -> float:
    if abs(number) >= LARGEST:
        raise PydanticCustomError("number_too_large", "the number is too large for the site (largest: {largest})",
                                  {"largest": LARGEST})
    return number


Number = Annotated[StrictInt | StrictFloat, AfterValidator(_formattable)]


class Unit(StrEnum):
    """Units are words per language (see the labels), never symbols invented per page."""

    percent = "percent"
    usd_billion = "usd_billion"
    vnd_million_per_person_year = "vnd_million_per_person_year"
    unspecified = "unspecified"


class Measure(Strict):
    """A number with its unit, e.g. ``{value: 141.8, unit: vnd_million_per_person_year}``."""

    value: Number
    unit: Unit
    approximate: StrictBool = False


MOMENT_PATTERN = re.compile(r"^(?:(?P<part>early|mid|late) )?(?P<year>\d{4})(?:-(?:(?P<quarter>Q[1-4])|(?P<month>\d{2})))?$")


YEARS = (1900, 2100)


def plausible_year(year: int) -> None:
    """A plausibility range for every year (EDITING.md): it catches typos like 9999 or 223."""
    if not YEARS[0] <= year <= YEARS[1]:
        raise PydanticCustomError("year_out_of_range", "the year {year} is out of range ({low} to {high})",
                                  {"year": year, "low": YEARS[0], "high": YEARS[1]})


class Moment(Strict):
    """A point in time at the precision the source gives: a day, a month, a quarter or a year.

    Written in YAML as ``2023-06-30``, ``2023-10``, ``2023-Q1``, ``2023`` or ``late 2023``.
    """

    year: int
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    part: Literal["early", "mid", "late"] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_yaml(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            raise PydanticCustomError("moment_with_time", "a date without a time is expected")
        if isinstance(value, dt.date):
            return {"year": value.year, "month": value.month, "day": value.day}
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            match = MOMENT_PATTERN.match(value.strip())
            if not match:
                raise PydanticCustomError("moment_not_a_date", "'{value}' is not a date", {"value": value})
            month = int(match["month"]) if match["month"] else None
            if month is not None and not 1 <= month <= 12:
                raise PydanticCustomError("moment_bad_month", "'{value}' has no month {month}",
                                          {"value": value, "month": month})
            return {
                "year": int(match["year"]),
                "month": month,
                "quarter": int(match["quarter"][1]) if match["quarter"] else None,
                "part": match["part"],
            }
        if isinstance(value, dict):
            return value
        raise PydanticCustomError("moment_expected", "a date is expected")

    @model_validator(mode="after")
    def _plausible_year(self) -> Moment:
        plausible_year(self.year)
        return self

    @property
    def notation(self) -> str:
        """The moment as `data/report.yaml` writes it: 2023-06-30, 2023-10, 2023-Q1, late 2023 or 2023."""
        if self.quarter:
            return f"{self.year:04d}-Q{self.quarter}"
        if self.part:
            return f"{self.part} {self.year:04d}"
        return self.iso

    @property
    def iso(self) -> str:
        """ISO 8601 no more precise than the source (2023-06-30, 2023-10 or 2023), as `<time datetime>` wants."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def end(self) -> dt.date:
        """The last day this moment may mean: a dated commitment is due by then."""
        if self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        month = self.month or (3 * self.quarter if self.quarter else None)
        if month is None:
            month = {"early": 4, "mid": 8, "late": 12, None: 12}[self.part]
        following = dt.date(self.year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def start(self) -> dt.date:
        """The first day this moment may mean, for sorting a timeline."""
        month = self.month or (3 * (self.quarter - 1) + 1 if self.quarter else None)
        if month is None:
            month = {"early": 1, "mid": 5, "late": 9, None: 1}[self.part]
        return dt.date(self.year, month, self.day or 1)


# A count shown in a text: within what the site can format, like every number.
def _count(number: int) -> int:
    if number < 0:
        raise PydanticCustomError("count_negative", "a count cannot be negative ({value})", {"value": number})
    return number


# A value is a count (how many projects, sites...) or a measure with its unit.
Value = Annotated[StrictInt, AfterValidator(_formattable), AfterValidator(_count)] | Measure


class Span(Strict):
    """A span of years, e.g. the programme's `period` and `term`."""

    start: StrictInt
    end: StrictInt

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        for year in (self.start, self.end):
            plausible_year(year)
        if self.end < self.start:
            raise PydanticCustomError("span_reversed", "end comes before start", {"at": ["end"]})
        return self
