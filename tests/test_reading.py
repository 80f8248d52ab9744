"""The pages read like a well-edited report (the built HTML of both languages): no heading without
content, sentences and labels that start with a capital, each economic figure said once in words
with its chart beside it, the results' headline set apart from its sections, and no date, quarter
or code left where a line could break inside it."""

from __future__ import annotations

import itertools
import re

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import LANGUAGES, PAGES, ROOT, as_read, language_prefix
from report.typography import KEEP_TOGETHER

ALL_PAGES = [(lang, path) for lang in LANGUAGES for path in PAGES]
IDS = [f"{lang}:/{path}" for lang, path in ALL_PAGES]
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _article(built_site, lang: str, path: str) -> Tag:
    html = (built_site / language_prefix(lang) / path / "index.html").read_text(encoding="utf-8")
    article = as_read(BeautifulSoup(html, "html.parser")).select_one("article")
    assert article is not None
    return article


def _text(element) -> str:
    return " ".join(element.get_text(" ").replace("¶", "").split())


def _opens_with_code(block: Tag) -> bool:
    first = next((node for node in block.descendants if isinstance(node, str) and node.strip()), None)
    return first is not None and first.find_parent("code") is not None


def empty_headings(article: Tag) -> list[str]:
    """Headings followed by nothing (the next heading, of the same level or higher, or the end)."""
    headings = article.find_all(HEADINGS)
    empty = []
    for index, heading in enumerate(headings):
        following = headings[index + 1] if index + 1 < len(headings) else None
        if following is not None and int(following.name[1]) > int(heading.name[1]):
            continue  # its content is a section of its own
        said = []
        for element in heading.next_elements:
            if element is following:
                break
            if isinstance(element, str) and not any(parent is heading for parent in element.parents):
                said.append(element.strip())
        if not "".join(said):
            empty.append(_text(heading))
    return empty


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_no_heading_without_content(built_site, lang, path):
    assert empty_headings(_article(built_site, lang, path)) == []


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_every_sentence_and_label_starts_with_a_capital(built_site, lang, path):
    article = _article(built_site, lang, path)
    for listing in article.select(".report-downloads li"):
        listing.extract()  # each starts with a file's name: report.json, figures.csv
    for term in article.select(".report-glossary dt"):
        term.extract()  # a glossary's headword is written as the source writes it ("khóa XVII")
    blocks = article.find_all(["p", "li", "dt", "dd", "th", "td", "figcaption", *HEADINGS])
    labels = article.select("svg:has(rect) text")  # a bar chart's labels
    # A block that opens with code (a column's or a unit's name, `true`) opens as the code is written.
    lower = [_text(block)[:60] for block in [*blocks, *labels]
             if _text(block)[:1].islower() and not _opens_with_code(block)]
    assert not lower, lower


def test_the_checks_find_an_empty_heading_and_a_lower_case_start():
    article = BeautifulSoup("<article><h2>A</h2><h3>B</h3><p>b</p><h3>C</h3><h2>D</h2><p> </p></article>",
                            "html.parser").article
    assert article is not None and empty_headings(article) == ["C", "D"]


REPORT = yaml.safe_load((ROOT / "data" / "report.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_figure_is_said_once_with_its_chart_beside_it(built_site, lang):
    from report.site import load_site

    site = load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", LANGUAGES, root=ROOT)
    economy = site.context(lang)["report"].results.economy
    article = _article(built_site, lang, "results/")
    for svg in article.find_all("svg"):
        svg.extract()  # a chart's own labels are the chart
    words = _text(article)
    for indicator in economy.indicators:
        if indicator.value is None:
            continue
        figures = [indicator.value["text"].partition(" (")[0], *([indicator.national["text"]] if indicator.national else [])]
        for figure in figures:
            assert words.count(figure) == 1, f"{indicator.id}: {figure!r} said {words.count(figure)} times"
    compared = [i.id for i in economy.indicators if i.national is not None and i.value is not None]
    assert len(compared) >= 2
    page = _article(built_site, lang, "results/")
    for indicator_id in compared:
        heading = page.find(id=indicator_id)
        block = heading.find_next_sibling() if heading else None
        while block is not None and "report-indicator" not in (block.get("class") or []):
            block = block.find_next_sibling()
        assert block is not None and block.select_one(f"svg #chart-{indicator_id}-title"), indicator_id
    assert not page.find("table"), "the figures are said once: no table repeats them"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_results_headline_is_the_pages_standfirst(built_site, lang):
    article = _article(built_site, lang, "results/")
    headline = article.find(id="results")
    assert headline is not None and headline.name == "p" and "report-lead" in headline["class"]
    assert _text(headline) == REPORT["results"]["heading"][lang]
    first_h2 = article.find("h2")
    assert first_h2 is not None and _text(first_h2) == REPORT["results"]["leadership"]["title"][lang]
    # A standfirst, not the same heading twice: a sentence of its own, sharing under a third of the
    # first section heading's pairs of words ("Renewed thinking and style of leadership" above
    # "Renewed methods and style of leadership" shared 3 of 5).
    def pairs(text: str) -> set[tuple[str, str]]:
        words = re.findall(r"\w+", text.lower())
        return set(itertools.pairwise(words))

    lead, section = _text(headline), _text(first_h2)
    assert lead.endswith("."), f"the standfirst is no sentence: {lead!r}"
    shared = pairs(lead) & pairs(section)
    assert len(shared) < len(pairs(section)) / 3, f"{lead!r} repeats the heading below it, {section!r}: {shared}"


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_no_date_quarter_or_code_can_break_across_lines(built_site, lang, path):
    html = (built_site / language_prefix(lang) / path / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    kept = article.select("span.report-nowrap")
    for span in kept:
        span.decompose()
    for skipped in article.find_all(["svg", "code", "pre"]):
        skipped.decompose()
    loose = [m[0] for m in re.finditer(KEEP_TOGETHER, article.get_text(" "))]
    assert not loose, f"runs a line may break inside: {loose}"
    if path in ("", "results/"):
        assert kept
