"""mkdocs.yml as the check command reads it: every slip in it is one plain line naming mkdocs.yml,
never a traceback, never one line per text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import check_report
from conftest import ROOT
from in_process import run_build

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"


def _run(tmp_path: Path, config: str | None) -> tuple[int, list[str], str]:
    """The check command on the minimal report and the real labels, with ``config`` as mkdocs.yml."""
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "report.yaml").write_bytes(MINIMAL.read_bytes())
    labels = tmp_path / "overrides" / "macros"
    labels.mkdir(parents=True, exist_ok=True)
    (labels / "labels.yaml").write_bytes((ROOT / "overrides" / "macros" / "labels.yaml").read_bytes())
    if config is not None:
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"),
                             str(tmp_path / "data" / "report.yaml"), "--config", str(tmp_path / "mkdocs.yml")],
                            capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result.returncode, result.stdout.splitlines(), result.stderr


def _without_english(config: str) -> str:
    start = config.index("        - locale: en")
    found = re.compile(r"\n(?!          |        - locale: en)").search(config, start)
    assert found is not None
    end = found.start()
    return config[:start] + config[end + 1:]


def test_the_real_config_is_read():
    assert check_report.site_languages(ROOT / "mkdocs.yml") == ["vi", "en"]


def test_an_unknown_locale_is_named_with_its_line(tmp_path):
    config = CONFIG.replace("locale: en", "locale: vn", 1)
    line = config.splitlines().index("        - locale: vn") + 1
    status, lines, _ = _run(tmp_path, config)
    assert (status, lines) == (1, [f"mkdocs.yml:{line}:11: the language 'vn' is not a language code the site "
                                   "knows; did you mean 'vi'?", "1 error"])


def test_a_removed_language_is_one_line_naming_mkdocs_yml(tmp_path):
    config = _without_english(CONFIG)
    status, lines, _ = _run(tmp_path, config)
    assert status == 1 and lines[-1] == "1 error", lines
    assert "mkdocs.yml does not build it" in lines[0] and "'en'" in lines[0], lines


def test_a_mis_indented_config_is_a_plain_message(tmp_path):
    config = CONFIG.replace("\n  - search", "\n - search", 1)
    assert config != CONFIG
    status, lines, _ = _run(tmp_path, config)
    assert status == 1 and lines[-1] == "1 error" and lines[0].startswith("mkdocs.yml:"), lines
    assert "<" not in lines[0] and "while parsing" not in lines[0], lines


def test_a_missing_or_odd_config_is_one_line(tmp_path):
    status, lines, _ = _run(tmp_path, None)
    assert (status, lines) == (1, ["mkdocs.yml:1:1: the file does not exist", "1 error"])
    status, lines, _ = _run(tmp_path, "site_name: x\n")
    assert (status, lines) == (1, ["mkdocs.yml:1:1: no languages found: the i18n plugin's languages are missing",
                                   "1 error"])


def test_the_build_names_an_unknown_locale_once():
    """The build's path (validation, not the script): one line for the locale, none per text."""
    import pytest

    from report.loading import parse_yaml
    from report.problems import ReportError
    from report.validation import check_report

    with pytest.raises(ReportError) as raised:
        check_report(parse_yaml(MINIMAL.read_bytes(), "data/report.yaml"), ["vi", "vn"])
    assert [str(p) for p in raised.value.problems] == [
        "mkdocs.yml:1:1: the language 'vn' is not a language code the site knows; did you mean 'vi'?"]


def test_an_odd_config_file_is_one_line(tmp_path):
    import os

    (tmp_path / "mkdocs.yml").symlink_to("mkdocs.yml")
    status, lines, _ = _run(tmp_path, None)
    assert (status, lines) == (1, ["mkdocs.yml:1:1: the file cannot be read (a link that points back to itself)",
                                   "1 error"])
    (tmp_path / "mkdocs.yml").unlink()
    os.mkfifo(tmp_path / "mkdocs.yml")  # the child process has a timeout: a regression fails, never hangs
    status, lines, _ = _run(tmp_path, None)
    assert (status, lines) == (1, ["mkdocs.yml:1:1: this is a pipe or device, not a file; put the file itself "
                                   "here", "1 error"])


def test_the_build_with_an_unknown_locale_says_so_once(tmp_path):
    from project_copy import copy_project

    project = copy_project(tmp_path / "project")
    (project / "mkdocs.yml").write_text(CONFIG.replace("locale: en", "locale: vn", 1), encoding="utf-8")
    result = run_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    assert output.count("the language 'vn' is not a language code the site knows; did you mean 'vi'?") == 1, output
    assert "1 error" in output.splitlines(), output


def test_the_build_without_a_language_the_texts_have_says_so_once(tmp_path):
    from project_copy import copy_project

    project = copy_project(tmp_path / "project")
    (project / "mkdocs.yml").write_text(_without_english(CONFIG), encoding="utf-8")
    result = run_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    assert output.count("mkdocs.yml does not build it") == 1, output
    assert "1 error" in output.splitlines(), output


@pytest.mark.parametrize(("locale", "code"), [("en_GB", "en"), ("vi-VN", "vi"), ("EN", "en")])
def test_a_locale_with_a_country_or_capitals_is_one_line(tmp_path, locale, code):
    """`locale: en_GB` is a language Babel knows, but the texts are written per language (`en:`):
    one line at mkdocs.yml's own line, not one warning per text."""
    text = CONFIG.replace("locale: en", f"locale: {locale}", 1)
    status, lines, _ = _run(tmp_path, text)
    number = next(n for n, line in enumerate(text.splitlines(), start=1) if f"locale: {locale}" in line)
    assert status == 1 and len(lines) == 2 and lines[-1] == "1 error", lines
    assert lines[0].startswith(f"mkdocs.yml:{number}:") and lines[0].endswith(
        f"the language '{locale}' is not a language code the site knows; the texts are written per language: "
        f"write locale: {code}"), lines


def test_an_empty_labels_file_is_one_line(tmp_path):
    from check_report import check
    from project_copy import copy_project

    project = copy_project(tmp_path / "project")
    (project / "overrides" / "macros" / "labels.yaml").write_text("# cleared by mistake\n\n", encoding="utf-8")
    status, lines = check(project / "data" / "report.yaml", ["vi", "en"], root=project,
                          labels=project / "overrides" / "macros" / "labels.yaml")
    assert status == 1 and lines == ["overrides/macros/labels.yaml:1:1: the file is empty; it must hold the site's "
                                     "labels (restore it from git)", "1 error"]
