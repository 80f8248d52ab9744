"""The last good site survives any failure: a build replaces `site/` whole, or leaves it untouched.

A build writes beside `site/` and swaps its folder in only when every language, the post-build
work and the --strict check have succeeded (hooks/report/staging.py). These tests break builds
where they used to cost the site: after the pages are rendered (a strict warning), in a page
template, and by `kill -9` at many moments of a real build; each time `site/` is hashed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import site_engine
from conftest import mkdocs_build
from project_copy import copy_project


def content_hash(folder: Path) -> str:
    """One hash over every file's path and bytes (not times): equal means byte-identical."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.glob(f".{site.name}.*"))


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _failed_build(project: Path, *edits: tuple[str, str, str]) -> str:
    """Apply ``edits`` (page, old, new) to docs/ and build: the build fails, and site/ is exactly
    the last good one with nothing left beside it. Returns the build's output."""
    site = project / "site"
    before = content_hash(site)
    for page, old, new in edits:
        _edit(project / "docs" / page, old, new)
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert content_hash(site) == before
    assert leftovers(site) == []
    return output


def test_a_strict_warning_after_rendering_keeps_the_site(project):
    """A link to a missing anchor is only found after every page is written: the site survives."""
    output = _failed_build(project, ("about.md", "{{ about_section() }}",
                                     "{{ about_section() }}\n\n[gone](results.md#no-such-anchor)\n"))
    assert "no-such-anchor" in output and "Aborted with 1 warnings in strict mode!" in output


def test_a_template_typo_in_two_pages_is_found_before_the_build_and_keeps_the_site(project):
    """The dry render in on_pre_build reports every broken page at once, before anything is built."""
    output = _failed_build(project, ("results.md", "{{ results_section() }}", "{{ results_sectoin() }}"),
                           ("about.md", "{{ about_section() }}", "{{ about_section( }}"))
    assert "Traceback" not in output
    assert "The pages have problems:" in output  # the dry render, not the first page built
    assert "docs/results.md:1:1: template error: 'results_sectoin' is undefined" in output
    assert "docs/about.md:1:1:" in output


def test_a_good_build_replaces_the_site_whole_and_cleans_leftovers(project):
    site = project / "site"
    before = content_hash(site)
    stale = site.parent / f".{site.name}.building"  # a build killed long ago
    (stale / "en").mkdir(parents=True)
    (stale / "en" / "half-written.html").write_text("<p>", encoding="utf-8")
    (site / "stale-file.txt").write_text("from an older build", encoding="utf-8")
    _edit(project / "data" / "report.yaml", "en: Mid-term review conference", "en: The mid-term review conference")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert content_hash(site) != before
    assert not (site / "stale-file.txt").exists()
    assert leftovers(site) == []


BREAK_HOOK = Path(__file__).resolve().parent / "fixtures" / "hooks" / "break_build.py"
# Moments across a whole build (`event:n` is the event's n-th call; the English build nests inside
# the Vietnamese one's post-build): before the data is read, after the site folder was cleaned,
# among the pages of each language, after the post-build work, and just before the publish.
MOMENTS = ("on_config:1", "on_pre_build:1", "on_files:1", "on_page_markdown:3", "on_post_page:4", "on_env:1",
           "on_config:2", "on_page_markdown:8", "on_post_build:1", "on_post_build:2", "on_shutdown")


def _with_break_hook(project: Path) -> None:
    config = project / "mkdocs.yml"
    _edit(config, "  - hooks/mkdocs_report.py\n", f"  - hooks/mkdocs_report.py\n  - {BREAK_HOOK}\n")


@pytest.mark.parametrize("how", ["kill", "interrupt", "raise"])
def test_a_build_broken_at_any_moment_keeps_the_last_good_site(project, how):
    """`kill -9`, Ctrl-C or a failing plugin at 11 moments of a real build, placed by events:
    `site/` stays byte-identical each time; the next build cleans up and publishes."""
    site = project / "site"
    before = content_hash(site)
    _with_break_hook(project)
    _edit(project / "data" / "report.yaml", "en: Mid-term review conference", "en: The mid-term review conference")
    for moment in MOMENTS:
        result = site_engine.build(project, site, env={"BREAK_AT": moment, "BREAK_WITH": how})
        output = result.stdout + result.stderr
        assert result.returncode != 0, f"{moment}: the build was not broken"
        assert content_hash(site) == before, f"{how} at {moment}: site/ changed"
        if how != "kill":
            assert "Traceback" not in output, output
        if how != "kill" and moment != "on_shutdown":  # else nothing of the build runs after the break
            assert leftovers(site) == [], f"{how} at {moment}: {leftovers(site)}"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert content_hash(site) != before
    assert leftovers(site) == []


def test_a_changed_macros_template_is_used_by_the_next_build(tmp_path):
    """The checked data is cached by file content (under `mkdocs serve` one process builds many
    times); a change of the macros alone must still reach the pages."""
    from report.site import load_site

    project = copy_project(tmp_path / "project")
    macros = project / "overrides" / "macros"
    page = (project / "docs" / "about.md").read_text(encoding="utf-8")

    def render() -> str:
        site = load_site(project / "data" / "report.yaml", macros, ("vi", "en"), root=project)
        return site.render_page(page, lang="en", name="docs/about.md")

    assert "MACROS-CHANGED" not in render()
    _edit(macros / "report.md.j2", "{{ heading(2, labels.method, \"method\") }}",
          "{{ heading(2, labels.method, \"method\") }}\n\nMACROS-CHANGED")
    assert "MACROS-CHANGED" in render()


def test_a_bug_while_rendering_is_one_clean_message_and_keeps_the_site(project):
    """Not a template mistake but a Python error (here: 1 / 0): no traceback, the site survives."""
    output = _failed_build(project, ("about.md", "{{ about_section() }}", "{{ about_section() }} {{ 1 / 0 }}"))
    assert "Traceback" not in output
    assert "docs/about.md (vi): rendering failed with ZeroDivisionError: division by zero." in output


def test_two_builds_at_once_take_turns(project):
    """Two builds of one site started together: the second waits for the first (one staging
    folder per site), both succeed, and site/ is one whole site with nothing left beside it."""
    import subprocess

    site = project / "site"
    command = site_engine.command("build", "--strict", "-d", str(site))
    builds = [subprocess.Popen(command, cwd=project, env=site_engine.environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [build.communicate(timeout=300)[0] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], outputs
    assert leftovers(site) == [] and (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
    reference = project.parent / "reference"
    assert mkdocs_build(project, reference).returncode == 0
    assert content_hash(site) == content_hash(reference)
