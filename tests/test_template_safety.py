"""Page templates (`docs/*.md`) and the macros run in Jinja's sandbox, include only the macros'
own folder, and a template mistake is reported at the line where it is written — the page's, or
the macro file's own — as one clean message, never a traceback or a run command."""

from __future__ import annotations

from pathlib import Path

import pytest

from in_process import run_build
from project_copy import copy_project
from report.problems import ReportError
from report.site import load_site


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def _problems(project: Path, page: str) -> list[str]:
    site = load_site(project / "data" / "report.yaml", project / "overrides" / "macros", ("vi", "en"), root=project)
    with pytest.raises(ReportError) as raised:
        site.render_page(page, lang="vi", name="docs/results.md")
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.parametrize("escape", [
    "{{ lipsum.__globals__['os'].listdir('/') }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ report.__class__.__mro__[1].__subclasses__() }}",
    "{{ namespace.__init__.__globals__.sys.modules }}",
    "{{ ''.__class__.__base__.__subclasses__() }}",
])
def test_python_internals_are_out_of_reach(project, escape):
    [line] = _problems(project, "{{ results_section() }}\n" + escape)
    assert line.startswith("docs/results.md:2:1: template error: access to attribute '")
    assert line.endswith("is unsafe. (templates may only use the report's data and macros)")


@pytest.mark.parametrize("include", ["{% include '../../mkdocs.yml' %}", "{% include '/proc/self/environ' %}",
                                     "{% import '../../hooks/mkdocs_report.py' as hook %}"])
def test_only_the_macros_folder_can_be_included(project, include):
    [line] = _problems(project, include)
    assert line.startswith("docs/results.md:1:1: template error: {% include %} and {% import %} take only "
                           "files in overrides/macros/ ('")


def test_a_macro_called_with_wrong_arguments_is_the_page_line(project):
    [line] = _problems(project, "\n\n{{ shortcomings_section('extra', every=1) }}")
    assert line.startswith("docs/results.md:3:1: template error: macro 'shortcomings_section' takes")


def test_a_typo_in_the_macros_is_reported_at_the_macro_files_own_line(project):
    macros = project / "overrides" / "macros" / "report.md.j2"
    lines = macros.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if "labels.method_own_words" in line)
    lines[number - 1] = lines[number - 1].replace("labels.method_own_words", "labels.method_own_wrds")
    macros.write_text("".join(lines), encoding="utf-8")
    [line] = _problems(project, "{{ about_section() }}")
    assert line == (f"overrides/macros/report.md.j2:{number}:1: template error: 'dict object' has no attribute "
                    "'method_own_wrds'; check the spelling against the model and macros")


def test_a_syntax_error_in_the_macros_is_at_its_line(project):
    macros = project / "overrides" / "macros" / "report.md.j2"
    text = macros.read_text(encoding="utf-8")
    macros.write_text(text + "\n{% for x in %}\n", encoding="utf-8")
    [line] = _problems(project, "{{ about_section() }}")
    assert line.startswith(f"overrides/macros/report.md.j2:{text.count(chr(10)) + 2}:1: template error: ")


def test_a_build_with_an_escaping_page_fails_cleanly_and_runs_nothing(project):
    page = project / "docs" / "about.md"
    marker = project / "pwned"
    page.write_text(page.read_text(encoding="utf-8")
                    + f"\n{{{{ cycler.next.__globals__.os.system('touch {marker}') }}}}\n", encoding="utf-8")
    result = run_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "docs/about.md:3:1: template error: access to attribute '__globals__'" in output
    assert not marker.exists()


def test_a_section_called_twice_is_reported_at_the_second_call(project):
    """Two copies of a section give every heading's id twice: links reach only the first copy."""
    [line] = _problems(project, "{{ directives_section() }}\n\nMore:\n{{ directives_section( ) }}\n")
    assert line.startswith("docs/results.md:4:1: the anchor id '") and "appears twice on this page" in line


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ", "../../mkdocs.yml", "../../data"])
def test_a_link_in_the_macros_folder_to_a_file_outside_it_is_refused(project, target):
    """The allow-list is about where a file really is: a link inside overrides/macros/ that leads
    out of it (a secret, the system's users, the project's own configuration) is never read."""
    (project / "overrides" / "macros" / "notes.j2").symlink_to(target)
    [line] = _problems(project, "{{ results_section() }}\n{% include 'notes.j2' %}")
    assert line == ("docs/results.md:2:1: template error: overrides/macros/notes.j2 is a link to a file outside "
                    "overrides/macros/: {% include %} and {% import %} read only files really in that folder "
                    "(copy the file there instead of linking to it)")


def test_a_link_inside_the_macros_folder_is_still_read(project):
    macros = project / "overrides" / "macros"
    (macros / "part.txt").write_text("kept text", encoding="utf-8")
    (macros / "alias.j2").symlink_to("part.txt")
    site = load_site(project / "data" / "report.yaml", macros, ("vi", "en"), root=project)
    assert "kept text" in site.render_page("{% include 'alias.j2' %}", lang="vi", name="docs/results.md")


@pytest.mark.parametrize("bomb", ["{% for i in range(10**7) %}{% endfor %}", "{{ ('a' * 10**8)|length }}",
                                  "{{ (10**6 * ['x'])|length }}", "{{ ('ab', 'c') * 10**6 }}", "{{ 7 ** (10 ** 6) }}"])
def test_a_page_cannot_make_a_huge_value_and_is_told_its_line(project, bomb):
    """Jinja's sandbox limits range() to 100000 items; a repetition or a power is held to the same
    measure, and either is one line at the page's own line, not a rendering bug or memory gone."""
    [line] = _problems(project, "{{ results_section() }}\n" + bomb)
    assert line.startswith("docs/results.md:2:1: template error: "), line
    assert line.endswith("a page may make at most 100000 items or characters at once: make it smaller"), line


def test_small_repetitions_still_work(project):
    site = load_site(project / "data" / "report.yaml", project / "overrides" / "macros", ("vi", "en"), root=project)
    assert "ababab|4|8" in site.render_page("{{ 'ab' * 3 }}|{{ ([1] * 4)|length }}|{{ 2 ** 3 }}", lang="vi",
                                            name="docs/results.md")
