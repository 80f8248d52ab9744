"""The site as a reference: CSL-JSON and BibTeX per language, read back by real parsers.

CSL-JSON goes through citeproc-py, a CSL processor (its warning about any variable CSL does not
know counts as a failure), and is rendered with the processor's own style; BibTeX through
bibtexparser, with LaTeX decoding, so that what a reference manager reads is what the site says.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import warnings
from pathlib import Path
from urllib.parse import urljoin

import bibtexparser
import citeproc
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from conftest import LANGUAGES, PUBLISHED, ROOT, language_prefix
from report.citation import SiteCitation, bibtex, citation_files, csl_json
from report.site import load_site

STYLE = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", LANGUAGES, root=ROOT)


def render_csl(items: list[dict]) -> str:
    """The first item as the processor formats it; any unknown CSL variable fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        source = CiteProcJSON(items)
        style = CitationStylesStyle(str(STYLE), validate=False, locale="en-GB")
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        bibliography.register(Citation([CitationItem(items[0]["id"])]))
        return str(bibliography.bibliography()[0])


def parse_bibtex(text: str, *, decode: bool = True):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()] if decode else [])
    assert not library.failed_blocks, library.failed_blocks
    assert len(library.entries) == 1
    return library.entries[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csl_json_reads_as_the_sites_reference(built_site, site, lang):
    items = json.loads((built_site / citation_files(lang)["csl"]).read_text(encoding="utf-8"))
    item = items[0]
    editors = site.localiser(lang).text(site.report.publication.editors.name)
    assert item["type"] == "webpage" and item["language"] == lang
    assert item["issued"] == {"date-parts": [[2026, 11, 28]]}
    assert item["author"] == [{"literal": editors}]
    assert item["URL"] == urljoin(PUBLISHED["SITE_URL"], language_prefix(lang))
    rendered = render_csl(items)
    for expected in (editors, "(2026)", item["title"], item["URL"]):
        assert expected in rendered, (expected, rendered)


def test_csl_processor_rejects_what_csl_does_not_know():
    with pytest.raises(UserWarning):
        render_csl([{"id": "x", "type": "webpage", "titel": "x"}])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bibtex_reads_as_the_sites_reference(built_site, site, lang):
    entry = parse_bibtex((built_site / citation_files(lang)["bibtex"]).read_text(encoding="utf-8"))
    localiser = site.localiser(lang)
    fields = {field.key: field.value for field in entry.fields}
    assert entry.entry_type == "misc"
    editors = localiser.text(site.report.publication.editors.name)
    assert fields["author"] == editors
    raw = parse_bibtex((built_site / citation_files(lang)["bibtex"]).read_text(encoding="utf-8"), decode=False)
    assert raw.fields_dict["author"].value == "{" + editors + "}", "one corporate author, never split into persons"
    assert fields["title"].strip("{}") == localiser.label("citation_title", code=site.report.programme.code,
                                                          date=localiser.date(site.report.event.date))
    assert (fields["year"], fields["month"], fields["date"]) == ("2026", "nov", "2026-11-28")
    assert fields["url"] == urljoin(PUBLISHED["SITE_URL"], language_prefix(lang))
    assert fields["langid"] == {"vi": "vietnamese", "en": "british"}[lang]


def test_bibtex_keeps_special_characters_as_text():
    hostile = "50% & {braces} #1 $x$ a_b ^c ~d \\e <b>x</b>"
    citation = SiteCitation(key="k-vi", lang="vi", title=hostile, site_name=hostile, editors=hostile,
                            published=dt.date(2026, 11, 28), note=hostile, abstract=hostile,
                            url="https://example.org/a{b}/")
    entry = parse_bibtex(bibtex(citation))
    # pylatexenc decodes \textasciicircum as U+02C6, the circumflex LaTeX prints.
    fields = {field.key: field.value.replace("\u02c6", "^") for field in entry.fields}
    for name in ("title", "note", "abstract", "howpublished"):
        assert fields[name] == hostile, (name, fields[name])
    url = parse_bibtex(bibtex(citation), decode=False).fields_dict["url"].value  # a URL is verbatim, not LaTeX
    assert url == "https://example.org/a%7Bb%7D/"
    assert render_csl(json.loads(csl_json(citation)))
    assert json.loads(csl_json(citation))[0]["title"] == hostile and "<" not in csl_json(citation), "no tag in JSON"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_about_links_both_citation_files(built_site, site_url, lang):
    import urllib.request

    page = built_site / language_prefix(lang) / "about" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    cite = soup.find(id="cite")
    links = {a.get_text(): a["href"] for a in cite.find_all_next("a") if a["href"].endswith((".json", ".bib"))}
    assert set(links) >= {"CSL-JSON", "BibTeX"}
    for name, key in (("CSL-JSON", "csl"), ("BibTeX", "bibtex")):
        url = urljoin(site_url + language_prefix(lang) + "about/", links[name])
        with urllib.request.urlopen(url) as response:
            assert response.read() == (built_site / citation_files(lang)[key]).read_bytes()


def test_without_an_address_the_references_have_no_url(local_build):
    site_dir, _ = local_build
    for lang in LANGUAGES:
        assert "URL" not in json.loads((site_dir / citation_files(lang)["csl"]).read_text(encoding="utf-8"))[0]
        entry = parse_bibtex((site_dir / citation_files(lang)["bibtex"]).read_text(encoding="utf-8"))
        assert "url" not in {field.key for field in entry.fields}
    assert os.path.exists(site_dir / citation_files("en")["csl"])
