"""The site's own words (overrides/macros/labels.yaml): which labels the templates and code use.

Every label named here must be in the file, in every language; a missing one is reported at
labels.yaml before anything is built, never as a KeyError from a template. Labels printed in a
heading, a title or an attribute must be one line; the few written as whole paragraphs may not.
"""

from __future__ import annotations

import typing

from .model import Event, Moment, Unit

PAGES = ("overview", "results", "shortcomings", "directives", "about")

# Labels written as whole paragraphs (a blank line starts a new one); every other one is one line.
PARAGRAPHS = frozenset({
    "timeline_intro", "method_own_words", "method_grouping", "method_numbers", "method_languages",
    "open_data_intro", "cite_intro", "cite_original",
})

_NAMED = (
    "page_not_found", "description_not_found", "back_home", "not_found_pages", "not_found_search",
    "not_found_languages",
    "when", "where_what", "who", "programme", "period", "key_figures", "sections", "source",
    "highlight", "note", "national", "hanoi", "timeline", "timeline_intro",
    "publisher", "rights", "method", "method_own_words", "method_grouping",
    "method_numbers", "method_languages", "source_notes", "open_data", "open_data_intro",
    "open_data_json", "open_data_csv", "cite", "cite_intro", "citation", "cite_original",
    "follow_up", "area", "draws_on", "directive", "footer_source", "tenure", "quarter", "approximately",
    "increase", "since", "translation_pending",
    "toggle_dark", "toggle_light", "permalink", "search_initializing",
    "updates", "updates_intro", "updates_none", "update_affects", "updated", "last_updated",
    "never_updated", "translation_outdated", "print_version",
)

# The values each label is given where it is used ({value}, {year}...); every other label takes none.
_UNIT_VALUES = {f"unit_{unit.value}": ("value",) for unit in Unit}
_PART_VALUES = {f"part_{part}": ("year",) for part in ("early", "mid", "late")}
LABEL_VALUES: dict[str, tuple[str, ...]] = {
    "citation": ("code", "date", "publisher", "abbreviation", "url"),
    "tenure": ("roman", "ordinal"),
    "quarter": ("roman", "number", "year"),
    "approximately": ("value",),
    "increase": ("value",),
    "since": ("year",),
    "translation_pending": ("text",),
    "translation_outdated": ("text",),
    "last_updated": ("date",),
    "print_version": ("date",),
    **_UNIT_VALUES,
    **_PART_VALUES,
}


def required_labels() -> tuple[str, ...]:
    """Every label a template or the code asks for, the families (pages, units, ...) spelt out."""
    parts_of_day = typing.get_args(typing.get_args(Event.model_fields["part_of_day"].annotation)[0])
    parts = typing.get_args(typing.get_args(Moment.model_fields["part"].annotation)[0])
    return (
        *_NAMED,
        *(f"page_{page}" for page in PAGES),
        *(f"description_{page}" for page in PAGES),
        *(f"unit_{unit.value}" for unit in Unit),
        *(f"part_{part}" for part in parts),
        *parts_of_day,
    )
