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
from bs4 import BeautifulSoup

from conftest import LANGUAGES, ROOT, language_prefix
from report.measures import Measure, Moment, Unit
from report.model import Report
from report.opendata import COLUMNS, figures_csv, neutralise_formula
from report.site import load_site
from report.texts import Text


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
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "figures.csv").read_text(encoding="utf-8-sig"))))
    # One row per indicator with a figure; one given only in words has none (no empty row).
    assert [row["id"] for row in rows] == [ident for ident, raw in raw_indicators.items() if "value" in raw]
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


# --- the CSV as spreadsheets read it ------------------------------------------------------------


def test_csv_has_a_byte_order_mark_rfc_4180_line_ends_and_no_empty_row(built_site):
    raw = (built_site / "data" / "figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,"), "Excel on Windows needs the byte-order mark to read UTF-8"
    lines = raw[3:].decode("utf-8").split("\r\n")
    assert lines[-1] == "" and all(lines[:-1]), "one row per line, none empty"
    for row in csv.reader(io.StringIO(raw[3:].decode("utf-8"))):
        assert any(cell for cell in row[1:]), row
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert all(any(row[k] for k in ("value", "national", "change")) for row in rows), "every row carries a figure"


FORMULAS = ["=HYPERLINK(\"https://evil.example/\",\"x\")", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3", "\tTab",
            "\rReturn"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_text_a_spreadsheet_would_run_arrives_as_text(site, formula):
    """OWASP's CSV-injection rule: a text cell starting with = + - @, a tab or CR gets an apostrophe."""
    indicators = list(site.report.results.economy.indicators)
    first = next(i for i, indicator in enumerate(indicators) if indicator.value is not None)
    hostile = Text(dict.fromkeys(LANGUAGES, formula))
    indicators[first] = indicators[first].model_copy(update={"title": hostile, "note": hostile, "national_label": hostile,
                                                             "change": Measure(value=-2.5, unit=Unit.percent),
                                                             "change_since": Moment(year=2021)})
    economy = site.report.results.economy.model_copy(update={"indicators": indicators})
    report = site.report.model_copy(update={"results": site.report.results.model_copy(update={"economy": economy})})
    row = next(iter(csv.DictReader(io.StringIO(figures_csv(report, LANGUAGES)))))
    for column in ("title", "note", "national_label"):
        for lang in LANGUAGES:
            assert row[f"{column}_{lang}"] == "'" + formula, (column, row[f"{column}_{lang}"])
    assert row["change"] == "-2.5", "a number stays a number"
    assert neutralise_formula("Tăng trưởng = GDP") == "Tăng trưởng = GDP", "only the start of a cell counts"


# --- the Data Package, the schema, the data dictionary, the download links ------------------------


def test_data_package_is_valid_and_describes_every_column_in_every_language(built_site, site):
    import frictionless

    descriptor = built_site / "data" / "datapackage.json"
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["type", "note"])
    assert [task.name for task in report.tasks] == ["figures", "report", "report-schema"]
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    licence = site.report.publication.licence
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": licence.url.root, "title": licence.name.root["en"]}]
    assert package["sources"][0]["path"] == site.report.source.home.root and "HNMO" in package["sources"][0]["title"]
    assert package["contributors"][0]["title"] == site.report.publication.editors.name.root["en"]
    figures = package["resources"][0]
    header = next(csv.reader(io.StringIO((built_site / "data" / "figures.csv").read_text(encoding="utf-8-sig"))))
    assert [field["name"] for field in figures["schema"]["fields"]] == header
    for field in figures["schema"]["fields"]:
        assert set(field["descriptions"]) == set(LANGUAGES) and all(field["descriptions"].values()), field["name"]
        assert field["description"] == field["descriptions"]["en"]
    rows = frictionless.Resource(figures, basepath=str(descriptor.parent)).read_rows()
    assert float(rows[0]["value"]) == site.report.results.economy.indicators[1].value.value


def test_the_models_json_schema_is_published_and_describes_the_data(built_site):
    import jsonschema

    published = built_site / "data" / "report.schema.json"
    assert published.read_bytes() == (ROOT / "schema" / "report.schema.json").read_bytes()
    document = json.loads((built_site / "data" / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(document["report"], json.loads(published.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_about_has_the_data_dictionary_of_every_column_and_unit_code(built_site, site, lang):
    html = (built_site / language_prefix(lang) / "about" / "index.html").read_text(encoding="utf-8")
    dictionary = BeautifulSoup(html, "html.parser").select_one(".report-dictionary")
    cells = {code.get_text(): " ".join(code.find_parent("tr").find_all("td")[-1].get_text().split())
             for code in dictionary.find_all("code")}
    localiser = site.localiser(lang)
    header = next(csv.reader(io.StringIO((built_site / "data" / "figures.csv").read_text(encoding="utf-8-sig"))))
    for column in COLUMNS:
        for name in column.names(LANGUAGES):
            assert cells[name] == localiser.label(f"column_{column.name}"), name
    assert set(header) <= set(cells)
    for unit in Unit:
        assert cells[unit.value] == localiser.label(f"unit_code_{unit.value}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_download_link_beside_each_chart_and_table(built_site, site_url, site, lang):
    import urllib.request

    label = site.localiser(lang).label("download_data")
    for path in ("", "results/"):
        page_url = site_url + language_prefix(lang) + path
        soup = BeautifulSoup((built_site / language_prefix(lang) / path / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        beside = [figure.find("a", string=label) for figure in soup.select("figure.report-chart")]
        beside += [table.find_next("p").find("a", string=label) for table in soup.select("article table")]
        assert beside and all(beside), f"{lang}:/{path}"
        for link in beside:
            with urllib.request.urlopen(urljoin(page_url, link["href"])) as response:
                assert response.read() == (built_site / "data" / "figures.csv").read_bytes()
    charts = len(BeautifulSoup((built_site / language_prefix(lang) / "index.html").read_text(encoding="utf-8"),
                               "html.parser").select("figure.report-chart"))
    assert charts >= 3
