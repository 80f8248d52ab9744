"""Benchmark the site in the working tree against the same site without its data layer.

    python scripts/benchmark.py            # full run (about 5 min on 2 cores): bench/results.{md,json}
    python scripts/benchmark.py --quick    # fewer runs, for development; results in a temporary folder

On temporary copies of the project, with the engine of `scripts/site_engine.py` (SITE_ENGINE):
- build: the full bilingual build (wall, CPU, peak memory) of the site, of the site with every cache
  emptied (its cold first build), and of *plain* (no hooks: the rendered Markdown as static pages,
  Material's own templates);
- check: `scripts/check_report.py`; import, load + validate in a fresh process; render every page;
  the hooks' share of a profiled build;
- scale: reports 10x and 100x the real one, build time and peak memory, site and plain;
- preview: under `serve`, the time from saving a file to the new page being served (`bench_serve`);
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
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

import bench_serve
import lighthouse
import project_copy
import serve_site
import site_engine
from bench_builds import LANGUAGES, Build, build, interleaved, make_plain, rendered_pages, spread

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent

BENCH = ROOT / "bench"
PACKAGES = ("mkdocs", "properdocs", "mkdocs-material", "mkdocs-static-i18n", "Jinja2", "pydantic", "babel")
# Vanilla Material + i18n, 5 pages x 2 languages (REFERENCE.md figures).
REFERENCE = {"build_s": 0.58, "first_view_kb": 80.7, "lighthouse": "96 / 92 / 96 / 91", "serve_s": 0.5}
COLD = "site, cold (empty caches)"
# The bounds the site keeps (README, Speed): its build against plain Material's, warm and cold; the preview.
BOUNDS = {"build": 1.00, "cold": 1.15, "serve_s": 0.5}
# Lists whose length the model fixes: scale their contents, never their length.
FIXED_LENGTH = {("shortcomings", "areas"), ("directives", "items")}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def seconds(stats: dict[str, Any] | None) -> str:
    return f"{stats['median']:.2f} s ({stats['min']:.2f}–{stats['max']:.2f}, n={stats['n']})" if stats else "–"


def bench_builds(site: Path, plain: Path, work: Path, runs: int) -> dict[str, Any]:
    """The site's full build (its caches kept from the build before), its cold first build (.cache/
    and the compiled modules emptied: data checked, templates compiled, cards drawn) and plain
    Material's, interleaved."""
    cold = shutil.copytree(site, work / "cold")

    def cold_build() -> Build:
        for kept in (cold / ".cache", *cold.rglob("__pycache__")):
            shutil.rmtree(kept, ignore_errors=True)
        return build(cold, work / "out-cold")

    results = interleaved({"site": lambda: build(site, work / "out-site"),
                           COLD: cold_build,
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
        return {"skipped": "Lighthouse or Chromium not installed (see MAINTAINING.md, 'Lighthouse')"}
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
    dirty = subprocess.run(["git", "status", "--porcelain", "--", *project_copy.PARTS], cwd=ROOT, capture_output=True, text=True)
    return {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "cores": os.cpu_count(),
            "load_average": [round(load, 2) for load in os.getloadavg()], "python": platform.python_version(),
            "engine": site_engine.engine(), "packages": versions,
            "commit": commit.stdout.strip() + (" (+ uncommitted changes)" if dirty.stdout.strip() else "")}


def summary(results: dict[str, Any]) -> list[str]:
    """The figures as Markdown table rows: | figure | this site | plain (same run) | note |."""
    rows = []
    if builds := results.get("build"):
        site, cold, plain = builds["site"], builds[COLD], builds["plain"]
        ratio, cold_ratio = site["median"] / plain["median"], cold["median"] / plain["median"]
        rows += [
            f"| full bilingual build | {seconds(site)} | {seconds(plain)} | **{ratio:.2f}×** plain (bound "
            f"{BOUNDS['build']:.2f}×) |",
            f"| same, CPU time | {seconds(site['cpu'])} | {seconds(plain['cpu'])} | "
            f"{site['cpu']['median'] / plain['cpu']['median']:.2f}× plain |",
            f"| cold first build (empty caches: templates compiled, cards drawn) | {seconds(cold)} | | "
            f"**{cold_ratio:.2f}×** plain (bound {BOUNDS['cold']:.2f}×); {builds['cards']['count']} cards, "
            f"{builds['cards']['kb']:.0f} KB |",
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
                    f"| {seconds(serve['plain'])} | bound {BOUNDS['serve_s']} s |")
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
        site = project_copy.copy_project(work / "site")
        plain = make_plain(site, work / "plain")
        steps: dict[str, Callable[[], Any]] = {
            "build": lambda: bench_builds(site, plain, work, runs),
            "check": lambda: bench_check(site, 3 if arguments.quick else 5),
            "scale": lambda: bench_scale(site, work, 1 if arguments.quick else 3),
            "serve": lambda: {name: {**spread(found["times"]), "misses": found["misses"]} if found["times"]
                              else found for name, found in bench_serve.latencies(site, plain, work, runs // 2).items()},
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
