"""The report as open data: the whole checked model as JSON, the economic figures as CSV.

Engine-agnostic: the adapter calls `write_open_data` once per build, at the site root.
The JSON's `report` is the model itself (every language, numbers as numbers, dates as ISO
strings, moments as their year/quarter/month/day parts), so `Report.model_validate` reads it back;
beside it, `figures` and `dated_items` give each period as its notation with ISO start and end.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .measures import Measure, Moment
from .model import Indicator, Item, Report
from .model_paths import walk

FOLDER = "data"
JSON_NAME = "report.json"
CSV_NAME = "figures.csv"
FORMAT_VERSION = 1
# Excel on Windows reads a CSV as UTF-8 only when it starts with a byte-order mark.
CSV_ENCODING = "utf-8-sig"
# A text cell a spreadsheet would run as a formula (OWASP, CSV injection) gets this in front.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_GUARD = "'"


@dataclass(frozen=True)
class Column:
    """A column of figures.csv: its name, its Frictionless type, and whether it has one per language."""

    name: str
    type: str  # string, number, boolean or date (Table Schema types)
    per_language: bool = False

    def names(self, languages: Sequence[str]) -> list[str]:
        return [f"{self.name}_{lang}" for lang in languages] if self.per_language else [self.name]


COLUMNS = (
    Column("id", "string"), Column("title", "string", per_language=True), Column("value", "number"),
    Column("unit", "string"), Column("approximate", "boolean"), Column("national", "number"),
    Column("national_approximate", "boolean"), Column("national_label", "string", per_language=True),
    Column("change", "number"), Column("change_unit", "string"), Column("change_since", "string"),
    Column("period", "string"), Column("period_start", "date"), Column("period_end", "date"),
    Column("note", "string", per_language=True),
)


def csv_header(languages: Sequence[str]) -> list[str]:
    return [name for column in COLUMNS for name in column.names(languages)]


def _period(moment: Moment | None) -> dict[str, str] | None:
    if moment is None:
        return None
    return {"notation": moment.notation, "start": moment.start.isoformat(), "end": moment.end.isoformat()}


def _number(measure: Measure | None) -> int | float | None:
    return None if measure is None else measure.value


def figure_rows(report: Report, languages: Sequence[str]) -> list[dict[str, Any]]:
    """One row per economic indicator, numbers as numbers, texts in every language."""
    rows = []
    for indicator in report.results.economy.indicators:
        rows.append(_figure_row(indicator, languages))
    return rows


def _figure_row(indicator: Indicator, languages: Sequence[str]) -> dict[str, Any]:
    row: dict[str, Any] = {"id": indicator.id}
    for lang in languages:
        row[f"title_{lang}"] = indicator.title.root.get(lang)
    value = indicator.value
    row |= {
        "value": _number(value),
        "unit": value.unit.value if value else None,
        "approximate": value.approximate if value else None,
        "national": _number(indicator.national),
        "national_approximate": indicator.national.approximate if indicator.national else None,
        **{f"national_label_{lang}": indicator.national_label.root.get(lang) if indicator.national_label else None
           for lang in languages},
        "change": _number(indicator.change),
        "change_unit": indicator.change.unit.value if indicator.change else None,
        "change_since": indicator.change_since.notation if indicator.change_since else None,
    }
    period = _period(indicator.when)
    row |= {
        "period": period["notation"] if period else None,
        "period_start": period["start"] if period else None,
        "period_end": period["end"] if period else None,
    }
    for lang in languages:
        row[f"note_{lang}"] = indicator.note.root.get(lang) if indicator.note else None
    return row


def dated_items(report: Report) -> list[dict[str, Any]]:
    """The dated commitments with ISO start and end dates, in the order of the report."""
    return [
        {"id": node.id, "part": path[0], "when": _period(node.when), "until": _period(node.until)}
        for path, node in walk(report)
        if isinstance(node, Item) and node.when is not None
    ]


def report_json(report: Report, languages: Sequence[str]) -> str:
    """The model and the figures as one JSON document (UTF-8, stable key order)."""
    document = {
        "format": FORMAT_VERSION,
        "languages": list(languages),
        "report": report.model_dump(mode="json", exclude_none=True),
        "figures": [
            {**{k: v for k, v in row.items() if k not in ("period_start", "period_end")},
             "period": _period(indicator.when)}
            for row, indicator in zip(figure_rows(report, languages), report.results.economy.indicators, strict=True)
        ],
        "dated_items": dated_items(report),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def figures_csv(report: Report, languages: Sequence[str]) -> str:
    """The economic figures as CSV, one row per indicator with a figure (an indicator given only in
    words has no row): empty cells where the source gives nothing; `.` as decimal mark."""
    rows = [row for row in figure_rows(report, languages) if any(row[k] is not None for k in ("value", "national", "change"))]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_header(languages), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise_formula(value)
    return str(value)


def neutralise_formula(text: str) -> str:
    """A text as a spreadsheet shows it: one starting like a formula gets an apostrophe in front."""
    return TEXT_GUARD + text if text.startswith(FORMULA_STARTS) else text


def open_data_files(report: Report, languages: Sequence[str]) -> dict[str, str]:
    """The open data: each file's name and text."""
    return {JSON_NAME: report_json(report, languages), CSV_NAME: figures_csv(report, languages)}


def write_open_data(files: dict[str, str], site_dir: Path) -> list[Path]:
    """Write the open data (`open_data_files`) into `data/` under the site root; returns the paths."""
    folder = site_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files.items():
        path = folder / name
        path.write_text(content, encoding=CSV_ENCODING if name == CSV_NAME else "utf-8", newline="")
        written.append(path)
    return written
