"""The typed model of the review: what `data/report.yaml` may contain.

Every human-readable text is a `Text` (one entry per site language); numbers are `Measure`s or
plain counts and dates are `Moment`s, so that each language formats them its own way.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from enum import Enum
from typing import Annotated, Any, Literal, Optional, Union

import rfc3986
import rfc3986.exceptions
import rfc3986.validators
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
# Searched, not anchored: at least one visible character, so a blank text is refused per language.
NonBlank = Annotated[str, StringConstraints(pattern=r"\S")]
# What the site can format in both languages, with room to spare (README, editing).
LARGEST = 10**15


def _formattable(number: float) -> float:
    if abs(number) >= LARGEST:
        raise ValueError(f"the number is too large for the site; write one smaller than {LARGEST:,} in size")
    return number


Number = Annotated[Union[StrictInt, StrictFloat], AfterValidator(_formattable)]


class OneLine:
    """Marks a field shown in a heading, a title or an attribute: one line in every language.

    Checked by `validation.py` (with the file's positions), not by pydantic.
    """

    def __repr__(self) -> str:
        return "OneLine()"


ONE_LINE = OneLine()
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Anything in braces is meant as a placeholder: `{ sites }` or `{Sites}` must not print as written.
BRACED = re.compile(r"\{([^{}\n]{0,40})\}")


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must never be ignored silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(RootModel[dict[LanguageCode, NonBlank]]):
    """A human-readable text, one entry per language: ``{vi: ..., en: ...}``."""

    model_config = ConfigDict(frozen=True)

    @field_validator("root")
    @classmethod
    def _not_blank(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise ValueError("a text needs at least one language, e.g. {vi: ..., en: ...}")
        return value

    def placeholders(self) -> dict[str, set[str]]:
        return {lang: set(BRACED.findall(text)) for lang, text in self.root.items()}


class Url(RootModel[str]):
    """An absolute http(s) address with a host, parsed by rfc3986; no `javascript:` reaches a page.

    It is written into an escaped `href`, never into Markdown link syntax; what would break out of
    one (quotes, angle brackets, unbalanced brackets) is refused here too.
    """

    @field_validator("root")
    @classmethod
    def _http_only(cls, value: str) -> str:
        problem = url_problem(value)
        if problem:
            raise ValueError(problem)
        return value


_URL_CHECK = (
    rfc3986.validators.Validator()
    .allow_schemes("http", "https")
    .require_presence_of("scheme", "host")
    .check_validity_of("scheme", "host", "port", "path", "query", "fragment")
)


def url_problem(value: str) -> str | None:
    """What is wrong with ``value`` as a link on the site, in an editor's words; None if nothing."""
    if re.search(r"\s", value) or not re.match(r"^https?://", value, re.IGNORECASE):
        return "a link must start with http:// or https:// and contain no spaces"
    bad = sorted({char for char in value if char in "\"'<>\\`"})
    if bad:
        return f"a link must not contain {' '.join(bad)}; copy the address from the browser's address bar"
    for opening, closing in ("()", "[]", "{}"):
        depth = 0
        for char in value:
            depth += (char == opening) - (char == closing)
            if depth < 0:
                break
        if depth != 0:
            return f"a link has an unbalanced {opening} or {closing}; copy the address from the browser's address bar"
    try:
        _URL_CHECK.validate(rfc3986.uri_reference(value))
    except rfc3986.exceptions.ValidationError:
        return "this is not a valid web address (http://host/path); copy it from the browser's address bar"
    return None


class Unit(str, Enum):
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


_MOMENT = re.compile(r"^(?:(?P<part>early|mid|late) )?(?P<year>\d{4})(?:-(?:(?P<quarter>Q[1-4])|(?P<month>\d{2})))?$")


YEARS = (1900, 2100)


class Moment(Strict):
    """A point in time at the precision the source gives: a day, a month, a quarter or a year.

    Written in YAML as ``2023-06-30``, ``2023-10``, ``2023-Q1``, ``2023`` or ``late 2023``.
    """

    year: int
    month: Optional[int] = None
    day: Optional[int] = None
    quarter: Optional[int] = None
    part: Optional[Literal["early", "mid", "late"]] = None

    @model_validator(mode="before")
    @classmethod
    def _from_yaml(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            raise ValueError("give a date without a time, e.g. 2023-06-30")
        if isinstance(value, dt.date):
            return {"year": value.year, "month": value.month, "day": value.day}
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            match = _MOMENT.match(value.strip())
            if not match:
                raise ValueError(
                    f"'{value}' is not a date; write 2023-06-30, 2023-10, 2023-Q1, 2023 or 'late 2023'"
                )
            month = int(match["month"]) if match["month"] else None
            if month is not None and not 1 <= month <= 12:
                raise ValueError(f"'{value}' has no month {month}")
            return {
                "year": int(match["year"]),
                "month": month,
                "quarter": int(match["quarter"][1]) if match["quarter"] else None,
                "part": match["part"],
            }
        if isinstance(value, dict):
            return value
        raise ValueError("a date is expected, e.g. 2023-06-30, 2023-10 or 2023")

    @model_validator(mode="after")
    def _plausible_year(self) -> "Moment":
        # A plausibility range (README, editing): it catches typos like 9999 or 223.
        if not YEARS[0] <= self.year <= YEARS[1]:
            raise ValueError(f"the year {self.year} is out of range; write a year from {YEARS[0]} to {YEARS[1]}")
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
        if self.day:
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


Value = Union[StrictInt, Measure]


class _WithValues(Strict):
    """Texts may name `{placeholders}` that stand for typed numbers and dates of the same item."""

    values: dict[Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")], Value] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _placeholders_match(self) -> "_WithValues":
        # {when} and {until} only where the item has them, or the braces would print as they are.
        known = set(self.values) | {n for n in ("when", "until") if getattr(self, n, None) is not None}
        for name, field_value in self:
            if not isinstance(field_value, Text):
                continue
            per_language = field_value.placeholders()
            for lang, names in per_language.items():
                unknown = names - known
                if unknown:
                    odd = sorted(unknown)[0]
                    near = odd.strip().lower().replace(" ", "_")
                    close = [near] if near in known else difflib.get_close_matches(near, sorted(known), n=1)
                    hint = f"; did you mean {{{close[0]}}}?" if close else ""
                    raise ValueError(
                        f"{name}.{lang} uses {{{odd}}}, which is not among this item's values{hint}"
                    )
            all_names = set().union(*per_language.values()) if per_language else set()
            for lang, names in per_language.items():
                if names != all_names:
                    missing = ", ".join("{" + n + "}" for n in sorted(all_names - names))
                    raise ValueError(f"{name}.{lang} leaves out {missing}, which the other language shows")
        return self


class Point(_WithValues):
    """One statement of the review."""

    id: Id
    text: Text
    note: Optional[Text] = None


class Item(_WithValues):
    """A titled item: a project, a scheme, an instruction. Dated items appear on the timeline."""

    id: Id
    title: Annotated[Text, ONE_LINE]
    text: Optional[Text] = None
    when: Optional[Moment] = None
    until: Optional[Moment] = None
    highlight: StrictBool = False
    note: Optional[Text] = None

    @model_validator(mode="after")
    def _until_after_when(self) -> "Item":
        if self.when is not None and self.until is not None and self.until.end < self.when.start:
            raise ValueError(
                f"until ({self.until.notation}) is before when ({self.when.notation}); swap them or correct one"
            )
        return self


class Position(Strict):
    id: Id
    title: Annotated[Text, ONE_LINE]


class Speaker(Strict):
    name: Annotated[Text, ONE_LINE]
    positions: list[Position] = Field(min_length=1)


class Event(Strict):
    id: Id
    date: dt.date
    part_of_day: Optional[Literal["morning", "afternoon", "evening"]] = None
    name: Annotated[Text, ONE_LINE]
    summary: Text
    speaker: Speaker


class Span(Strict):
    start: StrictInt
    end: StrictInt

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError("end comes before start")
        return self


class Programme(Strict):
    id: Id
    code: Annotated[str, ONE_LINE]
    issuer: Annotated[Text, ONE_LINE]
    tenure: StrictInt = Field(ge=1)
    title: Annotated[Text, ONE_LINE]
    period: Span
    term: Span


class Source(Strict):
    publisher: Annotated[Text, ONE_LINE]
    abbreviation: Annotated[str, ONE_LINE]
    published: dt.date
    home: Url
    notice: Text
    notes: list[Point] = Field(default_factory=list)


class Indicator(Strict):
    """An economic figure; with a `national` comparison it can be charted against the country."""

    id: Id
    title: Annotated[Text, ONE_LINE]
    text: Optional[Text] = None
    value: Optional[Measure] = None
    when: Optional[Moment] = None
    national: Optional[Measure] = None
    change: Optional[Measure] = None
    change_since: Optional[Moment] = None
    note: Optional[Text] = None

    @model_validator(mode="after")
    def _change_has_base(self) -> "Indicator":
        if self.change is not None and self.change_since is None:
            raise ValueError("a change needs change_since: the year it is compared with")
        if self.value is None and self.text is None:
            raise ValueError("an indicator needs a value or a text")
        return self


class Group(Strict):
    """A titled group of items within the results."""

    id: Id
    title: Annotated[Text, ONE_LINE]
    intro: Optional[Text] = None
    items: list[Item] = Field(default_factory=list)


class Economy(Strict):
    id: Id
    title: Annotated[Text, ONE_LINE]
    intro: Text
    indicators: list[Indicator] = Field(min_length=1)


class Commendation(Strict):
    id: Id
    title: Annotated[Text, ONE_LINE]
    text: Text


class Results(Strict):
    id: Id
    heading: Annotated[Text, ONE_LINE]
    intro: Text
    leadership: Group
    initiatives: Group
    long_standing: Group
    economy: Economy
    commendation: Commendation


class Shortcoming(Strict):
    id: Id
    title: Annotated[Text, ONE_LINE]
    summary: Text
    points: list[Point] = Field(min_length=1)


class Shortcomings(Strict):
    id: Id
    heading: Annotated[Text, ONE_LINE]
    intro: Text
    areas: list[Shortcoming] = Field(min_length=5, max_length=5)
    follow_up: Point


class Directive(Strict):
    id: Id
    title: Annotated[Text, ONE_LINE]
    summary: Text
    points: list[Point] = Field(default_factory=list)


class Directives(Strict):
    id: Id
    heading: Annotated[Text, ONE_LINE]
    agreement: Point
    items: list[Directive] = Field(min_length=3, max_length=3)
    instructions: Group


class Update(_WithValues):
    """A correction or update published after the site was: when, what, and which items it concerns."""

    id: Id
    date: dt.date
    text: Text
    affects: list[Id] = Field(min_length=1)


class Report(Strict):
    """The whole review as `data/report.yaml` holds it."""

    event: Event
    programme: Programme
    source: Source
    results: Results
    shortcomings: Shortcomings
    directives: Directives
    # The public record of changes after publication, in any order (pages show the newest first).
    updates: list[Update] = Field(default_factory=list)
