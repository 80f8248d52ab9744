"""Shared fixtures: the real site, built once per test session, and served on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from project_copy import ROOT as PROJECT
from report import site_config
from report.languages import language_root
from report.pages import page_path

ROOT = Path(__file__).resolve().parent.parent


CONFIG = PROJECT / site_config.NAME  # the project's mkdocs.yml (scripts/project_copy.py knows where it is)
LANGUAGES = tuple(site_config.site_languages(CONFIG))  # the default one first: ("vi", "en")
# Every page's path below a language's root, from mkdocs.yml's nav (report.pages): "", "results/"...
PAGES = tuple(page_path(page) for page in site_config.pages(CONFIG))


def language_prefix(lang: str) -> str:
    return language_root(lang, LANGUAGES[0])


def as_read(soup):
    """``soup`` with the no-wrap spans around dates and codes (report.typography) taken out: they
    only keep a run on one line, so text read with a separator (`get_text(" ")`) reads as shown."""
    for span in soup.select("span.report-nowrap"):
        span.unwrap()
    soup.smooth()
    return soup


# What the GitHub workflow gives the build of the published site: its address and its repository.
PUBLISHED = {"SITE_URL": "https://example.org/", "SITE_REPOSITORY_URL": "https://github.com/example/ctr01"}
# A build as the README's first command runs it: neither is set.
LOCAL: dict[str, str | None] = {"SITE_URL": None, "SITE_REPOSITORY_URL": None}


def mkdocs_build(project: Path, site_dir: Path, *extra: str,
                 env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess:
    """Run the real strict build (MkDocs, or ProperDocs with SITE_ENGINE) on ``project`` into ``site_dir``."""
    import site_engine

    return site_engine.build(project, site_dir, *extra, env=env)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's own site as it is published (PUBLISHED), built with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site, env=dict(PUBLISHED))
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def local_build(tmp_path_factory) -> tuple[Path, str]:
    """The project's own site built as the README's first command does (LOCAL), and the build's log."""
    site = tmp_path_factory.mktemp("local") / "site"
    result = mkdocs_build(ROOT, site, env=LOCAL)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site, result.stderr


@pytest.fixture(scope="session")
def site_url(built_site) -> Iterator[str]:
    """The built site served like GitHub Pages (gzip, /404.html) on 127.0.0.1."""
    import serve_site

    server, url = serve_site.start(built_site)
    yield url
    server.shutdown()


def _chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped locally without it, an error in CI."""
    executable = _chromium()
    if executable is None:
        message = "Chromium not found: install it with `apt-get install -y chromium` (see README)"
        if running_in_ci():
            pytest.fail(message + " — CI must run the browser tests", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# --- CI: no silent skips ---------------------------------------------------------------------------
# Locally a test may skip (e.g. no Chromium) with its reason shown by `-ra`. With CI set (GitHub
# Actions sets CI=true; so can `CI=true bash .ci/run`), any skipped test fails the run.


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _skipped(session) -> list:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    return list(reporter.stats.get("skipped", [])) if reporter else []


def pytest_sessionfinish(session, exitstatus):
    if running_in_ci() and _skipped(session) and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", []) if running_in_ci() else []
    if skipped:
        terminalreporter.section("CI: skipped tests are errors", sep="=", red=True, bold=True)
        for report in skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
            terminalreporter.line(f"SKIPPED IN CI: {report.nodeid}: {reason}", red=True)


def pytest_collection_modifyitems(config, items):
    """Every test that drives Chromium carries the `browser` marker (`-m "not browser"`: fast loop)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def wait_until_settled(page, selector: str, timeout: float = 10_000) -> None:
    """Wait (no fixed sleep) until ``selector``'s content is unchanged over two polls 150 ms apart,
    e.g. search results once the worker has answered the last keystroke."""
    page.wait_for_function(
        """(selector) => {
          const element = document.querySelector(selector);
          const html = element ? element.innerHTML : null;
          const settled = html !== null && window.__settled === html;
          window.__settled = html;
          return settled;
        }""",
        arg=selector, polling=150, timeout=timeout,
    )


def wait_until_quiet(page, timeout: float = 10_000) -> None:
    """Wait (no fixed sleep) until the page has loaded and the list of resources it fetched is
    unchanged over two polls 150 ms apart: late requests (a worker, a script's fetch) are done."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        """() => {
          if (document.readyState !== "complete") return false;
          const count = performance.getEntriesByType("resource").length;
          const settled = window.__resources === count;
          window.__resources = count;
          return settled;
        }""",
        polling=150, timeout=timeout,
    )
