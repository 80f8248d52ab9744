"""A throw-away copy of the project, for tests that edit the data or the config."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data", "schema")
# What builds keep (compiled templates, checked data, link-preview cards; MAINTAINING.md, Caches),
# each entry named by what went into it: a copy builds as fast as the project, and an edit still
# misses its entries (tests/test_caches.py starts from no .cache/).
CACHE = Path(".cache")


def copy_project(destination: Path) -> Path:
    """Copy what a build reads into ``destination`` (created) and return it."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / part)
    if (ROOT / CACHE).is_dir():
        shutil.copytree(ROOT / CACHE, destination / CACHE, ignore=shutil.ignore_patterns("*.tmp", "tmp*"),
                        copy_function=_copy_if_still_there, dirs_exist_ok=True)
    return destination


def _copy_if_still_there(source: str, target: str) -> None:
    """A build running beside the copy may replace an entry meanwhile: a vanished one is not copied."""
    with contextlib.suppress(FileNotFoundError):
        shutil.copy2(source, target)


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: its SHA-256 and modification time (a rewrite changes it)."""
    return {
        str(path.relative_to(folder)): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
