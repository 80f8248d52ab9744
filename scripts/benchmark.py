"""Benchmark the site against the same site without its data layer (issue #6).

    python scripts/benchmark.py            # full run (~4-6 min on 2 cores), writes bench/results.{md,json}
    python scripts/benchmark.py --quick    # fewer runs, for development; writes to a temp dir unless --output

Everything is measured in the same run, on temporary copies of the project (the working tree is
never built into `site/`):

- build: full bilingual `mkdocs build`, the site as it is versus "vanilla" -- the same project
  with no `hooks:` and the Markdown that the data layer renders written out as static pages
  (docs/X.md in Vietnamese, docs/X.en.md in English), builds interleaved;
- check: the validate-only command, and the share of a build spent loading + validating the data;
- scale: synthetic reports 10x and 100x the real one, build time and peak memory;
- preview: `mkdocs serve`, time from saving data/report.yaml to the new page being served;
- weight: the home page's first view in Chromium, every request with raw and gzip bytes;
- lighthouse: mobile scores of each language's home page (when npx/lighthouse and Chromium exist).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import http.server
import importlib.metadata
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from functools import partial
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

_VENV_PYTHON = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
if __name__ == "__main__" and _VENV_PYTHON.exists() and Path(sys.prefix).resolve() != _VENV_PYTHON.parent.parent.resolve():
    # `python scripts/benchmark.py` from outside the project's virtualenv: run inside it.
    os.execv(str(_VENV_PYTHON), [str(_VENV_PYTHON), __file__, *sys.argv[1:]])

import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
LANGUAGES = ("vi", "en")
PACKAGES = (
    "mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "pymdown-extensions", "Jinja2",
    "pydantic", "pydantic_core", "PyYAML", "babel", "playwright",
)
# Issue #6 reference: vanilla Material + i18n, 5 pages x 2 languages (docs/REFERENCE figures).
REFERENCE = {"build_s": 0.58, "first_view_gzip_kb": 80.7, "lighthouse": "96 / 92 / 96 / 91", "serve_s": 0.5}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "0"}
# Lists whose length the model fixes: scale their contents, never their length.
FIXED_LENGTH = {("shortcomings", "areas"), ("directives", "items")}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Project copies


PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides", "schema")


def copy_project(dest: Path, ref: str | None = None) -> Path:
    """A snapshot of what a build reads (mkdocs.yml, docs, data, hooks, overrides, schema).

    From the working tree, or from the commit ``ref`` (git archive) so that edits in progress
    elsewhere in the tree cannot leak into a run.
    """
    dest.mkdir(parents=True)
    if ref:
        tracked = subprocess.run(["git", "ls-tree", "--name-only", ref], cwd=ROOT, capture_output=True,
                                 text=True, check=True).stdout.split()
        archive = subprocess.run(["git", "archive", ref, *[p for p in PARTS if p in tracked]], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    else:
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for name in PARTS:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, dest / name, ignore=ignore)
            elif (ROOT / name).is_file():
                shutil.copy2(ROOT / name, dest / name)
    # The validate-only command runs from the copy, so it checks the copy with the copy's hooks.
    check = Path("scripts") / "check_report.py"
    if ref and subprocess.run(["git", "cat-file", "-e", f"{ref}:{check}"], cwd=ROOT).returncode == 0:
        (dest / "scripts").mkdir(exist_ok=True)
        (dest / check).write_bytes(subprocess.run(["git", "show", f"{ref}:{check}"], cwd=ROOT,
                                                  capture_output=True, check=True).stdout)
    elif (ROOT / check).exists():
        (dest / "scripts").mkdir(exist_ok=True)
        shutil.copy2(ROOT / check, dest / check)
    return dest


def without_hooks(config_text: str) -> str:
    """mkdocs.yml with its top-level `hooks:` block removed (text edit: keeps any custom tags)."""
    out, skipping = [], False
    for line in config_text.splitlines(keepends=True):
        if re.match(r"^hooks\s*:", line):
            skipping = True
            continue
        if skipping and (not line.strip() or line[0] in " \t-#"):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` resolved, `!!python/...` tags ignored."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    value = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in value[:-1] if len(value) > 1 else value:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return value[-1] if len(value) > 1 else None


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def mkdocs_config(project: Path) -> dict[str, Any]:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


_site_module = None
VANILLA_DROPPED: set[str] = set()
_VANILLA_CHECKED: list[bool] = []  # theme templates the vanilla copy cannot use (they need a hook)


def data_layer(project: Path):
    """The engine-agnostic data layer (hooks/report), imported from the first snapshot."""
    global _site_module
    if _site_module is None:
        sys.path.insert(0, str(project / "hooks"))
        import report.site as site_module  # noqa: PLC0415 - imported from the snapshot on purpose

        _site_module = site_module
    return _site_module


def render_pages(project: Path) -> dict[str, str]:
    """Every docs page as the data layer renders it, per language: {relative output path: Markdown}."""
    site_module = data_layer(project)
    site = site_module.load_site(project / "data" / "report.yaml", project / "overrides" / "macros",
                                 list(LANGUAGES), root=project)
    if hasattr(site, "site_url"):  # what the adapter sets from mkdocs.yml (suggested citation)
        site.site_url = mkdocs_config(project).get("site_url") or ""
    docs = project / "docs"
    default = LANGUAGES[0]
    out: dict[str, str] = {}
    suffixed = re.compile(r"\.(" + "|".join(LANGUAGES) + r")\.md$")
    for page in sorted(docs.rglob("*.md")):
        if suffixed.search(page.name):
            continue
        for lang in LANGUAGES:
            own = page.with_name(page.name[:-3] + f".{lang}.md")
            source = own if own.exists() else page
            name = str(source.relative_to(project))
            target = page if lang == default else page.with_name(page.name[:-3] + f".{lang}.md")
            out[str(target.relative_to(project))] = site.render_page(
                source.read_text(encoding="utf-8"), lang=lang, name=name)
    return out


def with_copyright(project: Path, config_text: str) -> str:
    """The footer credit the hook's on_config puts in each language, written into mkdocs.yml instead."""
    site_module = data_layer(project)
    site = site_module.load_site(project / "data" / "report.yaml", project / "overrides" / "macros",
                                 list(LANGUAGES), root=project)
    if not hasattr(site, "credit") or "copyright" in mkdocs_config(project):
        return config_text
    from markupsafe import escape  # noqa: PLC0415 - as the hook does: Material inserts it as raw HTML

    credit = {lang: json.dumps(str(escape(site.credit(lang))), ensure_ascii=False) for lang in LANGUAGES}
    for lang in LANGUAGES[1:]:
        config_text = re.sub(rf"(?m)^(\s*)- locale: {lang}\s*$",
                             lambda m, lang=lang: f"{m.group(0)}\n{m.group(1)}  copyright: {credit[lang]}",
                             config_text, count=1)
    return config_text.rstrip("\n") + f"\n\ncopyright: {credit[LANGUAGES[0]]}\n"


def make_vanilla(project: Path, dest: Path) -> Path:
    """The same site without the data layer: no hooks, the rendered Markdown as static pages."""
    pages = render_pages(project)
    dest.mkdir(parents=True)
    shutil.copy2(project / "mkdocs.yml", dest / "mkdocs.yml")
    config_text = without_hooks((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config_text = with_copyright(project, config_text)
    (dest / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    shutil.copytree(project / "docs", dest / "docs")
    for path in (dest / "docs").rglob("*.md"):
        path.unlink()
    for rel, text in pages.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text, encoding="utf-8")
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", dest / "overrides",
                        ignore=shutil.ignore_patterns("macros"))
    # watch: entries that no longer exist would make `mkdocs serve` fail; builds ignore them.
    for name in ("data", "hooks"):
        (dest / name).mkdir(exist_ok=True)
    # Theme templates that need what a hook puts in their context cannot work without hooks:
    # drop each one a build trips over (Material's own template is used instead), and say so.
    overrides = dest / "overrides"
    if _VANILLA_CHECKED:  # the first copy found out which templates need a hook
        for rel in VANILLA_DROPPED:
            (dest / rel).unlink(missing_ok=True)
        return dest
    _VANILLA_CHECKED.append(True)
    for _ in range(20):
        try:
            mkdocs_build(dest, dest.parent / (dest.name + "-trial"))
            break
        except RuntimeError as error:
            failing = re.findall(r'File "(' + re.escape(str(overrides)) + r'/[^"]+\.html)"', str(error))
            if not failing:
                raise
            Path(failing[-1]).unlink()
            VANILLA_DROPPED.add(str(Path(failing[-1]).relative_to(dest)))
    shutil.rmtree(dest.parent / (dest.name + "-trial"), ignore_errors=True)
    return dest


# ---------------------------------------------------------------------------------------------
# Builds


def mkdocs_build(project: Path, out: Path) -> dict[str, Any]:
    """One `mkdocs build` in a child process: wall time and the child's own peak RSS."""
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
            cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=stderr,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            stderr.seek(0)
            raise RuntimeError(f"mkdocs build failed in {project}:\n{stderr.read().decode(errors='replace')[-3000:]}")
    return {"seconds": seconds, "cpu_s": usage.ru_utime + usage.ru_stime, "max_rss_mb": usage.ru_maxrss / 1024}


def spread(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    q = statistics.quantiles(ordered, n=4, method="inclusive") if len(ordered) >= 2 else [ordered[0]] * 3
    return {"median": statistics.median(ordered), "min": ordered[0], "max": ordered[-1],
            "q1": q[0], "q3": q[2], "n": len(ordered), "runs": values}


def bench_builds(variants: dict[str, Path], runs: int, work: Path) -> dict[str, Any]:
    """Interleaved builds (order alternates each round), one warm-up each, not counted."""
    names = list(variants)
    for name in names:
        mkdocs_build(variants[name], work / f"out-{name}")
    times: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    rss: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(runs):
        order = names if round_ % 2 == 0 else names[::-1]
        for name in order:
            result = mkdocs_build(variants[name], work / f"out-{name}")
            times[name].append(result["seconds"])
            cpu[name].append(result["cpu_s"])
            rss[name].append(result["max_rss_mb"])
    return {name: {**spread(times[name]), "cpu": spread(cpu[name]), "max_rss_mb": max(rss[name])} for name in names}


# ---------------------------------------------------------------------------------------------
# Check


def bench_check(project: Path, runs: int) -> dict[str, Any]:
    """The validate-only command (script if present, else in-process), and load+validate alone."""
    site_module = data_layer(project)
    from report.loading import load_yaml  # noqa: PLC0415
    from report.validation import check_report  # noqa: PLC0415

    report = project / "data" / "report.yaml"
    result: dict[str, Any] = {}
    script = project / "scripts" / "check_report.py"
    if script.exists():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, str(script), "data/report.yaml"], cwd=project, env=ENV,
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - start)
        result["command"] = f"python scripts/check_report.py (exit {proc.returncode})"
        result["command_s"] = spread(times)
        if proc.returncode != 0:
            # Maybe it does not take a path argument: run it plainly, inside the copy.
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                proc = subprocess.run([sys.executable, str(script)], cwd=project, env=ENV,
                                      capture_output=True, text=True)
                times.append(time.perf_counter() - start)
            result["command"] = f"python scripts/check_report.py, no argument (exit {proc.returncode})"
            result["command_s"] = spread(times)
    else:
        result["command"] = "in-process load_yaml + check_report (scripts/check_report.py absent)"

    # Cold: a fresh interpreter importing the data layer, then loading and validating once
    # (what a build pays); wall and CPU time of each step.
    probe = (
        "import sys, time; t0, c0 = time.perf_counter(), time.process_time(); sys.path.insert(0, 'hooks');"
        "from report.loading import load_yaml; from report.validation import check_report;"
        "import report.site; t1, c1 = time.perf_counter(), time.process_time();"
        "check_report(load_yaml('data/report.yaml'), ['vi', 'en']); t2, c2 = time.perf_counter(), time.process_time();"
        "print(t1 - t0, t2 - t1, c1 - c0, c2 - c1)"
    )
    samples: list[list[float]] = [[], [], [], []]
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", probe], cwd=project, env=ENV, capture_output=True,
                             text=True, check=True).stdout.split()
        for column, value in zip(samples, out):
            column.append(float(value))
    result["import_s"] = spread(samples[0])
    result["first_load_validate_s"] = spread(samples[1])
    result["import_cpu_s"] = spread(samples[2])
    result["first_load_validate_cpu_s"] = spread(samples[3])

    warm, warm_cpu = [], []
    for _ in range(max(runs, 10)):
        start, cpu = time.perf_counter(), time.process_time()
        check_report(load_yaml(report), list(LANGUAGES))
        warm.append(time.perf_counter() - start)
        warm_cpu.append(time.process_time() - cpu)
    result["load_validate_s"] = spread(warm)
    result["load_validate_cpu_s"] = spread(warm_cpu)
    if "command_s" not in result:
        result["command_s"] = result["load_validate_s"]

    # Rendering every page in both languages, templates compiled afresh (a build renders each page
    # once in on_page_markdown, plus the dry run of on_pre_build).
    site_module._cache.clear()
    start, cpu = time.perf_counter(), time.process_time()
    pages = render_pages(project)
    result["render_all_pages_s"] = time.perf_counter() - start
    result["render_all_pages_cpu_s"] = time.process_time() - cpu
    result["rendered_markdown_bytes"] = sum(len(text.encode()) for text in pages.values())
    return result


def bench_profile(project: Path, work: Path) -> dict[str, Any]:
    """One build under cProfile: where the hook's time goes (shares are approximate: profiling slows
    Python code more than C code)."""
    import pstats  # noqa: PLC0415

    prof = work / "build.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "-q",
                    "-d", str(work / "out-profile")], cwd=project, env=ENV, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stats = pstats.Stats(str(prof))
    total = stats.total_tt
    parts: dict[str, dict[str, float]] = {}
    for (filename, _line, function), (_cc, calls, _tt, cumtime, _callers) in stats.stats.items():
        file = Path(filename)
        if file.parent.name != "hooks" or file.suffix != ".py":
            continue
        if function == "<module>":
            label = f"import hooks/{file.name} (with report.*: pydantic, babel, jinja2)"
        elif function.startswith("on_"):
            label = f"{file.name}: {function}"
        else:
            continue
        parts[label] = {"calls": calls, "seconds": cumtime, "share_pct": 100 * cumtime / total}
    hook_total = sum(p["seconds"] for p in parts.values())
    shutil.rmtree(work / "out-profile", ignore_errors=True)
    return {"profiled_build_s": total, "parts": parts, "hook_total_s": hook_total,
            "hook_share_pct": 100 * hook_total / total}


# ---------------------------------------------------------------------------------------------
# Scale


def _is_text(value: Any) -> bool:
    return isinstance(value, dict) and value and set(value) <= set(LANGUAGES) and all(
        isinstance(v, str) for v in value.values())


def _variant(node: Any, n: int) -> Any:
    """A copy of ``node`` with every id suffixed and every text marked as copy ``n``."""
    if _is_text(node):
        return {lang: f"{text} (#{n})" for lang, text in node.items()}
    if isinstance(node, dict):
        return {key: (f"{value}-x{n}" if key == "id" and isinstance(value, str) else _variant(value, n))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_variant(item, n) for item in node]
    return node


def scale_report(data: Any, factor: int, path: tuple = ()) -> Any:
    """Every list of items with ids made ``factor`` times as long, except the fixed-length ones."""
    if isinstance(data, dict):
        return {key: scale_report(value, factor, (*path, key)) for key, value in data.items()}
    if isinstance(data, list):
        items = [scale_report(item, factor, (*path, i)) for i, item in enumerate(data)]
        if path in FIXED_LENGTH or not items or not all(isinstance(i, dict) and "id" in i for i in items):
            return items
        return items + [_variant(item, n) for n in range(2, factor + 1) for item in items]
    return data


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002
        return True


def write_scaled(project: Path, dest: Path, factor: int) -> Path:
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns("__pycache__"))
    data = yaml.safe_load((project / "data" / "report.yaml").read_text(encoding="utf-8"))
    scaled = scale_report(data, factor)
    (dest / "data" / "report.yaml").write_text(
        yaml.dump(scaled, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return dest


def bench_scale(project: Path, runs: int, work: Path) -> dict[str, Any]:
    """Build time and peak memory at 1x, 10x, 100x; the vanilla equivalent of each, interleaved."""
    results: dict[str, Any] = {}
    for factor in (1, 10, 100):
        target = write_scaled(project, work / f"scale-{factor}", factor)
        plain = make_vanilla(target, work / f"scale-{factor}-vanilla")
        yaml_bytes = (target / "data" / "report.yaml").stat().st_size
        md_bytes = sum(p.stat().st_size for p in (plain / "docs").rglob("*.md"))
        variants = {"site": target, "vanilla": plain}
        if factor == 1:  # warm-up (imports, disk cache); the larger sizes reuse it
            for name, path in variants.items():
                mkdocs_build(path, work / f"out-scale-{factor}-{name}")
        times: dict[str, list[float]] = {name: [] for name in variants}
        cpu: dict[str, list[float]] = {name: [] for name in variants}
        rss: dict[str, list[float]] = {name: [] for name in variants}
        for round_ in range(runs):
            for name in (list(variants) if round_ % 2 == 0 else list(variants)[::-1]):
                result = mkdocs_build(variants[name], work / f"out-scale-{factor}-{name}")
                times[name].append(result["seconds"])
                cpu[name].append(result["cpu_s"])
                rss[name].append(result["max_rss_mb"])
        html_bytes = sum(p.stat().st_size for p in (work / f"out-scale-{factor}-site").rglob("*.html"))
        results[f"{factor}x"] = {**spread(times["site"]), "cpu": spread(cpu["site"]), "max_rss_mb": max(rss["site"]),
                                 "yaml_bytes": yaml_bytes, "markdown_bytes": md_bytes, "html_bytes": html_bytes,
                                 "vanilla": {**spread(times["vanilla"]), "cpu": spread(cpu["vanilla"]),
                                             "max_rss_mb": max(rss["vanilla"])}}
        log(f"scale {factor}x: {statistics.median(times['site']):.2f} s, {max(rss['site']):.0f} MB "
            f"(vanilla {statistics.median(times['vanilla']):.2f} s, {max(rss['vanilla']):.0f} MB), "
            f"YAML {yaml_bytes / 1e3:.0f} kB")
        for name in variants:
            shutil.rmtree(work / f"out-scale-{factor}-{name}", ignore_errors=True)
        shutil.rmtree(plain, ignore_errors=True)
    s1, s10, s100 = (results[k]["yaml_bytes"] for k in ("1x", "10x", "100x"))
    size_growth = (s100 - s1) / (s10 - s1)
    results["size_growth_ratio"] = size_growth
    for k in ("1x", "10x", "100x"):  # what the hooks themselves cost at each size (CPU, site − vanilla)
        results[k]["hooks_cpu_s"] = results[k]["cpu"]["median"] - results[k]["vanilla"]["cpu"]["median"]
    # Wall time: best of n (waiting for a busy CPU only ever adds); CPU time: median.
    for prefix, pick in (("", lambda k: results[k]["min"]),
                         ("vanilla_", lambda k: results[k]["vanilla"]["min"]),
                         ("cpu_", lambda k: results[k]["cpu"]["median"]),
                         ("vanilla_cpu_", lambda k: results[k]["vanilla"]["cpu"]["median"]),
                         ("hooks_cpu_", lambda k: results[k]["hooks_cpu_s"])):
        t1, t10, t100 = (pick(k) for k in ("1x", "10x", "100x"))
        growth = (t100 - t1) / (t10 - t1) if t10 > t1 else float("inf")
        results[prefix + "growth_ratio"] = growth
        results[prefix + "growth_per_size"] = growth / size_growth
    return results


# ---------------------------------------------------------------------------------------------
# Preview under mkdocs serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def bench_serve(project: Path, edits: int, edit: Callable[[Path, int], str], label: str) -> dict[str, Any]:
    """Start `mkdocs serve`, then per edit: save, poll the home page every 20 ms until it shows the edit,
    and wait for the rebuild (both languages) to finish before the next edit."""
    port = free_port()
    site_url = mkdocs_config(project).get("site_url") or "/"
    base_path = urlsplit(site_url).path or "/"
    url = f"http://127.0.0.1:{port}{base_path}"
    log_path = project.parent / f"{project.name}-serve.log"
    done = "Reloading browsers"  # logged by mkdocs serve once a rebuild (every language) is over

    def rebuilds() -> int:
        return log_path.read_text(encoding="utf-8", errors="replace").count(done)

    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            cwd=project, env=ENV, stdout=log_file, stderr=log_file,
        )
    try:
        deadline = time.monotonic() + 60
        while fetch(url) is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mkdocs serve did not start:\n{log_path.read_text(errors='replace')[-2000:]}")
            time.sleep(0.1)
        time.sleep(1.0)  # let the first build settle
        times, full, misses = [], [], 0
        for n in range(1, edits + 1):
            before = rebuilds()
            marker = edit(project, n)
            saved = time.perf_counter()
            deadline = saved + 60
            seen = False
            while time.perf_counter() < deadline:
                page = fetch(url)
                if page is not None and marker in page:
                    times.append(time.perf_counter() - saved)
                    seen = True
                    break
                time.sleep(0.02)
            misses += not seen
            if rebuilds() > before:
                full.append(time.perf_counter() - saved)
            # Settle: no rebuild may still be running (or queued) when the next edit is saved.
            size, quiet_since = log_path.stat().st_size, time.perf_counter()
            while time.perf_counter() - quiet_since < 1.0 and time.perf_counter() < deadline:
                time.sleep(0.1)
                if log_path.stat().st_size != size:
                    size, quiet_since = log_path.stat().st_size, time.perf_counter()
        return {"label": label, **(spread(times) if times else {"median": None}),
                "full_rebuild": spread(full) if full else None, "misses": misses}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def edit_report(project: Path, n: int) -> str:
    """Insert a marker word into the event summary (shown on the home page) of data/report.yaml."""
    path = project / "data" / "report.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r" BENCHMARKEDIT\d+", "", text)
    summary = yaml.safe_load(text)["event"]["summary"][LANGUAGES[0]]
    words = " ".join(summary.split()[:3])
    if words not in text:
        raise RuntimeError("cannot find the event summary in data/report.yaml")
    marker = f"BENCHMARKEDIT{n}"
    save(path, text.replace(words, f"{words} {marker}", 1))
    return marker


def edit_markdown(project: Path, n: int) -> str:
    """The vanilla equivalent: the same marker written into the static docs/index.md."""
    path = project / "docs" / "index.md"
    text = re.sub(r"\n\nBENCHMARKEDIT\d+\n", "", path.read_text(encoding="utf-8"))
    marker = f"BENCHMARKEDIT{n}"
    save(path, text + f"\n\n{marker}\n")
    return marker


def save(path: Path, text: str) -> None:
    """Save as an editor does, atomically: the watcher never sees a half-written file."""
    temporary = path.with_name(f".{path.name}.benchmark-tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


# ---------------------------------------------------------------------------------------------
# Page weight in Chromium


def _serve_site_module():
    sys.path.insert(0, str(ROOT / "scripts"))
    import serve_site  # noqa: PLC0415

    return serve_site


def start_logged_server(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str, list[dict[str, Any]]]:
    """scripts/serve_site.py's handler (gzip, 404.html), recording every response it sends."""
    serve_site = _serve_site_module()
    served: list[dict[str, Any]] = []

    class Logged(serve_site.SiteHandler):
        def send_response(self, code, message=None):  # noqa: ANN001
            self._entry = {"path": self.path, "status": code, "gzip": False, "sent": None}
            served.append(self._entry)
            super().send_response(code, message)

        def send_header(self, keyword, value):  # noqa: ANN001
            entry = getattr(self, "_entry", None)
            if entry is not None:
                if keyword.lower() == "content-length":
                    entry["sent"] = int(value)
                elif keyword.lower() == "content-encoding":
                    entry["gzip"] = value == "gzip"
                elif keyword.lower() == "content-type":
                    entry["type"] = value.split(";")[0]
            super().send_header(keyword, value)

        def send_head(self):  # noqa: ANN201
            body = super().send_head()
            entry = getattr(self, "_entry", None)
            if entry is not None:
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                if not path.is_file():
                    path = Path(self.directory) / "404.html"
                entry["raw"] = path.stat().st_size if path.is_file() else entry["sent"]
                entry["gzip_bytes"] = entry["sent"]  # on the wire: gzip when compressible, else as is
            return body

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Logged, directory=str(directory)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/", served


def first_view(sites: dict[str, Path]) -> dict[str, Any]:
    """Load each site's home page in a fresh Chromium context; list what the server sent."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    results: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for name, directory in sites.items():
                server, url, served = start_logged_server(directory)
                try:
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    page = context.new_page()
                    console_errors: list[str] = []
                    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
                    page.goto(url, wait_until="networkidle")
                    page.wait_for_timeout(1000)
                    context.close()
                finally:
                    server.shutdown()
                    server.server_close()
                requests = [{k: e.get(k) for k in ("path", "status", "type", "raw", "gzip_bytes", "sent")}
                            for e in served]
                critical = [r for i, r in enumerate(requests)
                            if i == 0 or r.get("type") == "text/css"
                            or (r.get("type") == "text/javascript" and "/workers/" not in r["path"]
                                and "/lunr/" not in r["path"])]
                results[name] = {
                    "requests": requests,
                    "critical_sent": sum(r["sent"] or 0 for r in critical),
                    "critical_paths": [r["path"] for r in critical],
                    "total_raw": sum(r["raw"] or 0 for r in requests),
                    "total_sent": sum(r["sent"] or 0 for r in requests),
                    "console_errors": console_errors,
                }
        finally:
            browser.close()
    return results


# ---------------------------------------------------------------------------------------------
# Lighthouse


def lighthouse_command() -> tuple[list[str] | None, dict[str, Any]]:
    """Reuse scripts/lighthouse.py's finder if it exists, else bench/node_modules, else install there."""
    info: dict[str, Any] = {}
    local = BENCH / "node_modules" / ".bin" / "lighthouse"
    if local.exists():
        return [str(local)], info
    if shutil.which("lighthouse"):
        return [shutil.which("lighthouse")], info
    if not shutil.which("npm"):
        return None, {"skipped": "npm not found"}
    log("installing lighthouse into bench/node_modules (npm install --no-save lighthouse)")
    start = time.perf_counter()
    proc = subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(BENCH),
                           "lighthouse"], capture_output=True, text=True)
    info["install_s"] = time.perf_counter() - start
    if proc.returncode != 0 or not local.exists():
        return None, {**info, "skipped": f"npm install lighthouse failed: {proc.stderr[-500:]}"}
    return [str(local)], info


def run_lighthouse(command: list[str], url: str, out: Path) -> dict[str, Any]:
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    start = time.perf_counter()
    proc = subprocess.run(
        [*command, url, "--quiet", "--output=json", f"--output-path={out}",
         "--only-categories=performance,accessibility,best-practices,seo",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env=env, capture_output=True, text=True, timeout=180,
    )
    seconds = time.perf_counter() - start
    if not out.exists():
        return {"error": (proc.stderr or proc.stdout)[-800:], "seconds": seconds}
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {key: round(cat["score"] * 100) if cat.get("score") is not None else None
              for key, cat in report["categories"].items()}
    failed = sorted(
        f"{report['categories'][cat]['title']}: {audit_id}"
        for cat in report["categories"]
        for ref in report["categories"][cat]["auditRefs"]
        if ref.get("weight", 0) > 0
        for audit_id in [ref["id"]]
        if (report["audits"][audit_id].get("score") is not None and report["audits"][audit_id]["score"] < 0.9)
    )
    metrics = {k: report["audits"][k].get("numericValue") for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
               if k in report["audits"]}
    return {"scores": scores, "failed_audits": failed, "metrics": metrics, "seconds": seconds}


def bench_lighthouse(sites: dict[str, Path], work: Path) -> dict[str, Any]:
    if not CHROMIUM.exists():
        return {"skipped": "no /usr/bin/chromium"}
    helper = ROOT / "scripts" / "lighthouse.py"
    command, info = lighthouse_command()
    if command is None:
        return info
    version = subprocess.run([*command, "--version"], capture_output=True, text=True).stdout.strip()
    info["version"] = version
    serve_site = _serve_site_module()
    if helper.exists():
        # Reuse scripts/lighthouse.py (it finds `lighthouse` on PATH): same server, flags and scoring.
        os.environ["PATH"] = str(Path(command[0]).parent) + os.pathsep + os.environ.get("PATH", "")
        import lighthouse as helper_module  # noqa: PLC0415 - scripts/ is on sys.path

        if helper_module.available():
            info["helper_script"] = "scores from scripts/lighthouse.py `audit()`, one run per page"
            for name, directory in sites.items():
                log(f"lighthouse {name} (vi, en)")
                start = time.perf_counter()
                try:
                    audited = helper_module.audit(directory, pages=("", "en/"))
                except Exception as error:  # noqa: BLE001 - reported, never fatal
                    for lang in ("vi", "en"):
                        info[f"{name} {lang}"] = {"error": str(error)[-800:]}
                    continue
                seconds = (time.perf_counter() - start) / 2
                for lang, page in (("vi", "/"), ("en", "/en/")):
                    scores = audited[page]
                    info[f"{name} {lang}"] = {
                        "scores": {k: v for k, v in scores.items() if k != "failed"},
                        "failed_audits": scores.get("failed", []), "metrics": {}, "seconds": seconds}
            return info
    info["helper_script"] = "scripts/lighthouse.py absent; minimal runner in benchmark.py"
    for name, directory in sites.items():
        server, url = serve_site.start(directory)
        try:
            for lang, path in (("vi", ""), ("en", "en/")):
                key = f"{name} {lang}"
                log(f"lighthouse {key}")
                info[key] = run_lighthouse(command, url + path, work / f"lh-{name}-{lang}.json")
        finally:
            server.shutdown()
            server.server_close()
    return info


# ---------------------------------------------------------------------------------------------
# Report


def machine(ref: str | None = None) -> dict[str, Any]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", ref or "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    dirty = not ref and bool(subprocess.run(["git", "status", "--porcelain", "--", "hooks", "overrides", "docs", "data",
                                 "mkdocs.yml"], cwd=ROOT, capture_output=True, text=True).stdout.strip())
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
        "commit": commit + (" (+ uncommitted changes)" if dirty else ""),
        "chromium": subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True).stdout.strip()
        if CHROMIUM.exists() else None,
    }


def kb(n: float | None) -> str:
    return "–" if n is None else f"{n / 1024:.1f}"


def s(stats: dict[str, Any] | None, spread_: bool = True) -> str:
    if not stats or stats.get("median") is None:
        return "–"
    if not spread_:
        return f"{stats['median']:.2f} s"
    return f"{stats['median']:.2f} s ({stats['min']:.2f}–{stats['max']:.2f}, n={stats['n']})"


def ok(flag: bool | None) -> str:
    return "–" if flag is None else ("met" if flag else "**missed**")


def linear(per_size: float) -> str:
    """Growth against growth proportional to the data's size (1.00 = exactly proportional)."""
    verdict = "linear" if per_size <= 1.25 else "**faster than linear**"
    return f"{per_size:.2f}× size-proportional growth: {verdict}"


def render_markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"`python scripts/benchmark.py{' --quick' if r['quick'] else ''}` — {m['date']}, commit {m['commit']}, "
        f"benchmark ran {r['total_s']:.0f} s.",
        "",
        f"Machine: {m['cores']} cores ({m['cpu']}), Python {m['python']}, {m['platform']}; {m['chromium'] or 'no Chromium'}; "
        f"load average (1/5/15 min) {m['load_average_at_start']} at start, {m.get('load_average_at_end')} at end.",
        "Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v) + ".",
        "",
        "*Vanilla* = the same project copied without `hooks:` and with the Markdown the data layer renders",
        "written as static pages (`docs/X.md` Vietnamese, `docs/X.en.md` English): same pages, same content.",
        "Times are medians (min–max, n runs); builds of the two variants are interleaved in one run.",
        "",
        "## Summary",
        "",
        "| figure | this site | vanilla (same run) | target | |",
        "| --- | --- | --- | --- | --- |",
    ]
    b = r.get("build")
    if b:
        lines.append(f"| full bilingual `mkdocs build` | {s(b['site'])} | {s(b['vanilla'])} "
                     f"| data layer adds ≤ 10 % | {b['overhead_pct']:+.1f} % — {ok(b['overhead_pct'] <= 10)} "
                     f"(best of n: {b['best_overhead_pct']:+.1f} %) |")
        lines.append(f"| same, CPU time (user + sys) of the build process | {s(b['site']['cpu'])} | {s(b['vanilla']['cpu'])} "
                     f"| ≤ 10 % | {b['cpu_overhead_pct']:+.1f} % — {ok(b['cpu_overhead_pct'] <= 10)} |")
        lines.append(f"| build peak memory | {b['site']['max_rss_mb']:.0f} MB | {b['vanilla']['max_rss_mb']:.0f} MB | | |")
    c = r.get("check")
    if c:
        lines.append(f"| validate only: {c['command']} | {s(c['command_s'])} | | | |")
        lines.append(f"| load + validate once, fresh process (as a build does) | {s(c['first_load_validate_s'])}, "
                     f"CPU {c['first_load_validate_cpu_s']['median']:.3f} s | | | {c['share_of_build_pct']:.1f} % of a "
                     f"build's wall time, {c['share_of_build_cpu_pct']:.1f} % of its CPU time |")
        lines.append(f"| load + validate again, warm, in process | {s(c['load_validate_s'])} | | | |")
        lines.append(f"| import the data layer (pydantic, babel, jinja), fresh process | {s(c['import_s'])}, "
                     f"CPU {c['import_cpu_s']['median']:.3f} s | | | {c['import_share_pct']:.1f} % wall, "
                     f"{c['import_share_cpu_pct']:.1f} % CPU of a build |")
        lines.append(f"| render all pages once, both languages, in process | {c['render_all_pages_s']:.3f} s, CPU "
                     f"{c['render_all_pages_cpu_s']:.3f} s | | | {c['render_share_cpu_pct']:.1f} % CPU of a build; "
                     f"{c['rendered_markdown_bytes'] / 1024:.0f} KB Markdown |")
    pr = r.get("profile")
    if pr:
        lines.append(f"| data layer's share of a build under cProfile (all hook events) | "
                     f"{pr['hook_total_s']:.2f} s of {pr['profiled_build_s']:.2f} s | | | {pr['hook_share_pct']:.0f} % |")
    sc = r.get("scale")
    if sc:
        for k in ("1x", "10x", "100x"):
            x = sc[k]
            lines.append(f"| build, {k} report (YAML {x['yaml_bytes'] / 1024:.0f} KB → Markdown "
                         f"{x['markdown_bytes'] / 1024:.0f} KB) | {s(x)}, CPU {x['cpu']['median']:.2f} s, {x['max_rss_mb']:.0f} MB peak "
                         f"| {s(x['vanilla'])}, CPU {x['vanilla']['cpu']['median']:.2f} s, {x['vanilla']['max_rss_mb']:.0f} MB peak | | "
                         f"{100 * (x['median'] / x['vanilla']['median'] - 1):+.0f} % |")
        lines.append(f"| growth (t100 − t1) / (t10 − t1), wall time, best of n | {sc['growth_ratio']:.1f} | {sc['vanilla_growth_ratio']:.1f} "
                     f"| ≤ 10 (growth exactly proportional to the YAML's size gives {sc['size_growth_ratio']:.1f}) "
                     f"| {ok(sc['growth_ratio'] <= 10)} as written; {linear(sc['growth_per_size'])} |")
        lines.append(f"| same, CPU time | {sc['cpu_growth_ratio']:.1f} | {sc['vanilla_cpu_growth_ratio']:.1f} | ≤ 10 | "
                     f"{ok(sc['cpu_growth_ratio'] <= 10)} as written; {linear(sc['cpu_growth_per_size'])} |")
        lines.append(f"| same, CPU time the hooks add (site − vanilla: "
                     + ", ".join(f"{sc[k]['hooks_cpu_s']:.2f}" for k in ("1x", "10x", "100x"))
                     + f" s) | {sc['hooks_cpu_growth_ratio']:.1f} | | ≤ 10 | {ok(sc['hooks_cpu_growth_ratio'] <= 10)} as written; "
                     f"{linear(sc['hooks_cpu_growth_per_size'])} |")
    p = r.get("serve")
    if p:
        def missed(x: dict[str, Any] | None) -> str:
            return f", **{x['misses']} edit(s) never shown**" if x and x.get("misses") else ""
        lines.append(f"| `mkdocs serve`: save → new page served | {s(p['site'])}{missed(p['site'])} "
                     f"| {s(p.get('vanilla'))}{missed(p.get('vanilla'))} "
                     f"| reference {REFERENCE['serve_s']} s | |")
    w = r.get("weight")
    if w:
        lines.append(f"| home page first view, gzip (raw) | {kb(w['site']['total_sent'])} KB ({kb(w['site']['total_raw'])} KB), "
                     f"{len(w['site']['requests'])} requests | {kb(w['vanilla']['total_sent'])} KB "
                     f"({kb(w['vanilla']['total_raw'])} KB), {len(w['vanilla']['requests'])} requests "
                     f"| reference {REFERENCE['first_view_gzip_kb']} KB | "
                     f"{(w['site']['total_sent'] - w['vanilla']['total_sent']) / 1024:+.1f} KB |")
        lines.append(f"| of which HTML + CSS + main JS (needed to render), gzip | {kb(w['site']['critical_sent'])} KB "
                     f"| {kb(w['vanilla']['critical_sent'])} KB | reference 63.7 KB | |")
    lh = r.get("lighthouse")
    if lh and "skipped" not in lh:
        def fmt(key: str) -> str:
            x = lh.get(key) or {}
            if "scores" not in x:
                return "error"
            sc_ = x["scores"]
            return " / ".join(str(sc_.get(k)) for k in ("performance", "accessibility", "best-practices", "seo"))
        for lang in ("vi", "en"):
            lines.append(f"| Lighthouse mobile, home ({lang}): perf / a11y / best practices / SEO "
                         f"| {fmt('site ' + lang)} | {fmt('vanilla ' + lang)} | reference {REFERENCE['lighthouse']} | |")
    elif lh:
        lines.append(f"| Lighthouse | skipped: {lh['skipped']} | | | |")
    lines.append("")

    if pr:
        lines += ["## Where the hook's time goes (one build under cProfile)", "",
                  "| hook event | calls | seconds | share of profiled build |", "| --- | --- | --- | --- |"]
        for label, part in sorted(pr["parts"].items(), key=lambda kv: -kv[1]["seconds"]):
            lines.append(f"| {label} | {part['calls']} | {part['seconds']:.3f} | {part['share_pct']:.1f} % |")
        lines.append("")
    if w:
        lines += ["## First view of the home page, request by request", ""]
        for name in ("site", "vanilla"):
            lines += [f"### {name}", "", "| request | status | type | raw bytes | sent bytes (gzip if compressible) |", "| --- | --- | --- | --- | --- |"]
            for req in w[name]["requests"]:
                lines.append(f"| `{req['path']}` | {req['status']} | {req.get('type') or ''} | {req['raw'] or 0} "
                             f"| {req['gzip_bytes'] if req['gzip_bytes'] is not None else ''} |")
            lines.append(f"| **total** | | | **{w[name]['total_raw']}** | **{w[name]['total_sent']}** |")
            if w[name]["console_errors"]:
                lines.append("")
                lines.append("Console errors: " + "; ".join(f"`{e[:120]}`" for e in w[name]["console_errors"]))
            lines.append("")
    if lh and "skipped" not in lh:
        lines += ["## Lighthouse details", ""]
        if "install_s" in lh:
            lines.append(f"Installed with `npm install --no-save lighthouse` in {lh['install_s']:.0f} s.")
        lines.append(f"Lighthouse {lh.get('version')}; {lh.get('helper_script')}.")
        lines.append("")
        for key in ("site vi", "site en", "vanilla vi", "vanilla en"):
            x = lh.get(key) or {}
            if "scores" in x:
                metrics = "".join(f"{k} {v:.0f}; " if k != "cumulative-layout-shift" else f"{k} {v:.3f}; "
                                  for k, v in x["metrics"].items() if v is not None)
                lines.append(f"- **{key}**: {x['scores']}; {metrics}audits not passed in full: "
                             + (", ".join(x["failed_audits"]) or "none"))
            elif x:
                lines.append(f"- **{key}**: error `{x.get('error', '')[:300]}`")
        lines.append("")
    lines += ["## Notes", ""] + [f"- {note}" for note in r.get("notes", [])] + [""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (development); results go to a temp dir")
    parser.add_argument("--output", type=Path, help="directory for results.md/results.json (default: bench/)")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                        help="first wait up to SECONDS for the 1-min load average to fall below the core count")
    parser.add_argument("--ref", help="benchmark this commit (git archive) instead of the working tree")
    parser.add_argument("--skip", action="append", default=[],
                        choices=["build", "check", "scale", "serve", "weight", "lighthouse"])
    args = parser.parse_args()
    quick = args.quick
    runs = 3 if quick else 10
    if args.wait_quiet:
        until = time.monotonic() + args.wait_quiet
        while os.getloadavg()[0] >= (os.cpu_count() or 1) and time.monotonic() < until:
            log(f"waiting for a quieter machine: load average {os.getloadavg()[0]:.1f}")
            time.sleep(15)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    output = args.output or (work if quick else BENCH)
    results: dict[str, Any] = {"quick": quick, "ref": args.ref or "working tree", "machine": machine(args.ref), "reference": REFERENCE, "notes": []}
    notes = results["notes"]
    try:
        site = copy_project(work / "site-project", args.ref)
        vanilla = make_vanilla(site, work / "vanilla-project")
        results["hooks"] = [line.strip()[2:] for line in (site / "mkdocs.yml").read_text(encoding="utf-8")
                            .split("\nhooks:", 1)[-1].split("\n\n", 1)[0].splitlines() if line.strip().startswith("- ")]
        variants = {"site": site, "vanilla": vanilla}

        if "build" not in args.skip:
            log(f"build: {runs} interleaved rounds of site + vanilla")
            build = bench_builds(variants, runs, work)
            build["overhead_pct"] = 100 * (build["site"]["median"] / build["vanilla"]["median"] - 1)
            build["ratio"] = build["site"]["median"] / build["vanilla"]["median"]
            build["best_overhead_pct"] = 100 * (build["site"]["min"] / build["vanilla"]["min"] - 1)
            build["cpu_overhead_pct"] = 100 * (build["site"]["cpu"]["median"] / build["vanilla"]["cpu"]["median"] - 1)
            results["build"] = build
            log(f"build: site {build['site']['median']:.3f} s, vanilla {build['vanilla']['median']:.3f} s, "
                f"{build['overhead_pct']:+.1f} %")

        if "check" not in args.skip:
            log("check: validate-only command and load + validate share")
            check = bench_check(site, 3 if quick else 5)
            site_build = results.get("build", {}).get("site")
            if site_build:
                wall, cpu = site_build["median"], site_build["cpu"]["median"]
                check["share_of_build_pct"] = 100 * check["first_load_validate_s"]["median"] / wall
                check["share_of_build_cpu_pct"] = 100 * check["first_load_validate_cpu_s"]["median"] / cpu
                check["import_share_pct"] = 100 * check["import_s"]["median"] / wall
                check["import_share_cpu_pct"] = 100 * check["import_cpu_s"]["median"] / cpu
                check["render_share_cpu_pct"] = 100 * check["render_all_pages_cpu_s"] / cpu
            else:
                for key in ("share_of_build_pct", "share_of_build_cpu_pct", "import_share_pct",
                            "import_share_cpu_pct", "render_share_cpu_pct"):
                    check[key] = float("nan")
            results["check"] = check
            log("profile: one build under cProfile")
            results["profile"] = bench_profile(site, work)

        if "scale" not in args.skip:
            log("scale: 1x, 10x, 100x reports")
            results["scale"] = bench_scale(site, 1 if quick else 3, work)

        if "serve" not in args.skip:
            edits = 3 if quick else 5
            log(f"serve: {edits} edits of data/report.yaml, then of vanilla docs/index.md")
            serve_site_copy = shutil.copytree(site, work / "serve-site")
            serve_vanilla_copy = shutil.copytree(vanilla, work / "serve-vanilla")
            results["serve"] = {
                "site": bench_serve(serve_site_copy, edits, edit_report, "edit data/report.yaml"),
                "vanilla": bench_serve(serve_vanilla_copy, edits, edit_markdown, "edit docs/index.md"),
            }

        built = {"site": work / "out-site", "vanilla": work / "out-vanilla"}
        if {"weight", "lighthouse"} - set(args.skip):
            for name, out in built.items():
                if not (out / "index.html").exists():
                    mkdocs_build(variants[name], out)
        if "weight" not in args.skip:
            if CHROMIUM.exists():
                log("weight: first view of each home page in Chromium")
                results["weight"] = first_view(built)
            else:
                notes.append("Weight skipped: no /usr/bin/chromium.")
        if "lighthouse" not in args.skip:
            results["lighthouse"] = bench_lighthouse(built, work)
    finally:
        results["total_s"] = time.perf_counter() - started
        results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        output.mkdir(parents=True, exist_ok=True)
        results_notes(results)
        (output / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n",
                                             encoding="utf-8")
        table = render_markdown(results)
        (output / "results.md").write_text(table, encoding="utf-8")
        print(table)
        log(f"wrote {output / 'results.md'} and results.json in {results['total_s']:.0f} s")
        if output != work:
            shutil.rmtree(work, ignore_errors=True)
        else:  # --quick: keep only the results in the temp dir
            for child in work.iterdir():
                if child.name not in ("results.md", "results.json"):
                    shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink()
    return 0


def results_notes(r: dict[str, Any]) -> None:
    notes = r["notes"]
    sc = r.get("scale")
    if sc:
        notes.append(
            "Scale: every list of items with ids (groups, indicators, instructions, points, notes, positions) "
            "is repeated with suffixed ids and texts; `shortcomings.areas` (exactly 5) and `directives.items` "
            "(exactly 3) keep their length, their `points` grow. Fixed parts (event, programme) do not grow, so "
            f"the YAML grows {sc['size_growth_ratio']:.1f}× as much from 10x to 100x as from 1x to 10x; "
            "with time exactly proportional to size the growth ratio would be that number.")
    if VANILLA_DROPPED:
        notes.append("Vanilla copy: no hooks at all (" + ", ".join(
            f"`{h}`" for h in r.get("hooks", [])) + "), so these theme templates, which need a hook's context, "
            "were dropped from its overrides (Material's own are used): " + ", ".join(
            f"`{d}`" for d in sorted(VANILLA_DROPPED)) + ". Static theme assets (CSS, JS) are kept.")
    if r.get("build"):
        notes.append("Peak memory is the child's own ru_maxrss (os.wait4), per build process.")
    if r.get("serve"):
        notes.append("Preview: the edit is a marker word inserted into the home page's event summary; the home "
                     "page is polled every 20 ms over HTTP until it contains the marker; files are saved atomically, and "
                     "the next edit waits until the server's log has been quiet for 1 s. MkDocs 1.6 watches files by polling every 0.5 s "
                     "and waits 0.1 s more before building (about 0.35 s of each figure is the watcher), and it holds requests "
                     "until the whole rebuild, every language, is over.")
    if r.get("weight"):
        notes.append("Weight: every response the gzip server (scripts/serve_site.py's handler) sent while Chromium "
                     "loaded the home page (fresh context, until network idle + 1 s), including the search worker's "
                     "requests; sent bytes are the bytes on the wire (gzip for text types), raw bytes the file size.")
    if r.get("lighthouse") and "skipped" not in r["lighthouse"]:
        notes.append("Lighthouse's performance score moves by several points from run to run on a shared 2-core "
                     "machine (it simulates a slow phone from the measured trace); accessibility, best practices "
                     "and SEO do not.")
    load = r["machine"].get("load_average_at_start", [0])[0]
    if load > (r["machine"].get("cores") or 1):
        notes.insert(0, f"**The machine was busy** (1-min load average {load} at start on {r['machine']['cores']} "
                     f"cores, {r['machine'].get('load_average_at_end')} at end): wall-clock times include waiting for "
                     "a CPU; the CPU-time rows (user + sys of each build process) are the fairer comparison.")


if __name__ == "__main__":
    sys.exit(main())
