"""What a shared link shows (the page's card and its head tags) and what search engines read (JSON-LD).

Read from the built site: every card file, every page's head, every JSON-LD block, parsed by a
JSON-LD processor (PyLD) with schema.org's context served locally, so nothing is fetched.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from fontTools.ttLib import TTFont
from PIL import Image
from pyld import jsonld

from conftest import LANGUAGES, PAGES, language_prefix
from in_process import run_build
from project_copy import copy_project
from report import cards
from report.cards import BOLD, MAX_BYTES, REGULAR, Card, card_path, write_cards
from report.structured_data import script_text

ALL_PAGES = [(lang, path) for lang in LANGUAGES for path in PAGES]
IDS = [f"{lang}:/{path}" for lang, path in ALL_PAGES]
SCHEMA = "https://schema.org/"


def _soup(built_site: Path, lang: str, path: str) -> BeautifulSoup:
    file = built_site / language_prefix(lang) / path / "index.html"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def _meta(soup: BeautifulSoup, **attrs) -> str:
    tags = soup.find_all("meta", attrs=attrs)
    assert len(tags) == 1, f"{len(tags)} <meta {attrs}>"
    return str(tags[0]["content"])


def _site_root(built_site: Path) -> str:
    link = _soup(built_site, "vi", "").find("link", rel="canonical")
    assert isinstance(link, Tag)
    return str(link["href"])


# --- cards -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_every_page_has_its_card_beside_it(built_site, lang, path):
    """The file the page's og:image names (its head: tests/test_seo.py) is a PNG card of the right
    size and weight, whose description names the page, the date and the source."""
    soup = _soup(built_site, lang, path)
    image = _meta(soup, property="og:image")
    alt = _meta(soup, property="og:image:alt")
    assert ("19 tháng 4 năm 2023" if lang == "vi" else "19 April 2023") in alt, alt
    assert ("Báo Hànộimới" if lang == "vi" else "Hanoimoi newspaper") in alt and "HNMO" in alt, alt
    file = built_site / urlsplit(image).path.lstrip("/")
    assert file.stat().st_size <= MAX_BYTES, f"{file}: {file.stat().st_size} bytes"
    with Image.open(file) as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))


def test_cards_differ_per_page_and_language(built_site):
    cards = {(built_site / language_prefix(lang) / path / "card.png").read_bytes() for lang, path in ALL_PAGES}
    assert len(cards) == len(ALL_PAGES)


def test_the_404_page_shows_the_sites_default_card(built_site):
    soup = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    image = _meta(soup, property="og:image")
    assert image == urljoin(_site_root(built_site), "card.png")
    assert (built_site / "card.png").is_file()
    assert _meta(soup, name="twitter:card") == "summary_large_image"
    assert _meta(soup, property="og:image:alt")


def test_every_character_of_every_card_is_in_the_font(built_site):
    """The alternative text holds every text drawn on the card; each character must have a glyph."""
    texts = {_meta(_soup(built_site, lang, path), property="og:image:alt") for lang, path in ALL_PAGES}
    texts.add(_meta(BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser"),
                    property="og:image:alt"))
    for font in (REGULAR, BOLD):
        cmap = TTFont(font).getBestCmap()
        missing = {c for text in texts for c in text if not c.isspace() and ord(c) not in cmap}
        assert not missing, f"{font.name} has no glyph for {sorted(missing)}"
    assert any("ệ" in text for text in texts), "the Vietnamese cards were checked"


def test_the_font_is_committed_with_its_open_font_licence():
    licence = (REGULAR.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Noto Sans" in licence


def _card(title: str = "Kết quả") -> Card:
    return Card(path="results/card.png", lang="vi", site_name="Sơ kết", title=title,
                date="19 tháng 4 năm 2023", credit="Tóm tắt theo bài của Báo Hànộimới (HNMO)")


def test_unchanged_cards_are_not_drawn_again(tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    first = write_cards([_card(), _card("Năm nhóm hạn chế")], site, cache)
    assert (first.drawn, first.reused) == (2, 0)
    second = write_cards([_card(), _card("Năm nhóm hạn chế")], tmp_path / "site2", cache)
    assert (second.drawn, second.reused) == (0, 2)
    assert (tmp_path / "site2/results/card.png").read_bytes() == (site / "results/card.png").read_bytes()
    changed = write_cards([_card("Ba yêu cầu trọng tâm")], site, cache)
    assert (changed.drawn, changed.reused) == (1, 0)


def test_cards_kept_from_another_encoding_are_drawn_again(tmp_path, monkeypatch):
    """A card is written as a 64-colour PNG at zlib level 6; a card kept from other settings is not reused."""
    cache = tmp_path / "cache"
    write_cards([_card()], tmp_path / "site", cache)
    monkeypatch.setattr(cards, "COMPRESS_LEVEL", 9)
    again = write_cards([_card()], tmp_path / "site2", cache)
    assert (again.drawn, again.reused) == (1, 0)
    monkeypatch.setattr(cards, "COLOURS", 32)
    assert write_cards([_card()], tmp_path / "site3", cache).drawn == 1


def test_card_paths_sit_beside_the_page():
    assert card_path("") == "card.png"
    assert card_path("en/") == "en/card.png"
    assert card_path("en/results/") == "en/results/card.png"


def test_the_page_does_not_load_its_card(page, site_url):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    for lang in LANGUAGES:
        page.goto(urljoin(site_url, language_prefix(lang)), wait_until="networkidle")
    assert not [url for url in requested if url.endswith("card.png")]


# --- structured data ---------------------------------------------------------------------------


def _offline_loader(url: str, options=None) -> dict:
    """schema.org's context, served locally: every term is a schema.org term."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": SCHEMA}}}
    raise AssertionError(f"the JSON-LD test must not fetch {url}")


def _json_ld(soup: BeautifulSoup) -> dict:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1, f"{len(scripts)} JSON-LD blocks"
    expanded = jsonld.expand(json.loads(scripts[0].string or ""), {"documentLoader": _offline_loader})
    assert len(expanded) == 1
    return jsonld.compact(expanded, {"@vocab": SCHEMA}, {"documentLoader": _offline_loader})


def _values(node: dict, key: str) -> list:
    value = node.get(key, [])
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize(("lang", "path"), ALL_PAGES, ids=IDS)
def test_every_page_says_what_it_is(built_site, lang, path):
    soup = _soup(built_site, lang, path)
    data = _json_ld(soup)
    url = soup.find("link", rel="canonical")["href"]
    root = _site_root(built_site)
    assert data["@type"] == "Report" and data["@id"] == url
    assert data["inLanguage"] == soup.html["lang"] == lang
    assert data["image"] == {"@id": _meta(soup, property="og:image")} or data["image"] == _meta(soup, property="og:image")

    source = data["isBasedOn"]
    publisher = source["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    names = [publisher["name"], *_values(publisher, "alternateName")]
    assert "Báo Hànộimới" in names and "HNMO" in names, names
    assert not {"datePublished", "dateCreated", "dateModified"} & set(source), "no invented publication date"
    # The article is described (no headline in the copy used): by name, its publisher and its event.
    assert "HNMO" in source["name"] and source["about"]["@type"] == "Event"
    assert source["about"]["startDate"] == "2023-04-19" and source["about"]["name"] == data["about"]["name"]
    assert "url" not in source, "the model has no address for the article"

    event = data["about"]
    assert event["@type"] == "Event" and event["startDate"] == "2023-04-19"
    assert event["name"] and event["location"]["name"] == ("Hà Nội" if lang == "vi" else "Hanoi")
    assert data["isPartOf"]["name"] == _meta(soup, property="og:site_name")
    assert data["isPartOf"]["url"] in (urljoin(root, language_prefix(lang)), {"@id": urljoin(root, language_prefix(lang))})

    twin = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate") if link.get("hreflang")}
    if lang == LANGUAGES[0]:
        translations = _values(data, "workTranslation")
        assert [t["@id"] for t in translations] == [twin[other] for other in LANGUAGES[1:]]
        assert "translationOfWork" not in data
    else:
        assert data["translationOfWork"]["@id"] == twin[LANGUAGES[0]]
        assert "workTranslation" not in data


def test_json_ld_text_cannot_close_its_script_element():
    hostile = {"name": "</script><script>alert(1)</script> & <!-- \u2028"}
    text = script_text(hostile)
    assert not {"<", ">", "&", "\u2028"} & set(text), text
    assert json.loads(text) == hostile


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The event's name and the publisher (both in the JSON-LD) carry markup."""
    project = copy_project(tmp_path_factory.mktemp("hostile-share"))
    report = project / "data" / "report.yaml"
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    for lang in data["event"]["name"]:
        data["event"]["name"][lang] = f"</script><script>window.__pwned=1</script> & ({lang})"
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.parametrize("lang", LANGUAGES)
def test_model_text_in_json_ld_stays_text(hostile_site, lang):
    soup = BeautifulSoup((hostile_site / language_prefix(lang) / "index.html").read_text(encoding="utf-8"), "html.parser")
    script = soup.find("script", type="application/ld+json").string
    assert not {"<", ">", "&"} & set(script), "markup characters must be JSON escapes inside the script"
    data = _json_ld(soup)
    assert data["about"]["name"] == f"</script><script>window.__pwned=1</script> & ({lang})"


def test_a_title_too_long_for_the_card_is_cut_with_an_ellipsis(tmp_path):
    from report.cards import ELLIPSIS, MARGIN, WIDTH, card_font, layout

    long = Card("en/shortcomings/card.png", "en", "Mid-term review", " ".join(["Shortcomings and weaknesses"] * 9),
                "19 April 2023", "Source: Hanoimoi newspaper (HNMO)")
    placed = layout(long)
    assert placed.cut == ("title",) and len(placed.title) == 3 and placed.title[-1].endswith(ELLIPSIS)
    assert all(card_font(BOLD, placed.title_size).getlength(line) <= WIDTH - 2 * MARGIN for line in placed.title)
    fitting = Card("card.png", "vi", "Sơ kết", "Những hạn chế phải sửa tận gốc", "19 tháng 4, 2023", "Nguồn: Báo")
    assert layout(fitting).cut == () and ELLIPSIS not in "".join(layout(fitting).title)
    for _ in range(2):  # drawn, then from the cache: the warning both times
        written = write_cards([long, fitting], tmp_path / "site", tmp_path / "cache")
        assert written.cut == ("the link-preview card en/shortcomings/card.png (en): the title is too long for the "
                               "card and is cut with '…'; a shorter title shows whole",)


def test_a_build_warns_of_a_cut_card_and_strict_refuses_it(tmp_path):
    project = copy_project(tmp_path / "project")
    labels = project / "overrides" / "macros" / "labels.yaml"  # the page's H1, so its card's title
    text = labels.read_text(encoding="utf-8")
    old = 'en: Five areas of shortcomings\n'
    assert text.count(old) == 1
    labels.write_text(text.replace(old, 'en: ' + ' '.join(['Five areas of shortcomings and weaknesses'] * 6) + '\n'),
                      encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 1
    assert ("WARNING -  report: the link-preview card en/shortcomings/card.png (en): the title is too long for the "
            "card and is cut with '…'") in result.stdout + result.stderr
