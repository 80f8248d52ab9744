"""Lighthouse scores (mobile) of the built site, served like GitHub Pages (gzip, 404.html) on 127.0.0.1.

Installs nothing: it runs the pinned Lighthouse in tools/ (MAINTAINING.md, "Lighthouse":
`npm install --no-save --prefix tools lighthouse@12.8.2`), else `lighthouse` on PATH, else
`npx --no-install lighthouse`, with Debian's Chromium (CHROME_PATH, default /usr/bin/chromium).

    python scripts/lighthouse.py                 # build into a temporary folder, then audit
    python scripts/lighthouse.py site            # audit an existing build
    python scripts/lighthouse.py --check         # exit 1 below a11y/best practices/SEO 100, perf 98

Without a site folder the site is built with SITE_URL set to the local server, so canonical and
hreflang links point where Lighthouse browses. Used by the benchmark through `available()` and
`audit()`; exits 2 (and `available()` is False) when Lighthouse cannot be run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import serve_site
import site_engine
from report import site_config
from report.languages import language_root
from report.pages import page_path

ROOT = Path(__file__).resolve().parent.parent
# The home page and the nav's next page, in each language ("", "results/", "en/", "en/results/").
LANGUAGES = site_config.site_languages(ROOT / site_config.NAME)
PAGES = tuple(language_root(lang, LANGUAGES[0]) + page_path(page)
              for lang in LANGUAGES for page in site_config.pages(ROOT / site_config.NAME)[:2])
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
THRESHOLDS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


# Where .ci/run installs the pinned Lighthouse (npm install --prefix tools lighthouse@VERSION).
LOCAL = ROOT / "tools" / "node_modules" / ".bin" / "lighthouse"


def command() -> list[str] | None:
    """How to start Lighthouse here, or None (nothing is installed or downloaded)."""
    if LOCAL.exists():
        return [str(LOCAL)]
    if shutil.which("lighthouse"):
        return ["lighthouse"]
    if shutil.which("npx"):
        probe = subprocess.run(["npx", "--no-install", "lighthouse", "--version"],
                               capture_output=True, text=True, timeout=120)
        if probe.returncode == 0:
            return ["npx", "--no-install", "lighthouse"]
    return None


def chrome() -> str | None:
    for candidate in (os.environ.get("CHROME_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def available() -> bool:
    return command() is not None and chrome() is not None


def lighthouse(url: str) -> dict:
    """One mobile Lighthouse run: {category: score 0–100, 'failed': [audit ids below 1]}."""
    cmd = command()
    if cmd is None:
        raise RuntimeError("Lighthouse not found: see MAINTAINING.md, 'Lighthouse'")
    result = subprocess.run(
        [*cmd, url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": chrome() or ""},
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores: dict = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["failed"] = sorted(
        audit_id
        for name in CATEGORIES
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] > 0
        for audit_id in [ref["id"]]
        if (report["audits"][audit_id].get("score") is not None and report["audits"][audit_id]["score"] < 1)
    )
    return scores


def audit(site_dir: Path, pages=PAGES, runs: int = 1, url: str | None = None) -> dict[str, dict]:
    """Scores per page (median over ``runs``) of ``site_dir`` served on 127.0.0.1 (or at ``url``)."""
    server = None
    if url is None:
        server, url = serve_site.start(site_dir)
    try:
        results = {}
        for page in pages:
            samples = [lighthouse(url + page) for _ in range(runs)]
            merged = {name: round(statistics.median(s[name] for s in samples)) for name in CATEGORIES}
            merged["failed"] = sorted({audit_id for s in samples for audit_id in s["failed"]})
            results["/" + page] = merged
        return results
    finally:
        if server:
            server.shutdown()


def confirmed(results: dict[str, dict], site_dir: Path, url: str | None = None, runs: int = 3) -> dict[str, dict]:
    """Re-measure pages whose only shortfall is performance, keeping the median of ``runs``.

    Performance is timed, so one run on a busy machine can dip by a point or two; the other
    categories are deterministic and are never re-measured.
    """
    shaky = [page for page, scores in results.items()
             if scores["performance"] < THRESHOLDS["performance"]
             and all(scores[name] >= THRESHOLDS[name] for name in THRESHOLDS if name != "performance")]
    if shaky:
        results = {**results, **audit(site_dir, [page.lstrip("/") for page in shaky], runs=runs, url=url)}
    return results


def build_for(url: str, site_dir: Path) -> None:
    """Build the site into ``site_dir`` with its URLs pointing at ``url``."""
    result = site_engine.build(ROOT, site_dir, env={"SITE_URL": url})
    if result.returncode != 0:
        raise RuntimeError(f"the build for Lighthouse failed:\n{result.stdout}{result.stderr}")


def below_thresholds(results: dict[str, dict]) -> list[str]:
    return [f"{page} {name} {scores[name]} < {minimum}"
            for page, scores in results.items() for name, minimum in THRESHOLDS.items()
            if scores[name] < minimum]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--pages", nargs="*", default=list(PAGES), help="paths under the site root")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is kept")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    parser.add_argument("--check", action="store_true", help="exit 1 if a score is below its threshold")
    args = parser.parse_args()
    if not available():
        print("Lighthouse or Chromium not found: see MAINTAINING.md, 'Lighthouse'",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        if args.site:
            results = audit(args.site, args.pages, args.runs)
        else:
            site = Path(tmp) / "site"
            site.mkdir()
            server, url = serve_site.start(site)
            try:
                build_for(url, site)
                results = audit(site, args.pages, args.runs, url=url)
            finally:
                server.shutdown()
    print(f"{'page':16} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5}  below 100%")
    for page, s in results.items():
        print(f"{page:16} {s['performance']:5d} {s['accessibility']:5d} {s['best-practices']:5d} {s['seo']:5d}"
              f"  {', '.join(s['failed']) or '-'}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    problems = below_thresholds(results)
    if args.check and problems:
        print("below threshold:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
