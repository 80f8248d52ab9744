"""The open data described as a Frictionless Data Package (`data/datapackage.json`).

Engine-agnostic. The descriptor lists the files beside it (`figures.csv` with its Table Schema,
`report.json` and the JSON Schema of the model), the licence of the site's own data and the source
article. Each text is given in English (`title`, `description`, as the standard reads them) and in
every site language (`titles`, `descriptions`), from the same labels the About page's data
dictionary shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .citation import json_text
from .measures import Unit
from .model import Report
from .opendata import COLUMNS, CSV_NAME, JSON_NAME, Column

SCHEMA_NAME = "report.schema.json"
DESCRIPTOR_NAME = "datapackage.json"
STANDARD_LANGUAGE = "en"

# A label of `lang`, by name: the site's own words (overrides/macros/labels.yaml).
Label = Callable[[str, str], str]


def _texts(label: Label, name: str, languages: Sequence[str]) -> dict[str, str]:
    return {lang: label(lang, name) for lang in languages}


def _standard(texts: dict[str, str]) -> str:
    return texts.get(STANDARD_LANGUAGE) or next(iter(texts.values()))


def _field(column: Column, name: str, label: Label, languages: Sequence[str]) -> dict[str, Any]:
    descriptions = _texts(label, f"column_{column.name}", languages)
    field: dict[str, Any] = {"name": name, "type": column.type, "description": _standard(descriptions),
                             "descriptions": descriptions}
    if column.type == "boolean":
        field |= {"trueValues": ["true"], "falseValues": ["false"]}
    if column.name in ("unit", "change_unit"):
        field["constraints"] = {"enum": [unit.value for unit in Unit]}
    if column.name == "id":
        field["constraints"] = {"required": True, "unique": True, "pattern": "[a-z0-9]+(-[a-z0-9]+)*"}
    return field


def descriptor(report: Report, languages: Sequence[str], label: Label, *, site_names: dict[str, str],
               home: str | None) -> dict[str, Any]:
    """The Data Package descriptor; ``home`` is the site's address (None: the build has none)."""
    publication, source = report.publication, report.source
    editors = {lang: publication.editors.name.root.get(lang, "") for lang in languages}
    licence_names = {lang: publication.licence.name.root.get(lang, "") for lang in languages}
    fields = [_field(column, name, label, languages) for column in COLUMNS for name in column.names(languages)]
    package: dict[str, Any] = {
        "profile": "data-package",  # one tabular resource and two JSON files
        "name": f"{report.event.id}-{report.programme.code.lower().replace('/', '-')}",
        "title": _standard(site_names),
        "titles": site_names,
        "description": _standard(_texts(label, "description_index", languages)),
        "descriptions": _texts(label, "description_index", languages),
        "licenses": [{"name": publication.licence.spdx.value, "path": publication.licence.url.root,
                      "title": _standard(licence_names)}],
        "sources": [{"title": f"{_standard({lang: source.publisher.root.get(lang, '') for lang in languages})} "
                              f"({source.abbreviation})",
                     "path": (source.article or source.home).root}],
        "contributors": [{"title": _standard(editors), "role": "publisher"}],
        "resources": [
            {"name": "figures", "path": CSV_NAME, "type": "table", "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "title": _standard(_texts(label, "data_dictionary", languages)),
             "description": _standard(_texts(label, "data_dictionary_intro", languages)),
             "descriptions": _texts(label, "data_dictionary_intro", languages),
             "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
             "schema": {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}},
            # `type: json`: readers would otherwise take a file named *report.json or *schema.json
            # for their own validation reports or Table Schemas.
            {"name": "report", "path": JSON_NAME, "type": "json", "profile": "data-resource", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8",
             "description": _standard(_texts(label, "open_data_json", languages)),
             "descriptions": _texts(label, "open_data_json", languages)},
            {"name": "report-schema", "path": SCHEMA_NAME, "type": "json", "profile": "data-resource", "format": "json",
             "mediatype": "application/schema+json", "encoding": "utf-8",
             "description": _standard(_texts(label, "open_data_schema", languages)),
             "descriptions": _texts(label, "open_data_schema", languages)},
        ],
    }
    if home:
        package["homepage"] = home
    return package


def descriptor_json(package: dict[str, Any]) -> str:
    return json_text(package)
