"""The typed model of the review: what `data/report.yaml` may contain.

Every human-readable text is a `Text` (one entry per site language, `report.texts`); numbers are
`Measure`s or plain counts and dates are `Moment`s (`report.measures`), so that each language
formats them its own way; links are checked in `report.links`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .links import Contact, Url
from .measures import Measure, Moment, Span, Value
from .pages import ShownOn
from .texts import ONE_LINE, Id, Strict, Text, placeholder_problem


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
