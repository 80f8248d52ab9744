"""Legitimate edits to the data never fail CI (issue 22, point 5): the tests that read the real
data or the real site assert properties, not today's contents. Proof by running them again, as CI
would, on a copy of the project whose data/report.yaml an editor has changed the ways EDITING.md
describes: a correction entry in `updates:`, a new point in a list, and a Vietnamese text reworded
and signed off in the translation lock with the documented command.

Whole suite and CI only (marker `slow`: it runs other tests' files once more, about a minute)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

TESTS = ROOT / "tests"
# The tests that read the real data or the real site (they name it: ROOT's data, or a built site).
REAL_DATA = re.compile(r"\bbuilt_site\b|\blocal_build\b|ROOT / \"data\"")
# Needs the tools beside the worktree (/work/shared), which a copy in a temporary folder is not.
AWAY_FROM_SHARED = "tests/test_faithful.py::test_own_words_limits_hold"
OPT_IN = "tests/test_weight.py::test_lighthouse_scores"  # needs Lighthouse from npm (LIGHTHOUSE=1)

NEW_POINT = """\
        - id: unfinished-schemes-deadline
          text:
            vi: Các đề án này cần được hoàn thành trong năm.
            en: These schemes are to be finished within the year.
"""
UPDATE = """
updates:
  - id: income-figure-check
    date: {today}
    text:
      vi: Đối chiếu lại thu nhập bình quân đầu người với bài báo gốc.
      en: Per-capita income checked again against the source.
    affects: [income-per-capita]
"""
REWORDED = ("vi: Những đề án chưa hoàn thành", "vi: Các đề án chưa hoàn thành")


def real_data_tests() -> list[str]:
    return sorted(f"tests/{path.name}" for path in TESTS.glob("test_*.py")
                  if path.name != Path(__file__).name and REAL_DATA.search(path.read_text(encoding="utf-8")))


def _copy_repository(destination: Path) -> Path:
    """The committed files as they are in the working tree, and the cards drawn so far."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True).stdout
    for name in filter(None, listed.decode("utf-8").split("\0")):
        source, target = ROOT / name, destination / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    if (ROOT / ".cache" / "cards").is_dir():
        shutil.copytree(ROOT / ".cache" / "cards", destination / ".cache" / "cards")
    return destination


def _edit(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    anchor = "              positions.\n    - id: political-system\n"
    assert text.count(anchor) == 1 and text.count(REWORDED[0]) == 1 and "\nupdates:" not in text
    text = text.replace(anchor, anchor.replace("    - id: political-system\n", NEW_POINT + "    - id: political-system\n"))
    text = text.replace(*REWORDED)
    report.write_text(text.rstrip("\n") + "\n" + UPDATE.format(today=date.today().isoformat()), encoding="utf-8")


def _check(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(project / "scripts" / "check_report.py"), *extra], cwd=project,
                          capture_output=True, text=True, timeout=120)


def test_the_real_data_tests_hold_after_legitimate_edits(tmp_path):
    project = _copy_repository(tmp_path / "project")
    _edit(project / "data" / "report.yaml")
    outdated = _check(project, "--strict")
    assert outdated.returncode == 1 and "translation may be out of date" in outdated.stdout  # the reworded text
    signed = _check(project, "--sign-off", "en", "--only", "unfinished-schemes")
    assert signed.returncode == 0, signed.stdout + signed.stderr
    checked = _check(project, "--strict")
    assert checked.returncode == 0, checked.stdout

    files = real_data_tests()
    assert len(files) > 15, files
    # A run of its own: not one of this run's pytest-xdist workers (conftest.shared reads that).
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}, "CI": "true", "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "pytest", *files, "-m", "not browser and not slow", "-n0", "-q",
                          "-p", "no:cacheprovider", "--deselect", AWAY_FROM_SHARED, "--deselect", OPT_IN,
                          "--basetemp", str(tmp_path / "run")],
                         cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert re.search(r"\b\d{3,} passed", run.stdout), run.stdout[-2000:]
    # The edits are in the site those tests looked at: the new point, the reworded title, the update.
    site = tmp_path / "run" / "shared-published" / "site"
    shortcomings = (site / "shortcomings" / "index.html").read_text(encoding="utf-8")
    assert "Các đề án này cần được hoàn thành trong năm." in shortcomings and "Các đề án chưa hoàn thành" in shortcomings
    assert 'id="income-figure-check"' in (site / "en" / "about" / "index.html").read_text(encoding="utf-8")
