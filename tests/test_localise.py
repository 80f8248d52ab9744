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
    (14, "14th"), (111, "111th"), (112, "112th"), (113, "113th"), (114, "114th"), (121, "121st"),
])
def test_english_ordinals(number, expected):
    assert ordinal(number) == expected


@pytest.mark.parametrize(("number", "expected"), [
    (1, "I"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (14, "XIV"), (17, "XVII"), (40, "XL"), (49, "XLIX"),
    (50, "L"), (60, "LX"), (90, "XC"), (99, "XCIX"), (100, "C"), (150, "CL"), (400, "CD"), (500, "D"), (600, "DC"),
    (900, "CM"), (1994, "MCMXCIV"), (2023, "MMXXIII"),
])
def test_roman_numerals(number, expected):
    assert roman(number) == expected


def test_tenure_in_each_language(localisers):
    assert localisers["vi"].tenure(17) == "khóa XVII"
    assert localisers["en"].tenure(13) == "13th tenure" and localisers["en"].tenure(22) == "22nd tenure"


@pytest.mark.parametrize(("value", "vi", "en"), [
    (141.8, "141,8", "141.8"), (5.08, "5,08", "5.08"), (0.125, "0,125", "0.125"), (1234567.5, "1.234.567,5", "1,234,567.5"),
    (409, "409", "409"), (-2.5, "-2,5", "-2.5"), (0.1234, "0,1234", "0.1234"),  # every decimal written is kept
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
    assert localisers["en"].change(level) == "unchanged" and localisers["vi"].change(level) == "không đổi"
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


def test_a_text_in_each_language_with_its_values_and_markers(localisers):
    from dataclasses import replace

    from report.texts import Text

    en = localisers["en"]
    both = Text({"vi": "{n} điểm", "en": "{n} sites"})
    assert en.text(both, {"n": "four"}) == "four sites" and localisers["vi"].text(both, {"n": "4"}) == "4 điểm"
    assert en.text(Text({"vi": "Hội nghị {n}"}), {"n": "4"}) == "[translation pending] Hội nghị 4"
    assert en.text(Text({"fr": "Conférence"})) == "[translation pending] Conférence"  # no default-language text
    assert en.text(Text({"fr": "Conférence", "vi": "Hội nghị"})) == "[translation pending] Hội nghị"  # the default first
    assert replace(en, outdated=frozenset({id(both)})).text(both, {"n": "4"}) == "4 sites [⚠ translation may be out of date]"
    assert en.text(Text({"vi": "{{n}} {n}", "en": "{{n}} {n}"})) == "{n} {n}"


def test_a_label_falls_back_to_the_default_language():
    from report.localise import Localiser
    from report.texts import Text

    labels = {"only_vi": Text({"vi": "Việt {x}"}), "only_fr": Text({"fr": "Français"}), "both": Text({"vi": "V", "en": "E"}),
              "fr_vi": Text({"fr": "F", "vi": "V"})}
    english = Localiser("en", labels, "vi")
    assert english.label("only_vi", x=1) == "Việt 1" and english.label("only_fr") == "Français" and english.label("both") == "E"
    assert english.label("fr_vi") == "V"


def test_a_language_without_a_house_style_takes_cldrs():
    """A third language (mkdocs.yml may add one) writes dates and months as CLDR does."""
    from report.localise import Localiser

    french = Localiser("fr", {}, "vi")
    assert french.date(dt.date(2023, 4, 19)) == "19 avril 2023"
    assert french.moment(Moment.model_validate("2023-06")) == "juin 2023"


def test_an_items_values_and_dates_fill_its_texts():
    """tests/fixtures/minimal.yaml's Ring Road item: `{sites} điểm vào {when}` with sites: 4."""
    from report.loading import parse_yaml
    from report.validation import check_report

    minimal = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8").replace(
        '        values: {sites: 4}\n        text: {vi: "{sites} điểm vào {when}", en: "{sites} sites on {when}"}\n',
        '        values: {sites: 4, share: {value: 12.5, unit: percent}}\n'
        '        text: {vi: "{sites} điểm vào {when} ({share})", en: "{sites} sites on {when} ({share})"}\n')
    model = check_report(parse_yaml(minimal.encode("utf-8"), "data/report.yaml"), ["vi", "en"]).report
    texts = {}
    for lang in ("vi", "en"):
        site = load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", ("vi", "en"), root=ROOT)
        [ring_road] = localise(model, site.localiser(lang)).results.initiatives.items
        texts[lang] = ring_road.text
        assert isinstance(ring_road.values["sites"], int) and ring_road.values["share"]["value"] == 12.5
        assert ring_road.values["share"]["text"] == ("12,5%" if lang == "vi" else "12.5%")
    assert texts == {"vi": "4 điểm vào 30 tháng 6 năm 2023 (12,5%)", "en": "four sites on 30 June 2023 (12.5%)"}


def _walk(node, path=()):
    yield path, node
    children = vars(node).items() if hasattr(node, "__dict__") and not isinstance(node, type) else (
        node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ())
    for key, child in children:
        yield from _walk(child, (*path, key))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_localised_report_is_plain_values_with_every_value_filled(lang):
    """The whole real model through localise: only plain values remain; every measure, moment and
    date carries its text in the language; no placeholder of an item's values is left unfilled."""
    import re

    from pydantic import BaseModel

    site = load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", ("vi", "en"), root=ROOT)
    report = site.context(lang)["report"]
    number = re.compile(r"\d+,\d" if lang == "vi" else r"\d+\.\d")
    kinds = set()
    for path, node in _walk(report):
        assert not isinstance(node, BaseModel), path
        if isinstance(node, dict) and "unit" in node:
            kinds.add("measure")
            assert set(node) == {"value", "unit", "approximate", "text"} and isinstance(node["text"], str), path
            assert isinstance(node["value"], int) or number.search(node["text"]), (path, node)
        elif isinstance(node, dict) and "start" in node:
            kinds.add("moment")
            assert node["iso"] == node["start"].isoformat() and str(node["start"].year) in node["text"], path
        elif isinstance(node, dict) and "iso" in node:
            kinds.add("date")
            assert node["iso"][:4] in node["text"], path
        elif isinstance(node, str):
            assert not re.search(r"(?<!\{)\{(when|until|value|year)\}", node), (path, node)
        if not isinstance(node, dict) and isinstance(getattr(node, "values", None), dict) and node.values:
            kinds.add("values")
            names = [*node.values, *(n for n in ("when", "until") if getattr(node, n, None))]
            texts = [text for _, text in _walk(vars(node)) if isinstance(text, str)]
            assert not [text for text in texts for name in names if "{" + name + "}" in text], path
            assert all(isinstance(value, int) or set(value) == {"value", "unit", "approximate", "text"}
                       for value in node.values.values()), path
    assert kinds == {"measure", "moment", "date", "values"}
    assert type(report.source.home) is str and report.source.home.startswith("http")  # a link: its text
    assert type(report.publication.licence.spdx) is str  # an enum: its value
    income = next(node for path, node in _walk(report) if getattr(node, "id", None) == "income-per-capita")
    assert income.change_text == ("tăng 10,6% so với năm 2021" if lang == "vi" else "up 10.6% on 2021")


def test_a_change_is_measured_from_a_year_a_month_or_a_quarter_as_each_reads(localisers):
    """`change_since` may be any moment: "so với năm 2021" for a year, never "so với năm tháng 6 năm 2021"."""
    vi, en = localisers["vi"], localisers["en"]
    assert vi.since(Moment(year=2021)) == "so với năm 2021" and en.since(Moment(year=2021)) == "on 2021"
    assert vi.since(Moment(year=2021, month=6)) == "so với tháng 6 năm 2021"
    assert en.since(Moment(year=2021, month=6)) == "on June 2021"
    assert vi.since(Moment(year=2023, quarter=1)).startswith("so với quý I")
    assert "năm năm" not in vi.since(Moment(year=2023, part="late"))
