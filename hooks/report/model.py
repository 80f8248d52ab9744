"""The typed model of the review: what `data/report.yaml` may contain.

Every human-readable text is a `Text` (one entry per site language); numbers are `Measure`s or
plain counts and dates are `Moment`s, so that each language formats them its own way.
"""

from __future__ import annotations

import datetime as dt
import difflib
import ipaddress
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

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
from pydantic_core import PydanticCustomError

from .pages import ShownOn

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
# What the site can format in both languages, with room to spare (README, editing).
LARGEST = 10**15


def _formattable(number: float) -> float:
    if abs(number) >= LARGEST:
        raise PydanticCustomError("number_too_large", "the number is too large for the site (largest: {largest})",
                                  {"largest": LARGEST})
    return number


Number = Annotated[StrictInt | StrictFloat, AfterValidator(_formattable)]


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

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(RootModel[dict[LanguageCode, NonBlank]]):
    """A human-readable text, one entry per language: ``{vi: ..., en: ...}``."""

    model_config = ConfigDict(frozen=True)

    @field_validator("root")
    @classmethod
    def _not_blank(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise PydanticCustomError("text_no_language", "a text needs at least one language")
        return value

    def placeholders(self) -> dict[str, set[str]]:
        return {lang: placeholders_in(text) for lang, text in self.root.items()}


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
            raise problem
        return value


# The address's outline, for editors' tools (the JSON Schema); the model parses it fully below.
URL_OUTLINE = r"^https?://[^\s/$.?#][^\s]*$"
_URL_CHECK = (
    rfc3986.validators.Validator()
    .allow_schemes("http", "https")
    .require_presence_of("scheme", "host")
    .check_validity_of("scheme", "host", "port", "path", "query", "fragment")
)


def url_problem(value: str) -> PydanticCustomError | None:
    """What is wrong with ``value`` as a link on the site (type and context); None if nothing."""
    if re.search(r"\s", value) or not re.match(r"^https?://", value, re.IGNORECASE):
        return PydanticCustomError("link_scheme", "a link must start with http:// or https:// and contain no spaces")
    bad = sorted({char for char in value if char in "\"'<>\\`"})
    if bad:
        return PydanticCustomError("link_character", "a link must not contain {characters}",
                                   {"characters": " ".join(bad)})
    for opening, closing in ("()", "[]", "{}"):
        depth = 0
        for char in value:
            depth += (char == opening) - (char == closing)
            if depth < 0:
                break
        if depth != 0:
            return PydanticCustomError("link_unbalanced", "a link has an unbalanced {opening} or {closing}",
                                       {"opening": opening, "closing": closing})
    host_problem = _host_problem(value)
    if host_problem:
        return host_problem
    scheme, rest = value.split(":", 1)
    try:  # the scheme in any case (HTTPS://), as browsers read it
        _URL_CHECK.validate(rfc3986.uri_reference(scheme.lower() + ":" + rest))
    except rfc3986.exceptions.ValidationError:
        return PydanticCustomError("link_invalid", "this is not a valid web address")
    return None


def _host_problem(value: str) -> PydanticCustomError | None:
    """A link must name a public host: no user name before it, no IP address or local name."""
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        user = parts.username
    except ValueError:
        return PydanticCustomError("link_invalid", "this is not a valid web address")
    if user is not None or "@" in parts.netloc:
        return PydanticCustomError("link_user", "a name before @ hides the host", {"host": host})
    if not host:
        return PydanticCustomError("link_no_host", "a link needs a host")
    if not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_host = ""
        return PydanticCustomError("link_unicode_host", "the host {host} is not in ASCII", {"host": host, "ascii": ascii_host})
    try:
        ipaddress.ip_address(host)
        local = True
    except ValueError:
        local = host == "localhost" or host.endswith(".localhost") or "." not in host.strip(".")
    if local:
        return PydanticCustomError("link_local", "{host} is not a public web address", {"host": host})
    return None


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
        # A plausibility range (README, editing): it catches typos like 9999 or 223.
        if not YEARS[0] <= self.year <= YEARS[1]:
            raise PydanticCustomError("year_out_of_range", "the year {year} is out of range ({low} to {high})",
                                      {"year": self.year, "low": YEARS[0], "high": YEARS[1]})
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


class WithValues(Strict):
    """Texts may name `{placeholders}` that stand for typed numbers and dates of the same item."""

    values: dict[Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")], Value] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _placeholders_match(self) -> WithValues:
        # {when} and {until} only where the item has them, or the braces would print as they are.
        for name in ("when", "until"):
            if name in self.values and name in type(self).model_fields:
                raise PydanticCustomError("value_shadowed", "a value named {name} is hidden by the item's date",
                                          {"name": name, "at": ["values", name]})
        known = set(self.values) | {n for n in ("when", "until") if getattr(self, n, None) is not None}
        for name, field_value in self:
            if isinstance(field_value, Text):
                problem = placeholder_problem(field_value, known, name)
                if problem:
                    raise problem
        return self


class Point(WithValues):
    """One statement of the review."""

    id: Id
    text: Text
    note: Text | None = None


class Item(WithValues):
    """A titled item: a project, a scheme, an instruction. Dated items appear on the timeline."""

    id: Id
    title: Annotated[Text, ONE_LINE]
    text: Text | None = None
    when: Moment | None = None
    until: Moment | None = None
    highlight: StrictBool = False
    note: Text | None = None

    @model_validator(mode="after")
    def _until_after_when(self) -> Item:
        if self.when is not None and self.until is not None and self.until.end < self.when.start:
            raise PydanticCustomError("until_before_when", "until ({until}) is before when ({when})",
                                      {"until": self.until.notation, "when": self.when.notation, "at": ["until"]})
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
    part_of_day: Literal["morning", "afternoon", "evening"] | None = None
    name: Annotated[Text, ONE_LINE]
    summary: Text
    speaker: Speaker


class Span(Strict):
    start: StrictInt
    end: StrictInt

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        for year in (self.start, self.end):
            if not YEARS[0] <= year <= YEARS[1]:
                raise PydanticCustomError("year_out_of_range", "the year {year} is out of range ({low} to {high})",
                                          {"year": year, "low": YEARS[0], "high": YEARS[1]})
        if self.end < self.start:
            raise PydanticCustomError("span_reversed", "end comes before start", {"at": ["end"]})
        return self


class Programme(Strict):
    id: Id
    code: Annotated[str, ONE_LINE]
    issuer: Annotated[Text, ONE_LINE]
    tenure: StrictInt = Field(ge=1, le=99)  # shown in Roman numerals: XVII
    title: Annotated[Text, ONE_LINE]
    period: Span
    term: Span


class Source(Strict):
    publisher: Annotated[Text, ONE_LINE]
    abbreviation: Annotated[str, ONE_LINE]
    home: Url
    # What the article reports, in the site's words (the About page describes the source with it).
    covers: Text | None = None
    # The article's own address, when an editor has one: shown and linked only then.
    article: Url | None = None
    notice: Text
    notes: list[Point] = Field(default_factory=list)


class Indicator(Strict):
    """An economic figure; with a `national` comparison it can be charted against the country."""

    id: Id
    title: Annotated[Text, ONE_LINE]
    text: Text | None = None
    value: Measure | None = None
    when: Moment | None = None
    national: Measure | None = None
    # What the national figure is, where the article names it otherwise than the indicator
    # (Hanoi's Q1-2023 GRDP growth is compared with the country's GDP growth).
    national_label: Annotated[Text | None, ONE_LINE] = None
    change: Measure | None = None
    change_since: Moment | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _change_has_base(self) -> Indicator:
        if self.change is not None and self.change_since is None:
            raise PydanticCustomError("change_without_base", "a change needs change_since", {"at": ["change"]})
        if self.value is None and self.text is None:
            raise PydanticCustomError("indicator_empty", "an indicator needs a value or a text")
        return self


class Group(Strict):
    """A titled group of items within the results."""

    id: Id
    title: Annotated[Text, ONE_LINE]
    intro: Text | None = None
    items: list[Item] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something_below_the_heading(self) -> Group:
        if not self.items and self.intro is None:
            raise PydanticCustomError("group_empty", "the group has no items and no intro",
                                      {"at": ["items"] if "items" in self.model_fields_set else ["title"]})
        return self


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


class Shortcoming(WithValues):
    """One area of shortcomings: the site's own grouping of what the article lists.

    `draws_on` says which part of the article the area draws on (the article numbers its first
    three points and gives the rest as unnumbered paragraphs), so a reader can tell the site's
    grouping from the article's own order.
    """

    id: Id
    title: Annotated[Text, ONE_LINE]
    draws_on: Text | None = None
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


class Update(WithValues):
    """A correction or update published after the site was: when, what, and which items it concerns."""

    id: Id
    date: dt.date
    text: Text
    affects: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _each_once(self) -> Update:
        for index, name in enumerate(self.affects):
            if name in self.affects[:index]:
                raise PydanticCustomError("affects_twice", "{name} is named twice in affects",
                                          {"name": name, "at": ["affects", index]})
        return self


# Domains reserved for examples (RFC 2606, RFC 6761): a contact there reaches no one.
_PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$", re.IGNORECASE)
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$")


class Contact(RootModel[str]):
    """How readers reach the editors: a web address (http/https) or an e-mail address."""

    @field_validator("root")
    @classmethod
    def _reachable(cls, value: str) -> str:
        email = EMAIL.match(value) if "://" not in value else None
        if email is None:
            if "@" in value and "://" not in value:
                raise PydanticCustomError("contact_email", "'{value}' is not an e-mail address", {"value": value})
            problem = url_problem(value)
            if problem:
                raise problem
        host = email[1] if email else (rfc3986.uri_reference(value).host or "")
        if _PLACEHOLDER_HOSTS.search(host.rstrip(".")):
            raise PydanticCustomError("contact_placeholder", "{host} is a placeholder domain", {"host": host})
        return value

    @property
    def is_email(self) -> bool:
        return "://" not in self.root


class Editors(Strict):
    """Who makes and publishes the summary, and how readers reach them."""

    name: Annotated[Text, ONE_LINE]
    contact: Contact | None = None


class LicenceId(StrEnum):
    """SPDX identifiers of the open licences the site knows, with their addresses (`LICENCE_URLS`)."""

    cc_by_4 = "CC-BY-4.0"
    cc_by_sa_4 = "CC-BY-SA-4.0"
    cc0 = "CC0-1.0"
    odc_by = "ODC-By-1.0"
    odbl = "ODbL-1.0"
    ogl_uk_3 = "OGL-UK-3.0"


LICENCE_URLS = {
    LicenceId.cc_by_4: "https://creativecommons.org/licenses/by/4.0/",
    LicenceId.cc_by_sa_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    LicenceId.cc0: "https://creativecommons.org/publicdomain/zero/1.0/",
    LicenceId.odc_by: "https://opendatacommons.org/licenses/by/1-0/",
    LicenceId.odbl: "https://opendatacommons.org/licenses/odbl/1-0/",
    LicenceId.ogl_uk_3: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


class Licence(Strict):
    """The licence of the site's own text, charts and open data (never of the article or quotations)."""

    spdx: LicenceId
    url: Url  # the licence's address (checked against `spdx` in validation.py)
    name: Annotated[Text, ONE_LINE]
    scope: Text  # what the licence covers, and that quotations and the article remain the newspaper's


class Publication(Strict):
    """The site's own provenance: since when it is published, by whom, and under which licence."""

    first_published: dt.date
    editors: Editors
    licence: Licence


class Term(Strict):
    """A term of the source explained for readers; its first use on every page links to it."""

    id: Id
    term: Annotated[Text, ONE_LINE]  # as the pages write it (matched exactly, case included)
    definition: Text


class Report(Strict):
    """The whole review as `data/report.yaml` holds it."""

    # Each part is shown on the page of its name (`results` on results.md) or on the one it is
    # marked with (report.pages): a new page needs its part here.

    event: Annotated[Event, ShownOn("index")]
    programme: Annotated[Programme, ShownOn("index")]
    source: Annotated[Source, ShownOn("about")]
    results: Results
    shortcomings: Shortcomings
    directives: Directives
    # The public record of changes after publication, in any order (pages show the newest first).
    updates: Annotated[list[Update], ShownOn("about")] = Field(default_factory=list)
    publication: Annotated[Publication, ShownOn("about")]
    glossary: Annotated[list[Term], ShownOn("about")] = Field(default_factory=list)

    @model_validator(mode="after")
    def _changes_before_the_event(self) -> Report:
        for index, indicator in enumerate(self.results.economy.indicators):
            since = indicator.change_since
            if since is not None and since.start > self.event.date:
                raise PydanticCustomError("change_since_after_event", "change_since ({since}) is after the event",
                                          {"since": since.notation, "event": self.event.date.isoformat(),
                                           "at": ["results", "economy", "indicators", index, "change_since"]})
        return self
