"""The JSON Schema editors use: generated from the model, committed, and true to the real data."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import export_schema
import jsonschema
import yaml

from conftest import ROOT


def _as_json(data):
    """YAML dates are strings to an editor's schema checker."""
    return json.loads(json.dumps(data, default=lambda value: value.isoformat()))


def test_committed_schema_is_up_to_date():
    committed = (ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == export_schema.render(), "run: python scripts/export_schema.py"


def test_check_flag_reports_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_schema.py"), "--check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout


def test_report_validates_against_schema():
    schema = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = _as_json(yaml.safe_load((ROOT / "data" / "report.yaml").read_text(encoding="utf-8")))
    errors = [f"{e.json_path}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == []


def test_report_points_editors_to_schema():
    first = (ROOT / "data" / "report.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/report.schema.json"


def test_schema_accepts_every_moment_shorthand_and_refuses_nonsense():
    schema = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    moment = {**schema["$defs"]["Moment"], "$defs": schema["$defs"]}
    for good in (2023, "2023", "2023-10", "2023-Q1", "late 2023", dt.date(2023, 6, 30).isoformat(), {"year": 2023}):
        jsonschema.validate(good, moment)
    for bad in ("soon", "2023-Q5", 12.5, ["2023"]):
        assert not jsonschema.Draft202012Validator(moment).is_valid(bad), bad


def test_schema_refuses_blank_text_and_unknown_language_code():
    schema = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    text = {**schema["$defs"]["Text"], "$defs": schema["$defs"]}
    validator = jsonschema.Draft202012Validator(text)
    assert validator.is_valid({"vi": "Hà Nội", "en": "Hanoi"})
    assert not validator.is_valid({"vi": "  "})
    assert not validator.is_valid({"VI": "x"})
    assert not validator.is_valid({})
