"""Model text is plain text: HTML or Markdown in it is shown literally and never executed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import serve_site
from conftest import wait_until_quiet
from in_process import run_build
from project_copy import copy_project

SCRIPT = "<script>window.__pwned = 'script'; alert('script')</script>"
IMAGE = "<img src=x onerror=\"window.__pwned = 'img'; alert('img')\">"
LINK = "[click](javascript:alert('link'))"
PAYLOADS = {"title": SCRIPT, "summary": IMAGE, "point": LINK + " " + SCRIPT}


def _inject(report: Path) -> None:
    """Put the payloads into the first shortcoming area, in both languages."""
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    area = data["shortcomings"]["areas"][0]
    for field, payload in ((area["title"], "title"), (area["summary"], "summary"), (area["points"][0]["text"], "point")):
        for lang in field:
            field[lang] = f"{PAYLOADS[payload]} ({lang})"
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    _inject(project / "data" / "report.yaml")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    server, url = serve_site.start(hostile_site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("page_path", ["shortcomings/index.html", "en/shortcomings/index.html"])
def test_built_html_escapes_the_payloads(hostile_site, page_path):
    html = (hostile_site / page_path).read_text(encoding="utf-8")
    assert "window.__pwned" in html, "the payloads did not reach the page"
    for raw in ("<script>window.__pwned", "<img src=x onerror", 'href="javascript:'):
        assert raw not in html
    assert "&lt;script&gt;window.__pwned" in html
    assert re.search(r"&lt;img src=x onerror=(&#34;|&quot;|\")window.__pwned", html)


def test_no_built_file_carries_a_live_payload(hostile_site):
    for path in hostile_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in html, path
        assert "<img src=x onerror" not in html, path


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_browser_shows_payloads_as_text_and_runs_nothing(hostile_url, page, prefix):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{hostile_url}{prefix}shortcomings/", wait_until="load")
    wait_until_quiet(page)  # every script has run and every image has loaded or failed
    assert dialogs == []
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img[onerror]").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.evaluate("[...document.scripts].every(s => !s.textContent.includes('__pwned'))")
    body = page.locator("article").inner_text()
    assert SCRIPT in body
    assert IMAGE in body
    assert LINK in body
