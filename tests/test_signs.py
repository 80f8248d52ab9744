"""A change is worded by its sign in both languages: up, down, or unchanged when it is zero (never
"up 0 %"); an amount (money, an income) is never below zero, a change of one may be."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, ROOT
from report.charts import indicator_charts
from report.measures import Change, Measure, Unit
from report.site import load_site


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", LANGUAGES, root=ROOT)


@pytest.mark.parametrize(("lang", "value", "worded"), [
    ("vi", 0, "không đổi"), ("en", 0, "unchanged"), ("vi", -0.0, "không đổi"), ("en", 0.0, "unchanged"),
    ("vi", -2.5, "giảm 2,5%"), ("en", -2.5, "down 2.5%"), ("vi", 3, "tăng 3%"), ("en", 0.01, "up 0.01%"),
])
def test_a_change_is_worded_by_its_sign(site, lang, value, worded):
    assert site.localiser(lang).change(Change(value=value, unit=Unit.percent)) == worded


def test_an_unchanged_figure_has_no_arrow_and_no_rise_in_its_chart(site):
    indicators = [i.model_copy(update={"change": Change(value=0, unit=Unit.percent)}) if i.change else i
                  for i in site.report.results.economy.indicators]
    economy = site.report.results.economy.model_copy(update={"indicators": indicators})
    report = site.report.model_copy(update={"results": site.report.results.model_copy(update={"economy": economy})})
    for lang, word, rise in (("vi", "không đổi", "tăng"), ("en", "unchanged", "up ")):
        [chart] = [chart for chart in indicator_charts(report, site.localiser(lang)).values() if word in chart.svg]
        assert "report-chart__arrow" not in chart.svg and rise not in chart.description, chart.description


@pytest.mark.parametrize("unit", [Unit.usd_billion, Unit.vnd_million_per_person_year])
def test_an_amount_below_zero_is_refused_but_its_change_is_not(unit):
    with pytest.raises(ValueError, match="below zero"):
        Measure(value=-1, unit=unit)
    assert Change(value=-1, unit=unit).value == -1
    assert Measure(value=-1.5, unit=Unit.percent).value == -1.5  # a rate may fall below zero
