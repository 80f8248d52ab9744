"""`mkdocs serve` while editing: a good edit appears, a bad one prints its messages and the server
keeps serving the last good pages until the file is fixed."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

import site_engine
from project_copy import copy_project

START_TIMEOUT = 90
EDIT_TIMEOUT = 45


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.25)
    pytest.fail(f"timed out after {timeout} s waiting for {what}", pytrace=False)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A project copy served by `mkdocs serve` on a free port (one server for the module: each test
    puts back what it edited); its log file; the report path."""
    tmp_path = tmp_path_factory.mktemp("serve")
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    with log.open("w") as output:
        server = subprocess.Popen(
            site_engine.command("serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")),
            cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "<html" in fetch(url) or server.poll() is not None, START_TIMEOUT, "the first build")
        assert server.poll() is None, log.read_text()
        yield url, log, project / "data" / "report.yaml"
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _edit(report: Path, *replacements: tuple[str, str]) -> None:
    """Apply every replacement in one write, as an editor's save does."""
    text = report.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    report.write_text(text, encoding="utf-8")


def _name_and_date(report: Path) -> tuple[str, str]:
    name = next(line for line in report.read_text(encoding="utf-8").splitlines() if line.startswith("    vi: Hội nghị"))
    return name, "\n  date: 2023-04-19\n"


def test_good_edit_appears_bad_edit_is_reported_then_fixed(served):
    """A good save is served; a bad one prints its message (no traceback) while the last good
    pages stay served; the fix is served."""
    url, log, report = served
    original = report.read_text(encoding="utf-8")
    name, date = _name_and_date(report)
    try:
        _edit(report, (name, name + " GOOD-EDIT-ONE"))
        wait_for(lambda: "GOOD-EDIT-ONE" in fetch(url), EDIT_TIMEOUT, "the good edit to be served")

        _edit(report, (name + " GOOD-EDIT-ONE", name + " BAD-EDIT"), (date, date + "  date: 2023-04-20\n"))
        wait_for(lambda: "duplicate key 'date'" in log.read_text(), EDIT_TIMEOUT, "the bad edit's message")
        assert ("data/report.yaml:10:3: event.date: duplicate key 'date' (first given on line 9); keep only one"
                in log.read_text())
        wait_for(lambda: re.search("Detected file changes|Documentation built|error happened",
                                   log.read_text().split("duplicate key 'date'")[-1]), EDIT_TIMEOUT, "the build to end")
        page = fetch(url)
        assert "GOOD-EDIT-ONE" in page and "BAD-EDIT" not in page
        assert "Traceback" not in log.read_text()

        _edit(report, (name + " BAD-EDIT", name + " GOOD-EDIT-TWO"), (date + "  date: 2023-04-20\n", date))
        wait_for(lambda: "GOOD-EDIT-TWO" in fetch(url), EDIT_TIMEOUT, "the fixed file to be served")
    finally:
        report.write_text(original, encoding="utf-8")
        wait_for(lambda: "GOOD-EDIT" not in fetch(url), EDIT_TIMEOUT, "the original to be served again")


def _after(log: Path, marker: str) -> str:
    text = log.read_text()
    return text[text.rindex(marker):] if marker in text else ""


def test_a_page_or_label_mistake_keeps_the_last_good_pages(served):
    """Not only the data: a macro typo in a page and a deleted label also keep the preview up."""
    url, log, report = served
    project = report.parent.parent
    before = fetch(url)
    heading = re.search(r"<h1[^>]*>(.*?)<", before).group(1)
    page = project / "docs" / "index.md"
    page_text = page.read_text(encoding="utf-8")
    page.write_text(page_text.replace("{{ overview() }}", "{{ overveiw() }}"), encoding="utf-8")
    wait_for(lambda: "overveiw" in log.read_text(), EDIT_TIMEOUT, "the page's message")
    wait_for(lambda: "Reloading browsers" in _after(log, "overveiw"), EDIT_TIMEOUT, "the build to finish")
    assert heading in fetch(url) and "overveiw" not in fetch(url)
    page.write_text(page_text, encoding="utf-8")

    labels = project / "overrides" / "macros" / "labels.yaml"
    labels_text = labels.read_text(encoding="utf-8")
    labels.write_text(labels_text.replace("\nback_home:\n", "\nback_hom:\n", 1), encoding="utf-8")
    try:
        wait_for(lambda: "back_hom" in log.read_text(), EDIT_TIMEOUT, "the label's message")
        wait_for(lambda: "Reloading browsers" in _after(log, "back_hom"), EDIT_TIMEOUT, "the build to finish")
        assert heading in fetch(url)
        assert "Traceback" not in log.read_text()
    finally:
        labels.write_text(labels_text, encoding="utf-8")
