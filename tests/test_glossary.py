"""The glossary: terms of the source explained in both languages on the About page, and the first
use of each term on every page linked to its entry; text stays text, headings and links untouched."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, NavigableString

from conftest import LANGUAGES, PAGES, ROOT, language_prefix
from report.glossary import LINK_CLASS, SKIPPED, link_terms, term_pattern
from report.site import load_site

ALL_PAGES = [(lang, path) for lang in LANGUAGES for path in PAGES]
IDS = [f"{lang}:/{path}" for lang, path in ALL_PAGES]
# The terms the issue names, at least (GLOSSARY.md renderings).
REQUIRED = {"en": ["GRDP", "Standing Board", "17th tenure", "01-CTr/TU", "Fatherland Front", "Steering Committee"],
            "vi": ["GRDP", "Ban Thường vụ Thành ủy", "khóa XVII", "01-CTr/TU", "Mặt trận Tổ quốc", "Ban Chỉ đạo"]}


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", LANGUAGES, root=ROOT)


def _href(ident: str) -> str:
    return f"../about/#{ident}"


def _unlinked(html: str) -> str:
    return re.sub(rf'<a class="{LINK_CLASS}" href="[^"]*">(.*?)</a>', r"\1", html, flags=re.DOTALL)


# --- the linker, on HTML made for it ---------------------------------------------------------------


def test_only_the_first_use_outside_headings_links_and_charts_is_linked():
    html = ('<h2 id="x">GRDP and more<a class="headerlink" href="#x">¶</a></h2>'
            '<p>See <a href="#y">GRDP</a>. <svg><text>GRDP</text></svg><code>GRDP</code></p>'
            '<p>The GRDP grew; the GRDP again.</p>')
    out = link_terms(html, [("grdp", "GRDP")], _href)
    assert out.count(f'class="{LINK_CLASS}"') == 1
    assert '<p>The <a class="report-term" href="../about/#grdp">GRDP</a> grew; the GRDP again.</p>' in out
    assert _unlinked(out) == html, "nothing else changes"


def test_terms_are_whole_words_matched_across_entities_and_spaces():
    html = "<p>GRDPs and XGRDP, then Standing&#32;\n Board and 01&#45;CTr&#47;TU; &amp; GRDP.</p>"
    out = link_terms(html, [("grdp", "GRDP"), ("board", "Standing Board"), ("code", "01-CTr/TU")], _href)
    assert '<a class="report-term" href="../about/#board">Standing&#32;\n Board</a>' in out
    assert '<a class="report-term" href="../about/#code">01&#45;CTr&#47;TU</a>' in out
    assert '&amp; <a class="report-term" href="../about/#grdp">GRDP</a>.' in out, "not inside GRDPs or XGRDP"
    assert _unlinked(out) == html


def test_a_term_inside_the_glossary_itself_and_void_or_nested_tags_are_handled():
    html = ('<dl class="report-glossary"><div id="grdp"><dt>GRDP</dt><dd>GRDP is <b>GRDP</b></dd></div></dl>'
            '<p>A<br>GRDP<img src="x" alt="GRDP"> <em>GRDP</em></p>')
    out = link_terms(html, [("grdp", "GRDP")], lambda ident: f"#{ident}")
    assert out.count(LINK_CLASS) == 1 and '<p>A<br><a class="report-term" href="#grdp">GRDP</a><img' in out


def test_a_hostile_term_or_text_stays_text():
    term = '<b>"x" & y</b>'
    html = "<p>a &lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt; b</p>"
    out = link_terms(html, [("t", term)], lambda ident: '"><script>')
    assert '<a class="report-term" href="&quot;&gt;&lt;script&gt;">&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;</a>' in out
    assert term_pattern("a.b").search("axb") is None


# --- the built site ---------------------------------------------------------------------------------


def _soup(site_dir: Path, lang: str, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / language_prefix(lang) / path / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def _eligible(node: NavigableString) -> bool:
    """Text a term may be linked in: not in a heading, link, chart, code or the glossary."""
    return not any(parent.name in SKIPPED or "report-glossary" in (parent.get("class") or []) for parent in node.parents)


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_every_page_links_the_first_use_of_each_term_and_only_that(built_site, site, lang, path):
    article = _soup(built_site, lang, path).select_one("article")
    links = article.select(f"a.{LINK_CLASS}")
    about = urljoin("/" + language_prefix(lang) + path, "about/" if path == "" else "../about/")
    terms = dict(site.glossary_terms(lang))
    linked = {}
    for link in links:
        target = urlsplit(link["href"])
        ident = target.fragment
        assert urljoin("/" + language_prefix(lang) + path, target.path) == about, link
        assert ident not in linked, f"{ident} linked twice"
        linked[ident] = link
        assert link.get_text() == " ".join(link.get_text().split()) and term_pattern(terms[ident]).fullmatch(link.get_text())
        assert not [parent for parent in link.parents if parent.name in SKIPPED], f"{ident} linked inside {link.parent}"
    for link in links:  # unwrap them: the page's text is then as the macros wrote it
        link.unwrap()
    article.smooth()
    for ident, term in terms.items():
        pattern = term_pattern(term)
        first = next((node for node in article.find_all(string=True) if _eligible(node) and pattern.search(node)), None)
        assert (first is None) == (ident not in linked), f"{ident}: first use {first!r}, linked {ident in linked}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_link_target_is_an_entry_of_the_about_glossary(built_site, site, lang):
    about = _soup(built_site, lang, "about/")
    glossary = about.select_one("dl.report-glossary")
    entries = {entry["id"]: entry for entry in glossary.find_all("div", recursive=False)}
    localiser = site.localiser(lang)
    assert list(entries) == [term.id for term in site.report.glossary]
    for term in site.report.glossary:
        entry = entries[term.id]
        assert entry.dt.get_text().startswith(localiser.text(term.term))
        assert " ".join(entry.dd.get_text().split()) == " ".join(localiser.text(term.definition).split())
        if lang != LANGUAGES[0] and term.term.root[LANGUAGES[0]] != term.term.root[lang]:
            original = entry.dt.find("span", lang=LANGUAGES[0])
            assert original is not None and original.get_text() == term.term.root[LANGUAGES[0]]
    for path in PAGES:
        for link in _soup(built_site, lang, path).select(f"a.{LINK_CLASS}"):
            assert urlsplit(link["href"]).fragment in entries


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_required_terms_are_explained_and_each_is_used_on_some_page(built_site, site, lang):
    terms = [text for _, text in site.glossary_terms(lang)]
    assert set(REQUIRED[lang]) <= set(terms), sorted(set(REQUIRED[lang]) - set(terms))
    used = set()
    for path in PAGES:
        if path != "about/":
            used |= {urlsplit(link["href"]).fragment for link in _soup(built_site, lang, path).select(f"a.{LINK_CLASS}")}
    assert used == {term.id for term in site.report.glossary}, "a term no page uses any more: reworded? update it"


def test_a_heading_never_holds_a_glossary_link(built_site):
    for page in built_site.rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for heading in soup.find_all(re.compile(r"^h[1-6]$")):
            assert not heading.select(f"a.{LINK_CLASS}"), page
