"""A throw-away copy of the project, for tests that edit the data or the config."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "data", "schema")
CARD_CACHE = Path(".cache") / "cards"  # the link-preview cards drawn so far: a copy need not draw them again


def copy_project(destination: Path) -> Path:
    """Copy what a build reads into ``destination`` (created) and return it."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / part)
    if (ROOT / CARD_CACHE).is_dir():
        shutil.copytree(ROOT / CARD_CACHE, destination / CARD_CACHE, ignore=shutil.ignore_patterns("*.tmp"))
    return destination


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: its SHA-256 and modification time (a rewrite changes it)."""
    return {
        str(path.relative_to(folder)): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
