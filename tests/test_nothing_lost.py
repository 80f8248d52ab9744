"""Nothing lost: a failed build leaves the last good site/ as it was, and data/ is only read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import mkdocs_build
from project_copy import ROOT, copy_project, fingerprint


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with a good site built into it."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    data_before = fingerprint(project / "data")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert fingerprint(project / "data") == data_before, "a good build wrote to data/"
    return project


def _break(project: Path, old: str, new: str) -> str:
    report = project / "data" / "report.yaml"
    original = report.read_text(encoding="utf-8")
    assert original.count(old) >= 1
    report.write_text(original.replace(old, new, 1), encoding="utf-8")
    return original


def _plain_build(project: Path) -> subprocess.CompletedProcess:
    import site_engine

    return site_engine.build(project, project / "site", strict=False)


BREAKAGES = {
    "duplicate-key": ("\n  date: 2023-04-19\n", "\n  date: 2023-04-19\n  date: 2023-04-20\n"),
    "wrong-type": ("\n  tenure: 17\n", "\n  tenure: seventeen\n"),
    "python-tag": ("\n  tenure: 17\n", "\n  tenure: !!python/object/apply:os.system [touch pwned]\n"),
    "syntax": ("\n  tenure: 17\n", "\n  tenure: [17\n"),
}


@pytest.mark.parametrize("build", ["strict", "plain"])
@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_failed_build_keeps_site_and_data(project, breakage, build):
    site_before = fingerprint(project / "site")
    original = _break(project, *BREAKAGES[breakage])
    try:
        data_before = fingerprint(project / "data")
        result = mkdocs_build(project, project / "site") if build == "strict" else _plain_build(project)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "Traceback" not in output
        assert "data/report.yaml:" in output and "Aborted with a BuildError!" in output
        assert fingerprint(project / "site") == site_before
        assert fingerprint(project / "data") == data_before
        assert not (project / "pwned").exists()
        # The check command prints the very lines the build prints.
        check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"),
                                str(project / "data" / "report.yaml"), "--config", str(project / "mkdocs.yml")],
                               capture_output=True, text=True, timeout=60)
        assert check.returncode == 1
        assert all(line in output.splitlines() for line in check.stdout.splitlines()), check.stdout
    finally:
        (project / "data" / "report.yaml").write_text(original, encoding="utf-8")


def test_strict_build_with_a_missing_translation_fails_before_site_is_touched(project):
    site_before = fingerprint(project / "site")
    report = (project / "data" / "report.yaml").read_text(encoding="utf-8")
    english_name = next(line for line in report.splitlines() if line.startswith("    en: ") and "name" not in line)
    original = _break(project, "\n" + english_name + "\n", "\n")
    try:
        result = mkdocs_build(project, project / "site")
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "warning: the 'en' translation is missing" in output and "Traceback" not in output
        assert fingerprint(project / "site") == site_before
    finally:
        (project / "data" / "report.yaml").write_text(original, encoding="utf-8")


def test_check_command_only_reads(project):
    before = fingerprint(project / "data")
    for argument in ([], ["--strict"]):
        subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"), *argument,
                        str(project / "data" / "report.yaml"), "--config", str(project / "mkdocs.yml")],
                       capture_output=True, text=True, timeout=60, check=True)
    assert fingerprint(project / "data") == before
