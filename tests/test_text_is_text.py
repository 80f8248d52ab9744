"""Text is only ever text: every text of the model and every label, filled with Markdown block and
inline syntax, HTML and entities (tests/text_corpus.py), shows exactly as written — in the built
HTML (body, head tags, footer, the 404 page, attributes) and in both search indexes — and nothing
of it is live. Two builds, each text starting with a different block syntax in each."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import serve_site
from conftest import LANGUAGES, LOCAL, PUBLISHED, as_read, wait_until_quiet
from in_process import run_build
from project_copy import copy_project
from text_corpus import inject

# Labels this data never prints: no missing translation, no quarter or part of a year.
UNUSED_LABELS = {"labels.translation_pending", "labels.quarter", "labels.part_early", "labels.part_mid",
                 "labels.afternoon", "labels.evening", "labels.approximately",
                 # shown only in a preview (`mkdocs serve`, not --strict) of an outdated translation
                 "labels.translation_outdated",
                 # no change in the report falls or stays the same (every one is an increase)
                 "labels.decrease", "labels.unchanged",
                 # every change in the report is measured from a year, none from a month or quarter
                 "labels.since_moment",
                 # every USD figure is an equivalent ("tương đương"): the unit is shown inside the
                 # 'approximately' label, whose corpus payload has no {value}
                 "labels.unit_usd_billion",
                 # parts of the citation (whose corpus payload has no {title}), and the article's
                 # description, which only JSON-LD and the citation files carry
                 "labels.citation_title", "labels.article_name",
                 # only inside the report link's address (URL-encoded), and only with a model contact
                 "labels.report_error_title", "labels.report_error_body", "labels.contact_address",
                 # only on a translation's glossary: its default-language text is never used
                 "labels.term_original"}

# The shift-0 corpus is built as published (the repository's tracker is the contact), the shift-9
# one as the README's first command builds it (no contact address).
PUBLISHED_ONLY, LOCAL_ONLY = {"labels.tracker", "labels.contact_tracker"}, {"labels.contact_none"}
# The shift-9 corpus has an update (tests/text_corpus.py); the shift-0 corpus has none.
UPDATE_LABELS = {"labels.last_updated", "labels.update_affects", "labels.updated", "labels.updates_intro"}
NO_UPDATE_LABELS = {"labels.updates_none"}


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


@pytest.fixture(scope="module", params=[0, 9], ids=["shift-0", "shift-9"])
def corpus(request, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("corpus"))
    expected = inject(project, shift=request.param)
    # Not --strict: the corpus's long titles are cut on the link-preview cards, which the build
    # warns about; any other warning still fails here.
    result = run_build(project, project / "site", strict=False,
                               env=dict(PUBLISHED) if request.param == 0 else LOCAL)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    others = [line for line in output.splitlines() if line.startswith("WARNING") and "link-preview card" not in line]
    assert others == [], others
    return project / "site", expected, request.param


def _pages(site: Path, lang: str) -> list[Path]:
    pages = [p for p in site.rglob("index.html") if (p.relative_to(site).parts[0] == lang) == (lang != "vi")]
    return [*pages, site / "404.html"]


_CSS_STRING = re.compile(r'--report-print-[\w-]+:"((?:[^"\\]|\\.)*)"')
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)")


def printed(style: str) -> list[str]:
    """The words a printed sheet shows in its margins (report.printing: CSS strings, escaped)."""
    return [_CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else m[2], value) for value in _CSS_STRING.findall(style)]


def _places(site: Path, lang: str) -> list[str]:
    """Every place a reader or a machine meets text: page text, head tags, attributes, index entries."""
    places = []
    for page in _pages(site, lang):
        soup = as_read(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"))
        places.append(soup.body.get_text(" ") if soup.body else "")
        places.append(soup.title.get_text() if soup.title else "")
        places += [text for style in soup.find_all("style") for text in printed(style.get_text())]
        for element in soup.find_all(True):
            places += [value for value in element.attrs.values() if isinstance(value, str)]
    index = site / ("" if lang == "vi" else f"{lang}/") / "search" / "search_index.json"
    for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
        places += [BeautifulSoup(doc["title"], "html.parser").get_text(),
                   BeautifulSoup(doc["text"], "html.parser").get_text(" ")]
    return [normal(place) for place in places]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_shows_exactly_as_written(corpus, lang):
    site, expected, shift = corpus
    places = _places(site, lang)
    wrong, never_shown = [], []
    for marker, (field, texts) in expected.items():
        if lang not in texts:
            continue
        tag, text = normal(f"{marker}{lang}"), normal(texts[lang])
        hits = [place for place in places if tag in place]
        if not hits:
            never_shown.append(field)
        wrong += [f"{field}: …{place[max(0, place.index(tag) - 60):place.index(tag) + 300]}…"
                  for place in hits if text not in place]
    assert not wrong, f"{len(wrong)} places show a text changed:\n" + "\n".join(sorted(wrong)[:int(__import__("os").environ.get("SHOW", 10))])
    with_updates = any(field.startswith("updates.") for field, _ in expected.values())
    unused = UNUSED_LABELS | (NO_UPDATE_LABELS if with_updates else UPDATE_LABELS)
    unused |= LOCAL_ONLY if shift == 0 else PUBLISHED_ONLY
    assert set(never_shown) <= unused, sorted(set(never_shown) - unused)


def test_nothing_from_the_texts_is_live(corpus):
    site, _, _ = corpus
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        where = str(page.relative_to(site))
        data = soup.find_all("script", type=["application/ld+json", "application/json"])
        # JSON-LD (and the 404 page's words) carry the texts as data: it must parse, and hold no "<"
        # that could end the element.
        assert all(json.loads(s.get_text()) and "<" not in s.get_text() for s in data), where
        assert not [s for s in soup.find_all("script") if s not in data and "__pwned" in s.get_text()], where
        assert not soup.select("[onerror], img[src='x'], img[src='x.png'], a[href^='javascript']"), where
        assert not soup.select("a[href='https://link.example/'], a[href='https://auto.example/']"), where
        assert not soup.select("#hijack, .cls, .admonition.danger, details, abbr, .footnote, sup"), where
        assert "<!-- c -->" not in html, where
        article = soup.select_one("article")
        if article is None:
            continue
        assert len(article.find_all("h1")) == max(1, len(article.select("section[data-nf]"))), where  # 404: one per language
        # The data dictionary's own table and column names (code) aside, no text made any of these.
        for own in article.select(".report-dictionary"):
            own.decompose()
        assert not article.find_all(["hr", "pre", "code", "dt:not(.report-facts dt)"]), where
        assert not [b for b in article.find_all("blockquote") if "report-citation" not in b.get("class", [])], where
        assert len(article.find_all("table")) <= 1, where
        for listing in article.find_all(["ul", "ol"]):
            assert any(c.startswith("report-") for c in listing.get("class", [])) or listing.find_parent("dl"), where
    for index in (site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"):
        raw = index.read_text(encoding="utf-8")
        for live in ("<script", "<img", "<a ", "<div", "<h1", "<table", "<hr", "<blockquote"):
            assert live not in raw, f"{index}: {live}"


@pytest.fixture(scope="module")
def corpus_url(corpus):
    server, url = serve_site.start(corpus[0])
    yield url
    server.shutdown()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_browser_shows_the_texts_and_runs_nothing(corpus_url, page, prefix):
    """In Chromium, every page of both languages: no dialog, no script of the texts run, no image
    or link they hold made live; the article shows the markup as written."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("", "results/", "shortcomings/", "directives/", "about/"):
        page.goto(f"{corpus_url}{prefix}{path}", wait_until="load")
        wait_until_quiet(page)  # every script has run and every image has loaded or failed
        assert dialogs == [] and page.evaluate("window.__pwned === undefined"), path
        assert page.locator("img[onerror], a[href^='javascript:']").count() == 0, path
        # JSON-LD and the 404 page's words carry the texts as data (tested above); no other script may.
        assert page.evaluate("""[...document.scripts].filter(s => !/json/.test(s.type))
            .every(s => !s.textContent.includes('__pwned'))"""), path
        body = page.locator("article").inner_text()
        assert "<script>window.__pwned = 1</script>" in body and "[j](javascript:alert('link'))" in body, path
