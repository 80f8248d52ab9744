"""Labels are checked like the report: every label the site uses is required, a typo is reported at
labels.yaml (never a KeyError, never a template line), and one-line labels are one line."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, hooks_code
from in_process import run_build
from project_copy import copy_project

LABELS = ROOT / "overrides" / "macros" / "labels.yaml"
USES = [
    *[(path, r"labels\.([a-z_]+)|labels\[\"([a-z_]+)\"\]")
      for path in sorted((ROOT / "overrides").rglob("*")) if path.suffix in {".j2", ".html"}],
    *[(path, r"label\(\s*[\"']([a-z_]+)[\"']") for path in hooks_code()],
]


def test_every_label_a_template_or_the_code_names_is_required():
    from report.labels import required_labels

    used = set()
    for path, pattern in USES:
        for match in re.finditer(pattern, path.read_text(encoding="utf-8")):
            used |= {name for name in match.groups() if name}
    assert used, "no label uses found: the patterns are stale"
    missing = used - set(required_labels())
    assert not missing, f"add these to hooks/report/labels.py: {sorted(missing)}"


def _check(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"), str(project / "data" / "report.yaml"),
                           "--config", str(project / "mkdocs.yml")], capture_output=True, text=True, timeout=60)


def test_a_label_typo_is_reported_at_labels_yaml_by_check_and_build(tmp_path):
    project = copy_project(tmp_path / "project")
    labels = project / "overrides" / "macros" / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    line = text.splitlines().index("hanoi:") + 1
    labels.write_text(text.replace("\nhanoi:\n", "\nhanio:\n", 1), encoding="utf-8")
    expected = f"overrides/macros/labels.yaml:{line}:1: hanio: 'hanio' is not a label the site uses; did you mean 'hanoi'?"
    check = _check(project)
    assert check.returncode == 1 and expected in check.stdout.splitlines(), check.stdout
    build = run_build(project, project / "site")
    output = build.stdout + build.stderr
    assert build.returncode == 1 and expected in output.splitlines(), output
    assert "KeyError" not in output and "Traceback" not in output and "docs/" not in output


def test_a_missing_label_is_named_at_labels_yaml(tmp_path):
    project = copy_project(tmp_path / "project")
    labels = project / "overrides" / "macros" / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    labels.write_text(text.replace("back_home:\n  vi: Về trang chủ\n  en: Back to the home page\n", ""), encoding="utf-8")
    check = _check(project)
    assert check.returncode == 1
    assert re.search(r"^overrides/macros/labels\.yaml:\d+:\d+: back_home: this label is missing; the site uses it",
                     check.stdout, re.MULTILINE), check.stdout


def test_a_label_shown_in_a_heading_is_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    labels = project / "overrides" / "macros" / "labels.yaml"
    text = labels.read_text(encoding="utf-8")
    labels.write_text(text.replace("  en: Key figures\n", "  en: >\n    Key figures\n", 1), encoding="utf-8")
    check = _check(project)
    assert check.returncode == 1
    assert "key_figures.en: a label must be one line" in check.stdout, check.stdout


def test_a_title_too_long_for_its_card_is_what_check_strict_refuses_too(tmp_path):
    """The build warns when a card's title is cut (and --strict fails); the check says the same, at
    the line of the text to shorten, so that `check_report.py --strict` passes only what builds."""
    import yaml as _yaml

    from report.loading import load_yaml

    project = copy_project(tmp_path / "project")
    report = project / "data" / "report.yaml"
    line, column = load_yaml(report).positions.of(("event", "name", "en"))
    lines = report.read_text(encoding="utf-8").split("\n")
    long_name = " ".join(["Mid-term review conference of the Programme"] * 9)
    start = lines[line - 1][:column - 1]
    end = line
    while end < len(lines) and lines[end].startswith(" " * (len(start) + 2)):
        end += 1
    lines[line - 1:end] = [start + _yaml.safe_dump(long_name, width=10**6).strip().removesuffix("...").strip()]
    report.write_text("\n".join(lines), encoding="utf-8")
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"), str(report), "--strict",
                            "--config", str(project / "mkdocs.yml")], capture_output=True, text=True, timeout=120,
                           cwd=project)
    expected = (f"data/report.yaml:{line}:{column}: event.name.en: warning: the link-preview card "
                "en/card.png (en): the title is too long for the card")
    assert check.returncode == 1 and any(out.startswith(expected) for out in check.stdout.splitlines()), check.stdout
