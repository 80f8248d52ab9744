"""What the link-preview cards cost a build: cold (every card drawn) and warm (all from the cache),
against the build of a commit without cards (default: main), interleaved in one run.

    .venv/bin/python scripts/bench_cards.py [--runs 5] [--ref main]

Each variant is a copy of the project in a temporary folder; "cold" empties the copy's card cache
(`.cache/cards`) before every build, "warm" keeps it. Prints the median and min–max wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data", "schema")
MKDOCS = [sys.executable, "-m", "mkdocs"]


def copy_tree(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest / part)
    return dest


def copy_ref(dest: Path, ref: str) -> Path:
    dest.mkdir(parents=True)
    tracked = subprocess.run(["git", "ls-tree", "--name-only", ref], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    archive = subprocess.run(["git", "archive", ref, *[p for p in PARTS if p in tracked]], cwd=ROOT,
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def build(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([*MKDOCS, "build", "--strict", "-q", "-d", str(project / "site")], cwd=project,
                            env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"build of {project} failed:\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ref", default="main", help="the commit without cards to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cards-") as work:
        work = Path(work)
        variants = {f"{args.ref} (no cards)": copy_ref(work / "before", args.ref),
                    "cards, cold cache": copy_tree(work / "cold"), "cards, warm cache": copy_tree(work / "warm")}
        for project in variants.values():
            build(project)  # warm the OS caches (and the warm variant's card cache)
        times: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(args.runs):
            for name, project in variants.items():
                if "cold" in name:
                    shutil.rmtree(project / ".cache", ignore_errors=True)
                times[name].append(build(project))
        cards = sorted((variants["cards, warm cache"] / "site").rglob("card.png"))
        base = statistics.median(times[f"{args.ref} (no cards)"])
        print(f"full bilingual build, {args.runs} runs each, wall seconds (median, min–max):")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"  {name:<24} {median:6.3f}  ({min(values):.3f}–{max(values):.3f})  {median - base:+.3f} s")
        sizes = [card.stat().st_size for card in cards]
        print(f"{len(cards)} cards, {sum(sizes) / 1024:.1f} KB in all, largest {max(sizes) / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
