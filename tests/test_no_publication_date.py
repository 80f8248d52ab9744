"""The article gives no publication date, so the site states none for it: not in any page's text
(footer credit, source line, chart captions, the about page's facts), head tags, JSON-LD or open
data. The one publication date the site states is its own (`publication.first_published`), and
only where it is said to be the site's: each page's dates line, the suggested citation, the
`citation_publication_date` tag, JSON-LD's top-level `datePublished` and the citation files.

The event's own date (19 April 2023) is a fact of the article and stays; what is refused is a date
presented as the article's publication date.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

PUBLISHED_KEY = re.compile(r"publish(ed)?_?(time|date)?$|datepublished|datecreated|published", re.I)
PUBLISHED_WORDS = re.compile(r"\b(published on|date published|publication date|first published)\b|ngày đăng|ngày xuất bản|"
                             r"đăng ngày|đăng lần đầu", re.I)
DIGIT = re.compile(r"\d")
# Where the site states its own publication date (overrides/macros/report.md.j2).
OWN_DATE = ".report-page-updated, .report-citation"


def _site_published() -> str:
    """The site's own first publication date, from the model (YYYY-MM-DD)."""
    match = re.search(r"(?m)^  first_published: (\S+)$", (ROOT / "data" / "report.yaml").read_text(encoding="utf-8"))
    assert match, "data/report.yaml has publication.first_published"
    return match[1]


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if ".site.building" not in str(p))


def _soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def _keys(value) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(k for v in value.values() for k in _keys(v))]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []


def test_only_the_sites_own_date_is_a_publication_date_in_the_head(built_site):
    published = _site_published()
    for page in _pages(built_site):
        dated = [meta for meta in _soup(page).find_all("meta")
                 if re.search(r"published|publication_?date|publish_?(date|time)",
                              " ".join(str(meta.get(a, "")) for a in ("name", "property")), re.I)]
        if page.name == "404.html":
            assert dated == [], page
            continue
        assert [(meta["name"], meta["content"]) for meta in dated] == [
            ("citation_publication_date", published.replace("-", "/"))], page


def test_json_ld_dates_the_site_never_the_article(built_site):
    blocks, published = 0, _site_published()
    for page in _pages(built_site):
        for script in _soup(page).find_all("script", type="application/ld+json"):
            blocks += 1
            data = json.loads(script.string)
            assert data["datePublished"] == published, page
            rest = {key: value for key, value in data.items() if key != "datePublished"}
            assert [k for k in _keys(rest) if PUBLISHED_KEY.search(k)] == [], page
            assert not {"datePublished", "dateCreated", "dateModified"} & set(_keys(data["isBasedOn"])), page
    assert blocks >= 10


def test_no_page_text_states_a_publication_date_but_the_sites_own(built_site):
    for page in _pages(built_site):
        soup = _soup(page)
        for own in soup.select(OWN_DATE):
            times = [time["datetime"] for time in own.find_all("time")]
            if PUBLISHED_WORDS.search(own.get_text(" ")) and own.find("time"):
                assert times[0] == _site_published(), f"{page}: {own}"
            own.decompose()
        text = " ".join(soup.get_text(" ").split())
        assert not PUBLISHED_WORDS.search(text), f"{page}: {PUBLISHED_WORDS.search(text)[0]}"
        # The source is credited without a date: footer, chart captions, the overview's source line.
        for credit in soup.select(".md-copyright, figure.report-chart figcaption"):
            assert not DIGIT.search(credit.get_text()), f"{page}: {credit.get_text(' ', strip=True)}"
        source_heading = soup.find(id="source")
        if source_heading is not None and source_heading.name == "h2":
            following = source_heading.find_next_sibling(["p", "dl"])
            if following.name == "p":
                assert not DIGIT.search(following.get_text()), f"{page}: {following.get_text(' ', strip=True)}"
            else:
                # The about page's facts: publisher, the event (with its own date) and rights only.
                for entry in following.find_all("div", recursive=False):
                    if entry.find("time"):
                        assert entry.find("dd").get_text().startswith(_event_name(page)), f"{page}: {entry}"


def _event_name(page: Path) -> str:
    lang = "vi" if "/en/" not in str(page) else "en"
    return {"vi": "Hội nghị sơ kết", "en": "Mid-term review conference"}[lang]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_footer_credits_the_source_without_a_date(built_site, lang):
    page = built_site / ("en/" if lang == "en" else "") / "index.html"
    credit = _soup(page).select_one(".md-copyright").get_text(" ", strip=True)
    assert "HNMO" in credit and not DIGIT.search(credit), credit


def test_no_open_data_file_states_a_publication_date_but_the_sites_own(built_site):
    data = json.loads((built_site / "data" / "report.json").read_text(encoding="utf-8"))
    assert [k for k in _keys(data) if PUBLISHED_KEY.search(k)] == ["first_published"]
    assert data["report"]["publication"]["first_published"] == _site_published()
    assert "source" in data["report"] and "date" not in " ".join(data["report"]["source"])
    with (built_site / "data" / "figures.csv").open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert [h for h in header if "publish" in h.lower()] == []
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [k for k in _keys(package) if PUBLISHED_KEY.search(k) or "created" in k.lower()] == []
