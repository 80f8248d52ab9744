"""The last good site survives any failure: a build replaces `site/` whole, or leaves it untouched.

A build writes beside `site/` and swaps its folder in only when every language, the post-build
work and the --strict check have succeeded (hooks/report/staging.py). These tests break builds
where they used to cost the site: after the pages are rendered (a strict warning), in a page
template, and by `kill -9` at many moments of a real build; each time `site/` is hashed.
"""

from __future__ import annotations

import hashlib
import signal
import subprocess
import time
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
    stale = site.parent / f".{site.name}.building-999999999"  # a build killed long ago
    (stale / "en").mkdir(parents=True)
    (site / "stale-file.txt").write_text("from an older build", encoding="utf-8")
    _edit(project / "data" / "report.yaml", "en: Mid-term review conference", "en: The mid-term review conference")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert content_hash(site) != before
    assert not (site / "stale-file.txt").exists()
    assert leftovers(site) == []


def test_kill_9_at_any_moment_leaves_the_last_good_or_the_new_site(project, tmp_path):
    """`kill -9` at 14 moments spread over a build: `site/` is always one whole site."""
    site = project / "site"
    report = project / "data" / "report.yaml"
    texts = {"old": report.read_text(encoding="utf-8")}
    texts["new"] = texts["old"].replace("en: Mid-term review conference", "en: The mid-term review conference", 1)
    hashes = {"old": content_hash(site)}
    report.write_text(texts["new"], encoding="utf-8")
    reference = tmp_path / "reference"
    started = time.monotonic()
    result = mkdocs_build(project, reference)
    duration = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    hashes["new"] = content_hash(reference)
    assert hashes["new"] != hashes["old"]
    command = site_engine.command("build", "--strict", "-d", str(site))
    on_site, landed = "old", []
    for index in range(14):
        moment = duration * (index + 0.5) / 14
        building = "new" if on_site == "old" else "old"
        report.write_text(texts[building], encoding="utf-8")
        process = subprocess.Popen(command, cwd=project, env=site_engine.environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = content_hash(site)
        assert now in (hashes[on_site], hashes[building]), f"killed after {moment:.2f} s: site/ is not one whole site"
        if now == hashes[building]:
            on_site = building  # the build had finished before the kill
        else:
            landed.append(round(moment, 2))
    assert len(landed) >= 10, f"too few kills landed inside a build: {landed} of a {duration:.2f} s build"
    # The next build cleans whatever the killed ones left beside site/.
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
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
