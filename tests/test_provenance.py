"""The site's own provenance: the model part that holds it, and what every page shows and says of it.

Who publishes the summary and since when, under which licence, how to reach the editors and
report an error on a page; the sitemap's dates; JSON-LD and the Highwire citation tags; the About
page's account of the source.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import LANGUAGES, LOCAL, PAGES, PUBLISHED, ROOT, language_prefix
from in_process import run_build
from project_copy import copy_project
from report.links import Contact
from report.loading import parse_yaml
from report.model import Report
from report.problems import ReportError
from report.provenance import Feedback, query
from report.site import load_site
from report.validation import check_report

PAGE_NAMES = {"": "index", "results/": "results", "shortcomings/": "shortcomings", "directives/": "directives",
              "about/": "about"}
ALL_PAGES = [(lang, path) for lang in LANGUAGES for path in PAGES]
IDS = [f"{lang}:/{path}" for lang, path in ALL_PAGES]


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", LANGUAGES, root=ROOT)


def _soup(site_dir: Path, lang: str, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / language_prefix(lang) / path / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def _check(raw: str, today: dt.date = dt.date(2026, 12, 1)):
    return check_report(parse_yaml(raw.encode("utf-8"), "data/report.yaml", keep_going=True), ["vi", "en"],
                        today=today)


def _messages(raw: str) -> list[str]:
    with pytest.raises(ReportError) as caught:
        _check(raw)
    return [str(problem) for problem in caught.value.problems]


REAL = (ROOT / "data" / "report.yaml").read_text(encoding="utf-8")


# --- the model ------------------------------------------------------------------------------------


def test_the_real_data_carries_the_sites_provenance(site):
    publication = site.report.publication
    assert publication.first_published == dt.date(2026, 11, 28)  # the repository's first commit
    assert publication.licence.spdx.value == "CC-BY-4.0"
    assert publication.licence.url.root == "https://creativecommons.org/licenses/by/4.0/"
    for lang in LANGUAGES:
        assert publication.editors.name.root[lang] and publication.licence.name.root[lang]
        scope = publication.licence.scope.root[lang]
        assert ("Hànộimới" in scope or "Hanoimoi" in scope), "quotations and the article remain the newspaper's"
    assert publication.editors.contact is None, "no contact address exists: none may be invented"
    assert site.report.source.article is None and site.report.source.covers is not None


def test_publication_is_required_and_checked_like_every_part():
    without = REAL[:REAL.index("\npublication:")] + REAL[REAL.index("\n# Terms of the source"):]
    assert any("publication: this field is missing" in m for m in _messages(without))
    before = REAL.replace("first_published: 2026-11-28", "first_published: 2023-04-18")
    assert any(re.search(r"publication\.first_published: 2023-04-18 is before the event", m) for m in _messages(before))
    wrong = REAL.replace("url: https://creativecommons.org/licenses/by/4.0/", "url: https://creativecommons.org/licenses/by-sa/4.0/")
    assert any("publication.licence.url: this is not the address of the licence CC-BY-4.0" in m for m in _messages(wrong))
    future = _check(REAL, today=dt.date(2026, 11, 1))
    assert any("first_published: warning: 2026-11-28 is in the future" in str(p) for p in future.warnings)


@pytest.mark.parametrize("address", ["editors@hanoi.vn", "https://github.com/owner/repo/issues", "http://bao.vn/lien-he"])
def test_a_contact_is_an_email_or_a_web_address(address):
    assert Contact.model_validate(address).root == address
    assert Contact.model_validate(address).is_email == ("://" not in address)


@pytest.mark.parametrize("address", ["editors@example.org", "https://example.com/contact", "a@b.test", "x@localhost.localhost",
                                     "ban-bien-tap@", "javascript:alert(1)", "mailto:x@y.vn"])
def test_a_contact_that_reaches_no_one_is_refused(address):
    with pytest.raises(ValueError):
        Contact.model_validate(address)


def test_the_data_and_labels_hold_no_placeholder_address():
    for path in (ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros" / "labels.yaml", ROOT / "mkdocs.yml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"example\.(org|com|net)|@example|\.invalid\b|\.test\b", text), path


# --- every page: its dates and the report link ----------------------------------------------------


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_every_page_shows_the_sites_publication_and_last_update(built_site, site, lang, path):
    line = _soup(built_site, lang, path).select_one("article .report-page-updated")
    times = [time["datetime"] for time in line.find_all("time")]
    assert times[0] == site.report.publication.first_published.isoformat()
    labels = site.context(lang)["labels"]
    assert labels["first_published"].split("{date}")[0].strip() in line.get_text(" ")
    updated = site.last_modified(PAGE_NAMES[path])
    assert times[1:] == ([updated.isoformat()] if updated else []) and (updated or labels["never_updated"] in line.get_text())


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_every_page_ends_with_a_report_link_to_the_tracker_carrying_its_address(built_site, site, lang, path):
    article = _soup(built_site, lang, path).select_one("article")
    feedback = article.select(".report-feedback a")
    assert len(feedback) == 1 and feedback[0].get_text() == site.context(lang)["labels"]["report_error"]
    last = [child for child in article.children if getattr(child, "name", None)][-1]
    assert "report-feedback" in last.get("class", []), "the report link ends the page"
    link = urlsplit(feedback[0]["href"])
    assert f"{link.scheme}://{link.netloc}{link.path}" == PUBLISHED["SITE_REPOSITORY_URL"] + "/issues/new"
    fields = parse_qs(link.query)
    page_url = urljoin(PUBLISHED["SITE_URL"], language_prefix(lang) + path)
    assert fields["body"] == [site.localiser(lang).label("report_error_body", url=page_url)]
    page_title = site.context(lang)["labels"][f"page_{'index' if path == '' else path.strip('/')}"]
    assert fields["title"] == [site.localiser(lang).label("report_error_title", page=page_title)]


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_without_a_tracker_the_report_link_goes_to_the_contact_section_with_the_address(local_build, lang, path):
    site_dir, _ = local_build
    href = _soup(site_dir, lang, path).select_one("article .report-feedback a")["href"]
    link = urlsplit(href)
    assert link.fragment == "contact" and parse_qs(link.query) == {"page": ["/" + language_prefix(lang) + path]}
    about = urljoin("/" + language_prefix(lang) + path, link.path)
    assert about == "/" + language_prefix(lang) + "about/"
    assert _soup(site_dir, lang, "about/").find(id="contact") is not None


def test_an_email_contact_gets_a_mailto_link_with_the_page(site):
    report = site.report
    editors = report.publication.editors.model_copy(update={"contact": Contact("bientap@tomtat-ctr01.vn")})
    changed = report.model_copy(update={"publication": report.publication.model_copy(update={"editors": editors})})
    feedback = Feedback(changed, site.localiser("en"), "https://example.org/", None, LANGUAGES)
    link = urlsplit(feedback.href("results"))
    assert (link.scheme, link.path) == ("mailto", "bientap@tomtat-ctr01.vn")
    assert parse_qs(link.query)["body"] == ["Page: https://example.org/en/results/"]
    assert Feedback(changed, site.localiser("en"), "https://example.org/", "https://github.com/o/r", LANGUAGES).href(
        "results").startswith("https://github.com/o/r/issues/new?"), "the tracker comes first"


def test_query_values_keep_letters_and_escape_what_ends_a_value():
    text = "Sai sót: & = # % + ? /x"
    assert parse_qs(query({"title": text})) == {"title": [text]}
    assert "Sai%20sót" in query({"title": text}) and "&" not in query({"title": text})


def test_the_contact_section_says_how_to_reach_the_editors(built_site, local_build, site):
    for lang in LANGUAGES:
        labels = site.context(lang)["labels"]
        published = _soup(built_site, lang, "about/")
        heading = published.find(id="contact")
        tracker = heading.find_next("p").find("a")
        assert tracker["href"] == PUBLISHED["SITE_REPOSITORY_URL"] + "/issues" and tracker.get_text() == labels["tracker"]
        local = _soup(local_build[0], lang, "about/").find(id="contact").find_next("p").get_text(" ")
        assert " ".join(local.split()) == " ".join(labels["contact_none"].split())


# --- sitemap, JSON-LD, citation tags --------------------------------------------------------------


def test_sitemap_dates_come_from_the_model_not_the_build_clock(built_site, site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = ET.parse(built_site / "sitemap.xml").getroot().findall("s:url", ns)
    assert len(urls) == len(ALL_PAGES)
    for url in urls:
        assert url.find("s:changefreq", ns) is None
        path = urlsplit(url.findtext("s:loc", namespaces=ns)).path.lstrip("/")
        lang = next((code for code in LANGUAGES[1:] if path.startswith(code + "/")), LANGUAGES[0])
        page = PAGE_NAMES[path[len(language_prefix(lang)):]]
        expected = site.last_modified(page) or site.report.publication.first_published
        assert url.findtext("s:lastmod", namespaces=ns) == expected.isoformat(), path


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_json_ld_names_dates_editors_licence_and_the_article(built_site, site, lang, path):
    soup = _soup(built_site, lang, path)
    data = json.loads(soup.find("script", type="application/ld+json").string)
    publication = site.report.publication
    assert data["datePublished"] == publication.first_published.isoformat()
    updated = site.last_modified(PAGE_NAMES[path]) or publication.first_published
    assert data["dateModified"] == updated.isoformat()
    editors = publication.editors.name.root[lang]
    for role in ("author", "publisher"):
        assert data[role]["@type"] == "Organization" and data[role]["name"] == editors
        assert data[role]["url"] == urljoin(PUBLISHED["SITE_URL"], language_prefix(lang) + "about/#contact")
        assert data[role]["contactPoint"]["url"] == PUBLISHED["SITE_REPOSITORY_URL"] + "/issues"
    assert data["license"] == publication.licence.url.root
    article = data["isBasedOn"]
    assert article["name"] == site.article_name(site.localiser(lang)) and "url" not in article
    assert article["about"] == {"@type": "Event", "name": site.localiser(lang).text(site.report.event.name),
                                "startDate": site.report.event.date.isoformat()}


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_highwire_citation_tags_on_every_page(built_site, site, lang, path):
    soup = _soup(built_site, lang, path)
    tags = {meta["name"]: meta["content"] for meta in soup.find_all("meta") if meta.get("name", "").startswith("citation_")}
    editors = site.report.publication.editors.name.root[lang]
    assert tags["citation_publication_date"] == site.report.publication.first_published.strftime("%Y/%m/%d")
    assert tags["citation_language"] == lang and tags["citation_publisher"] == editors == tags["citation_author"]
    assert tags["citation_title"] == json.loads(soup.find("script", type="application/ld+json").string)["name"]
    assert tags["citation_public_url"] == soup.find("link", rel="canonical")["href"]


# --- the About page -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_about_describes_the_source_who_made_the_summary_and_the_licence(built_site, site, lang):
    soup = _soup(built_site, lang, "about/")
    localiser, report = site.localiser(lang), site.report
    facts = soup.find(id="source").find_next("dl")
    text = " ".join(facts.get_text(" ").split())
    for expected in (localiser.text(report.source.publisher), report.source.abbreviation, localiser.text(report.event.name),
                     localiser.date(report.event.date), " ".join(localiser.text(report.source.covers).split()),
                     " ".join(localiser.label("source_no_address").split())):
        assert expected in text, expected
    assert facts.find("a", href=report.source.home.root)
    made_by = soup.find(id="method").find_next("p")
    assert localiser.text(report.publication.editors.name) in made_by.get_text()
    licence = soup.find(id="licence").find_next("p").find("a")
    assert licence["href"] == report.publication.licence.url.root and "license" in licence["rel"]
    assert licence.get_text() == localiser.text(report.publication.licence.name)
    scope = " ".join(localiser.text(report.publication.licence.scope).split())
    assert scope in " ".join(soup.find(id="licence").find_next("p").find_next("p").get_text().split())
    citation = soup.select_one(".report-citation").get_text()
    assert localiser.date(report.publication.first_published) in citation, "the citation carries the site's date"


@pytest.fixture(scope="module")
def article_site(tmp_path_factory) -> Path:
    """The real data with an address for the article and an e-mail contact, built as the README does."""
    project = copy_project(tmp_path_factory.mktemp("article") / "project")
    report = project / "data" / "report.yaml"
    text = report.read_text(encoding="utf-8")
    text = text.replace("  home: https://hanoimoi.vn/\n", "  home: https://hanoimoi.vn/\n  article: https://hanoimoi.vn/bai-thu-nghiem\n")
    text = text.replace("      en: Editors of the 01-CTr/TU summary\n",
                        "      en: Editors of the 01-CTr/TU summary\n    contact: bientap@tomtat-ctr01.vn\n")
    assert yaml.safe_load(text)["source"]["article"]
    report.write_text(text, encoding="utf-8")
    result = run_build(project, project / "site", env=LOCAL)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_articles_address_is_shown_and_linked_only_when_given(article_site, built_site, lang):
    address = "https://hanoimoi.vn/bai-thu-nghiem"
    soup = _soup(article_site, lang, "about/")
    assert soup.find(id="source").find_next("dl").find("a", href=address).get_text() == address
    for path in PAGES:
        data = json.loads(_soup(article_site, lang, path).find("script", type="application/ld+json").string)
        assert data["isBasedOn"]["url"] == address
        assert data["author"]["contactPoint"] == {"@type": "ContactPoint", "contactType": "corrections",
                                                  "email": "bientap@tomtat-ctr01.vn"}
        href = _soup(article_site, lang, path).select_one(".report-feedback a")["href"]
        assert href.startswith("mailto:bientap@tomtat-ctr01.vn?subject=")
    contact = soup.find(id="contact").find_next("p").find("a")
    assert contact["href"] == "mailto:bientap@tomtat-ctr01.vn"
    assert "bai-thu-nghiem" not in (built_site / language_prefix(lang) / "about" / "index.html").read_text(encoding="utf-8")


def test_report_model_round_trips_with_provenance(site):
    assert Report.model_validate(site.report.model_dump(mode="json")) == site.report
