"""Charts of the economic indicators: drawn from the data, escaped, accessible, readable in every scheme."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import LANGUAGES, ROOT, language_prefix
from report.charts import Bar, bar_chart, indicator_charts
from report.site import load_site

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", LANGUAGES, root=ROOT)


def test_which_indicators_get_a_chart_follows_from_the_data(site):
    charts = indicator_charts(site.report, site.localiser("vi"))
    expected = [i.id for i in site.report.results.economy.indicators
                if i.value and (i.national or i.change)]
    assert list(charts) == expected == ["grdp-scale", "income-per-capita", "grdp-growth-q1-2023"]
    # take the national figure away and the comparison chart goes with it
    indicators = [i.model_copy(update={"national": None}) if i.id == "grdp-growth-q1-2023" else i
                  for i in site.report.results.economy.indicators]
    economy = site.report.results.economy.model_copy(update={"indicators": indicators})
    report = site.report.model_copy(update={"results": site.report.results.model_copy(update={"economy": economy})})
    assert "grdp-growth-q1-2023" not in indicator_charts(report, site.localiser("vi"))


@pytest.mark.parametrize("lang, numbers", [
    ("vi", ["5,08%", "3,32%", "tương đương 50", "409 tỷ", "141,8", "10,6%"]),
    ("en", ["5.08%", "3.32%", "equivalent to USD 50", "USD 409", "141.8", "10.6%"]),
])
def test_charts_show_locale_formatted_figures_and_name_themselves(site, lang, numbers):
    charts = indicator_charts(site.report, site.localiser(lang))
    text = ""
    for chart in charts.values():
        svg = ET.fromstring(chart.svg)  # well-formed XML
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find(f"{SVG}title").get("id") == title_id and svg.find(f"{SVG}title").text == chart.title
        assert svg.find(f"{SVG}desc").get("id") == desc_id and svg.find(f"{SVG}desc").text == chart.description
        text += chart.description + " " + "".join(svg.itertext())
    for number in numbers:
        assert number in text


def test_charts_invent_no_numbers(site):
    """Every number drawn is one the source gives (or a year it names): no derived 2021 base."""
    given = {"5.08", "3.32", "50", "409", "141.8", "10.6", "2021", "2023", "1"}
    for chart in indicator_charts(site.report, site.localiser("en")).values():
        svg = ET.fromstring(chart.svg)
        drawn = set(re.findall(r"\d+(?:\.\d+)?", " ".join(svg.itertext())))
        assert drawn <= given, chart.id


def test_bars_share_one_scale_and_text_is_escaped():
    svg = bar_chart("chart-x", title="<b>&", description='"quoted"', bars=[
        Bar("<script>", 50, "50 & more", "hanoi"),
        Bar("B", 409, "409", "national"),
    ])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;&amp;" in svg
    widths = [float(rect.get("width")) for rect in ET.fromstring(svg).iter(f"{SVG}rect")]
    assert widths[1] == 320 and abs(widths[0] - 320 * 50 / 409) < 0.1


def _rgba(css: str) -> tuple[list[float], float]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return values[:3], (values[3] if len(values) > 3 else 1.0)


def _luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _blend(fg: str, bg: str) -> float:
    """The luminance of a possibly translucent colour painted over the background."""
    (front, alpha), (back, _) = _rgba(fg), _rgba(bg)
    return _luminance([alpha * f + (1 - alpha) * b for f, b in zip(front, back, strict=True)])


def _contrast(a: float, b: float) -> float:
    high, low = max(a, b), min(a, b)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "results/"])
def test_charts_are_visible_named_and_readable(browser, site_url, scheme, lang, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + language_prefix(lang) + path)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    charts = page.locator("svg.report-chart__svg[role=img]")
    # every chart on the overview's cards; on the results page the comparisons, beside their figures
    assert charts.count() == (3 if path == "" else 2)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.is_visible() and chart.bounding_box()["width"] >= 200
        name = chart.evaluate("""svg => svg.getAttribute('aria-labelledby').split(' ')
            .map(id => document.getElementById(id).textContent).join(' ')""")
        assert re.search(r"\d", name), name
        styles = chart.evaluate("""svg => ({
            text: [...svg.querySelectorAll('text')].map(t => getComputedStyle(t).fill),
            bars: [...svg.querySelectorAll('rect, path')].map(b => {
                const s = getComputedStyle(b); return s.fill !== 'none' ? s.fill : s.stroke; }),
        })""")
        bg = _blend(background, background)
        for fill in styles["text"]:
            assert _contrast(_blend(fill, background), bg) >= 4.5, (scheme, fill)
        for fill in styles["bars"]:
            assert _contrast(_blend(fill, background), bg) >= 3, (scheme, fill)
    context.close()
