"""Phone and paper: no sideways scrolling at 375 px, print without navigation but with charts, small CSS."""

from __future__ import annotations

import gzip
import re

import pytest

from conftest import LANGUAGES, PAGES, ROOT, language_prefix

PHONE = {"width": 375, "height": 800}
CHROME = ".md-header, .md-tabs, .md-sidebar--primary, .md-sidebar--secondary, .md-footer__inner, .md-search"


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_on_a_phone(phone, site_url, lang, path):
    phone.goto(site_url + language_prefix(lang) + path)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{language_prefix(lang)}{path} is {width} px wide"
    # nothing of ours sticks out either, even where an ancestor would clip it
    wide = phone.evaluate("""() => [...document.querySelectorAll(
            '.report-facts, .report-figures, .report-chart, .report-points, .report-timeline, .report-citation')]
        .filter(e => e.getBoundingClientRect().right > innerWidth + 1).map(e => e.className)""")
    assert wide == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "results/"])
def test_print_shows_content_and_charts_without_navigation(page, site_url, lang, path):
    page.goto(site_url + language_prefix(lang) + path)
    page.emulate_media(media="print")
    hidden = page.evaluate("""selector => [...document.querySelectorAll(selector)]
        .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
        .map(e => e.className)""", CHROME)
    assert hidden == [], f"navigation printed: {hidden}"
    charts = page.locator("svg.report-chart__svg")
    assert charts.count() == (3 if path == "" else 2)  # results: the comparisons beside their figures
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box and box["width"] > 150 and box["height"] > 30
    assert page.locator("article h1").is_visible()
    assert page.locator(".md-copyright").is_visible()  # the credit to the source is printed


PRINT_DATE = {"vi": "Phiên bản ngày", "en": "Version of"}


def _squeezed(text: str) -> str:
    """Text without spaces: a PDF's text layer spaces Vietnamese letters apart (S ơ  k ế t)."""
    return "".join(text.split())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_every_printed_sheet_names_the_site_the_address_and_the_date(page, site_url, lang, path):
    """On paper a page can be told apart: every sheet carries the site's name, the page's
    address and the site's date (in its margins), and its number; the last one the credit."""
    import io

    import pypdf

    page.goto(site_url + language_prefix(lang) + path, wait_until="networkidle")
    address = page.locator("link[rel=canonical]").get_attribute("href")
    site_name = page.locator("meta[property='og:site_name']").get_attribute("content")
    sheets = [_squeezed(sheet.extract_text()) for sheet in pypdf.PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
    assert len(sheets) >= 2
    for number, sheet in enumerate(sheets, start=1):
        for part in (site_name, address, PRINT_DATE[lang], f"{number}/{len(sheets)}"):
            assert _squeezed(part) in sheet, f"sheet {number} of /{language_prefix(lang)}{path} lacks {part!r}"
    assert "HNMO" in sheets[-1]  # the footer's credit to the source


# Each heading of the article with the start of what follows it; each chart with its figures' text.
KEPT_TOGETHER = """() => {
  const start = e => e.innerText.replace(/\\s+/g, "").slice(0, 24);
  const pairs = [];
  for (const e of document.querySelectorAll("article :is(h2, h3), article .report-indicator")) {
    if (e.matches(".report-indicator")) {
      pairs.push(["chart " + start(e), start(e.querySelector(".report-indicator__text")), start(e.querySelector("figcaption"))]);
      continue;
    }
    const next = e.nextElementSibling, text = next && (next.querySelector("p:not(.admonition-title)") || next);
    if (text && text.innerText.trim()) pairs.push([e.tagName + " " + start(e), start(e), start(text)]);
  }
  return pairs;
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_no_heading_ends_a_printed_sheet_and_charts_stay_with_their_text(page, site_url, lang, path):
    """A heading is printed on the sheet of the text it heads, never alone at a sheet's foot, and an
    indicator's chart on the sheet of its figures (each fits on one sheet)."""
    import io

    import pypdf

    page.goto(site_url + language_prefix(lang) + path, wait_until="networkidle")
    page.emulate_media(media="print")
    pairs = page.evaluate(KEPT_TOGETHER)
    sheets = [_squeezed(sheet.extract_text()) for sheet in pypdf.PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
    assert pairs and len(sheets) >= 2

    def sheet_of(text: str, since: int) -> int:
        found = [n for n in range(since, len(sheets)) if text in sheets[n]]
        assert found, f"{text!r} is on no printed sheet of /{language_prefix(lang)}{path}"
        return found[0]

    apart, at = [], 0
    for what, first, then in pairs:  # (what follows is longer, so less likely found elsewhere first)
        at = sheet_of(then, at)
        if first not in sheets[at]:
            apart.append(f"{what}: not on sheet {at + 1}, where what follows it starts")
    assert not apart, "\n".join(apart)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "results/"])
def test_printed_charts_are_no_larger_than_the_body(page, site_url, lang, path):
    page.goto(site_url + language_prefix(lang) + path, wait_until="networkidle")
    page.emulate_media(media="print")
    body, labels = page.evaluate("""() => [parseFloat(getComputedStyle(document.querySelector('article p:not([class])')).fontSize),
        [...document.querySelectorAll('svg.report-chart__svg')].flatMap(svg => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return [...svg.querySelectorAll('text:not([font-size])')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        })]""")
    assert labels and max(labels) <= body + 0.01, f"chart labels {labels} px, body {body} px"


def _gzip_size(path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def test_report_css_is_small():
    """What readers download: the stylesheet minified (as published), compressed."""
    import rcssmin

    css = (ROOT / "overrides" / "assets" / "stylesheets" / "report.css").read_text(encoding="utf-8")
    assert len(gzip.compress(rcssmin.cssmin(css).encode("utf-8"), compresslevel=6)) <= 3_000
    assert "@import" not in css and "@font-face" not in css


def test_the_published_stylesheet_is_the_source_minified(built_site):
    """Readers download report.css without its comments and layout, and every rule of it."""
    import rcssmin

    source = (ROOT / "overrides" / "assets" / "stylesheets" / "report.css").read_text(encoding="utf-8")
    published = (built_site / "assets" / "stylesheets" / "report.css").read_text(encoding="utf-8")
    assert "/*" not in published and len(published) < 0.8 * len(source)
    assert published == rcssmin.cssmin(source)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_links_one_own_stylesheet(built_site, lang):
    """One request for the site's own styles on a first view, and of the theme's only its main
    stylesheet (report.css carries the palette used: overrides/main.html)."""
    html = (built_site / language_prefix(lang) / "index.html").read_text(encoding="utf-8")
    sheets = [href.rsplit("/", 1)[-1] for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)]
    assert len(sheets) == 2 and re.fullmatch(r"main\.\w+\.min\.css", sheets[0]) and sheets[1] == "report.css", sheets


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_first_view_fits_the_budget(built_site, lang):
    """HTML, stylesheets and scripts the home page loads, compressed: at most 80 KB."""
    folder = built_site / language_prefix(lang)
    html = (folder / "index.html").read_text(encoding="utf-8")
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', html)
    total = _gzip_size(folder / "index.html")
    for href in assets:
        if href.startswith(("http:", "https:", "//")):
            pytest.fail(f"the home page loads {href} from the network")
        total += _gzip_size((folder / href.split("?")[0]).resolve())
    assert total <= 80_000, f"{total} bytes"


def test_print_details_cannot_end_their_style_element():
    from report.printing import css_string

    assert css_string('a "b" \\ </style>') == '"a \\22 b\\22  \\5c  \\3c /style\\3e "'
