"""The last good site survives any failure: a build replaces `site/` whole, or leaves it untouched.

A build writes beside `site/` and swaps its folder in only when every language, the post-build
work and the --strict check have succeeded (hooks/report/staging.py). These tests break builds
where they used to cost the site: after the pages are rendered (a strict warning), in a page
template, and by `kill -9`, Ctrl-C or an error at moments of a real build placed by events, one of
them between the two renames a publish without renameat2 would make; each time `site/` is hashed.
The exchange itself (one renameat2 call on Linux, two renames only where the call is missing) is
tested in tests/test_build_folders.py.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import site_engine
from conftest import mkdocs_build
from in_process import build_in_process, run_build
from project_copy import copy_project


def content_hash(folder: Path) -> str:
    """One hash over every file's path and bytes (not times): equal means byte-identical."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.glob(f".{site.name}.*"))


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    """A project copy with its last good site, built once for the module; tests work on copies of it."""
    project = copy_project(tmp_path_factory.mktemp("good") / "project")
    built = build_in_process(project, project / "site")
    assert built.ok, built.output
    return project


@pytest.fixture
def project(good_project, tmp_path) -> Path:
    """A copy of the good project, its site included (no build: a copy is byte-identical)."""
    return Path(shutil.copytree(good_project, tmp_path / "project", symlinks=True))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _failed_build(project: Path, *edits: tuple[str, str, str], command: bool = False) -> str:
    """Apply ``edits`` (page, old, new) to docs/ and build (in this process, or with the command):
    the build fails, and site/ is exactly the last good one with nothing left beside it. Returns
    the build's output."""
    site = project / "site"
    before = content_hash(site)
    for page, old, new in edits:
        _edit(project / "docs" / page, old, new)
    if command:
        result = mkdocs_build(project, site)
        failed, output = result.returncode == 1, result.stdout + result.stderr
    else:
        built = build_in_process(project, site)
        failed, output = not built.ok, built.output
    assert failed, output
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
    built = build_in_process(project, site)
    assert built.ok, built.output
    assert content_hash(site) != before
    assert not (site / "stale-file.txt").exists()
    assert leftovers(site) == []


BREAK_HOOK = Path(__file__).resolve().parent / "fixtures" / "hooks" / "break_build.py"
# Moments of a real build, placed by events (`event:n` is the event's n-th call; the English build
# nests inside the Vietnamese one's post-build): before the data is read; among the pages of each
# language (the staging folder half written); after the post-build work (every file written, the
# strict check to come); just before the publish; and inside the publish, between two renames
# (there are none where renameat2 exchanges the folders: the build then ends well). Any moment
# before the publish is alike for the last good site, which no build touches before it; a kill
# before the data is read (on_config:1) was dropped for that reason.
BREAKS = [("kill", "on_page_markdown:8"), ("kill", "on_post_build:2"), ("kill", "on_shutdown"),
          ("kill", "between_renames"), ("interrupt", "on_post_build:2"), ("raise", "on_files:1"),
          ("raise", "on_config:2"), ("raise", "on_post_build:2")]


def _with_break_hook(project: Path) -> None:
    config = project / "mkdocs.yml"
    _edit(config, "  - hooks/mkdocs_report.py\n", f"  - hooks/mkdocs_report.py\n  - {BREAK_HOOK}\n")


@pytest.mark.parametrize(("how", "moment"), BREAKS, ids=[f"{how}-{moment}" for how, moment in BREAKS])
def test_a_build_broken_at_any_moment_keeps_the_last_good_site(project, how, moment):
    """`kill -9`, Ctrl-C or a failing plugin at a moment of a real `mkdocs build`, placed by an event
    (tests/fixtures/hooks/break_build.py): `site/` stays byte-identical, or (only where nothing
    broke) is the new site whole; the next build cleans up and publishes."""
    site = project / "site"
    before = content_hash(site)
    _with_break_hook(project)
    _edit(project / "data" / "report.yaml", "en: Mid-term review conference", "en: The mid-term review conference")
    env = {"BREAK_AT": moment, "BREAK_WITH": how}
    # A failing plugin is an exception inside MkDocs' build(): in this process, as the command would
    # run it; a signal needs a process of its own.
    result = run_build(project, site, env=env) if how == "raise" else site_engine.build(project, site, env=env)
    output = result.stdout + result.stderr
    if moment == "between_renames" and result.returncode == 0:  # renameat2: no two renames to come between
        assert "broken on purpose" not in output
        assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file(), sorted(site.parent.iterdir())
        assert content_hash(site) != before and leftovers(site) == []
        return
    assert result.returncode != 0, f"{moment}: the build was not broken"
    assert site.is_dir(), f"{how} at {moment}: no site/ at all ({sorted(p.name for p in site.parent.iterdir())})"
    assert content_hash(site) == before, f"{how} at {moment}: site/ changed"
    if how != "kill":  # the build ends itself: one clean message, and nothing left beside the site
        assert "Traceback" not in output, output
        assert leftovers(site) == [], f"{how} at {moment}: {leftovers(site)}"
        return
    built = build_in_process(project, site)
    assert built.ok, built.output
    assert content_hash(site) != before
    assert leftovers(site) == []


def test_a_kill_between_two_renames_would_be_seen(project):
    """Where renameat2 is missing the publish renames twice, and a kill between the two leaves no
    `site/`: the moment `between_renames` is reached, and the test above would see it, were the
    exchange ever to fall back to two renames where the call exists."""
    site = project / "site"
    _with_break_hook(project)
    result = site_engine.build(project, site, env={"BREAK_AT": "between_renames", "BREAK_WITH": "kill",
                                                   "BREAK_WITHOUT_RENAMEAT2": "1"})
    assert result.returncode != 0, result.stdout + result.stderr
    assert not site.exists() and (site.parent / f".{site.name}.old" / "index.html").is_file()


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
    """Not a template mistake but a Python error (here: 1 / 0): the command prints one clean
    message, no traceback, and the site survives."""
    output = _failed_build(project, ("about.md", "{{ about_section() }}", "{{ about_section() }} {{ 1 / 0 }}"),
                           command=True)
    assert "Traceback" not in output
    assert "docs/about.md (vi): rendering failed with ZeroDivisionError: division by zero." in output


def test_two_builds_at_once_take_turns(project):
    """Two builds of one site started together: the second waits for the first (one staging
    folder per site), both succeed, and site/ is one whole site with nothing left beside it, the
    same as the last good one (a build of the same files makes the same bytes)."""
    import subprocess

    site = project / "site"
    before = content_hash(site)
    command = site_engine.command("build", "--strict", "-d", str(site))
    builds = [subprocess.Popen(command, cwd=project, env=site_engine.environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [build.communicate(timeout=300)[0] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], outputs
    assert leftovers(site) == [] and (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
    assert content_hash(site) == before
