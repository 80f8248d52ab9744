"""The CI plumbing itself: no silent skips, one test command everywhere, publish only after checks."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys

import yaml

from conftest import ROOT, hooks_code

TEST_COMMAND = ".venv/bin/python -m pytest"


def _run_pytest(tmp_path, ci: str | None) -> subprocess.CompletedProcess:
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_sample.py").write_text(
        "import pytest\n\n"
        "def test_skipped():\n    pytest.skip('no Chromium here')\n\n"
        "def test_passes():\n    pass\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "scripts"), str(ROOT / "hooks")])  # the copy is elsewhere
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_a_skip_is_an_error_in_ci(tmp_path):
    result = _run_pytest(tmp_path, ci="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "SKIPPED IN CI: test_sample.py::test_skipped" in result.stdout
    assert "no Chromium here" in result.stdout


def test_a_skip_is_only_reported_locally(tmp_path):
    result = _run_pytest(tmp_path, ci=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no Chromium here" in result.stdout  # -rs: the reason is printed
    assert "SKIPPED IN CI" not in result.stdout


def test_ci_run_installs_everything_and_runs_the_readme_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in script
    assert "apt-get install" in script and "chromium" in script
    assert "python3 -m venv .venv" in script
    assert "pip install -q -r requirements-test.txt" in script
    assert "NO_MKDOCS_2_WARNING=1" in script
    assert re.search(r"^export CI=true$", script, re.MULTILINE), ".ci/run must make a skip an error"
    assert "status -eq 5" in script, "pytest exit 5 (nothing collected) must not pass"
    assert "pip install -q -r requirements-properdocs.txt" in script
    assert "SITE_ENGINE=properdocs .venv/bin/python -m pytest tests/test_site_build.py tests/test_links.py" in script
    assert re.search(rf"^{re.escape(TEST_COMMAND)}$", script, re.MULTILINE), "the test command must stand alone"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert TEST_COMMAND in readme, "README and .ci/run must give the same test command"


def test_ci_run_lints_and_type_checks_before_the_tests():
    """ruff and mypy (pinned, configured in pyproject.toml without blanket ignores) run before pytest."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = script.splitlines()
    order = [lines.index(".venv/bin/ruff check ."), lines.index(".venv/bin/mypy"), lines.index(TEST_COMMAND)]
    assert order == sorted(order), ".ci/run must lint and type check before the tests"
    pins = (ROOT / "requirements-test.txt").read_text(encoding="utf-8")
    assert re.search(r"^ruff==\d", pins, re.MULTILINE) and re.search(r"^mypy==\d", pins, re.MULTILINE)
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'target-version = "py311"' in config and 'python_version = "3.11"' in config
    assert "ignore_errors" not in config
    for path in (*hooks_code(), *ROOT.glob("scripts/*.py"), *ROOT.glob("tests/*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not re.match(r"\s*#\s*(ruff|flake8)\s*:\s*noqa", line), f"{path}: file-wide noqa"
            assert not re.search(r"#\s*type:\s*ignore(?!\[)", line), f"{path}: a type ignore without its code"


def test_pytest_config_runs_the_tests_folder_and_reports_skips():
    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini")
    assert config["pytest"]["testpaths"].split() == ["tests"]
    assert "-ra" in config["pytest"]["addopts"].split()


def test_workflow_checks_every_push_and_publishes_main_only_after_the_checks():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "push" in triggers and "pull_request" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    check, deploy = workflow["jobs"]["check"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in check["steps"]]
    assert "bash .ci/run" in runs
    assert check["env"]["CI"] == "true"
    uses = [step.get("uses", "") for step in check["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert "refs/heads/main" in upload["if"]
    assert check["steps"].index(upload) > runs.index("bash .ci/run")
    assert deploy["needs"] == "check" or deploy["needs"] == ["check"]
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_linkchecker_config_is_fast_checks_anchors_and_stays_offline():
    config = configparser.ConfigParser()
    config.read(ROOT / "tests" / "linkcheckerrc")
    assert int(config["checking"]["maxrequestspersecond"]) >= 100
    assert "AnchorCheck" in config
    assert config["filtering"]["checkextern"] == "0"


def test_the_package_is_imported_without_path_tricks():
    """`report` is an installed package (pyproject.toml, `-e .` in requirements.txt) and pytest puts
    scripts/ on the path: no module edits sys.path or needs a late import (E402)."""
    assert re.search(r"^-e \.$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE)
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["report"]' in config and 'package-dir = {"" = "hooks"}' in config
    edit, late = "sys.path.", "noqa: " + "E402"  # spelled apart: this file is scanned too
    for path in (*hooks_code(), *ROOT.glob("scripts/*.py"), *ROOT.glob("tests/*.py")):
        text = path.read_text(encoding="utf-8")
        assert edit + "insert" not in text and edit + "append" not in text, f"{path}: edits sys.path"
        assert late not in text, f"{path}: a late import"
