"""Search in the reader's language, with or without Vietnamese tone marks (real browser, built site).

Unit tests of the index split (pure functions) come first; then the theme's own search box, typed
into like a reader would, on the served site.
"""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import wait_until_settled
from report.search_index import language_of, split_index

# --- the index split, without a browser -------------------------------------------------------

COMBINED = {
    "config": {"lang": ["vi", "en"], "separator": "[\\s]+", "pipeline": ["stopWordFilter"], "fields": {}},
    "docs": [
        {"location": "", "title": "Tổng quan", "text": "a"},
        {"location": "results/#x", "title": "Kết quả", "text": "b"},
        {"location": "en/", "title": "Overview", "text": "c"},
        {"location": "en/results/#x", "title": "Results", "text": "d"},
        {"location": "english-notes/", "title": "Not a language folder", "text": "e"},
    ],
}


def test_split_index_puts_each_entry_in_its_language_with_locations_from_that_root():
    indexes = split_index(COMBINED, ["vi", "en"], "vi")
    assert [d["location"] for d in indexes["vi"]["docs"]] == ["", "results/#x", "english-notes/"]
    assert [d["location"] for d in indexes["en"]["docs"]] == ["", "results/#x"]
    assert indexes["vi"]["config"]["lang"] == ["vi"] and indexes["en"]["config"]["lang"] == ["en-fold"]
    assert indexes["en"]["config"]["separator"] == COMBINED["config"]["separator"]
    assert COMBINED["docs"][2]["location"] == "en/", "the input is not modified"


def test_a_language_without_entries_still_gets_an_empty_index():
    indexes = split_index({"config": {}, "docs": []}, ["vi", "en"], "vi")
    assert indexes["en"]["docs"] == [] and indexes["en"]["config"]["lang"] == ["en-fold"]


def test_language_of_uses_the_folder_not_a_prefix_of_a_word():
    assert language_of("en/about/", ["vi", "en"], "vi") == "en"
    assert language_of("enquiry/", ["vi", "en"], "vi") == "vi"


def test_built_site_has_one_index_per_language(built_site):
    vi = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert vi["config"]["lang"] == ["vi"] and en["config"]["lang"] == ["en-fold"]
    assert vi["docs"] and en["docs"]
    assert not any(d["location"].startswith("en/") for d in vi["docs"])
    assert {d["title"] for d in vi["docs"]}.isdisjoint({d["title"] for d in en["docs"]})


# --- the search box in a browser --------------------------------------------------------------


def search(page, url: str, query: str) -> list[dict]:
    """Type ``query`` into the theme's search box at ``url``; the results as {href, title, marks,
    text (title and excerpt as shown), score (the theme's), group (the page's rank, from 0), cut
    (marks that split a word)}."""
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    # The theme sends the query on keyup; Playwright types a letter missing from its keyboard layout
    # ("ị") as inserted text, with no keyup, as a reader's keyboard would send: end with one.
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        """() => {
          const none = JSON.parse(document.getElementById('__config').textContent)
            .translations['search.result.none'];
          const meta = document.querySelector('.md-search-result__meta');
          return document.querySelector('.md-search-result__item')
            || (meta && meta.textContent.trim() === none);
        }""",
        timeout=10_000,
    )
    wait_until_settled(page, ".md-search-result")  # the worker answers each keystroke: await the last
    assert meta.count() == 1
    return page.eval_on_selector_all(
        ".md-search-result__link",
        """els => els.map(a => ({href: a.href, title: (a.querySelector('h1,h2') || a).textContent.trim(),
          marks: [...a.querySelectorAll('mark')].map(m => m.textContent),
          text: a.innerText.replace(/\\s+/g, ' ').trim(),
          score: parseFloat(a.querySelector('article').dataset.mdScore),
          group: [...document.querySelectorAll('.md-search-result__item')].indexOf(a.closest('li')),
          cut: [...a.querySelectorAll('mark')].filter(m => {
            const before = (m.previousSibling || {}).textContent || '', after = (m.nextSibling || {}).textContent || '';
            return /\\p{L}$/u.test(before) || /^\\p{L}/u.test(after);
          }).map(m => m.textContent)}))""",
    )


def _paths(results: list[dict]) -> list[str]:
    return [urlsplit(r["href"]).path for r in results]


def test_english_pages_find_only_english_pages(page, site_url):
    results = search(page, urljoin(site_url, "en/"), "leadership")
    assert results, "no result for 'leadership' on /en/"
    assert all(path.startswith("/en/") for path in _paths(results)), _paths(results)


def test_english_results_link_to_pages_that_exist(page, site_url):
    results = search(page, urljoin(site_url, "en/results/"), "leadership")
    response = page.goto(results[0]["href"])
    assert response.status == 200 and urlsplit(results[0]["href"]).path.startswith("/en/")


def test_vietnamese_pages_find_only_vietnamese_pages(page, site_url):
    results = search(page, site_url, "lãnh đạo")
    assert results, "no result for 'lãnh đạo' on /"
    assert not any(path.startswith("/en/") for path in _paths(results)), _paths(results)


def test_an_english_word_is_not_found_on_the_vietnamese_side(page, site_url):
    assert search(page, site_url, "leadership") == []


@pytest.mark.parametrize("query, wanted", [
    ("cai cach hanh chinh", "cải cách hành chính"),
    ("cải cách hành chính", "cải cách hành chính"),
    ("han che", "hạn chế"),
    ("hạn chế", "hạn chế"),
])
def test_vietnamese_with_or_without_tone_marks(page, site_url, query, wanted):
    results = search(page, site_url, query)
    assert results, f"no result for {query!r}"
    marks = {m.lower() for r in results for m in r["marks"]}
    assert set(wanted.split()) <= marks, f"{query!r}: highlighted {sorted(marks)}"


def test_words_ending_in_late_vietnamese_letters_are_highlighted_whole(page, site_url):
    # ế, ộ, ủ… are U+1EA0–U+1EF9, past the end of lunr.vi's original word range (U+1E93).
    results = search(page, site_url, "hạn chế")
    marks = [m for r in results for m in r["marks"]]
    assert "chế" in {m.lower() for m in marks}, marks
    assert "ch" not in {m.lower() for m in marks}, marks


def test_search_on_a_phone_by_the_search_icon(browser, site_url):
    """At 375 px the box hides behind the header's search icon; tapping it loads this language's index."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(urljoin(site_url, "en/"), wait_until="networkidle")
        with page.expect_response(urljoin(site_url, "en/search/search_index.json")):
            page.locator("label.md-header__button[for=__search]").tap()
        page.keyboard.type("leadership", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        paths = _paths(page.eval_on_selector_all(".md-search-result__link", "els => els.map(a => ({href: a.href}))"))
        assert paths and all(path.startswith("/en/") for path in paths), paths
    finally:
        context.close()


# --- Vietnamese names on the English site, typed without their diacritics ---------------------


@pytest.mark.parametrize("query, wanted", [
    ("Dinh Tien Dung", "Đinh Tiến Dũng"),
    ("Dung", "Dũng"),
    ("Hanoimoi", "Hànộimới"),
    ("Vanh dai", "Vành đai"),
    ("Vành đai", "Vành đai"),
])
def test_english_finds_vietnamese_names_without_diacritics(page, site_url, query, wanted):
    results = search(page, urljoin(site_url, "en/"), query)
    assert results, f"no result for {query!r} on /en/"
    assert all(path.startswith("/en/") for path in _paths(results)), _paths(results)
    marks = {m for r in results for m in r["marks"]}
    assert set(wanted.split()) <= marks, f"{query!r}: highlighted {sorted(marks)} (whole words wanted)"


def test_english_headings_with_a_vietnamese_name_are_found_without_its_marks(page, site_url):
    results = search(page, urljoin(site_url, "en/"), "Vanh dai")
    assert any(urlsplit(r["href"]).fragment == "ring-road-4" for r in results), [r["href"] for r in results]


@pytest.mark.parametrize("query, wanted", [("directive", "Directives"), ("shortcoming", "Shortcomings")])
def test_english_words_still_match_their_longer_forms(page, site_url, query, wanted):
    results = search(page, urljoin(site_url, "en/"), query)
    assert any(wanted.lower() in r["title"].lower() for r in results), [r["title"] for r in results]


# --- phrases first; British and American spellings ------------------------------------------


def _fold(text: str) -> str:
    """Lower case, no tone marks, đ as d, punctuation as single spaces (as the search compares)."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return " ".join(re.findall(r"\w+", "".join(c for c in text if not unicodedata.combining(c))))


@pytest.mark.parametrize("lang, phrase", [
    ("vi", "Đinh Tiến Dũng"), ("vi", "dinh tien dung"), ("vi", "cải cách hành chính"), ("vi", "hanh chinh"),
    ("vi", "Bộ Chính trị"),
    ("en", "Đinh Tiến Dũng"), ("en", "Dinh Tien Dung"), ("en", "Steering Committee"),
    ("en", "National Assembly deputies"),
])
def test_the_page_with_the_phrase_ranks_first(page, site_url, lang, phrase):
    """Each syllable of a name matches many pages ("tiên phong", "sử dụng"): the page or section
    where the words stand together, in order, comes first, with the phrase in its excerpt."""
    root = urljoin(site_url, "en/") if lang == "en" else site_url
    results = search(page, root, phrase)
    assert results, f"no result for {phrase!r}"
    paths = _paths(results)
    assert all(p.startswith("/en/") == (lang == "en") for p in paths), paths
    best = max(results, key=lambda r: r["score"])
    assert best["group"] == 0, f"{phrase!r}: the best item is not in the first page listed"
    assert f" {_fold(phrase)} " in f" {_fold(best['text'])} ", f"{phrase!r}: first is {best['href']}: {best['text']}"
    assert set(_fold(phrase).split()) <= {_fold(m) for m in best["marks"]}, best["marks"]
    assert not any(r["cut"] for r in results), [r["cut"] for r in results if r["cut"]]


@pytest.mark.parametrize("query, word", [
    ("decentralization", "decentralisation"), ("organization", "organisation"), ("program", "programme"),
    ("organisation", "organisation"), ("programme", "programme"),
])
def test_american_and_british_spellings_find_the_british_words(page, site_url, query, word):
    results = search(page, urljoin(site_url, "en/"), query)
    assert results, f"no result for {query!r} on /en/"
    assert all(path.startswith("/en/") for path in _paths(results)), _paths(results)
    marks = [m.lower() for r in results for m in r["marks"]]
    assert word in marks, f"{query!r}: highlighted {marks}"
    assert all(m.startswith(word) for m in marks), f"{query!r}: highlighted {marks}"
    assert not any(r["cut"] for r in results), [r["cut"] for r in results if r["cut"]]
