"""Which model fields are one line (hooks/report/validation.py `one_line_field`): the mark is found
however an optional field is written, and the real model's one-line fields are the expected ones."""

from __future__ import annotations

from typing import Annotated, Optional

from report.model import Report
from report.texts import ONE_LINE, Strict, Text
from report.validation import one_line_field


class Sample(Strict):
    inside: Optional[Annotated[Text, ONE_LINE]] = None  # noqa: UP045 - this spelling is under test
    outside: Annotated[Optional[Text], ONE_LINE] = None  # noqa: UP045 - as above
    plain: Annotated[Text, ONE_LINE] = None  # type: ignore[assignment]  # None without Optional: under test
    paragraphs: Optional[Text] = None  # noqa: UP045 - as above


def test_the_one_line_mark_is_found_inside_and_outside_optional():
    assert one_line_field(("inside",), Sample)
    assert one_line_field(("outside",), Sample)
    assert one_line_field(("plain",), Sample)
    assert not one_line_field(("paragraphs",), Sample)


def test_titles_and_labels_of_the_report_are_one_line_and_summaries_are_not():
    assert one_line_field(("results", "leadership", "items", 0, "title"), Report)
    assert one_line_field(("results", "economy", "indicators", 0, "national_label"), Report)
    assert not one_line_field(("results", "leadership", "items", 0, "text"), Report)
    assert not one_line_field(("shortcomings", "areas", 0, "summary"), Report)


def test_labels_are_one_line_except_the_paragraphs():
    from report.validation import LabelSet

    assert one_line_field(("hanoi",), LabelSet) and one_line_field(("page_results",), LabelSet)
    assert not one_line_field(("timeline_intro",), LabelSet) and not one_line_field(("cite_intro",), LabelSet)


def test_only_a_field_can_be_marked():
    assert not one_line_field((), Report)
    assert not one_line_field(("results", "leadership", "items", 0), Report)  # an item, not a field
    assert not one_line_field(("results", "leadership", "nothing"), Report)
