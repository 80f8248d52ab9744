"""The one place that runs the site engine: MkDocs 1.6.1 by default, ProperDocs 1.6.7 with
``SITE_ENGINE=properdocs`` (install ``requirements-properdocs.txt``). Tests and scripts build and
serve the site through these helpers only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENGINES = ("mkdocs", "properdocs")


def engine() -> str:
    """The engine chosen by ``SITE_ENGINE`` (default ``mkdocs``)."""
    name = os.environ.get("SITE_ENGINE", "mkdocs").strip().lower() or "mkdocs"
    if name not in ENGINES:
        raise ValueError(f"SITE_ENGINE={name!r}: expected one of {', '.join(ENGINES)}")
    return name


def command(*args: str) -> list[str]:
    """``python -m <engine> ARGS`` with this interpreter, e.g. ``command("serve", "-a", ...)``."""
    return [sys.executable, "-m", engine(), *args]


def environment(**extra: str | None) -> dict[str, str]:
    """The process environment with Material's MkDocs 2.0 notice silenced (see README), plus ``extra``
    (a variable given as None is removed)."""
    merged = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}
    return {name: value for name, value in merged.items() if value is not None}


def build(project: Path, site_dir: Path, *extra: str, strict: bool = True, timeout: float = 300,
          env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess[str]:
    """Build ``project`` (its mkdocs.yml) into ``site_dir``; ``--strict`` unless told otherwise;
    ``env``: variables added to the environment (e.g. ``SITE_URL``), or removed (given as None)."""
    # No `-q`: MkDocs 1.6 counts only the warnings it logs, so a quiet strict build never fails.
    args = ["build", *(["--strict"] if strict else []), "-f", str(project / "mkdocs.yml"),
            "-d", str(site_dir), *extra]
    return subprocess.run(command(*args), cwd=project, env=environment(**(env or {})), capture_output=True, text=True,
                          timeout=timeout)
