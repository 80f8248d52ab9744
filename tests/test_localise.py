"""How each language writes numbers, counts, changes, dates, moments, ordinals and tenures, through
the site's own labels (report.site.load_site's localiser): pure checks, no build."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import ROOT
from report.localise import fill, localise, ordinal, roman
from report.measures import Measure, Moment
from report.model import Indicator
from report.site import load_site


@pytest.fixture(scope="module")
def localisers():
    site = load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", ("vi", "en"), root=ROOT)
    return {lang: site.localiser(lang) for lang in ("vi", "en")}


@pytest.mark.parametrize(("number", "expected"), [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"), (12, "12th"), (13, "13th"),
    (17, "17th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (24, "24th"), (100, "100th"), (101, "101st"),
    (111, "111th"), (112, "112th"), (113, "113th"), (121, "121st"),
])
def test_english_ordinals(number, expected):
    assert ordinal(number) == expected


@pytest.mark.parametrize(("number", "expected"), [
    (1, "I"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (14, "XIV"), (17, "XVII"), (40, "XL"), (49, "XLIX"),
    (90, "XC"), (99, "XCIX"), (400, "CD"), (900, "CM"), (1994, "MCMXCIV"), (2023, "MMXXIII"),
])
def test_roman_numerals(number, expected):
    assert roman(number) == expected


def test_tenure_in_each_language(localisers):
    assert localisers["vi"].tenure(17) == "khóa XVII"
    assert localisers["en"].tenure(13) == "13th tenure" and localisers["en"].tenure(22) == "22nd tenure"


@pytest.mark.parametrize(("value", "vi", "en"), [
    (141.8, "141,8", "141.8"), (5.08, "5,08", "5.08"), (0.125, "0,125", "0.125"), (1234567.5, "1.234.567,5", "1,234,567.5"),
    (409, "409", "409"), (-2.5, "-2,5", "-2.5"),
])
def test_numbers_in_each_language(localisers, value, vi, en):
    assert localisers["vi"].number(value) == vi and localisers["en"].number(value) == en


def test_counts_are_words_from_one_to_nine_in_english_only(localisers):
    assert [localisers["en"].count(n) for n in (1, 5, 9, 10, 12)] == ["one", "five", "nine", "10", "12"]
    assert [localisers["vi"].count(n) for n in (1, 9, 10)] == ["1", "9", "10"]
    assert localisers["en"].count(0) == "0"


def test_measures_and_changes_are_worded_by_their_sign(localisers):
    up, down, level = (Measure(value=v, unit="percent") for v in (2.5, -2.5, 0))
    assert localisers["en"].change(up) == "up 2.5%" and localisers["vi"].change(up) == "tăng 2,5%"
    assert localisers["en"].change(down) == "down 2.5%" and localisers["vi"].change(down) == "giảm 2,5%"
    assert localisers["en"].change(level) == "up 0%"
    approximate = Measure(value=50, unit="usd_billion", approximate=True)
    assert localisers["en"].measure(approximate) == "equivalent to USD 50 billion"
    assert localisers["vi"].measure(approximate).startswith("tương đương 50")
    assert localisers["en"].measure(Measure(value=50, unit="usd_billion")) == "USD 50 billion"


def test_dates_and_moments_in_each_language(localisers):
    vi, en = localisers["vi"], localisers["en"]
    assert vi.date(dt.date(2023, 4, 19)) == "19 tháng 4 năm 2023" and en.date(dt.date(2023, 4, 19)) == "19 April 2023"
    cases = {"2023-06-30": ("30 tháng 6 năm 2023", "30 June 2023"), "2023-06": ("tháng 6 năm 2023", "June 2023"),
             "2023-Q1": ("quý I năm 2023", "Q1 2023"), "late 2023": ("cuối năm 2023", "late 2023"),
             "early 2024": ("đầu năm 2024", "early 2024"), "mid 2024": ("giữa năm 2024", "mid-2024"),
             "2023": ("2023", "2023"), "2100": ("2100", "2100")}
    for notation, (in_vi, in_en) in cases.items():
        moment = Moment.model_validate(dt.date.fromisoformat(notation) if notation.count("-") == 2 else notation)
        assert (vi.moment(moment), en.moment(moment)) == (in_vi, in_en), notation


def test_a_change_since_a_month_or_quarter_is_said_as_such(localisers):
    for since, expected in (("2021", "up 10.6% on 2021"), ("2021-06", "up 10.6% on June 2021"),
                            ("2021-Q2", "up 10.6% on Q2 2021")):
        indicator = Indicator.model_validate({
            "id": "income", "title": {"vi": "Thu nhập", "en": "Income"},
            "value": {"value": 141.8, "unit": "percent"}, "change": {"value": 10.6, "unit": "percent"},
            "change_since": since})
        assert localise(indicator, localisers["en"]).change_text == expected


def test_fill_replaces_each_placeholder_once():
    assert fill("{a} and {b}", {"a": "{b}", "b": "B"}) == "{b} and B"  # a value is never read again
    assert fill("{{a}} {a} {c} {", {"a": "A"}) == "{a} A {c} {"
    assert fill("}}{{", {}) == "}{"
