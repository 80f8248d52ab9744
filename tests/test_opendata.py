"""Open data: the model as JSON and the figures as CSV, published once at the site root and linked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
import yaml

from conftest import LANGUAGES, ROOT, language_prefix
from report.model import Moment, Report
from report.opendata import figures_csv
from report.site import load_site


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", LANGUAGES, root=ROOT)


@pytest.fixture(scope="module")
def raw_indicators():
    """The indicators straight from report.yaml, independent of the model code."""
    data = yaml.safe_load((ROOT / "data" / "report.yaml").read_text(encoding="utf-8"))
    return {indicator["id"]: indicator for indicator in data["results"]["economy"]["indicators"]}


def test_written_once_at_the_site_root(built_site):
    assert (built_site / "data" / "report.json").is_file()
    assert (built_site / "data" / "figures.csv").is_file()
    for lang in LANGUAGES[1:]:
        assert not (built_site / lang / "data").exists()


def test_json_round_trips_to_the_model(built_site, site):
    document = json.loads((built_site / "data" / "report.json").read_text(encoding="utf-8"))
    assert document["languages"] == list(LANGUAGES)
    assert Report.model_validate(document["report"]) == site.report
    assert document["report"]["event"]["date"] == "2023-04-19"  # ISO date
    figures = {row["id"]: row for row in document["figures"]}
    assert figures["income-per-capita"]["value"] == 141.8 and isinstance(figures["grdp-scale"]["value"], int)
    assert figures["grdp-growth-q1-2023"]["period"] == {"notation": "2023-Q1", "start": "2023-01-01", "end": "2023-03-31"}
    dated = {item["id"]: item for item in document["dated_items"]}
    assert dated["ring-road-4"]["when"] == {"notation": "2023-06-30", "start": "2023-06-30", "end": "2023-06-30"}
    assert dated["congress-preparation"]["until"]["notation"] == "2024"
    assert dated["congress-preparation"]["part"] == "directives"
    text = json.dumps(document["report"], ensure_ascii=False)
    assert "Hà Nội" in text and "Hanoi" in text  # both languages


def test_csv_numbers_match_report_yaml(built_site, raw_indicators):
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "figures.csv").read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == list(raw_indicators)
    for row in rows:
        raw = raw_indicators[row["id"]]
        for lang in LANGUAGES:
            assert row[f"title_{lang}"] == raw["title"][lang]
        for column, key in (("value", "value"), ("national", "national"), ("change", "change")):
            if key in raw:
                assert float(row[column]) == raw[key]["value"], (row["id"], column)
            else:
                assert row[column] == ""
        if "value" in raw:
            assert row["unit"] == raw["value"]["unit"]
            assert row["approximate"] == str(raw["value"].get("approximate", False)).lower()
        assert row["change_since"] == (str(raw["change_since"]) if "change_since" in raw else "")
        assert row["period"] == (str(raw["when"]) if "when" in raw else "")


def test_csv_is_plain_decimal_points_whatever_the_language(site):
    text = figures_csv(site.report, LANGUAGES)
    assert "141.8" in text and "141,8" not in text
    assert text.splitlines()[0].startswith("id,title_vi,title_en,value,unit,approximate,national")


@pytest.mark.parametrize("written, notation", [
    (dt.date(2023, 6, 30), "2023-06-30"), ("2023-10", "2023-10"), ("2023-Q1", "2023-Q1"),
    ("late 2023", "late 2023"), (2023, "2023"),
])
def test_moment_notation_is_how_report_yaml_writes_it(written, notation):
    assert Moment.model_validate(written).notation == notation


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_about_pages_link_the_data_and_suggest_a_citation(built_site, site_url, site, lang):
    page_url = site_url + language_prefix(lang) + "about/"
    html = (built_site / language_prefix(lang) / "about" / "index.html").read_text(encoding="utf-8")
    links = _Links()
    links.feed(html)
    data_links = [href for href in links.hrefs if href.endswith(("report.json", "figures.csv"))]
    assert len(data_links) == 2
    for href in data_links:
        with urllib.request.urlopen(urljoin(page_url, href)) as response:
            assert response.status == 200
            assert response.read() == (built_site / "data" / href.rsplit("/", 1)[1]).read_bytes()
    labels = site.context(lang)["labels"]
    assert labels["cite"] in html and 'class="report-citation"' in html
    assert site.report.programme.code in html.split('class="report-citation"')[1].split("</blockquote>")[0]


def test_about_page_is_complete_in_both_languages(built_site, site):
    for lang in LANGUAGES:
        html = (built_site / language_prefix(lang) / "about" / "index.html").read_text(encoding="utf-8")
        for anchor in ("source", "method", "notes", "open-data", "cite"):
            assert f'id="{anchor}"' in html, (lang, anchor)
        assert site.report.source.home.root in html
        for note in site.report.source.notes:
            assert f'id="{note.id}"' in html
