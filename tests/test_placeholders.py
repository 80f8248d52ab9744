"""Placeholders are exact and literal braces have one escape (README, editing): `{name}` is a value,
`{{` and `}}` show one brace; the model's errors travel as data (type and context) to the message."""

from __future__ import annotations

import ast
import re

from conftest import ROOT, hooks_code
from in_process import run_build
from report.labels import LABEL_VALUES
from report.loading import parse_yaml
from report.localise import fill
from report.problems import ReportError
from report.pydantic_errors import custom_message
from report.texts import Text, placeholders_in
from report.validation import check_labels

LABELS = ROOT / "overrides" / "macros" / "labels.yaml"


def test_doubled_braces_show_one_brace_and_values_are_never_read_again():
    assert fill("{{sites}} {sites} }}{{", {"sites": "4"}) == "{sites} 4 }{"
    assert fill("{{{sites}}}", {"sites": "4"}) == "{4}"
    assert fill("{a}", {"a": "{b}", "b": "x"}) == "{b}"
    assert fill("{% raw %} {{ jinja }}", {}) == "{% raw %} { jinja }"  # an unknown {name} stays (refused earlier)


def test_escaped_braces_are_not_placeholders():
    assert placeholders_in("{{x}} {y} {{") == {"y"}
    assert Text({"vi": "{{a}} {b}", "en": "{b} {{c}}"}).placeholders() == {"vi": {"b"}, "en": {"b"}}


def _labels_with(name: str, vi: str, en: str) -> list[str]:
    text = LABELS.read_text(encoding="utf-8")
    start = text.index(f"\n{name}:\n") + 1
    end = text.index("\n", text.index("\n  en:", start) + 1) + 1
    text = text[:start] + f'{name}:\n  vi: "{vi}"\n  en: "{en}"\n' + text[end:]
    try:
        check_labels(parse_yaml(text.encode("utf-8"), "labels.yaml", keep_going=True), ["vi", "en"])
    except ReportError as error:
        return [str(p) for p in error.problems]
    return []


def test_a_label_may_use_only_the_values_it_is_given():
    assert LABEL_VALUES["unit_percent"] == ("value",)
    problems = _labels_with("unit_percent", "{valeu}%", "{value}%")
    assert len(problems) == 1 and problems[0].endswith(
        "unit_percent.vi: this text uses {valeu}, which is not among this label's values; did you mean {value}?")
    problems = _labels_with("hanoi", "Hà Nội {x}", "Hanoi")
    assert len(problems) == 1 and "hanoi.vi: this text uses {x}, but it is given no values" in problems[0]
    # The two languages of a label may use different values (quý {roman} / Q{number}).
    assert _labels_with("quarter", "quý {roman} năm {year}", "Q{number} {year}") == []
    assert _labels_with("hanoi", "Hà Nội {{x}}", "Hanoi") == []


def _raised_types(path) -> set[str]:
    """The error types the model raises: the first argument of every PydanticCustomError(...)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {str(node.args[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "PydanticCustomError"
            and isinstance(node.args[0], ast.Constant)}


def test_every_error_the_model_raises_is_data_with_its_own_message():
    types: set[str] = set()
    for name in ("model.py", "texts.py", "measures.py", "links.py"):  # the model and its building blocks
        model = ROOT / "hooks" / "report" / name
        assert "ValueError(" not in model.read_text(encoding="utf-8"), "raise PydanticCustomError(type, msg, context)"
        types |= _raised_types(model)
    assert len(types) >= 15
    for kind in types:
        assert custom_message(kind, {"largest": 1, "characters": "x", "opening": "(", "closing": ")", "value": "v",
                                     "month": 13, "year": 1, "low": 0, "high": 2, "until": "u", "when": "w",
                                     "lang": "en", "name": "n", "suggestion": "", "known": [], "names": ["n"], "host": "h",
                                     "ascii": "a", "since": "s", "event": "e", "tld": "t", "address": "a",
                                     "character": "%", "port": "0"})


def test_no_message_text_is_parsed_back():
    source = (ROOT / "hooks" / "report" / "pydantic_errors.py").read_text(encoding="utf-8")
    assert "import re" not in source and "did you mean '([" not in source


def test_no_private_name_is_imported_across_modules():
    found = []
    for path in [*hooks_code(), *(ROOT / "scripts").glob("*.py"), *(ROOT / "tests").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {"", "report"} | {
                    p.stem for p in (ROOT / "hooks" / "report").glob("*.py")}:
                found += [f"{path.name}: {alias.name}" for alias in node.names
                          if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert not found, found


def test_the_citation_label_is_filled_once_so_escaped_braces_stay_literal(tmp_path):
    """The suggested citation is filled in Python in one pass; a `{{title}}` shows as `{title}`."""
    from project_copy import copy_project

    project = copy_project(tmp_path / "project")
    labels = project / "overrides" / "macros" / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    start = text.index("\ncitation:\n") + 1
    end = text.index("\ncitation_title:\n", start) + 1
    labels.write_text(text[:start] + 'citation:\n  vi: "Tên {{title}} là {title}."\n  en: "Title {{title}} is {title}."\n'
                      + text[end:], encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for page, wanted in (("about/index.html", "Tên {title} là Sơ kết giữa nhiệm kỳ Chương trình 01-CTr/TU: tóm tắt"),
                         ("en/about/index.html", "Title {title} is Mid-term review of Programme 01-CTr/TU: a summary")):
        html = (project / "site" / page).read_text(encoding="utf-8")
        html = re.sub(r'<span class="report-nowrap">(.*?)</span>', r"\1", html)  # codes kept on one line
        assert f'<blockquote class="report-citation"><p>{wanted}' in html, page
