"""Benchmark the site in the working tree against the same site without its data layer.

    python scripts/benchmark.py            # full run (about 5 min on 2 cores): bench/results.{md,json}
    python scripts/benchmark.py --quick    # fewer runs, for development; results in a temporary folder

On temporary copies of the project, with the engine of `scripts/site_engine.py` (SITE_ENGINE):
- build: the full bilingual build (wall, CPU, peak memory) of the site, of the site with an empty card
  cache, and of *plain* (no hooks: the rendered Markdown as static pages, Material's own templates);
- check: `scripts/check_report.py`; import, load + validate in a fresh process; render every page;
  the hooks' share of a profiled build;
- scale: reports 10x and 100x the real one, build time and peak memory, site and plain;
- preview: under `serve`, the time from saving a file to the new page being served;
- weight: what Chromium downloads on a first view of the home page;
- lighthouse: mobile scores of each language's home page, through `scripts/lighthouse.py`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

import lighthouse
import serve_site
import site_engine
from report import site_config

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent

BENCH = ROOT / "bench"
PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides", "schema")
LANGUAGES = tuple(site_config.site_languages(ROOT / site_config.NAME))
PACKAGES = ("mkdocs", "properdocs", "mkdocs-material", "mkdocs-static-i18n", "Jinja2", "pydantic", "babel")
# Vanilla Material + i18n, 5 pages x 2 languages (REFERENCE.md figures).
REFERENCE = {"build_s": 0.58, "first_view_kb": 80.7, "lighthouse": "96 / 92 / 96 / 91", "serve_s": 0.5}
# Lists whose length the model fixes: scale their contents, never their length.
FIXED_LENGTH = {("shortcomings", "areas"), ("directives", "items")}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def spread(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def seconds(stats: dict[str, Any] | None) -> str:
    return f"{stats['median']:.2f} s ({stats['min']:.2f}–{stats['max']:.2f}, n={stats['n']})" if stats else "–"


# --- Project copies ------------------------------------------------------------------------------


def copy_project(destination: Path) -> Path:
    """What a build reads, copied from the working tree."""
    destination.mkdir(parents=True)
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def load_site(project: Path) -> Any:
    """The data layer's checked data for ``project`` (imported in this process)."""
    from report.site import load_site as load

    return load(project / "data" / "report.yaml", project / "overrides" / "macros", LANGUAGES, root=project)


def rendered_pages(project: Path) -> dict[str, str]:
    """Every page as the data layer renders it: {path in the project: Markdown}."""
    site = load_site(project)
    default = LANGUAGES[0]
    pages = {}
    for page in sorted((project / "docs").rglob("*.md")):
        for lang in LANGUAGES:
            target = page if lang == default else page.with_name(f"{page.stem}.{lang}.md")
            pages[str(target.relative_to(project))] = site.render_page(
                page.read_text(encoding="utf-8"), lang=lang, name=str(page.relative_to(project)))
    return pages


def make_plain(project: Path, destination: Path) -> Path:
    """The same pages without the data layer: no hooks, the rendered Markdown as static pages, and
    the theme's own templates (ours need the hook's context); stylesheets and scripts are kept."""
    pages = rendered_pages(project)
    destination.mkdir(parents=True)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")  # a text edit keeps its custom tags
    without_hooks = re.sub(r"(?m)^hooks:[ \t]*\n(?:(?:[ \t-].*)?\n)*", "", config)
    (destination / "mkdocs.yml").write_text(without_hooks, encoding="utf-8")
    for relative, text in pages.items():
        (destination / relative).parent.mkdir(parents=True, exist_ok=True)
        (destination / relative).write_text(text, encoding="utf-8")
    shutil.copytree(project / "overrides" / "assets", destination / "overrides" / "assets")
    for folder in ("data", "hooks"):  # watched by `serve`: they must exist
        (destination / folder).mkdir()
    return destination


# --- Builds ------------------------------------------------------------------------------------


@dataclass
class Build:
    seconds: float
    cpu_seconds: float
    peak_mb: float


def build(project: Path, site_dir: Path) -> Build:
    """One build in a child process (not strict: this measures, the tests check)."""
    shutil.rmtree(site_dir, ignore_errors=True)
    arguments = site_engine.command("build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir))
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(arguments, cwd=project, env=site_engine.environment(),
                                   stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise RuntimeError(f"build of {project} failed:\n{errors.read().decode(errors='replace')[-3000:]}")
    return Build(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def interleaved(variants: dict[str, Callable[[], Build]], runs: int) -> dict[str, dict[str, Any]]:
    """Each variant once to warm up, then ``runs`` rounds, the order reversed every other round."""
    for run in variants.values():
        run()
    samples: dict[str, list[Build]] = {name: [] for name in variants}
    names = list(variants)
    for round_number in range(runs):
        for name in names if round_number % 2 == 0 else reversed(names):
            samples[name].append(variants[name]())
    return {name: {**spread([b.seconds for b in builds]), "cpu": spread([b.cpu_seconds for b in builds]),
                   "peak_mb": max(b.peak_mb for b in builds)} for name, builds in samples.items()}


def bench_builds(site: Path, plain: Path, work: Path, runs: int) -> dict[str, Any]:
    cold = shutil.copytree(site, work / "cold-cards")

    def cold_build() -> Build:
        shutil.rmtree(cold / ".cache" / "cards", ignore_errors=True)
        return build(cold, work / "out-cold")

    results = interleaved({"site": lambda: build(site, work / "out-site"),
                           "site, empty card cache": cold_build,
                           "plain": lambda: build(plain, work / "out-plain")}, runs)
    cards = [card.stat().st_size for card in (work / "out-site").rglob("card.png")]
    results["cards"] = {"count": len(cards), "kb": sum(cards) / 1024, "largest_kb": max(cards, default=0) / 1024}
    return results


# --- Check, render, profile ------------------------------------------------------------------------

FRESH_PROCESS_PROBE = """
import sys, time
wall, cpu = time.perf_counter(), time.process_time()
from report.loading import load_yaml
from report.validation import check_report
import report.site
imported = time.perf_counter() - wall, time.process_time() - cpu
wall, cpu = time.perf_counter(), time.process_time()
check_report(load_yaml("data/report.yaml"), LANGUAGES)
print(*imported, time.perf_counter() - wall, time.process_time() - cpu)
"""


def bench_check(project: Path, runs: int) -> dict[str, Any]:
    command = [sys.executable, str(SCRIPTS / "check_report.py"), str(project / "data" / "report.yaml"),
               "--config", str(project / "mkdocs.yml")]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        samples.append(time.perf_counter() - start)
    results: dict[str, Any] = {"command": spread(samples)}
    probe = FRESH_PROCESS_PROBE.replace("LANGUAGES", repr(list(LANGUAGES)))
    columns: list[list[float]] = [[], [], [], []]
    for _ in range(runs):
        # The copy's own package first (the installed one is the working tree's).
        output = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True,
                                env={**os.environ, "PYTHONPATH": "hooks"}, check=True).stdout.split()
        for column, value in zip(columns, output, strict=True):
            column.append(float(value))
    for key, column in zip(("import", "import_cpu", "load_validate", "load_validate_cpu"), columns, strict=True):
        results[key] = spread(column)
    fresh = shutil.copytree(project, project.parent / "render")  # a new path: nothing loaded or rendered yet
    start = time.process_time()
    markdown = rendered_pages(fresh)
    results["render_cpu_s"] = time.process_time() - start
    results["rendered_kb"] = sum(len(text.encode()) for text in markdown.values()) / 1024
    return results


def bench_profile(project: Path, work: Path) -> dict[str, Any]:
    """One build under cProfile: the time spent in the hooks' events and imports."""
    profile = work / "build.prof"
    arguments = site_engine.command("build", "-d", str(work / "out-profile"))
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), *arguments[1:]], cwd=project,
                   env=site_engine.environment(), check=True, capture_output=True)
    stats = pstats.Stats(str(profile))
    total = stats.total_tt  # type: ignore[attr-defined]  # set by pstats at run time, not in its stubs
    parts = {}
    for (filename, _, function), (_, calls, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]  # as above
        file = Path(filename)
        if file.parent.name == "hooks" and (function == "<module>" or function.startswith("on_")):
            label = f"import {file.name} (and report.*)" if function == "<module>" else f"{file.name}: {function}"
            parts[label] = {"calls": calls, "seconds": cumulative}
    hooks = sum(part["seconds"] for part in parts.values())
    return {"total_s": total, "hooks_s": hooks, "share_pct": 100 * hooks / total, "parts": parts}


# --- Scale ---------------------------------------------------------------------------------------


def is_text(node: Any) -> bool:
    return (isinstance(node, dict) and bool(node) and set(node) <= set(LANGUAGES)
            and all(isinstance(value, str) for value in node.values()))


def numbered_copy(node: Any, number: int) -> Any:
    """``node`` with every id suffixed and every text marked as copy ``number``."""
    if is_text(node):
        return {lang: f"{text} (#{number})" for lang, text in node.items()}
    if isinstance(node, dict):
        return {key: f"{value}-x{number}" if key == "id" and isinstance(value, str) else numbered_copy(value, number)
                for key, value in node.items()}
    if isinstance(node, list):
        return [numbered_copy(item, number) for item in node]
    return node


def scaled(node: Any, factor: int, path: tuple[Any, ...] = ()) -> Any:
    """Every list of items with ids ``factor`` times as long, except the lists of fixed length."""
    if isinstance(node, dict):
        return {key: scaled(value, factor, (*path, key)) for key, value in node.items()}
    if not isinstance(node, list):
        return node
    items = [scaled(item, factor, (*path, index)) for index, item in enumerate(node)]
    if path in FIXED_LENGTH or not items or not all(isinstance(item, dict) and "id" in item for item in items):
        return items
    return items + [numbered_copy(item, number) for number in range(2, factor + 1) for item in items]


class NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def bench_scale(site: Path, work: Path, runs: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for factor in (1, 10, 100):
        project = shutil.copytree(site, work / f"scale-{factor}")
        report = project / "data" / "report.yaml"
        data = scaled(yaml.safe_load(report.read_text(encoding="utf-8")), factor)
        report.write_text(yaml.dump(data, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=100),
                          encoding="utf-8")
        plain = make_plain(project, work / f"scale-{factor}-plain")
        results[f"{factor}x"] = {
            **interleaved({"site": partial(build, project, work / f"out-scale-{factor}"),
                           "plain": partial(build, plain, work / f"out-scale-{factor}-plain")}, runs),
            "yaml_kb": report.stat().st_size / 1024}
        log(f"scale {factor}x: site {results[f'{factor}x']['site']['median']:.2f} s")
    sizes = [results[key]["yaml_kb"] for key in ("1x", "10x", "100x")]
    results["size_growth"] = (sizes[2] - sizes[0]) / (sizes[1] - sizes[0])
    for variant in ("site", "plain"):  # CPU time: waiting for a busy CPU is not counted
        times = [results[key][variant]["cpu"]["median"] for key in ("1x", "10x", "100x")]
        results[f"{variant}_growth"] = (times[2] - times[0]) / (times[1] - times[0])
    return results


# --- Preview under `serve` -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except OSError:
        return ""


def shows(url: str, marker: str) -> bool:
    return marker in fetch(url)


def wait_for(condition: Callable[[], object], timeout: float, interval: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def save(path: Path, text: str) -> None:
    """Save as an editor does, atomically: the watcher never sees a half-written file."""
    temporary = path.with_name(f".{path.name}.benchmark")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def edit_report(project: Path, number: int) -> str:
    """A marker word in the event's summary (on the home page) in data/report.yaml."""
    path = project / "data" / "report.yaml"
    text = re.sub(r" BENCHMARKEDIT\d+", "", path.read_text(encoding="utf-8"))
    words = " ".join(yaml.safe_load(text)["event"]["summary"][LANGUAGES[0]].split()[:3])
    marker = f"BENCHMARKEDIT{number}"
    save(path, text.replace(words, f"{words} {marker}", 1))
    return marker


def edit_markdown(project: Path, number: int) -> str:
    """The plain site's equivalent: the marker written into docs/index.md."""
    path = project / "docs" / "index.md"
    marker = f"BENCHMARKEDIT{number}"
    save(path, re.sub(r"\n\nBENCHMARKEDIT\d+\n", "", path.read_text(encoding="utf-8")) + f"\n\n{marker}\n")
    return marker


def bench_serve(project: Path, edits: int, edit: Callable[[Path, int], str]) -> dict[str, Any]:
    """Per edit: save, poll the home page every 20 ms until it shows the edit; then wait until the
    server's log has been quiet for 1 s (no rebuild running) before the next edit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = project.parent / f"{project.name}-serve.log"
    arguments = site_engine.command("serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml"))
    with log_path.open("wb") as output:
        server = subprocess.Popen(arguments, cwd=project, env={**site_engine.environment(), "SITE_URL": url},
                                  stdout=output, stderr=output)
    try:
        if not wait_for(lambda: fetch(url) or server.poll() is not None, 60, 0.1) or server.poll() is not None:
            raise RuntimeError(f"serve did not start:\n{log_path.read_text(errors='replace')[-2000:]}")
        times, misses = [], 0
        for number in range(1, edits + 1):
            marker = edit(project, number)
            saved = time.perf_counter()
            if wait_for(partial(shows, url, marker), 60, 0.02):
                times.append(time.perf_counter() - saved)
            else:
                misses += 1
            wait_for(lambda: time.time() - log_path.stat().st_mtime >= 1.0, 60, 0.1)  # the log quiet for 1 s
        return {**(spread(times) if times else {}), "misses": misses}
    finally:
        server.kill()  # nothing to save: the copy is thrown away
        server.wait()


# --- In the browser ------------------------------------------------------------------------------


def first_view(sites: dict[str, Path]) -> dict[str, Any]:
    """What a first visit to each site's home page downloads: bytes on the wire (headers + body,
    gzip where the server compresses), per request, until the network has been idle."""
    from playwright.sync_api import sync_playwright

    chromium = lighthouse.chrome()
    if chromium is None:
        return {"skipped": "no Chromium"}
    results: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for name, directory in sites.items():
            server, url = serve_site.start(directory)
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            finished: list[Any] = []
            page.on("requestfinished", partial(list.append, finished))
            page.goto(url, wait_until="networkidle")
            requests = [{"url": request.url.removeprefix(url), "type": request.resource_type,
                         "bytes": request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]}
                        for request in finished]
            context.close()
            server.shutdown()
            needed = [r for r in requests if r["type"] in ("document", "stylesheet", "script")]
            results[name] = {"requests": requests, "kb": sum(r["bytes"] for r in requests) / 1000,
                             "needed_kb": sum(r["bytes"] for r in needed) / 1000}
        browser.close()
    return results


def bench_lighthouse(sites: dict[str, Path]) -> dict[str, Any]:
    if not lighthouse.available():
        return {"skipped": "Lighthouse or Chromium not installed (see README, 'Lighthouse')"}
    return {name: lighthouse.audit(directory, pages=("", "en/")) for name, directory in sites.items()}


# --- Report --------------------------------------------------------------------------------------


def version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def machine() -> dict[str, Any]:
    versions = {name: version(name) for name in PACKAGES if version(name)}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", *PARTS], cwd=ROOT, capture_output=True, text=True)
    return {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "cores": os.cpu_count(),
            "load_average": [round(load, 2) for load in os.getloadavg()], "python": platform.python_version(),
            "engine": site_engine.engine(), "packages": versions,
            "commit": commit.stdout.strip() + (" (+ uncommitted changes)" if dirty.stdout.strip() else "")}


def summary(results: dict[str, Any]) -> list[str]:
    """The figures as Markdown table rows: | figure | this site | plain (same run) | note |."""
    rows = []
    if builds := results.get("build"):
        site, cold, plain = builds["site"], builds["site, empty card cache"], builds["plain"]
        overhead = 100 * (site["cpu"]["median"] / plain["cpu"]["median"] - 1)
        rows += [
            f"| full bilingual build | {seconds(site)} | {seconds(plain)} | reference {REFERENCE['build_s']} s |",
            f"| same, CPU time | {seconds(site['cpu'])} | {seconds(plain['cpu'])} | data layer adds {overhead:+.1f} % |",
            f"| same, every card drawn (empty cache) | {seconds(cold)} | | "
            f"{builds['cards']['count']} cards, {builds['cards']['kb']:.0f} KB |",
            f"| build peak memory | {site['peak_mb']:.0f} MB | {plain['peak_mb']:.0f} MB | |"]
    if check := results.get("check"):
        rows += [
            f"| `scripts/check_report.py` | {seconds(check['command'])} | | |",
            f"| import the data layer, fresh process | {seconds(check['import'])} | | |",
            f"| load + validate once, fresh process | {seconds(check['load_validate'])} | | |",
            f"| load + render every page, both languages | CPU {check['render_cpu_s']:.3f} s | | "
            f"{check['rendered_kb']:.0f} KB Markdown |"]
    if profile := results.get("profile"):
        rows.append(f"| hooks' share of a profiled build | {profile['hooks_s']:.2f} s of {profile['total_s']:.2f} s "
                    f"| | {profile['share_pct']:.0f} % |")
    if scale := results.get("scale"):
        for key in ("1x", "10x", "100x"):
            size = scale[key]
            rows.append(f"| build, {key} report (YAML {size['yaml_kb']:.0f} KB) | {seconds(size['site'])}, "
                        f"{size['site']['peak_mb']:.0f} MB | {seconds(size['plain'])}, {size['plain']['peak_mb']:.0f} MB | |")
        rows.append(f"| growth (t100 − t1) / (t10 − t1), CPU time | {scale['site_growth']:.1f} | "
                    f"{scale['plain_growth']:.1f} | proportional to the YAML's size: {scale['size_growth']:.1f} |")
    if serve := results.get("serve"):
        rows.append(f"| `serve`: save → new page served | {seconds(serve['site'])}, {serve['site']['misses']} missed "
                    f"| {seconds(serve['plain'])} | reference {REFERENCE['serve_s']} s |")
    if (weight := results.get("weight")) and "skipped" not in weight:
        rows.append(f"| home page first view (on the wire) | {weight['site']['kb']:.1f} KB, "
                    f"{len(weight['site']['requests'])} requests | {weight['plain']['kb']:.1f} KB, "
                    f"{len(weight['plain']['requests'])} requests | reference {REFERENCE['first_view_kb']} KB |")
        rows.append(f"| of which HTML, CSS and scripts | {weight['site']['needed_kb']:.1f} KB "
                    f"| {weight['plain']['needed_kb']:.1f} KB | |")
    if (scores := results.get("lighthouse")) and "skipped" not in scores:
        for page in ("/", "/en/"):
            cells = [" / ".join(str(scores[name][page][category]) for category in lighthouse.CATEGORIES)
                     for name in ("site", "plain")]
            rows.append(f"| Lighthouse mobile {page}: perf / a11y / b.p. / SEO | {cells[0]} | {cells[1]} "
                        f"| reference {REFERENCE['lighthouse']} |")
    rows += [f"| {part} | skipped: {results[part]['skipped']} | | |"
             for part in ("weight", "lighthouse") if "skipped" in results.get(part, {})]
    return rows


def markdown(results: dict[str, Any]) -> str:
    about = results["machine"]
    lines = [
        "# Benchmark results", "",
        f"`python scripts/benchmark.py{' --quick' if results['quick'] else ''}` — {about['date']}, commit "
        f"{about['commit']}, engine {about['engine']}, {results['total_s']:.0f} s.", "",
        f"Machine: {about['cores']} cores, Python {about['python']}, load average {about['load_average']} at start. "
        "Packages: " + ", ".join(f"{name} {version}" for name, version in about["packages"].items()) + ".", "",
        "*Plain* = the same pages with no hooks (the Markdown the data layer renders, written as static "
        "pages; Material's own templates). Times: median (min–max, n runs), variants interleaved.", "",
        "| figure | this site | plain (same run) | note |", "| --- | --- | --- | --- |", *summary(results), ""]
    if profile := results.get("profile"):
        lines += ["## Where the hooks' time goes (one build under cProfile)", "",
                  "| part | calls | seconds |", "| --- | --- | --- |"]
        lines += [f"| {label} | {part['calls']} | {part['seconds']:.3f} |"
                  for label, part in sorted(profile["parts"].items(), key=lambda item: -item[1]["seconds"])]
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs; results go to a temporary folder")
    parser.add_argument("--output", type=Path, help="folder for results.md and results.json (default: bench/)")
    parser.add_argument("--skip", action="append", default=[],
                        choices=["build", "check", "scale", "serve", "weight", "lighthouse"])
    arguments = parser.parse_args()
    runs = 3 if arguments.quick else 10
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    output = arguments.output or (work / "results" if arguments.quick else BENCH)
    results: dict[str, Any] = {"quick": arguments.quick, "machine": machine()}
    try:
        site = copy_project(work / "site")
        plain = make_plain(site, work / "plain")
        steps: dict[str, Callable[[], Any]] = {
            "build": lambda: bench_builds(site, plain, work, runs),
            "check": lambda: bench_check(site, 3 if arguments.quick else 5),
            "scale": lambda: bench_scale(site, work, 1 if arguments.quick else 3),
            "serve": lambda: {"site": bench_serve(shutil.copytree(site, work / "serve-site"), runs // 2, edit_report),
                              "plain": bench_serve(shutil.copytree(plain, work / "serve-plain"), runs // 2,
                                                   edit_markdown)},
        }
        for name, step in steps.items():
            if name not in arguments.skip:
                log(name)
                results[name] = step()
        if "check" not in arguments.skip:
            log("profile")
            results["profile"] = bench_profile(site, work)
        built = {"site": work / "out-site", "plain": work / "out-plain"}
        if {"weight", "lighthouse"} - set(arguments.skip):
            for name, project in (("site", site), ("plain", plain)):
                if not (built[name] / "index.html").exists():
                    build(project, built[name])
        if "weight" not in arguments.skip:
            log("weight")
            results["weight"] = first_view(built)
        if "lighthouse" not in arguments.skip:
            log("lighthouse")
            results["lighthouse"] = bench_lighthouse(built)
    finally:
        results["total_s"] = time.perf_counter() - started
        output.mkdir(parents=True, exist_ok=True)
        (output / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
        table = markdown(results)
        (output / "results.md").write_text(table, encoding="utf-8")
        print(table)
        log(f"wrote {output / 'results.md'} and results.json")
        for child in work.iterdir():
            if child != output:
                shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
