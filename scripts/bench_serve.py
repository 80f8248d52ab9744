"""The preview's speed: under `serve`, the time from saving a file to the new page being served.

Used by `scripts/benchmark.py`: the site (an edit of data/report.yaml) against plain Material (an
edit of the home page's Markdown), each in a copy of its own.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

import site_engine


def latencies(site: Path, plain: Path, work: Path, edits: int) -> dict[str, dict[str, Any]]:
    """Save -> served, in seconds, ``edits`` times for each (copies of ``site`` and ``plain`` in ``work``)."""
    return {"site": measure(shutil.copytree(site, work / "serve-site"), edits, edit_report),
            "plain": measure(shutil.copytree(plain, work / "serve-plain"), edits, edit_markdown)}


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
    summary = yaml.safe_load(text)["event"]["summary"]
    words = " ".join(next(iter(summary.values())).split()[:3])  # the default language's, written first
    marker = f"BENCHMARKEDIT{number}"
    save(path, text.replace(words, f"{words} {marker}", 1))
    return marker


def edit_markdown(project: Path, number: int) -> str:
    """The plain site's equivalent: the marker written into docs/index.md."""
    path = project / "docs" / "index.md"
    marker = f"BENCHMARKEDIT{number}"
    save(path, re.sub(r"\n\nBENCHMARKEDIT\d+\n", "", path.read_text(encoding="utf-8")) + f"\n\n{marker}\n")
    return marker


def measure(project: Path, edits: int, edit: Callable[[Path, int], str]) -> dict[str, Any]:
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
        return {"times": times, "misses": misses}
    finally:
        server.kill()  # nothing to save: the copy is thrown away
        server.wait()
