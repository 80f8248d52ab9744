"""The real site, built with --strict: both languages, every page, every fact of the model."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGES, ROOT, as_read, language_prefix
from report.loading import load_yaml
from report.validation import check_report

REPORT = check_report(load_yaml(ROOT / "data" / "report.yaml"), LANGUAGES).report


def soup(site: Path, lang: str, page: str) -> BeautifulSoup:
    path = site / language_prefix(lang) / page / "index.html"
    return as_read(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))


def article_text(site: Path, lang: str, page: str) -> str:
    article = soup(site, lang, page).select_one("article")
    assert article is not None, f"{lang}:/{page} has no <article>"
    for term in article.select("a.report-term"):  # a glossary link inside a sentence: the sentence is whole
        term.unwrap()
    article.smooth()
    return " ".join(article.get_text(" ").split())


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_its_twin_with_the_right_language(built_site, lang, page):
    document = soup(built_site, lang, page)
    assert document.html["lang"] == lang
    other = "en" if lang == "vi" else "vi"
    assert (built_site / language_prefix(other) / page / "index.html").is_file()
    switch = document.select_one(f'.md-select__link[hreflang="{other}"]')
    assert switch is not None, "language switcher link missing"
    href = switch["href"]
    base = built_site if href.startswith("/") else built_site / language_prefix(lang) / page
    target = (base / href.lstrip("/")).resolve()
    assert target == (built_site / language_prefix(other) / page).resolve()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_template_syntax_or_blank_macro_output_reaches_a_page(built_site, lang):
    for page in PAGES:
        html = (built_site / language_prefix(lang) / page / "index.html").read_text(encoding="utf-8")
        assert "{{" not in html and "{%" not in html and "{##" not in html
        assert len(article_text(built_site, lang, page)) > 300, f"{lang}/{page} is nearly empty"


def test_page_titles_and_nav_are_translated(built_site):
    titles = {lang: [soup(built_site, lang, page).title.text for page in PAGES] for lang in LANGUAGES}
    assert titles["vi"][1].startswith("Kết quả") and titles["en"][1].startswith("Results")
    assert "Mid-term review" in titles["en"][0] and "Hội nghị sơ kết" in titles["vi"][0]  # the event's name
    for lang in LANGUAGES:
        nav = [a.get_text(strip=True) for a in soup(built_site, lang, "").select(".md-nav--primary .md-nav__link")]
        assert len([n for n in nav if n]) >= len(PAGES)
    vi_nav = " ".join(a.get_text(" ", strip=True) for a in soup(built_site, "vi", "").select(".md-nav--primary"))
    en_nav = " ".join(a.get_text(" ", strip=True) for a in soup(built_site, "en", "").select(".md-nav--primary"))
    assert "Năm nhóm hạn chế" in vi_nav and "Five areas of shortcomings" in en_nav
    assert "Five areas" not in vi_nav and "Năm nhóm" not in en_nav


@pytest.mark.parametrize("lang", LANGUAGES)
def test_five_areas_with_titles_and_stable_anchors(built_site, lang):
    document = soup(built_site, lang, "shortcomings/")
    areas = REPORT.shortcomings.areas
    assert len(areas) == 5
    for area in areas:
        heading = document.find(id=area.id)
        assert heading is not None and heading.name in {"h2", "h3"}
        assert area.title.root[lang] in heading.get_text()
        for point in area.points:
            assert document.find(id=point.id) is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_three_directives_with_titles_and_stable_anchors(built_site, lang):
    document = soup(built_site, lang, "directives/")
    assert len(REPORT.directives.items) == 3
    for directive in REPORT.directives.items:
        heading = document.find(id=directive.id)
        assert heading is not None and directive.title.root[lang] in heading.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_model_headings_are_in_the_table_of_contents(built_site, lang):
    for page, items in (("shortcomings/", REPORT.shortcomings.areas), ("directives/", REPORT.directives.items)):
        toc = {a["href"] for a in soup(built_site, lang, page).select(".md-nav--secondary a")}
        for item in items:
            assert f"#{item.id}" in toc


def test_model_headings_are_in_each_languages_search_index(built_site):
    for lang in LANGUAGES:
        index = json.loads((built_site / language_prefix(lang) / "search" / "search_index.json").read_text("utf-8"))
        entries = {doc["location"]: doc["title"] for doc in index["docs"]}
        for area in REPORT.shortcomings.areas:
            assert area.title.root[lang] in entries[f"shortcomings/#{area.id}"]
        for directive in REPORT.directives.items:
            assert directive.title.root[lang] in entries[f"directives/#{directive.id}"]


FIGURES = {
    "vi": ["141,8 triệu đồng", "10,6%", "5,08%", "3,32%", "tương đương 50 tỷ đô la Mỹ", "409 tỷ đô la Mỹ", "2,9",
           "19 tháng 4 năm 2023", "30 tháng 6 năm 2023", "tháng 10 năm 2023"],
    "en": ["141.8 million dong", "10.6%", "5.08%", "3.32%", "equivalent to USD 50 billion",
           "USD 409 billion", "2.9", "19 April 2023", "30 June 2023", "October 2023"],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_key_figures_are_formatted_for_the_locale(built_site, lang):
    text = article_text(built_site, lang, "results/") + " " + article_text(built_site, lang, "")
    for figure in FIGURES[lang]:
        assert figure in text, f"{figure!r} missing on the {lang} site"
    wrong = FIGURES["en" if lang == "vi" else "vi"]
    assert "141.8" not in text if lang == "vi" else "141,8" not in text
    assert not any(w in text for w in wrong if w.startswith(("141", "5,08", "5.08")))


# Facts of the source that are not headings: each must be findable in both languages.
FACTS = {
    "vi": ["712 dự án", "4 điểm", "3 lĩnh vực", "5 đề án", "3 cụm", "15 nhiệm vụ", "10 chương trình",
           "Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển", "cuối năm 2023", "2024", "2020–2025",
           "khóa XVII", "Ủy viên Bộ Chính trị", "cán bộ trẻ", "trung tâm điều hành", "vị trí việc làm",
           "Đại hội XVII", "XIII", "Ban Tổ chức Thành ủy", "HNMO", "Báo Hànộimới"],
    "en": ["712 land-use projects", "four sites", "three fields", "five unfinished schemes", "three groups", "15 main tasks",
           "all 10 major work programmes", "Discipline, responsibility, action, creativity, development",
           "late 2023", "2024", "2020–2025", "17th tenure", "Politburo member", "young cadres", "operations centre",
           "job positions", "17th Congress", "13th National Party Congress", "Organisation Board", "HNMO",
           "Hanoimoi newspaper"],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_fact_of_the_source_is_on_the_site(built_site, lang):
    text = " ".join(article_text(built_site, lang, page) for page in PAGES)
    missing = [fact for fact in FACTS[lang] if fact not in text]
    assert not missing, f"missing on the {lang} site: {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_model_text_is_rendered_in_its_language(built_site, lang):
    """Every Text of the model (placeholders aside) appears on some page of that language."""
    from report.model_paths import walk
    from report.site import load_site
    from report.texts import Text

    site = load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", LANGUAGES, root=ROOT)
    text = " ".join(article_text(built_site, lang, page) for page in PAGES)
    missing = []
    for path, node in walk(site.report):
        if (isinstance(node, Text) and "{" not in node.root[lang]
                and " ".join(node.root[lang].split()) not in text):
            missing.append(".".join(map(str, path)))
    assert not missing, f"model texts not shown on the {lang} site: {missing}"


def test_every_page_is_nfc_and_credits_the_source(built_site):
    for lang in LANGUAGES:
        for page in PAGES:
            html = (built_site / language_prefix(lang) / page / "index.html").read_text(encoding="utf-8")
            assert unicodedata.is_normalized("NFC", html)
            footer = soup(built_site, lang, page).select_one("footer").get_text(" ")
            assert "HNMO" in footer and ("Hànộimới" in footer or "Hanoimoi" in footer)


def test_nothing_is_fetched_from_the_network(built_site):
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        assert "cdn.jsdelivr" not in html and "unpkg.com" not in html, path


def test_model_and_rendering_do_not_import_mkdocs():
    import subprocess
    import sys

    code = (
        "import sys;"
        "import report.site, report.loading, report.validation, report.localise, report.render;"
        "print(any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


THEME_WORDS = ("toggle_dark", "toggle_light", "permalink", "search_initializing")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_themes_own_words_are_in_the_page_language(built_site, lang):
    """Toggles, permalinks and the search status come from the labels, never in the other language."""
    from report.site import load_site

    site = load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", LANGUAGES, root=ROOT)
    other = next(code for code in LANGUAGES if code != lang)
    for page in PAGES:
        html = (built_site / language_prefix(lang) / page / "index.html").read_text(encoding="utf-8")
        for name in THEME_WORDS:
            ours, theirs = site.labels[name].root[lang], site.labels[name].root[other]
            assert ours in html, f"{name} missing on /{language_prefix(lang)}{page}"
            assert theirs not in html, f"{name} in the other language on /{language_prefix(lang)}{page}"


def test_site_is_built_by_the_chosen_engine(built_site):
    """SITE_ENGINE really switches the engine: the generator meta names the one that built the site."""
    import site_engine

    html = (built_site / "index.html").read_text(encoding="utf-8")
    generator = re.search(r'<meta name="generator" content="([^"]+)"', html)
    assert generator, "no generator meta"
    expected = "ProperDocs 1.6.7" if site_engine.engine() == "properdocs" else "mkdocs-1.6.1"
    assert expected in generator.group(1), generator.group(1)
