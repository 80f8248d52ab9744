"""The site's languages come from mkdocs.yml: a third one makes every text that lacks it a warning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from in_process import run_build
from project_copy import ROOT, copy_project, fingerprint
from report.loading import load_yaml
from report.model_paths import walk_data
from report.texts import Text

CHECK = ROOT / "scripts" / "check_report.py"
FRENCH = "        - locale: fr\n          name: Français\n          build: true\n"


def add_language(mkdocs_yml: Path) -> None:
    text = mkdocs_yml.read_text(encoding="utf-8")
    anchor = "        - locale: en\n"
    assert text.count(anchor) == 1
    mkdocs_yml.write_text(text.replace(anchor, FRENCH + anchor), encoding="utf-8")


def texts_in(path: Path) -> list[tuple]:
    loaded = load_yaml(path)
    return [p for p, annotation, value in walk_data(loaded.data) if annotation is Text]


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("trilingual"))
    add_language(project / "mkdocs.yml")
    return project


def test_languages_are_read_from_mkdocs_yml(trilingual):
    import check_report

    assert check_report.site_languages(ROOT / "mkdocs.yml") == ["vi", "en"]
    assert check_report.site_languages(trilingual / "mkdocs.yml") == ["vi", "fr", "en"]


def test_check_lists_every_text_that_needs_the_new_language(trilingual):
    result = subprocess.run([sys.executable, str(CHECK), str(trilingual / "data" / "report.yaml"),
                             "--config", str(trilingual / "mkdocs.yml")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    report_warnings = [line for line in lines if line.startswith("data/report.yaml:") and "warning:" in line]
    expected_paths = texts_in(trilingual / "data" / "report.yaml")
    assert len(report_warnings) == len(expected_paths) > 50
    assert all(line.endswith("warning: the 'fr' translation is missing") for line in report_warnings)
    assert f"data/report.yaml: OK ({len(expected_paths)} warnings)" in lines
    assert any(line.startswith("overrides/macros/labels.yaml:") and "'fr'" in line for line in lines)


def test_strict_build_refuses_before_touching_site_and_preview_marks_pending(trilingual):
    site = trilingual / "site"
    site.mkdir()
    (site / "keep.txt").write_text("previous build", encoding="utf-8")
    (site / ".report-site").write_text("a site a build made\n", encoding="utf-8")  # so a build may replace it
    before = fingerprint(site)
    strict = run_build(trilingual, site)
    assert strict.returncode == 1 and "Traceback" not in strict.stdout + strict.stderr
    assert "event.name.fr: warning: the 'fr' translation is missing" in strict.stderr
    assert fingerprint(site) == before

    preview = _build_without_strict(trilingual, site)
    assert preview.returncode == 0, preview.stdout + preview.stderr
    french = (site / "fr" / "index.html").read_text(encoding="utf-8")
    pending = yaml.safe_load((ROOT / "overrides" / "macros" / "labels.yaml").read_text(encoding="utf-8"))
    # The labels have no French yet either, so the marker itself falls back to the default language.
    markers = [text.split("{")[0].strip() for text in pending["translation_pending"].values()]
    assert any(marker and marker in french for marker in markers)
    assert 'lang="fr"' in french


def _build_without_strict(project: Path, site: Path) -> subprocess.CompletedProcess:

    return run_build(project, site, strict=False)


def test_text_missing_its_default_language_is_a_warning_too(tmp_path):
    report = tmp_path / "report.yaml"
    source = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    report.write_text(source.replace("name: {vi: Hội nghị, en: Conference}", "name: {en: Conference}"), encoding="utf-8")
    result = subprocess.run([sys.executable, str(CHECK), str(report)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "event.name.vi: warning: the 'vi' translation is missing" in result.stdout
