"""A link written in mkdocs.yml (a nav entry, a social link, a language switcher entry) becomes a
live link on every page: only web addresses (http, https) and paths within the site are taken;
`javascript:` or any other scheme is refused at its line, before anything is built."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import site_engine
from project_copy import copy_project
from report.config_text import link_problems
from report.site_config import NAME

ROOT = Path(__file__).resolve().parent.parent
CONFIG = (ROOT / NAME).read_text(encoding="utf-8")
NAV_ENTRY = "  - directives.md\n"


def _with_nav_link(title: str, link: str) -> str:
    assert NAV_ENTRY in CONFIG
    return CONFIG.replace(NAV_ENTRY, f"{NAV_ENTRY}  - {title}: '{link}'\n", 1)


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("link", ["javascript:alert(document.domain)", "JavaScript:void(0)", "java\tscript:alert(1)",
                                  " vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
                                  "file:///etc/passwd", "mailto:x@example.org"])
def test_a_nav_link_with_another_scheme_is_refused_at_its_line(link):
    text = _with_nav_link("Xem thêm", link)
    [problem] = link_problems(text)
    assert (problem.file, problem.line) == (NAME, _line_of(text, "Xem thêm"))
    assert str(problem).startswith(f"{NAME}:{problem.line}:")
    assert "nav.Xem thêm: a link must be a web address (https://...) or a path within the site" in str(problem)


@pytest.mark.parametrize("link", ['https://hanoimoi.vn/" onmouseover="alert(1)', "about/'><script>", "a<b"])
def test_a_link_that_would_break_out_of_its_attribute_is_refused(link):
    text = CONFIG.replace("extra:\n", f"extra:\n  social:\n    - link: {json.dumps(link)}\n", 1)
    [problem] = link_problems(text)
    assert "extra.social[0].link: '" in str(problem) and "' cannot be part of a link" in str(problem)


@pytest.mark.parametrize("link", ["https://hanoimoi.vn/", "http://example.org/a?b#c", "about/", "../results/",
                                  "#contact", "results.md", "/en/"])
def test_web_addresses_and_paths_within_the_site_are_taken(link):
    assert link_problems(_with_nav_link("Xem thêm", link)) == []


def test_the_projects_own_config_has_no_refused_link():
    assert link_problems(CONFIG) == []


def test_a_social_link_with_another_scheme_is_refused_at_its_line():
    text = CONFIG.replace("extra:\n", "extra:\n  social:\n    - icon: material/web\n      link: https://hanoimoi.vn/\n"
                                      "    - icon: material/web\n      link: 'javascript:alert(7)'\n", 1)
    [problem] = link_problems(text)
    assert problem.line == _line_of(text, "javascript:alert(7)")
    assert "extra.social[1].link: a link must be a web address" in str(problem)


def test_the_build_refuses_a_script_link_in_the_nav_in_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / NAME).write_text(_with_nav_link("Đọc thêm", "javascript:alert(1)"), encoding="utf-8")
    result = site_engine.build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    assert f"{NAME}:{_line_of(CONFIG, 'directives.md') + 1}:" in output and "nav.Đọc thêm: a link must" in output, output
    assert not (project / "site").exists()


def test_the_check_refuses_it_too(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / NAME).write_text(_with_nav_link("Đọc thêm", "javascript:alert(1)"), encoding="utf-8")
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"), str(project / "data" / "report.yaml"),
                            "--config", str(project / NAME)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 1 and "nav.Đọc thêm: a link must be a web address" in check.stdout + check.stderr
