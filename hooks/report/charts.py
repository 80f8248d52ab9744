"""Charts of the economic indicators, drawn at build time as small inline SVG.

Engine-agnostic and dependency-free: data in, SVG text out. Which indicators get a chart follows
from the data: one with a `national` figure is compared with the whole country; one with a
`change` shows its value and the change as the source gives them (no base is derived).
Colours come from the page (`currentColor`, Material's CSS variables through classes), so the
charts follow light, dark and print styles.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .localise import Localiser
from .model import Indicator, Report

WIDTH = 320  # viewBox units; about one CSS pixel on a phone, scaled up by the stylesheet
ROW = 50
BAR = 16


@dataclass(frozen=True)
class Bar:
    """One labelled bar: `text` is the formatted value shown beside the label."""

    label: str
    value: float
    text: str
    kind: str  # "hanoi" or "national": a CSS class, so that each scheme picks the colour


@dataclass(frozen=True)
class Chart:
    """A chart ready to place on a page, with the words that make it accessible."""

    id: str
    title: str
    description: str
    svg: str
    comparison: bool = False  # bars against the country's figure (else the figure and its change)


def _text(value: str) -> str:
    return escape(value, quote=True)


def _frame(chart_id: str, title: str, description: str, height: int, body: list[str]) -> str:
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return "".join([
        f'<svg class="report-chart__svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}"'
        f' role="img" aria-labelledby="{title_id} {desc_id}" focusable="false">',
        f'<title id="{title_id}">{_text(title)}</title>',
        f'<desc id="{desc_id}">{_text(description)}</desc>',
        *body,
        "</svg>",
    ])


def bar_chart(chart_id: str, *, title: str, description: str, bars: list[Bar]) -> str:
    """Horizontal bars on one scale from zero, each with its label and formatted value above it."""
    largest = max((bar.value for bar in bars), default=0) or 1
    body = []
    for index, bar in enumerate(bars):
        top = index * ROW
        width = max(2.0, round(bar.value / largest * WIDTH, 1))
        body.append(
            f'<text x="0" y="{top + 15}" fill="currentColor">'
            f'<tspan font-weight="bold">{_text(bar.label)}</tspan> {_text(bar.text)}</text>'
            f'<rect class="report-chart__bar--{bar.kind}" x="0" y="{top + 22}"'
            f' width="{width}" height="{BAR}" rx="2" fill="currentColor"/>'
        )
    return _frame(chart_id, title, description, len(bars) * ROW, body)


_UP, _DOWN = "M9 92 L9 68 M2 76 L9 67 L16 76", "M9 67 L9 91 M2 83 L9 92 L16 83"


def change_chart(chart_id: str, *, title: str, description: str, value: str, unit: str, change: str,
                 since: str, rising: bool | None = True) -> str:
    """The figure and its change as given: the value with its unit, then an arrow (none for no
    change) and the change."""
    arrow = [] if rising is None else [
        f'<path class="report-chart__arrow" d="{_UP if rising else _DOWN}" fill="none"'
        ' stroke="currentColor" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>']
    body = [
        f'<text x="0" y="28" fill="currentColor" font-size="28"'
        f' font-weight="bold">{_text(value)}</text>',
        f'<text x="0" y="50" fill="currentColor">{_text(unit)}</text>',
        *arrow,
        f'<text x="{0 if rising is None else 26}" y="84" fill="currentColor">'
        f'<tspan font-weight="bold">{_text(change)}</tspan> {_text(since)}</text>',
    ]
    return _frame(chart_id, title, description, 96, body)


def indicator_chart(indicator: Indicator, localiser: Localiser) -> Chart | None:
    """The chart the indicator's data calls for, or None when there is nothing to draw."""
    if indicator.value is None:
        return None
    chart_id = f"chart-{indicator.id}"
    title = localiser.text(indicator.title)
    hanoi, national = localiser.label("hanoi"), localiser.label("national")
    if indicator.national_label is not None:  # a bar's label starts with a capital ("the country's GDP")
        label = localiser.text(indicator.national_label)
        national = label[:1].upper() + label[1:]
    period = f"{localiser.moment(indicator.when)}. " if indicator.when is not None else ""
    other = indicator.national if indicator.national is not None and indicator.national.unit == indicator.value.unit else None
    # bars start at zero: a negative figure would need an axis, so it stays as text
    if other is not None and min(indicator.value.value, other.value) >= 0:
        bars = [
            Bar(hanoi, indicator.value.value, localiser.measure(indicator.value), "hanoi"),
            Bar(national, other.value, localiser.measure(other), "national"),
        ]
        description = period + "; ".join(f"{bar.label}: {bar.text}" for bar in bars) + "."
        return Chart(chart_id, title, description,
                     bar_chart(chart_id, title=title, description=description, bars=bars), comparison=True)
    if indicator.change is not None and indicator.change_since is not None:
        value = localiser.number(indicator.value.value)
        if indicator.value.approximate:
            value = localiser.label("approximately", value=value)
        # the unit's words without the number ("USD {value} billion" -> "USD billion")
        unit = " ".join(localiser.label(f"unit_{indicator.value.unit.value}", value="").split())
        change = localiser.change(indicator.change)
        since = localiser.since(indicator.change_since)
        description = f"{period}{hanoi}: {localiser.measure(indicator.value)}, {change} {since}."
        svg = change_chart(chart_id, title=title, description=description, value=value, unit=unit,
                           change=change, since=since,
                           rising=None if indicator.change.value == 0 else indicator.change.value > 0)
        return Chart(chart_id, title, description, svg)
    return None


def indicator_charts(report: Report, localiser: Localiser) -> dict[str, Chart]:
    """Every chart the economic indicators call for, keyed by indicator id, in report order."""
    charts = {}
    for indicator in report.results.economy.indicators:
        chart = indicator_chart(indicator, localiser)
        if chart is not None:
            charts[indicator.id] = chart
    return charts
