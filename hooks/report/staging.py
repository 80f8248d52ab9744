"""Build a site beside its folder and put it in place whole, or not at all.

A build writes into a fresh sibling folder (`.site.building-<pid>` next to `site/`). Only when the
whole build has succeeded is that folder swapped with `site/`: on Linux in one atomic step
(renameat2 with RENAME_EXCHANGE), elsewhere by two renames. Until then, and after any failure,
interruption or `kill -9`, the last good site stays exactly as it was. Folders left by an
interrupted build are removed by the next one. Engine-agnostic: paths in, paths out.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

_BUILDING = ".building-"
_OLD = ".old-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_folder(target: Path, pid: int | None = None) -> Path:
    """The sibling folder a build of ``target`` writes into: `.site.building-<pid>`."""
    return target.parent / f".{target.name}{_BUILDING}{pid or os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(target: Path) -> list[Path]:
    """Remove folders left beside ``target`` by builds that no longer run; returns them."""
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    for marker in (_BUILDING, _OLD):
        for folder in target.parent.glob(f".{target.name}{marker}*"):
            pid = folder.name.rsplit("-", 1)[-1]
            if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
                continue  # another build of the same site is running now
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def begin(target: Path) -> Path:
    """A fresh, empty staging folder for a build of ``target`` (leftovers cleaned first)."""
    clean_leftovers(target)
    staging = staging_folder(target)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def commit(staging: Path, target: Path) -> None:
    """Put the finished build in ``staging`` at ``target``; the previous site is removed."""
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging)  # it now holds the previous site
        return
    old = target.parent / f".{target.name}{_OLD}{os.getpid()}"
    target.rename(old)
    staging.rename(target)
    shutil.rmtree(old)


def abandon(staging: Path) -> None:
    """Drop an unfinished build; ``target`` was never touched."""
    shutil.rmtree(staging, ignore_errors=True)
