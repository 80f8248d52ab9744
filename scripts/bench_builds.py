"""Copies of the project built and timed, for the benchmark: the site, and *plain* — the same pages
without the data layer (the Markdown it renders, written as static pages; Material's own templates).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import site_engine
from report import site_config

ROOT = Path(__file__).resolve().parent.parent
# Builds run as on a usual machine, where Python keeps the modules it compiled (__pycache__): a shell
# exporting PYTHONDONTWRITEBYTECODE=1 would compile the site's own modules afresh on every build
# (plain Material's are compiled once, when pip installs them). The cold build empties __pycache__.
AS_USUAL: dict[str, str | None] = {"PYTHONDONTWRITEBYTECODE": None}
LANGUAGES = tuple(site_config.site_languages(ROOT / site_config.NAME))


def spread(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


# --- Project copies ------------------------------------------------------------------------------


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
    without_hooks = re.sub(r"(?m)^[ \t]*- report_guard[ \t]*\n", "", without_hooks)  # the hook's guard goes with it
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
        process = subprocess.Popen(arguments, cwd=project, env=site_engine.environment(**AS_USUAL),
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
