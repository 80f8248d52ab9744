"""An edit of mkdocs.yml that takes away what the site is built with (the i18n plugin, the theme's
overrides) or names a language with its country is one plain line naming mkdocs.yml's line, the
field and the fix: never a traceback, never a site that silently lacks its metadata, and the last
good site stays."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from project_copy import copy_project
from report.config_text import setup_problems

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def _without_i18n(text: str) -> str:
    start = text.index("  - i18n:")
    return text[:start] + text[text.index("\nextra:", start) + 1:]


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(needle))


EDITS = {
    "i18n": (_without_i18n, "plugins:", "plugins: the i18n plugin is missing"),
    "custom_dir": (lambda text: text.replace("  custom_dir: overrides\n", ""), "theme:",
                   "theme.custom_dir: the theme's overrides are not used"),
    "custom_dir elsewhere": (lambda text: text.replace("  custom_dir: overrides\n", "  custom_dir: docs\n"),
                             "  custom_dir:", "theme.custom_dir: the theme's overrides are not used"),
}


def test_the_projects_own_config_is_complete():
    assert setup_problems(CONFIG) == []


@pytest.mark.parametrize("edit", EDITS)
def test_a_missing_part_of_the_setup_is_named_at_its_line(edit):
    change, where, words = EDITS[edit]
    text = change(CONFIG)
    [problem] = setup_problems(text)
    assert str(problem).startswith(f"mkdocs.yml:{_line_of(text, where)}:") and words in str(problem), problem


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project with a good site built, to be edited by each test."""
    project = copy_project(tmp_path_factory.mktemp("edits") / "project")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def _build_with(project: Path, text: str) -> str:
    config = project / "mkdocs.yml"
    index = (project / "site" / "index.html").read_bytes()
    config.write_text(text, encoding="utf-8")
    try:
        result = mkdocs_build(project, project / "site")
    finally:
        config.write_text(CONFIG, encoding="utf-8")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output and "bug in hooks" not in output, output
    assert (project / "site" / "index.html").read_bytes() == index  # the last good site stays
    return output


@pytest.mark.parametrize("edit", ["i18n", "custom_dir"])
def test_the_build_refuses_a_missing_part_in_one_line(built, edit):
    change, where, words = EDITS[edit]
    text = change(CONFIG)
    output = _build_with(built, text)
    assert f"mkdocs.yml:{_line_of(text, where)}:" in output and words in output, output


def test_the_build_names_a_locale_with_its_country_at_its_line(built):
    text = CONFIG.replace("        - locale: vi\n", "        - locale: vi-VN\n", 1)
    output = _build_with(built, text)
    number = _line_of(text, "        - locale: vi-VN")
    assert re.search(rf"mkdocs\.yml:{number}:\d+: the language 'vi-VN' is not a language code", output), output
    assert "mkdocs.yml:1:1" not in output, output


@pytest.mark.parametrize(("name", "words"), [("''", "is empty"), ('"\\u200b\\u2060 "', "shows nothing"),
                                             ('"\\u00a0"', "shows nothing")])
def test_a_site_name_that_shows_nothing_is_refused_at_its_line(name, words):
    text = CONFIG.replace("site_name: Sơ kết giữa nhiệm kỳ Chương trình 01-CTr/TU", f"site_name: {name}", 1)
    [problem] = setup_problems(text)
    assert str(problem).startswith(f"mkdocs.yml:{_line_of(text, 'site_name:')}:1: site_name: the site's name {words}")


def test_a_languages_own_site_name_that_shows_nothing_is_refused(built):
    text = CONFIG.replace("          site_name: Mid-term review of Programme 01-CTr/TU", '          site_name: "\\u200b"')
    number = next(n for n, line in enumerate(text.splitlines(), 1) if line == '          site_name: "\\u200b"')
    output = _build_with(built, text)
    assert f"mkdocs.yml:{number}:1: plugins.i18n.languages[1].site_name: the site's name shows nothing" in output
