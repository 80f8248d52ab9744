"""Nothing lost: a failed build leaves the last good site/ as it was, and data/ is only read."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

import check_report
from conftest import mkdocs_build
from in_process import build_in_process
from project_copy import copy_project, fingerprint


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with a good site built into it."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    data_before = fingerprint(project / "data")
    built = build_in_process(project, project / "site")
    assert built.ok, built.output
    assert fingerprint(project / "data") == data_before, "a good build wrote to data/"
    return project


def _break(project: Path, old: str, new: str) -> str:
    report = project / "data" / "report.yaml"
    original = report.read_text(encoding="utf-8")
    assert original.count(old) >= 1
    report.write_text(original.replace(old, new, 1), encoding="utf-8")
    return original


def _check_lines(project: Path) -> list[str]:
    """What `scripts/check_report.py` prints for the project's data (run in this process)."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = check_report.main([str(project / "data" / "report.yaml"), "--config", str(project / "mkdocs.yml")])
    assert status == 1
    return printed.getvalue().splitlines()


BREAKAGES = {
    "duplicate-key": ("\n  date: 2023-04-19\n", "\n  date: 2023-04-19\n  date: 2023-04-20\n"),
    "wrong-type": ("\n  tenure: 17\n", "\n  tenure: seventeen\n"),
    "python-tag": ("\n  tenure: 17\n", "\n  tenure: !!python/object/apply:os.system [touch pwned]\n"),
    "syntax": ("\n  tenure: 17\n", "\n  tenure: [17\n"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_failed_build_keeps_site_and_data(project, breakage):
    """Strict or not, a build of broken data fails with the check's own lines, before anything is
    written: site/ and data/ are as they were, and nothing of the data ran."""
    site_before = fingerprint(project / "site")
    original = _break(project, *BREAKAGES[breakage])
    try:
        data_before = fingerprint(project / "data")
        check = _check_lines(project)
        for strict in (True, False):
            built = build_in_process(project, project / "site", strict=strict)
            assert built.clean and "data/report.yaml:" in built.output, built.output
            assert fingerprint(project / "site") == site_before
            assert fingerprint(project / "data") == data_before
            assert not (project / "pwned").exists()
            # The check command prints the very lines the build prints.
            assert all(line in built.output.splitlines() for line in check[:-1]), (check, built.output)
    finally:
        (project / "data" / "report.yaml").write_text(original, encoding="utf-8")


def test_the_command_says_why_in_plain_lines(project):
    """What `mkdocs build` prints for broken data: the check's lines, no traceback, exit 1."""
    site_before = fingerprint(project / "site")
    original = _break(project, *BREAKAGES["python-tag"])
    try:
        result = mkdocs_build(project, project / "site")
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "Traceback" not in output
        assert "data/report.yaml:" in output and "Aborted with a BuildError!" in output
        assert all(line in output.splitlines() for line in _check_lines(project)[:-1]), output
        assert fingerprint(project / "site") == site_before
        assert not (project / "pwned").exists()
    finally:
        (project / "data" / "report.yaml").write_text(original, encoding="utf-8")


def test_strict_build_with_a_missing_translation_fails_before_site_is_touched(project):
    site_before = fingerprint(project / "site")
    report = (project / "data" / "report.yaml").read_text(encoding="utf-8")
    english_name = next(line for line in report.splitlines() if line.startswith("    en: ") and "name" not in line)
    original = _break(project, "\n" + english_name + "\n", "\n")
    try:
        built = build_in_process(project, project / "site")
        assert built.clean, built.output
        assert "warning: the 'en' translation is missing" in built.output
        assert fingerprint(project / "site") == site_before
    finally:
        (project / "data" / "report.yaml").write_text(original, encoding="utf-8")


def test_check_command_only_reads(project):
    before = fingerprint(project / "data")
    for argument in ([], ["--strict"]):
        with contextlib.redirect_stdout(io.StringIO()):
            assert check_report.main([*argument, str(project / "data" / "report.yaml"),
                                      "--config", str(project / "mkdocs.yml")]) == 0
    assert fingerprint(project / "data") == before
