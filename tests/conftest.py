"""Shared fixtures: the real site, built once per test run (shared read-only by pytest-xdist's
workers), and served on 127.0.0.1; the Hypothesis profiles."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from project_copy import ROOT as PROJECT
from report import site_config
from report.languages import language_root
from report.pages import page_path

ROOT = Path(__file__).resolve().parent.parent


CONFIG = PROJECT / site_config.NAME  # the project's mkdocs.yml (scripts/project_copy.py knows where it is)


def _site_languages_and_pages() -> tuple[tuple[str, ...], tuple[str, ...]]:
    try:
        return (tuple(site_config.site_languages(CONFIG)),
                tuple(page_path(page) for page in site_config.pages(CONFIG)))
    except Exception:
        # mutmut's first run makes every function of the package raise, to see the tests fail:
        # they must fail as tests, not as a conftest that cannot load (TESTING.md, Mutation testing).
        if os.environ.get("MUTANT_UNDER_TEST") != "fail":
            raise
        return (), ()


LANGUAGES, PAGES = _site_languages_and_pages()  # ("vi", "en"), the default first
# PAGES: every page's path below a language's root, from mkdocs.yml's nav (report.pages): "", "results/"...


def hooks_code() -> list[Path]:
    """The Python files under hooks/, without mutmut's copies in hooks/mutants/ (TESTING.md)."""
    return sorted(path for path in (ROOT / "hooks").rglob("*.py") if "mutants" not in path.relative_to(ROOT).parts)


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


def shared(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once per test run, even across pytest-xdist's workers: the first worker that
    asks makes it (``make(folder)``) under a lock, the others wait for it and use the same folder.
    Tests only read it."""
    import fcntl

    runs = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        runs = runs.parent  # the run's folder, shared by its workers
    folder = runs / f"shared-{name}"
    with open(runs / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".made").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


def _built(env: dict[str, str | None]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        result = mkdocs_build(ROOT, folder / "site", env=env)
        assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
        (folder / "build.log").write_text(result.stderr, encoding="utf-8")
    return make


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's own site as it is published (PUBLISHED), built with --strict once per run; read only."""
    return shared(tmp_path_factory, "published", _built(dict(PUBLISHED))) / "site"


@pytest.fixture(scope="session")
def local_build(tmp_path_factory) -> tuple[Path, str]:
    """The project's own site built as the README's first command does (LOCAL), and the build's log; read only."""
    folder = shared(tmp_path_factory, "local", _built(LOCAL))
    return folder / "site", (folder / "build.log").read_text(encoding="utf-8")


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


@pytest.fixture(scope="session")
def node() -> str:
    """Node.js, which runs the site's own scripts without a browser (tests/search_worker.js,
    tests/not_found_script.js): the CI script installs it; skipped locally without it, an error in CI."""
    found = shutil.which("node")
    if found is None:
        message = "node not found: install Node.js (e.g. `apt-get install -y nodejs`) to run the search worker"
        if running_in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# --- Hypothesis: the same examples everywhere, unless asked to explore ------------------------------
# "repro" (the default, locally and in CI): each test's examples derive from its own code
# (derandomize), so a failure seen anywhere comes back with the same command, on any machine.
# "explore" (HYPOTHESIS_PROFILE=explore): new random examples, ten times as many, from a seed printed
# in the header and again after a failure (`--hypothesis-seed=N` replays the run); failing examples
# are kept in .hypothesis/ and tried first by the next run.
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "repro")
settings.register_profile("repro", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("explore", derandomize=False, deadline=None, print_blob=True,
                          database=DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples")),
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(HYPOTHESIS_PROFILE)


def examples(count: int) -> int:
    """How many examples a property test tries: ``count``, or ten times as many when exploring."""
    return count * 10 if HYPOTHESIS_PROFILE == "explore" else count


def _hypothesis_seed() -> str:
    """The explore profile's seed, drawn once per run (pytest-xdist's workers inherit it)."""
    return os.environ.setdefault("HYPOTHESIS_SEED", str(random.getrandbits(32)))


def pytest_configure(config):
    if HYPOTHESIS_PROFILE == "explore" and config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = _hypothesis_seed()  # read by Hypothesis' own plugin after this


def _hypothesis_line(config) -> str:
    if HYPOTHESIS_PROFILE != "explore":
        return "hypothesis: profile 'repro' (derandomized: the same examples on every run)"
    seed = config.getoption("hypothesis_seed", None)
    return (f"hypothesis: profile 'explore', seed {seed}; replay with "
            f"HYPOTHESIS_PROFILE=explore python -m pytest --hypothesis-seed={seed}")


def pytest_report_header(config):
    return [_hypothesis_line(config)]


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
    if terminalreporter.stats.get("failed") and HYPOTHESIS_PROFILE == "explore":
        terminalreporter.line(_hypothesis_line(config), yellow=True)
    skipped = terminalreporter.stats.get("skipped", []) if running_in_ci() else []
    if skipped:
        terminalreporter.section("CI: skipped tests are errors", sep="=", red=True, bold=True)
        for report in skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
            terminalreporter.line(f"SKIPPED IN CI: {report.nodeid}: {reason}", red=True)


def mutation_run() -> bool:
    """True in the process of one of mutmut's mutants (TESTING.md, Mutation testing)."""
    return os.environ.get("MUTANT_UNDER_TEST", "") not in ("", "fail")


def pytest_collection_modifyitems(config, items):
    """Every test that drives Chromium carries the `browser` marker (`-m "not browser"`: fast loop).
    In a mutant's run, each Hypothesis test tries a fifth of its examples (still derandomised)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        chosen = getattr(getattr(item, "obj", None), "_hypothesis_internal_use_settings", None)
        if chosen is not None and mutation_run():
            item.obj._hypothesis_internal_use_settings = settings(chosen, max_examples=max(chosen.max_examples // 5, 8))


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
