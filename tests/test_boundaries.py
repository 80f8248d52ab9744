"""Each range and rule EDITING.md states, at its edges: the last value accepted and the first refused
on either side (years 1900-2100, `until` against `when`, an id's characters, reserved ids and
prefixes, quotes and brackets in links), and the positions a message gives when `id` (or `until`)
is not the item's first key. Pure checks on tests/fixtures/minimal.yaml, no build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from report.loading import parse_yaml
from report.problems import ReportError, report_lines
from report.validation import check_report

MINIMAL = (Path(__file__).resolve().parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 12, 1)


def edited(*pairs: tuple[str, str]) -> str:
    text = MINIMAL
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def problems(text: str) -> list[str]:
    """The check's error lines for the report ``text`` ([] when it is accepted)."""
    try:
        check_report(parse_yaml(text.encode("utf-8"), "data/report.yaml", keep_going=True), ["vi", "en"], today=TODAY)
    except ReportError as error:
        return [line for line in report_lines(error.problems) if line.startswith("data/report.yaml:")]
    return []


def line_of(text: str, line: str) -> int:
    [number] = [index for index, each in enumerate(text.split("\n"), 1) if each == line]
    return number


def one_problem_at(text: str, line: str, column: int | None = None) -> str:
    """The single problem ``text`` has, which must be placed on ``line`` (at ``column`` if given)."""
    found = problems(text)
    place = f"data/report.yaml:{line_of(text, line)}:" + ("" if column is None else f"{column}: ")
    assert len(found) == 1 and found[0].startswith(place), found
    return found[0]


RING_ROAD_WHEN = ("        when: 2023-06-30\n", "        when: {}\n")
INCOME_WHEN = ("        when: 2022\n", "        when: {}\n")


@pytest.mark.parametrize(("where", "moment", "accepted"), [
    (RING_ROAD_WHEN, "1900-01-01", True), (RING_ROAD_WHEN, "2100-12-31", True),
    (RING_ROAD_WHEN, "1899-12-31", False), (RING_ROAD_WHEN, "2101-01-01", False),
    (INCOME_WHEN, "1900", True), (INCOME_WHEN, "2100", True), (INCOME_WHEN, "1899", False), (INCOME_WHEN, "2101", False),
    (INCOME_WHEN, "2100-Q4", True), (INCOME_WHEN, "late 2100", True), (INCOME_WHEN, "early 1899", False),
])
def test_years_from_1900_to_2100(where, moment, accepted):
    found = problems(edited((where[0], where[1].format(moment))))
    if accepted:
        assert found == []
    else:
        year = moment[-4:] if moment.startswith(("early", "late")) else moment[:4]
        assert len(found) == 1 and f"the year {year} is out of range" in found[0] and "1900" in found[0], found


@pytest.mark.parametrize(("field", "accepted"), [
    ("period: {start: 1900, end: 2100}", True), ("period: {start: 1899, end: 2025}", False),
    ("period: {start: 2021, end: 2101}", False), ("term: {start: 1900, end: 2100}", True),
    ("term: {start: 2020, end: 2101}", False),
])
def test_spans_of_years_from_1900_to_2100(field, accepted):
    key = field.split(":")[0]
    original = {"period": "period: {start: 2021, end: 2025}", "term": "term: {start: 2020, end: 2025}"}[key]
    found = problems(edited((original, field)))
    assert (found == []) is accepted, found
    if not accepted:
        assert len(found) == 1 and "out of range" in found[0] and f"programme.{key}" in found[0], found


CAPITAL_LAW = "        when: late 2023\n"


@pytest.mark.parametrize(("when", "until", "accepted"), [
    ("2023", "2023-06", True),  # a span ending inside the year it starts in
    ("2023-06-30", "2023-06", True), ("2023-06-30", "2023-06-30", True), ("2023-06-30", "2023-06-29", False),
    ("2023-Q2", "2023-04", True), ("2023-Q3", "2023-06", False), ("2023-07", "2023-Q3", True),
    ("late 2023", "2023", True), ("2024", "late 2023", False), ("2024-01-01", "2023", False),
])
def test_until_may_not_come_before_when(when, until, accepted):
    text = edited((CAPITAL_LAW, f"        when: {when}\n        until: {until}\n"))
    if accepted:
        assert problems(text) == []
    else:
        assert f"until ({until}) is before when ({when})" in one_problem_at(text, f"        until: {until}", 16)


@pytest.mark.parametrize(("ident", "accepted"), [
    ("a", True), ("a1", True), ("1a", True), ("'2023'", True), ("a-1-b", True),
    ("page", True), ("chart", True), ("pages-x", True), ("charts", True), ("x-page-y", True), ("timelines", True),
    ("A", False), ("a_b", False), ("-a", False), ("a-", False), ("a--b", False), ("ả", False), ("a b", False),
    ("page-x", False), ("chart-1", False), ("page-1-a", False), ("timeline", False), ("open-data", False),
])
def test_id_characters_and_reserved_ids(ident, accepted):
    text = edited(("      - id: methods\n", f"      - id: {ident}\n"))
    if accepted:
        assert problems(text) == []
    else:
        assert "results.leadership.items[0].id" in one_problem_at(text, f"      - id: {ident}")


BAR = "; copy the address from the browser's address bar"


@pytest.mark.parametrize(("home", "message"), [
    ("https://hanoimoi.vn/a%27b%22c", None), ("https://hanoimoi.vn/wiki/A_(b)", None), ("HTTPS://hanoimoi.vn/", None),
    ("https://hanoimoi.vn/?q=a&b=c#x", None), ("https://hanoimoi.vn/X", None), ("https://hanoimoi.vn:443/a:b", None),
    ("https://hanoimoi.vn/a'b", "a link must not contain '" + BAR),
    ('https://hanoimoi.vn/a"b', 'a link must not contain "' + BAR),
    ("https://hanoimoi.vn/a`b'c", "a link must not contain ' `" + BAR),
    ("https://hanoimoi.vn/a<b>", "a link must not contain < >" + BAR),
    ("https://hanoimoi.vn/a(b", "a link has an unbalanced ( or )" + BAR),
    ("https://hanoimoi.vn/a)b", "a link has an unbalanced ( or )" + BAR),
    ("https://hanoimoi.vn/a]b", "a link has an unbalanced [ or ]" + BAR),
    ("https://hanoimoi.vn/a b", "a link must start with http:// or https:// and contain no spaces"),
    ("ftp://hanoimoi.vn/", "a link must start with http:// or https:// and contain no spaces"),
    ("https://hanoimoi.vn/a[1]", "this is not a valid web address (http://host/path)" + BAR),
    ("http://[abc]/", "this is not a valid web address (http://host/path)" + BAR),  # Python cannot split it
    ("https:///a", "this link names no host (http://host/path)" + BAR),
    ("https://user@hanoimoi.vn/", "the part before @ is a user name that hides the real host (hanoimoi.vn)" + BAR),
    *[(f"http://{host}/", f"{host} is not a public web address (an IP address, a local name or no domain)" + BAR)
      for host in ("127.0.0.1", "192.168.1.10", "localhost", "hanoimoi", "hanoimoi.")],
    ("http://dev.localhost/", "dev.localhost ends in .localhost, which names hosts of a private network, not a public "
                              "domain" + BAR),
])
def test_links_refuse_quotes_and_unbalanced_brackets(home, message):
    quoted = "'" + home.replace("'", "''") + "'"
    found = problems(edited(("  home: https://hanoimoi.vn/\n", f"  home: {quoted}\n")))
    assert found == ([] if message is None else [f"data/report.yaml:23:9: source.home: {message}"])


ID_LAST = ("      - id: capital-law\n        title: {vi: Luật Thủ đô, en: Capital Law}\n        when: late 2023\n",
           "      - title: {vi: Luật Thủ đô, en: Capital Law}\n        when: late 2023\n        id: IDENT\n")


@pytest.mark.parametrize(("ident", "message"), [
    ("methods", "the id 'methods' is already used on line 33"),
    ("timeline", "the id 'timeline' is used by the site's own headings"),
    ("Capital-Law", "directives.instructions.items[0].id"),
])
def test_an_id_problem_points_at_the_id_line_wherever_it_stands(ident, message):
    text = edited((ID_LAST[0], ID_LAST[1].replace("IDENT", ident)))
    assert message in one_problem_at(text, f"        id: {ident}", 13)


def test_until_before_when_points_at_until_written_first():
    text = edited((CAPITAL_LAW, "        until: 2023\n        when: 2024\n"))
    one_problem_at(text, "        until: 2023", 16)


def checked(text: str):
    """Errors raise; the warnings' lines are returned."""
    result = check_report(parse_yaml(text.encode("utf-8"), "data/report.yaml", keep_going=True), ["vi", "en"], today=TODAY)
    return [line for line in report_lines(result.warnings) if line.startswith("data/report.yaml:")]


SCOPE = "    scope: {vi: Phần lời của trang, en: The site's own text}\n"


def with_update(date: str, affects: str = "income", published: str = "2026-11-28") -> str:
    return edited(("  first_published: 2026-11-28\n", f"  first_published: {published}\n"),
                  (SCOPE, SCOPE + f"updates:\n  - id: fix\n    date: {date}\n    text: {{vi: Sửa, en: Fixed}}\n"
                          f"    affects: [{affects}]\n"))


@pytest.mark.parametrize(("date", "published", "expected"), [
    ("2026-11-28", "2026-11-28", None), ("2026-12-01", "2026-11-28", None),  # on the day of publication, today
    ("2026-11-27", "2026-11-28", "2026-11-27 is before the site was first published (2026-11-28)"),
    ("2023-04-19", "2023-04-19", None), ("2023-04-18", "2023-04-18", "2023-04-18 is before the event (2023-04-19)"),
    ("2026-12-02", "2026-11-28", "warning: 2026-12-02 is in the future (today is 2026-12-01)"),
])
def test_an_update_is_dated_from_publication_to_today(date, published, expected):
    text = with_update(date, published=published)
    line = line_of(text, f"    date: {date}")
    try:
        found = checked(text)
    except ReportError as error:
        found = [line for line in report_lines(error.problems) if line.startswith("data/report.yaml:")]
    found = [each for each in found if "first_published" not in each]  # 2023-04-18 is also before the event
    if expected is None:
        assert found == []
    else:
        assert found == [f"data/report.yaml:{line}:11: updates[0].date: {expected}" + (
            "; an update comes after publication" if "first published" in expected else "")], found


def test_an_update_names_existing_items_at_its_place():
    text = with_update("2026-11-30", affects="income, no-such-item")
    assert problems(text) == [f"data/report.yaml:{line_of(text, '    affects: [income, no-such-item]')}:23: "
                              "updates[0].affects[1]: no item has the id 'no-such-item'; an update must name existing items"]
    assert problems(with_update("2026-11-30", affects="fix")) != []  # an update is no item


@pytest.mark.parametrize(("published", "expected"), [
    ("2023-04-19", None), ("2026-12-01", None), ("2023-04-18", "error: 2023-04-18 is before the event"),
    ("2026-12-02", "warning: 2026-12-02 is in the future (today is 2026-12-01)"),
])
def test_the_first_publication_is_dated_from_the_event_to_today(published, expected):
    text = edited(("  first_published: 2026-11-28\n", f"  first_published: {published}\n"))
    try:
        found = checked(text)
    except ReportError as error:
        found = ["error: " + line for line in report_lines(error.problems) if line.startswith("data/report.yaml:")]
    if expected is None:
        assert found == []
    else:
        [one] = found
        kind, message = expected.split(": ", 1)
        assert one.startswith(f"{kind}: " if kind == "error" else "data/report.yaml:") and message in one, found
        assert f"data/report.yaml:{line_of(text, f'  first_published: {published}')}:20: publication.first_published: " in one
        assert (kind == "warning") is ("warning:" in one), found


@pytest.mark.parametrize(("count", "accepted"), [(0, True), (1, True), (-1, False)])
def test_a_count_may_be_zero_never_negative(count, accepted):
    text = edited(("        values: {sites: 4}\n", f"        values: {{sites: {count}}}\n"))
    found = problems(text)
    assert (found == []) is accepted, found
    if not accepted:
        assert found == [f"data/report.yaml:{line_of(text, f'        values: {{sites: {count}}}')}:25: "
                         f"results.initiatives.items[0].values.sites: a count cannot be negative ({count}); write how many, "
                         "and say in the text what fell"], found


@pytest.mark.parametrize(("value", "accepted"), [(999999999999999, True), (1000000000000000, False)])
def test_a_number_is_smaller_than_ten_to_the_fifteenth_in_size(value, accepted):
    """An amount at the bound and past it (an amount below zero is refused for its sign: test_signs)."""
    text = edited(("        value: {value: 141.8, unit: vnd_million_per_person_year}\n",
                   f"        value: {{value: {value}, unit: vnd_million_per_person_year}}\n"))
    found = problems(text)
    assert (found == []) is accepted, found
    if not accepted:
        assert len(found) == 1 and "too large" in found[0] and found[0].startswith("data/report.yaml:54:"), found


def test_a_duplicate_id_names_the_line_of_the_first_id_not_of_its_item():
    text = edited(("      - id: methods\n        title: {vi: Phương thức, en: Methods}\n",
                   "      - title: {vi: Phương thức, en: Methods}\n        id: methods\n"),
                  ("      - id: capital-law\n", "      - id: methods\n"))
    first = line_of(text, "        id: methods")
    found = problems(text)
    assert len(found) == 1 and f"the id 'methods' is already used on line {first};" in found[0], found


def test_a_unicode_host_too_long_to_encode_is_quoted_clipped():
    """A host IDNA cannot encode (a label over 63 letters) is quoted within the 40 characters EDITING.md
    promises for a quoted value; an encodable host's ASCII form, the fix to copy, is given whole."""
    host = "hà" + "n" * 70 + ".vn"
    found = problems(edited(("  home: https://hanoimoi.vn/\n", f"  home: https://{host}/\n")))
    assert len(found) == 1 and "its xn-- form" in found[0] and host not in found[0], found
    assert found[0].endswith(f"(for {host[:37]}...)"), found
