"""The labels' rules, checked without a build on edited copies of overrides/macros/labels.yaml: a
typo or a missing label named at labels.yaml, a label's placeholders (only the values it is given;
those that carry a figure, a year or a text kept), one-line labels, a label in every language."""

from __future__ import annotations

import pytest

from conftest import CONFIG, LANGUAGES, ROOT
from report import site_config
from report.loading import parse_yaml
from report.problems import ReportError, report_lines
from report.validation import check_labels

NAME = "overrides/macros/labels.yaml"
LABELS = (ROOT / NAME).read_text(encoding="utf-8")
SITE_PAGES = tuple(site_config.pages(CONFIG))  # "index", "results"...


def problems(text: str) -> list[str]:
    try:
        _, warnings = check_labels(parse_yaml(text.encode("utf-8"), NAME, keep_going=True), LANGUAGES, SITE_PAGES)
    except ReportError as error:
        return [line for line in report_lines(error.problems) if line.startswith(NAME)]
    return [line for line in report_lines(warnings) if line.startswith(NAME)]


def edited(old: str, new: str) -> str:
    assert LABELS.count(old) == 1, old
    return LABELS.replace(old, new)


def line_of(text: str, line: str) -> int:
    return text.split("\n").index(line) + 1


def test_the_real_labels_pass():
    assert problems(LABELS) == []


def test_a_typo_is_named_with_the_label_meant():
    text = edited("\nhanoi:\n", "\nhanio:\n")
    assert problems(text) == [f"{NAME}:{line_of(text, 'hanio:')}:1: hanio: 'hanio' is not a label the site uses; "
                              "did you mean 'hanoi'?"]


def test_a_missing_label_is_named_beside_its_family():
    text = edited("page_results:\n  vi: Kết quả\n  en: Results\n", "")
    [found] = problems(text)
    assert found.endswith("page_results: this label is missing; the site uses it: add it with every language")
    family = [number for number, line in enumerate(text.split("\n"), 1) if line.startswith("page_")]
    assert found.startswith(f"{NAME}:{family[-1]}:1: "), found
    alone = edited("back_home:\n  vi: Về trang chủ\n  en: Back to the home page\n", "")
    assert problems(alone) == [f"{NAME}:1:1: back_home: this label is missing; the site uses it: add it with every language"]


@pytest.mark.parametrize(("label", "old", "new", "message"), [
    ("since", '  en: "on {year}"', '  en: "on the year"', "since.en: this label must show {year}"),
    ("since", '  vi: "so với năm {year}"', '  vi: "so với {năm}"', "since.vi: "),
    ("tenure", '  en: "{ordinal} tenure"', '  en: "{ordinal} tenure {year}"', "tenure.en: "),
    ("hanoi", "  en: Hanoi", '  en: "Hanoi {value}"', "hanoi.en: "),
])
def test_a_label_uses_only_its_values_and_keeps_those_that_carry_a_figure(label, old, new, message):
    text = edited(f"{old}\n", f"{new}\n")
    found = problems(text)
    assert len(found) == 1 and f":{line_of(text, new)}:" in found[0] and message in found[0], found


def test_the_messages_name_the_labels_values_and_every_value_lost():
    changed = '  en: "on {year} {x}"'
    text = edited('  en: "on {year}"\n', changed + "\n")
    assert problems(text) == [f"{NAME}:{line_of(text, changed)}:7: since.en: this text uses {{x}}, "
                              "which is not among this label's values"]
    old = '  en: "Article by {publisher} ({abbreviation}) on the {event}, {date}"'
    text = edited(old + "\n", '  en: "Article by {publisher} on the {event}"\n')
    [found] = problems(text)
    assert found.endswith("article_name.en: this label must show {abbreviation}, {date}, or the figure it stands for "
                          "disappears from the page; write {abbreviation}, {date} where it belongs"), found


def test_a_label_may_show_one_form_of_its_values():
    """tenure, quarter and citation choose which of their values to show."""
    assert problems(edited('  en: "{ordinal} tenure"\n', '  en: "tenure {roman}"\n')) == []


def test_a_one_line_label_is_one_line_and_every_label_is_in_every_language():
    folded = edited("hanoi:\n  vi: Hà Nội\n", "hanoi:\n  vi: |-\n    Hà\n    Nội\n")
    [found] = problems(folded)
    assert "hanoi.vi" in found and "line break" in found, found
    [missing] = problems(edited("hanoi:\n  vi: Hà Nội\n  en: Hanoi\n", "hanoi:\n  vi: Hà Nội\n"))
    assert "hanoi" in missing and "en" in missing, missing
