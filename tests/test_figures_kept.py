"""A figure is never changed or dropped without a word: labels keep the placeholders that carry
figures, and a change's sign is worded ("down 4.2%", "giảm 4,2%") instead of printed as "up -4.2%"."""

from __future__ import annotations

from pathlib import Path

import pytest

from project_copy import copy_project
from report.problems import ReportError
from report.site import load_site


def _site(project: Path):
    return load_site(project / "data" / "report.yaml", project / "overrides" / "macros", ("vi", "en"), root=project)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(("label", "lang", "lost"), [
    ("unit_usd_billion", "en", "{value}"),
    ("since", "vi", "{year}"),
    ("decrease", "en", "{value}"),
    ("approximately", "vi", "{value}"),
])
def test_a_label_that_carries_a_figure_cannot_lose_it(tmp_path, label, lang, lost):
    """Whatever the label says today, deleting its placeholder is refused at the label's line."""
    project = copy_project(tmp_path / "project")
    labels = project / "overrides" / "macros" / "labels.yaml"
    lines = labels.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"{label}:")
    line = start + 1 + next(i for i, text in enumerate(lines[start + 1:], 1) if text.strip().startswith(f"{lang}:"))
    assert lost in lines[line - 1], (line, lines[line - 1])
    _replace(labels, lines[line - 1], "  " + " ".join(lines[line - 1].replace(lost, "").split()))
    with pytest.raises(ReportError) as raised:
        _site(project)
    messages = [str(problem) for problem in raised.value.problems]
    assert any(m.startswith(f"overrides/macros/labels.yaml:{line}:") and f"{label}.{lang}: this label must show {lost}"
               in m for m in messages), messages


def test_a_falling_change_is_worded_down_in_both_languages(tmp_path):
    project = copy_project(tmp_path / "project")
    report = project / "data" / "report.yaml"
    _replace(report, "change: {value: 10.6, unit: percent}", "change: {value: -4.2, unit: percent}")
    site = _site(project)
    page = {lang: site.render_page("{{ results_section() }}", lang=lang, name="docs/results.md") for lang in ("vi", "en")}
    assert "giảm 4,2%" in page["vi"] and "down 4.2%" in page["en"]
    assert "-4,2" not in page["vi"] and "-4.2" not in page["en"] and "up 4.2" not in page["en"]
