"""The timeline of dated commitments: in order, machine-readable dates, each entry linking to its item."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest

from conftest import LANGUAGES, ROOT, language_prefix
from report.site import load_site, timeline

# HTML's valid <time datetime> forms the source's precision allows: a year, a month or a day.
DATETIME = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", LANGUAGES, root=ROOT)


class _Page(HTMLParser):
    """The ids of a page, and the timeline's entries with their times and links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.entries: list[dict] = []
        self._in_timeline = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "ol" and "report-timeline" in (attrs.get("class") or ""):
            self._in_timeline = True
        elif self._in_timeline and tag == "li":
            self.entries.append({"times": [], "links": []})
        elif self._in_timeline and tag == "time":
            self.entries[-1]["times"].append(attrs.get("datetime"))
        elif self._in_timeline and tag == "a":
            self.entries[-1]["links"].append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "ol":
            self._in_timeline = False


def _parse(path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_the_dated_commitments_are_in_time_order(site):
    entries = site.context("vi")["timeline"]
    ids = [entry["id"] for entry in entries]
    for expected in ("midterm-review", "ring-road-4", "capital-law-and-planning", "congress-preparation", "term-end"):
        assert expected in ids
    assert ids[0] == "midterm-review" and ids[-1] == "term-end"
    assert [entry["due"] for entry in entries] == sorted(entry["due"] for entry in entries)
    by_id = {entry["id"]: entry for entry in entries}
    assert by_id["ring-road-4"]["datetime"] == "2023-06-30"
    assert by_id["capital-law-and-planning"]["datetime"] == "2023-10"
    assert (by_id["congress-preparation"]["datetime"], by_id["congress-preparation"]["until_datetime"]) == ("2023", "2024")
    assert site.context("en")["timeline"][1]["when"] == "30 June 2023"
    assert by_id["ring-road-4"]["when"] == "30 tháng 6 năm 2023"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_timeline_links_every_entry_to_its_item(built_site, site, lang):
    home = built_site / language_prefix(lang) / "index.html"
    page = _parse(home)
    entries = site.context(lang)["timeline"]
    assert len(page.entries) == len(entries)
    base = "http://site/" + language_prefix(lang)
    for entry, shown in zip(entries, page.entries, strict=True):
        assert shown["times"][0] == entry["datetime"] and all(DATETIME.match(t) for t in shown["times"])
        [href] = shown["links"]
        target = urlparse(urljoin(base, href))
        assert target.fragment == entry["id"]
        path = built_site / target.path.lstrip("/") / "index.html"
        assert path.is_file(), href
        assert entry["id"] in _parse(path).ids, f"{href}: no element with id {entry['id']}"


def test_following_a_timeline_entry_lands_on_the_item(page, site_url):
    page.goto(site_url + "en/")
    timeline = page.locator("ol.report-timeline")
    assert timeline.get_by_role("listitem").count() >= 5
    page.get_by_role("link", name="Ring Road 4 – Capital Region (Vành đai 4)").click()
    page.wait_for_url("**/en/results/#ring-road-4")
    assert page.locator("#ring-road-4").is_visible()
    assert page.locator("#ring-road-4").evaluate("h => h.getBoundingClientRect().top") < 300


def _whole_years(site) -> dict[str, int]:
    """The ids of dated items whose date is a whole year (``when: 2023``), with that year."""
    from report.model import Item
    from report.model_paths import walk
    return {node.id: node.when.year for _, node in walk(site.report)
            if isinstance(node, Item) and node.when is not None
            and node.when.month is None and node.when.quarter is None and node.when.part is None}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_whole_year_reads_as_its_end_after_the_months_of_that_year(site, lang):
    """A bare "2023" listed after "October 2023" reads as out of order: a whole year is shown as the
    end it falls due by, after every month of that year, and before what merely starts then."""
    whole = _whole_years(site)
    assert whole, "the data has no whole-year commitment any more: update this test"
    entries = site.context(lang)["timeline"]
    order = [entry["id"] for entry in entries]
    for entry in entries:
        if entry["id"] in whole:
            year = whole[entry["id"]]
            assert entry["when"] == site.localiser(lang).label("by_year_end", year=year)
            assert not re.fullmatch(r"\d{4}", entry["when"])
            months = [e["id"] for e in entries if e["datetime"].startswith(f"{year}-")]
            assert all(order.index(m) < order.index(entry["id"]) for m in months), order
    # Same due date (the end of 2023): the whole year comes before what starts late in it, whatever
    # the order of the items in the file.
    instructions = site.report.directives.instructions
    swapped = instructions.model_copy(update={"items": list(reversed(instructions.items))})
    report = site.report.model_copy(update={
        "directives": site.report.directives.model_copy(update={"instructions": swapped})})
    for items in (site.report, report):
        ids = [entry["id"] for entry in timeline(items, site.localiser(lang))]
        assert ids.index("plan-2023") < ids.index("congress-preparation"), ids
