"""The site's own words (overrides/macros/labels.yaml): which labels the templates and code use.

Every label named here must be in the file, in every language; a missing one is reported at
labels.yaml before anything is built, never as a KeyError from a template. Labels printed in a
heading, a title or an attribute must be one line; the few written as whole paragraphs may not.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence

from .measures import Moment, Unit
from .model import Event
from .opendata import COLUMNS
from .pages import HOME

# Labels written as whole paragraphs (a blank line starts a new one); every other one is one line.
PARAGRAPHS = frozenset({
    "timeline_intro", "method_own_words", "method_grouping", "method_numbers", "method_languages",
    "open_data_intro", "cite_intro", "cite_original", "source_no_address", "data_dictionary_intro",
    "glossary_intro", "contact_none",
})

_NAMED = (
    "page_not_found", "description_not_found", "back_home", "not_found_pages", "not_found_search",
    "not_found_languages",
    "when", "where_what", "who", "programme", "period", "key_figures", "sections", "source",
    "highlight", "note", "national", "hanoi", "timeline", "timeline_intro",
    "publisher", "rights", "method", "method_own_words", "method_grouping",
    "method_numbers", "method_languages", "source_notes", "open_data", "open_data_intro",
    "open_data_json", "open_data_csv", "cite", "cite_intro", "citation", "cite_original",
    "follow_up", "area", "draws_on", "directive", "footer_source", "tenure", "quarter", "by_year_end",
    "approximately", "increase", "decrease", "unchanged", "since", "since_moment", "translation_pending",
    "toggle_dark", "toggle_light", "permalink", "search_initializing",
    "updates", "updates_intro", "updates_none", "update_affects", "updated", "last_updated",
    "never_updated", "translation_outdated", "print_version",
    "covers", "article_address", "source_no_address", "article_name", "made_by",
    "open_data_package", "open_data_schema", "download_data", "data_dictionary", "data_dictionary_intro",
    "column", "meaning", "unit_codes", "citation_title", "cite_files", "licence", "glossary", "glossary_intro",
    "term_original", "contact", "contact_tracker", "tracker", "contact_address", "contact_none",
    "first_published", "report_error", "report_error_title", "report_error_body",
)

# The values each label is given where it is used ({value}, {year}...); every other label takes none.
_UNIT_VALUES = {f"unit_{unit.value}": ("value",) for unit in Unit}
_PART_VALUES = {f"part_{part}": ("year",) for part in ("early", "mid", "late")}
LABEL_VALUES: dict[str, tuple[str, ...]] = {
    "citation": ("editors", "title", "published", "publisher", "abbreviation", "url"),
    "citation_title": ("code", "date"),
    "article_name": ("publisher", "abbreviation", "event", "date"),
    "term_original": ("term",),
    "contact_tracker": ("link",),
    "contact_address": ("link",),
    "first_published": ("date",),
    "report_error_title": ("page",),
    "report_error_body": ("url",),
    "tenure": ("roman", "ordinal"),
    "quarter": ("roman", "number", "year"),
    "by_year_end": ("year",),
    "approximately": ("value",),
    "increase": ("value",),
    "decrease": ("value",),
    "since": ("year",),
    "since_moment": ("moment",),
    "translation_pending": ("text",),
    "translation_outdated": ("text",),
    "last_updated": ("date",),
    "print_version": ("date",),
    **_UNIT_VALUES,
    **_PART_VALUES,
}


# The values a label must show: without them a figure, a year or a text would vanish from the page.
LABEL_MUST_SHOW: dict[str, tuple[str, ...]] = {
    name: values for name, values in LABEL_VALUES.items()
    if name not in ("citation", "tenure", "quarter")  # these show one form of their values, chosen by the wording
}


def required_labels(pages: Sequence[str] = ()) -> tuple[str, ...]:
    """Every label a template or the code asks for, the families (pages, units, ...) spelt out;
    ``pages``: the site's pages (`report.pages`, the home page always), each named and described."""
    parts_of_day = typing.get_args(typing.get_args(Event.model_fields["part_of_day"].annotation)[0])
    parts = typing.get_args(typing.get_args(Moment.model_fields["part"].annotation)[0])
    return (
        *_NAMED,
        *(f"{kind}_{page}" for kind in ("page", "description") for page in dict.fromkeys((HOME, *pages))),
        *(f"unit_{unit.value}" for unit in Unit),
        *(f"unit_code_{unit.value}" for unit in Unit),
        *(f"column_{column.name}" for column in COLUMNS),
        *(f"part_{part}" for part in parts),
        *parts_of_day,
    )
