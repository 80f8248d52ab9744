"""What builds keep in `.cache/` (README, Speed; MAINTAINING.md, Caches) is named by what went into
it: a kept entry never changes what a build makes, an edited template is compiled again, changed
data is checked again, a damaged entry is passed over, and a first build fills the caches beside
itself into the very folders the build reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_last_good_site import content_hash

from conftest import mkdocs_build
from project_copy import copy_project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("caches") / "project")
    shutil.rmtree(project / ".cache", ignore_errors=True)  # the copy's cards: this is a first build
    result = mkdocs_build(project, project / "site")  # a first build: no .cache/ yet
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def _build(project: Path, site: str = "site") -> str:
    result = mkdocs_build(project, project / site)
    assert result.returncode == 0, result.stdout + result.stderr
    return content_hash(project / site)


def test_a_first_build_fills_the_folders_the_build_reads(project):
    """The child compiles in environments made as the build's are: one folder for the theme's
    templates and one for the macros (a third would mean its theme environment differs)."""
    folders = sorted((project / ".cache" / "jinja").iterdir())
    assert len(folders) == 2 and all(len(list(folder.iterdir())) > 0 for folder in folders)
    assert max(len(list(folder.iterdir())) for folder in folders) > 20  # Material's base.html and partials
    assert len(list((project / ".cache" / "data").glob("*.pickle"))) == 1
    assert len(list((project / ".cache" / "cards").glob("*.png"))) == 10  # five pages, two languages


def test_a_build_from_its_caches_makes_the_same_site(project):
    first = _build(project, "again")
    [entry] = (project / ".cache" / "data").glob("*.pickle")
    written = entry.stat().st_mtime_ns
    assert _build(project, "again") == first
    assert entry.stat().st_mtime_ns == written  # read back as it was: nothing checked or rendered again
    shutil.rmtree(project / ".cache")
    assert _build(project, "again") == first  # and the same site from no cache at all


def test_an_edited_theme_template_is_compiled_again(project):
    main = project / "overrides" / "main.html"
    original = main.read_text(encoding="utf-8")
    main.write_text(original.replace("{% block styles %}", "{% block styles %}<!-- CACHED-TEMPLATE-EDIT -->", 1),
                    encoding="utf-8")
    try:
        _build(project)
        assert "CACHED-TEMPLATE-EDIT" in (project / "site" / "index.html").read_text(encoding="utf-8")
        assert "CACHED-TEMPLATE-EDIT" in (project / "site" / "en" / "index.html").read_text(encoding="utf-8")
    finally:
        main.write_text(original, encoding="utf-8")
    _build(project)
    assert "CACHED-TEMPLATE-EDIT" not in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_changed_data_is_checked_again_and_a_damaged_entry_is_passed_over(project):
    report = project / "data" / "report.yaml"
    original = report.read_text(encoding="utf-8")
    report.write_text(original.replace("\nevent:\n", "\nevent:\n  colour: red\n", 1), encoding="utf-8")
    try:
        result = mkdocs_build(project, project / "site")
        assert result.returncode == 1 and "unknown field 'colour'" in result.stdout + result.stderr
    finally:
        report.write_text(original, encoding="utf-8")
    before = _build(project)
    for entry in (project / ".cache" / "data").glob("*.pickle"):
        entry.write_bytes(b"not a kept entry")
    assert _build(project) == before
