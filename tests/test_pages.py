"""One list of pages, mkdocs.yml's nav: a page is its file, its macro, its part of the model and its
labels (README, "Adding a page"); the check and the build name whatever is missing, at its line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PUBLISHED, ROOT, mkdocs_build
from project_copy import copy_project

# The five pieces of a new page "risks", each as (file, text it goes after, what is added).
NAV = ("mkdocs.yml", "  - directives.md\n", "  - risks.md\n")
FILE = ("docs/risks.md", "", "{{ risks_section() }}\n")
MACRO = ("overrides/macros/report.md.j2", "", """
{% macro risks_section() %}
{{ page_title("risks") }}

{{ page_updated("risks") }}

{{ heading(2, report.risks.title, report.risks.id) }}

{{ report.risks.intro | paragraphs }}

{{ items(report.risks) }}
{{ page_feedback("risks") }}
{% endmacro %}
""")
PART = ("hooks/report/model.py", "    directives: Directives\n", "    risks: Group\n")
DATA = ("data/report.yaml", "", """
risks:
  id: risks
  title: {vi: Những rủi ro cần theo dõi, en: Risks to watch}
  intro: {vi: Trang thử nghiệm thêm một trang., en: A test page added to the site.}
  items:
    - id: risk-land
      title: {vi: Chậm giải phóng mặt bằng, en: Slow land clearance}
""")
LABELS = ("overrides/macros/labels.yaml", "", """
page_risks:
  vi: Rủi ro
  en: Risks
description_risks:
  vi: Những rủi ro cần theo dõi.
  en: The risks to watch.
""")
PIECES = {"nav": NAV, "file": FILE, "macro": MACRO, "part": PART, "data": DATA, "labels": LABELS}


def _add(project: Path, *, leave_out: str | None = None) -> None:
    for name, (relative, after, added) in PIECES.items():
        if name == leave_out:
            continue
        path = project / relative
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        assert after in text, (relative, after)
        position = text.index(after) + len(after) if after else len(text)
        path.write_text(text[:position] + added + text[position:], encoding="utf-8")


def _check(project: Path) -> subprocess.CompletedProcess:
    """The check command on the copy, with the copy's own package (its model has the new part)."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"), str(project / "data" / "report.yaml"),
                           "--config", str(project / "mkdocs.yml")], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(project / "hooks")})


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_page_added_in_its_four_places_is_built_in_every_language(project):
    """docs/risks.md, its macro, its part of the model (and data), its labels, and the nav entry:
    the strict build makes the page in both languages and every list of pages names it."""
    _add(project)
    check = _check(project)
    assert check.returncode == 0, check.stdout + check.stderr
    site = project / "site"
    result = mkdocs_build(project, site, env=dict(PUBLISHED))
    assert result.returncode == 0, result.stdout + result.stderr
    for prefix, title in (("", "Rủi ro"), ("en/", "Risks")):
        page = (site / prefix / "risks" / "index.html").read_text(encoding="utf-8")
        assert f"{title}</h1>" in page and 'id="risk-land"' in page
        home = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<li><a href="risks/">{title}</a></li>', home), "the overview's contents"
        assert (site / prefix / "risks" / "card.png").is_file()
    assert "https://example.org/en/risks/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert '"href": "/risks/"' in (site / "404.html").read_text(encoding="utf-8").replace("\\/", "/")


def _line(project: Path, relative: str, text: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


EXPECTED = {
    "nav": lambda p: [f"hooks/report/model.py:{_line(p, 'hooks/report/model.py', 'risks: Group')}:1: the part "
                      "'risks' of the model is on no page: add `- risks.md` to the nav in mkdocs.yml",
                      "docs/risks.md:1:1: this page is not in the nav of mkdocs.yml: add `- risks.md` there"],
    "file": lambda p: [f"mkdocs.yml:{_line(p, 'mkdocs.yml', 'risks.md')}:1: the page 'risks' has no file: create "
                       "docs/risks.md with one line that calls its macro, e.g. {{ risks_section() }}"],
    "macro": lambda p: ["docs/risks.md:1:1: template error: 'risks_section' is undefined; no macro of that name is "
                        "in overrides/macros/report.md.j2: call one of its macros, or add it there"],
    "part": lambda p: [f"mkdocs.yml:{_line(p, 'mkdocs.yml', 'risks.md')}:1: the page 'risks' shows no part of the "
                       "model: add a part `risks:` to Report in hooks/report/model.py",
                       f"data/report.yaml:{_line(p, 'data/report.yaml', 'risks:')}:1: risks: unknown field 'risks'"],
    "data": lambda p: [f"data/report.yaml:{_line(p, 'data/report.yaml', 'event:')}:1: risks: this field is missing; "
                       "add it"],
    "labels": lambda p: ["overrides/macros/labels.yaml:", ": page_risks: this label is missing",
                         ": description_risks: this label is missing"],
}


@pytest.mark.parametrize("missing", list(PIECES))
def test_the_check_names_each_missing_piece_at_its_line(project, missing):
    _add(project, leave_out=missing)
    check = _check(project)
    output = check.stdout + check.stderr
    assert check.returncode == 1 and "Traceback" not in output, output
    for expected in EXPECTED[missing](project):
        assert expected in output, f"{expected!r} not in:\n{output}"


@pytest.mark.parametrize("missing", ["macro", "part"])
def test_the_build_names_a_missing_piece_before_it_writes_anything(project, missing):
    _add(project, leave_out=missing)
    site = project / "site"
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    assert not site.exists()
    assert EXPECTED[missing](project)[0] in output, output
