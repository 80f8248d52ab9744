"""`check_report.py --diff REV`: what changed in the model since a git revision, exactly."""

from __future__ import annotations

import shutil
import subprocess

from check_report import main as check_main
from conftest import ROOT

PAIR = ROOT / "tests" / "fixtures" / "diff"


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_diff_of_the_fixture_pair(tmp_path, capsys):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "data").mkdir()
    report = tmp_path / "data" / "report.yaml"
    shutil.copy(PAIR / "old.yaml", report)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "old")
    args = [str(report), "--config", str(tmp_path / "mkdocs.yml"), "--diff"]
    assert check_main(args) == 0
    assert capsys.readouterr().out == "data/report.yaml: no change since HEAD\n"
    shutil.copy(PAIR / "new.yaml", report)
    assert check_main(args) == 0
    assert capsys.readouterr().out == (PAIR / "diff.expected").read_text(encoding="utf-8")
    assert check_main([*args[:-1], "--diff", "no-such-rev"]) == 1
    assert "cannot read it at no-such-rev" in capsys.readouterr().out
