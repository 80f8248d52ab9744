"""Checked data kept between builds (`.cache/data/`): a build whose inputs did not change reads the
checked report, its labels, its warnings and its rendered pages back instead of checking and
rendering again.

An entry is named by a digest of everything that went into it: the data files' bytes (given by
the caller), this package's own source, and the versions of Python and of the packages whose
objects it holds. So a changed file, a changed check or an upgrade never reads an old entry;
an entry that cannot be read is ignored and replaced. Engine-agnostic.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

FOLDER = "data"
_PACKAGES = ("pydantic", "pydantic_core", "babel", "Jinja2", "MarkupSafe")


@functools.cache
def _code() -> str:
    """This package's sources and the versions its kept objects depend on."""
    digest = hashlib.sha256(sys.version.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    for package in _PACKAGES:
        digest.update(f"{package}=={metadata.version(package)}".encode())
    return digest.hexdigest()


def entry_name(parts: Iterable[object]) -> str:
    """The name of the entry for ``parts`` (what went into it: digests, languages, pages...)."""
    return hashlib.sha256(repr((_code(), *parts)).encode("utf-8")).hexdigest()[:32] + ".pickle"


def read(cache: Path, name: str) -> Any | None:
    """The entry ``name`` under ``cache``, or None (missing, or written by something else)."""
    path = cache / FOLDER / name
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # only ever written by `write`, into the project's own .cache/
    except FileNotFoundError:
        return None
    except Exception:  # an entry this version cannot read: it is replaced by the next write
        path.unlink(missing_ok=True)
        return None


def write(cache: Path, name: str, value: object) -> None:
    """Keep ``value`` as entry ``name``, written whole or not at all; older entries are dropped."""
    folder = cache / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".entry.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for old in folder.glob("*.pickle"):
        if old.name != name:
            old.unlink(missing_ok=True)
