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


def test_print_to_pdf(page, site_url, tmp_path):
    page.goto(site_url + "en/")
    page.emulate_media(media="print")
    pdf = page.pdf(path=str(tmp_path / "overview.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


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
    """One request for the site's own styles on a first view (theme stylesheets aside)."""
    html = (built_site / language_prefix(lang) / "index.html").read_text(encoding="utf-8")
    own = [href for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) if ".min.css" not in href]
    assert [href.rsplit("/", 1)[-1] for href in own] == ["report.css"], own


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
