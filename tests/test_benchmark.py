"""The benchmark's yardstick: its plain copy (the same pages as static Markdown, without the data layer,
its hook or its guard) builds with Material alone, so that scripts/benchmark.py can compare."""

from __future__ import annotations

import os
import subprocess
import sys

from bench_builds import make_plain
from project_copy import copy_project


def test_the_plain_copy_builds_strictly_with_no_hook(tmp_path):
    plain = make_plain(copy_project(tmp_path / "project"), tmp_path / "plain")
    config = (plain / "mkdocs.yml").read_text(encoding="utf-8")
    assert "mkdocs_report" not in config and "report_guard" not in config
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(plain / "mkdocs.yml"),
                            "-d", str(tmp_path / "out")], capture_output=True, text=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    assert built.returncode == 0, built.stderr[-3000:]
    assert (tmp_path / "out" / "index.html").is_file() and (tmp_path / "out" / "en" / "results" / "index.html").is_file()
