"""No build writes into, moves or deletes a source folder, a file or a folder no build made; the
last good site survives a build without the report hook; operating-system failures are one line.

Builds are real: in the test process (tests/in_process.py) where what matters is what a build
writes or refuses, and with the command (MkDocs or ProperDocs, `site_engine`) where what matters
is what it prints (one line, no traceback). The staging rule and the exchange are in
hooks/report/staging.py; the tests that need a file system of their own (full, read-only, a mount
point) mount a small tmpfs and are skipped where mounting is not allowed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from test_last_good_site import content_hash, leftovers

import site_engine
from conftest import mkdocs_build
from in_process import build_in_process
from project_copy import copy_project, fingerprint
from report import staging


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy with a published site and an editor's untracked draft in data/."""
    project = copy_project(tmp_path_factory.mktemp("folders") / "project")
    (project / "data" / "draft-notes.txt").write_text("not yet in the report\n", encoding="utf-8")
    built = build_in_process(project, project / "site")
    assert built.ok, built.output
    return project


def _build(project: Path, *args: str) -> tuple[int, str]:
    result = subprocess.run(site_engine.command("build", "--strict", *args), cwd=project,
                            env=site_engine.environment(), capture_output=True, text=True, timeout=300)
    return result.returncode, result.stdout + result.stderr


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("ERROR")]


def _refusal(output: str) -> str:
    """The one line a refused build prints (or logs: in-process builds)."""
    [line] = [line for line in output.splitlines() if "refusing to build" in line or "refusing to replace" in line]
    return line


@pytest.mark.parametrize("folder", ["data", "hooks/report", "overrides/macros", "docs", ".", "..", "data/site",
                                    "hooks", "schema/x", "tests/x", "scripts/x", "new/site"])
def test_a_source_folder_is_refused_and_left_untouched(project, folder):
    """`-d` naming a source folder, the project folder, a parent of it or a folder inside any folder
    of the project (a tracked one such as schema/ or tests/, or any other): one line naming the
    folder and the fix, and nothing written, moved or deleted."""
    before = fingerprint(project.parent)
    built = build_in_process(project, project / folder)
    assert not built.ok
    if folder in (".", "..", "docs"):  # MkDocs' own config check already refuses a site around docs/
        assert "Config value 'site_dir'" in built.output, built.output
    else:
        line = _refusal(built.output)
        assert str((project / folder).resolve()) in line and "-d site" in line, line
    assert fingerprint(project.parent) == before


def test_the_command_refuses_in_one_line_without_a_traceback(project):
    before = fingerprint(project.parent)
    status, output = _build(project, "-d", "data")
    assert status == 1 and "Traceback" not in output
    [line] = _errors(output)
    assert "refusing to build" in line and str((project / "data").resolve()) in line and "-d site" in line, line
    assert fingerprint(project.parent) == before


def test_a_source_folder_named_by_the_config_is_refused(project, tmp_path):
    """`site_dir` in the config itself, pointing at the data: the same refusal, data/ untouched."""
    config = project / "mkdocs.yml"
    other = project / "data-as-site.yml"
    other.write_text(config.read_text(encoding="utf-8").replace("site_dir: .site.building", "site_dir: data"),
                     encoding="utf-8")
    try:
        before = fingerprint(project / "data")
        built = build_in_process(project, None, config_file=other)
        assert not built.ok and f"{project / 'data'}: refusing to build" in built.output
        assert fingerprint(project / "data") == before
    finally:
        other.unlink()


def test_an_existing_file_or_foreign_folder_is_refused(project, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "one.jpg").write_bytes(b"\xff\xd8")
    for target, words in ((notes, "refusing to build over an existing file"),
                          (photos, "refusing to replace a folder that no build made")):
        built = build_in_process(project, target)
        line = _refusal(built.output)
        assert not built.ok and f"{target}: {words}" in line, line
    assert notes.read_text(encoding="utf-8") == "my notes\n" and (photos / "one.jpg").read_bytes() == b"\xff\xd8"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "photos"]  # nothing moved beside them


def test_an_empty_folder_or_an_earlier_site_may_be_built_into(project, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_in_process(project, empty).ok
    assert (empty / staging.MARKER).is_file() and (empty / "index.html").is_file()
    assert build_in_process(project, empty).ok  # a site it made: replaced
    assert leftovers(empty) == []


def test_a_build_without_the_report_hook_keeps_the_last_good_site(project):
    """Removing `hooks:` from mkdocs.yml: the build stops at its first page with one line naming
    the fix (hooks/report_guard.py), never a traceback; it wrote into its staging folder only, so
    site/ is byte-identical, and the next real build cleans up."""
    site = project / "site"
    before = content_hash(site)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("hooks:\n  - hooks/mkdocs_report.py\n", ""), encoding="utf-8")
    try:
        status, output = _build(project)  # no -d: mkdocs.yml's own site_dir
        assert status == 1 and "Traceback" not in output, output
        assert _errors(output) == ["ERROR    -  mkdocs.yml:1:1: hooks: the report hook is missing, and the site is "
                                   "built with it: put back `hooks:` with `- hooks/mkdocs_report.py` (git diff "
                                   "mkdocs.yml shows it)"], output
        assert content_hash(site) == before
    finally:
        config.write_text(text, encoding="utf-8")
    built = build_in_process(project, None)
    assert built.ok, built.output
    assert leftovers(site) == []
    assert content_hash(site) == before


def test_the_exchange_is_one_step_on_linux(tmp_path, monkeypatch):
    """With renameat2 the publish renames nothing: the two folders trade places in one call, so no
    moment exists without a whole site. The two-rename fallback runs only where the call is missing."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        pytest.skip("renameat2 is Linux's")
    target, building = staging.folders(tmp_path / "site")
    for folder, text in ((target, "old"), (building, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    inode = building.stat().st_ino

    def no_rename(*args, **kwargs):
        raise AssertionError("a rename during the publish")

    with monkeypatch.context() as patched:
        patched.setattr(os, "rename", no_rename)
        patched.setattr(Path, "rename", no_rename)
        staging.publish(staging.Plan(target, building))
    assert (target / "index.html").read_text(encoding="utf-8") == "new" and target.stat().st_ino == inode
    assert not building.exists()
    # A real failure of the call (here: no such folder) is an error, never a silent fallback.
    with pytest.raises(FileNotFoundError):
        staging.exchange(tmp_path / "missing", target)


def test_the_two_rename_fallback_only_where_the_call_is_missing(tmp_path, monkeypatch):
    target, building = staging.folders(tmp_path / "site")
    for folder, text in ((target, "old"), (building, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")

    class NoRenameat2:  # a C library without the call (older glibc, macOS, musl builds)
        def __init__(self, *args, **kwargs):
            pass

    renames: list[tuple[str, str]] = []
    real_rename = os.rename
    monkeypatch.setattr(staging.ctypes, "CDLL", NoRenameat2)
    monkeypatch.setattr(os, "rename", lambda a, b: (renames.append((Path(a).name, Path(b).name)), real_rename(a, b)))
    assert staging.exchange(building, target) is False
    staging.publish(staging.Plan(target, building))
    assert renames == [("site", ".site.old"), (".site.building", "site")]
    assert (target / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# --- a file system of its own: full, read-only, a mount point -------------------------------------

@pytest.fixture
def tmpfs(tmp_path):
    """Mount a small tmpfs at ``tmp_path / "fs"``; ``mount(size, read_only)`` (re)mounts it."""
    folder = tmp_path / "fs"
    folder.mkdir()
    mounted = []

    # As root (this machine, .ci/run) or through password-less sudo (GitHub's runner), owned by us.
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    owner = f"uid={os.geteuid()},gid={os.getegid()}"

    def mount(size: str, *, options: str = "") -> Path:
        command = [*sudo, "mount", "-t", "tmpfs", "-o", f"size={size},{owner}{',' + options if options else ''}",
                   "tmpfs", str(folder)]
        if mounted:
            command = [*sudo, "mount", "-o", f"remount,{options or 'rw'}", str(folder)]
        if subprocess.run(command, capture_output=True).returncode != 0:
            pytest.skip("mounting a tmpfs is not allowed here")
        mounted.append(folder)
        return folder

    yield mount
    if mounted:
        subprocess.run([*sudo, "umount", "-l", str(folder)], check=False)


def _one_plain_line(output: str) -> str:
    assert "Traceback" not in output, output
    lines = [line for line in output.splitlines() if "the build could not write there" in line]
    assert len(lines) == 1, output
    return lines[0]


def test_a_full_disk_is_one_line_and_keeps_the_last_good_site(project, tmpfs, tmp_path):
    """A site on a small file system: the first build fits, a second (beside it) does not."""
    folder = tmpfs("8m")  # room for two sites (the last good one and a build beside it)
    site = folder / "site"
    assert build_in_process(project, site).ok
    before = content_hash(site)
    filler = folder / "filler"
    filler.write_bytes(b"\0" * (8 * 2**20 - sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) - 2**19))
    built = build_in_process(project, site)
    line = _one_plain_line(built.output)
    assert not built.ok
    assert line.startswith(f"Abort: {site.parent}/")
    assert "the disk is full: free some space and build again" in line and f"{site} keeps the last good site" in line
    filler.unlink()
    assert content_hash(site) == before
    assert build_in_process(project, site).ok and leftovers(site) == []


def test_a_read_only_file_system_is_one_line(project, tmpfs):
    """The command prints one plain line (no traceback) and exits 1; the site is untouched."""
    folder = tmpfs("20m")
    site = folder / "site"
    assert build_in_process(project, site).ok
    before = content_hash(site)
    tmpfs("20m", options="ro")
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    line = _one_plain_line(result.stdout + result.stderr)
    assert "the file system is read-only: build into a writable folder with `-d`" in line
    assert content_hash(site) == before


def test_a_mount_point_is_built_in_place_with_a_word(project, tmpfs):
    site = tmpfs("20m")
    built = build_in_process(project, site)
    assert built.ok, built.output
    assert f"{site} is a mount point, which cannot be exchanged in one step: building in place" in built.output
    assert (site / "index.html").is_file() and (site / staging.MARKER).is_file()
    assert leftovers(site) == []
    assert build_in_process(project, site).ok  # and again, over the site it made
    assert (site / "en" / "index.html").is_file()
