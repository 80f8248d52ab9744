"""Wording decisions a later edit could undo (issue 20), read from the built site and the model.

Each test names a reading of the source article that the site once got wrong: the three urgent
requirements were not the Secretary's own additions, congress preparation is not given as the cause
of the short time left, "in some places" belongs to the grassroots sentence, and so on. The tests
look for the property, not for today's sentences, so any rewording that keeps the meaning passes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import LANGUAGES, ROOT
from report.loading import load_yaml
from report.translations import model_texts
from report.validation import check_report

REPORT = check_report(load_yaml(ROOT / "data" / "report.yaml"), LANGUAGES).report
LABELS = yaml.safe_load((ROOT / "overrides" / "macros" / "labels.yaml").read_text(encoding="utf-8"))

# The one name each language gives the three urgent requirements (GLOSSARY: "directives" in English).
NAME = {"vi": "yêu cầu cấp thiết", "en": "directive"}
# Words that could name them; counted with "three" / "ba" they must be the name above.
NAMING_NOUNS = {"vi": r"yêu cầu(?: nhiệm vụ)?(?: cấp thiết)?|chỉ đạo|mệnh lệnh",
                "en": r"(?:urgent |pressing |and |main )*(?:requirements?|directives?|instructions?|orders?)"}
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


def _hits(pattern: str, text: str, flags: int = 0) -> list[str]:
    """Each match of ``pattern`` with a little context, for a readable failure."""
    return [text[max(m.start() - 40, 0):m.end() + 40] for m in re.finditer(pattern, text, flags)]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _pages(site: Path, lang: str) -> Iterator[tuple[Path, BeautifulSoup]]:
    """Every built page whose <html lang> is ``lang``, the 404 page included."""
    for path in sorted(site.rglob("*.html")):
        soup = _soup(path)
        if soup.html and str(soup.html.get("lang", "")).split("-")[0] == lang:
            yield path, soup


def _reader_text(soup: BeautifulSoup) -> str:
    """What a reader or a sharing card meets: title, descriptions, card text, nav and article."""
    parts = [soup.title.get_text(" ") if soup.title else ""]
    for meta in soup.find_all("meta"):
        if meta.get("name") in {"description"} or str(meta.get("property", "")).startswith("og:"):
            parts.append(str(meta.get("content", "")))
    for element in soup.select("nav.md-nav--primary, article"):
        parts.append(element.get_text(" "))
    return " ".join(" ".join(parts).split())


def _site_text(site: Path, lang: str) -> str:
    return " ".join(_reader_text(soup) for _, soup in _pages(site, lang))


def _model_texts(lang: str) -> list[tuple[str, str]]:
    """(key, text) for every text of the model and every label, in one language."""
    texts = [(key, text.root[lang]) for key, (_, text) in model_texts(REPORT).items() if lang in text.root]
    return texts + [(f"labels.{name}", value[lang]) for name, value in LABELS.items()
                    if isinstance(value, dict) and lang in value]


def _section(soup: BeautifulSoup, element_id: str) -> list[str]:
    """The text blocks (paragraphs, list items) under the heading ``element_id``, up to the next one."""
    heading = soup.find(id=element_id)
    assert heading is not None, f"no element with id {element_id!r}"
    blocks = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {"h1", "h2", "h3", "h4"}:
            break
        if "report-draws-on" in (sibling.get("class") or []):
            continue  # names the part of the article, not a claim
        found = [sibling] if sibling.name == "p" else sibling.find_all(["p", "li"])
        blocks += [" ".join(b.get_text(" ").split()) for b in found]
    return blocks


def _page(site: Path, lang: str, page: str) -> BeautifulSoup:
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    return _soup(site / prefix / page / "index.html")


# --- 1. The three are not "his own": he stressed them further -----------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_three_are_never_called_his_own(built_site, lang):
    own = {"vi": r"của riêng (mình|ông)", "en": r"\b(of|on) his own\b|\bhis own (urgent|requirements|directives)"}[lang]
    assert _hits(own, _site_text(built_site, lang), re.IGNORECASE) == []
    assert [key for key, text in _model_texts(lang) if re.search(own, text, re.IGNORECASE)] == []
    agreement = _page(built_site, lang, "directives/").find(id=REPORT.directives.agreement.id).get_text(" ")
    added = {"vi": r"\bbổ sung\b|\bthêm ba\b", "en": r"\badded\b|\badditional\b|\bnew requirements\b"}[lang]
    assert not re.search(added, agreement, re.IGNORECASE), agreement


# --- 2. Congress preparation and the time left: two facts side by side ----------------------------

CAUSE = {"vi": r"\bvì\b|\blý do\b|\bbởi\b|\bdo đó\b|\bnên\b|\bchẳng còn bao nhiêu\b",
         "en": r"\bbecause\b|\bthat is why\b|\bhence\b|\btherefore\b|\bdue to\b|\blittle time\b|\bhardly any\b"}
CONGRESS = {"vi": "đại hội", "en": "congress"}
TIME_LEFT = {"vi": r"thời gian còn lại|không còn dài", "en": r"time left|not long"}
SIDE_BY_SIDE = {"vi": r"\btrong khi\b", "en": r"\bwhile\b"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_congress_preparation_is_not_the_cause_of_the_short_time(built_site, lang):
    texts = [text for _, soup in _pages(built_site, lang) for text in
             (" ".join(b.get_text(" ").split()) for b in soup.select("article p, article li, article h2, article h3"))]
    texts += [text for _, text in _model_texts(lang)]
    both = [t for t in texts if CONGRESS[lang] in t.lower() and re.search(TIME_LEFT[lang], t, re.IGNORECASE)]
    assert both, "the site no longer says that the time left is not long while the congresses are prepared"
    assert [t for t in both if re.search(CAUSE[lang], t, re.IGNORECASE)] == []
    assert all(re.search(SIDE_BY_SIDE[lang], t) for t in both), both
    # A title beside a date on the timeline must not give the cause either.
    for _, soup in _pages(built_site, lang):
        for entry in soup.select(".report-timeline li"):
            assert not re.search(CAUSE[lang], entry.get_text(" "), re.IGNORECASE), entry.get_text(" ")


# --- 3. "In some places" stays with the grassroots sentence --------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_some_places_stays_with_the_grassroots(built_site, lang):
    area = next(a for a in REPORT.shortcomings.areas if "cơ sở" in a.title.root["vi"])
    grassroots, some_places = {"vi": ("cơ sở", "một số nơi"), "en": ("grassroots", "some places")}[lang]
    blocks = _section(_page(built_site, lang, "shortcomings/"), area.id)
    clauses = [c for block in blocks for c in re.split(r";", block) if grassroots in c.lower()]
    assert clauses, f"area {area.id} no longer speaks of the grassroots"
    assert [c for c in clauses if some_places not in c.lower()] == []
    assert some_places in blocks[0].lower(), "the area's summary must keep it too"


# --- 6., 7. and British spelling: words a native reader misreads --------------------------------

@pytest.mark.parametrize("word", ["intelligence", "relic", "sidewalk"])
def test_no_misleading_english_word(built_site, word):
    pattern = rf"\b{word}"
    assert _hits(pattern, _site_text(built_site, "en"), re.IGNORECASE) == []
    assert [key for key, text in _model_texts("en") if re.search(pattern, text, re.IGNORECASE)] == []
    for name in ("report.json", "figures.csv"):
        assert _hits(pattern, (built_site / "data" / name).read_text(encoding="utf-8"), re.IGNORECASE) == [], name


def test_the_wisdom_and_heritage_are_named(built_site):
    text = _site_text(built_site, "en")
    assert "collective wisdom" in text and "heritage sites" in text and "pavements" in text


# --- Dates: one style per language --------------------------------------------------------------

WRONG_DATES = {
    "vi": [r"\d{1,2} tháng \d{1,2}, \d{4}", r"\b\d{1,2}-\d{1,2}-\d{4}\b", r"\bquý [IVX]+-\d{4}"],
    "en": [rf"\b(?:{'|'.join(MONTHS_EN)}) \d{{1,2}}, \d{{4}}", r"\b\d{1,2}-\d{1,2}-\d{4}\b", r"\bQ[1-4]-\d{4}"],
}


def _day(day: dt.date, lang: str) -> str:
    return f"{day.day} tháng {day.month} năm {day.year}" if lang == "vi" else f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_date_style_per_language(built_site, lang):
    text = _site_text(built_site, lang)
    for pattern in WRONG_DATES[lang]:
        assert _hits(pattern, text) == []
        assert [key for key, value in _model_texts(lang) if re.search(pattern, value)] == []
    assert _day(REPORT.event.date, lang) in text
    dated = [item.when.start for group in (REPORT.results.initiatives,) for item in group.items
             if item.when is not None and item.when.day]
    assert dated and all(_day(day, lang) in text for day in dated)


def test_the_site_descriptions_use_the_same_date_style():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        for pattern in WRONG_DATES[lang]:
            assert _hits(pattern, config) == []
    assert _day(REPORT.event.date, "vi") in " ".join(config.split())
    assert _day(REPORT.event.date, "en") in " ".join(config.split())


# --- 4. One name for the three, another for the instructions ------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_three_have_one_name_everywhere(built_site, lang):
    name = NAME[lang]
    places = {f"label {label}": LABELS[label][lang]
              for label in ("page_directives", "directive", "description_directives", "method_grouping")}
    directives = _page(built_site, lang, "directives/")
    places["page heading"] = directives.find("h1").get_text(" ")
    places["agreement"] = directives.find(id=REPORT.directives.agreement.id).get_text(" ")
    for item in REPORT.directives.items:
        places[f"heading {item.id}"] = directives.find(id=item.id).get_text(" ")
    for key in ("og:title", "og:description", "og:image:alt"):
        places[key] = directives.find("meta", property=key)["content"]
    for path, soup in _pages(built_site, lang):
        if path.name == "index.html":
            link = soup.select_one('nav.md-nav--primary a[href$="directives/"]')
            if link is not None:
                places[f"nav on {path.parent.name or 'home'}"] = link.get_text(" ")
    overview = _page(built_site, lang, "")
    places["overview contents"] = overview.select_one('article a[href$="directives/"]').get_text(" ")
    places["overview summary"] = overview.select_one("article p:not(.report-page-updated)").get_text(" ")
    missing = {where: text for where, text in places.items() if name not in text.lower()}
    assert missing == {}, f"the three urgent requirements must be called {name!r} here"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_counting_the_three_uses_their_name(built_site, lang):
    """Whenever the site counts three such items, it uses their one name ("ba chỉ đạo" is gone)."""
    three = {"vi": rf"\b(?:ba|3) ({NAMING_NOUNS['vi']})", "en": rf"\b(?:three|3) ({NAMING_NOUNS['en']})"}[lang]
    texts = [_site_text(built_site, lang)] + [text for _, text in _model_texts(lang)]
    named = {match.group(1).lower() for text in texts for match in re.finditer(three, text, re.IGNORECASE)}
    assert named and all(word.rstrip("s").endswith(NAME[lang]) for word in named), named


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_instructions_are_named_otherwise(built_site, lang):
    directives = _page(built_site, lang, "directives/")
    instructions = REPORT.directives.instructions
    title = directives.find(id=instructions.id).get_text(" ").lower()
    assert NAME[lang] not in title and LABELS["directive"][lang].lower() not in title, title
    assert LABELS["page_directives"][lang].lower() not in title
    for item in instructions.items:
        heading = directives.find(id=item.id).get_text(" ").lower()
        assert not heading.startswith(LABELS["directive"][lang].lower()), heading


# --- Quotation marks: one kind per language, and what they mean ---------------------------------

# Straight double quotes, guillemets, low and single quotation marks (U+2018, U+201A), or a straight
# single quote opening a word (an apostrophe inside or after a word is fine).
STRAIGHT_OR_FOREIGN = r"[\"«»„‟\u2018\u201a]|(?<!\w)'(?=\w)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_kind_of_quotation_mark_per_language(built_site, lang):
    for path, soup in _pages(built_site, lang):
        text = _reader_text(soup)
        assert _hits(STRAIGHT_OR_FOREIGN, text) == [], path
        assert text.count("“") == text.count("”"), path
    bad = [key for key, text in _model_texts(lang) if re.search(STRAIGHT_OR_FOREIGN, text)]
    assert bad == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_note_on_quotations_says_a_title_is_a_name(built_site, lang):
    about = _page(built_site, lang, "about/")
    notes = " ".join(li.get_text(" ") for li in about.select("article li")).lower()
    quotes, name = {"vi": ("ngoặc kép", "là tên"), "en": ("quotation marks", "is a name")}[lang]
    assert quotes in notes and name in notes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_programme_is_written_one_way(built_site, lang):
    wrong = {"vi": r"Chương trình số 01", "en": r"Programme No\.? ?01"}[lang]
    assert _hits(wrong, _site_text(built_site, lang)) == []
    assert [key for key, text in _model_texts(lang) if re.search(wrong, text)] == []
