"""Folders of `.cache/` whose contents are loaded as code (compiled templates, pickled checked
data): used only while they are this user's own and no one else may write to them, as Jinja asks of
its own default cache folder. Made private (0700) when created. Engine-agnostic."""

from __future__ import annotations

import os
import stat
from pathlib import Path

_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


def private_folder(folder: Path, top: Path) -> Path | None:
    """``folder`` (``top`` or a folder below it), made where missing, when ``top`` and every folder
    down to ``folder`` is a real folder (not a link) owned by this user and writable by no one
    else; None when one is not (its contents could have been put there by someone else)."""
    parts = folder.relative_to(top).parts
    for path in [top, *(top.joinpath(*parts[:depth]) for depth in range(1, len(parts) + 1))]:
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
        if not _own(path):
            return None
    return folder


def _own(path: Path) -> bool:
    try:
        status = path.lstat()
    except OSError:
        return False
    return (stat.S_ISDIR(status.st_mode) and status.st_uid == os.getuid()
            and not status.st_mode & _OTHERS_WRITE)
