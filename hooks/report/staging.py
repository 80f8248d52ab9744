"""Where a build writes, and how a finished build takes the place of the last good site.

One rule, whoever builds: a site folder NAME is built in `.NAME.building` beside it. `mkdocs.yml`
names that staging folder as its `site_dir`, so even a build without the report hook never cleans
the published `site/`; with the hook, `-d OUT` is staged in `.OUT.building` the same way. Once the
whole build has succeeded, `publish` exchanges the two folders in one step (Linux renameat2 with
RENAME_EXCHANGE; two renames only where that call is missing) and deletes the previous site. A
failed, interrupted or killed build never touches NAME; the next build cleans the staging folder.

No build writes into a source folder, the project folder or one of its parents, an existing file,
or a folder that no build made (`MARKER`): `plan` refuses them with one line. Engine-agnostic.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: concurrent builds of one site are not held apart there
    fcntl = None  # type: ignore[assignment]

MARKER = ".report-site"  # written into every site a build makes: such a folder may be replaced
_BUILDING, _OLD = ".building", ".old"
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
_MISSING = {errno.ENOSYS, errno.EINVAL}  # no renameat2, or a file system without the exchange


class UnsafeSite(Exception):
    """A build refused before it starts: one line naming the folder and the fix."""


@dataclass(frozen=True)
class Plan:
    target: Path   # the published site folder
    staging: Path  # where this build writes (the target itself when it cannot be exchanged)

    @property
    def in_place(self) -> bool:
        return self.staging == self.target


def folders(site_dir: Path) -> tuple[Path, Path]:
    """(target, staging) for a configured ``site_dir``: `.NAME.building` is the staging of NAME."""
    site_dir = site_dir.resolve()
    name = site_dir.name
    if name.startswith(".") and name.endswith(_BUILDING) and len(name) > len(_BUILDING) + 1:
        return site_dir.with_name(name[1:-len(_BUILDING)]), site_dir
    return site_dir, site_dir.with_name(f".{name}{_BUILDING}")


def is_site(folder: Path) -> bool:
    """A folder a build made (its marker, or MkDocs' own output from before the marker existed)."""
    return (folder / MARKER).is_file() or ((folder / "sitemap.xml.gz").is_file() and (folder / "index.html").is_file())


def _refuse_source(folder: Path, sources: Iterable[Path], root: Path) -> None:
    if folder == root or folder in root.parents:
        raise UnsafeSite(f"{folder}: refusing to build into the project folder or a folder above it "
                         "(a build replaces the whole folder); build into a folder of its own, e.g. `-d site`")
    for source in sources:
        if folder == source or folder in source.parents or source in folder.parents:
            raise UnsafeSite(f"{folder}: refusing to build into or around the source folder {source} "
                             "(a build replaces the whole folder); build into a folder of its own, e.g. `-d site`")


def _refuse_non_site(folder: Path) -> None:
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UnsafeSite(f"{folder}: refusing to build over an existing file; give `-d` the name of a new folder "
                         "or of a site folder")
    if folder.is_dir() and any(folder.iterdir()) and not is_site(folder):
        raise UnsafeSite(f"{folder}: refusing to replace a folder that no build made (no {MARKER} in it); "
                         "move its files elsewhere or give `-d` the name of a new folder")


def plan(site_dir: Path, sources: Iterable[Path], root: Path) -> Plan:
    """Where a build of ``site_dir`` writes; UnsafeSite if that would cost a file.

    ``sources`` are the folders a build reads (docs, data, hooks, overrides...); ``root`` is the
    project folder (the config file's). A mount point cannot be exchanged: it is built in place.
    """
    target, staging = folders(site_dir)
    sources, root = [Path(source).resolve() for source in sources], root.resolve()
    for folder in (target, staging):
        _refuse_source(folder, sources, root)
    _refuse_non_site(target)
    if staging.is_symlink() or (staging.exists() and not staging.is_dir()):
        raise UnsafeSite(f"{staging}: refusing to build: this name is kept for the build's own folder; remove the file")
    return Plan(target, target if os.path.ismount(target) else staging)


def start(site_dir: Path, sources: Iterable[Path], root: Path, *, tell: Callable[[str], None]) -> Plan:
    """Plan a build of ``site_dir`` and begin it (`plan`, `begin`); every refusal or failure of the
    file system is an UnsafeSite of one line. ``tell`` is given what the builder should know."""
    try:
        found = plan(site_dir, sources, root)
        begin(found, lambda: tell(f"Waiting for another build of {found.target} to finish"))
    except OSError as error:
        raise UnsafeSite(failure_line(error, Plan(site_dir, site_dir))) from None
    if found.in_place:
        tell(f"{found.target} is a mount point, which cannot be exchanged in one step: building in place, so a "
             "failed build leaves it incomplete (build elsewhere with -d and copy, to keep the last good site)")
    return found


def begin(plan: Plan, waiting: Callable[[], None]) -> int | None:
    """Hold the site to one build at a time (until this process ends), then clean what an
    interrupted publish left. ``waiting`` is told when another build of it is running."""
    plan.target.parent.mkdir(parents=True, exist_ok=True)
    held = None
    if fcntl is not None:
        held = os.open(plan.target.parent, os.O_RDONLY)
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(held, fcntl.LOCK_EX)
    shutil.rmtree(_old(plan.target), ignore_errors=True)
    return held


def mark(site: Path) -> None:
    """Sign a finished site, so that a later build may replace it."""
    (site / MARKER).write_text("Built by this project's site build; a later build may replace this folder.\n",
                               encoding="utf-8")


def _old(target: Path) -> Path:
    return target.with_name(f".{target.name}{_OLD}")


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False only where the call is missing."""
    try:
        renameat2 = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _MISSING:
        return False
    raise OSError(code, os.strerror(code), str(second))


def publish(plan: Plan) -> None:
    """Put the finished build in place of the target; the previous site is deleted."""
    if plan.in_place:
        return
    if not plan.target.exists():
        os.rename(plan.staging, plan.target)
        return
    if not exchange(plan.staging, plan.target):
        os.rename(plan.target, _old(plan.target))  # only where the exchange is missing
        os.rename(plan.staging, plan.target)
        shutil.rmtree(_old(plan.target))
        return
    shutil.rmtree(plan.staging)  # it now holds the previous site


def abandon(plan: Plan) -> None:
    """Drop an unfinished build; the target was never touched (unless built in place)."""
    if not plan.in_place:
        shutil.rmtree(plan.staging, ignore_errors=True)


_FIXES = {
    errno.ENOSPC: "the disk is full: free some space and build again",
    errno.EDQUOT: "the disk quota is used up: free some space and build again",
    errno.EROFS: "the file system is read-only: build into a writable folder with `-d`",
    errno.EACCES: "permission denied: make the folder writable or build elsewhere with `-d`",
    errno.EPERM: "the system does not allow it: make the folder writable or build elsewhere with `-d`",
    errno.EBUSY: "the folder is in use (a mount point?): unmount it or build elsewhere with `-d`",
}


def failure_line(error: OSError, plan: Plan) -> str:
    """One plain line for an operating-system failure during a build."""
    where = Path(os.fsdecode(error.filename)) if error.filename else plan.staging
    if not where.is_relative_to(plan.target.parent):  # e.g. the theme file being copied: name the site's folder
        where = plan.staging
    fix = _FIXES.get(error.errno or 0, f"{error.strerror or error}: fix the folder or build elsewhere with `-d`")
    if plan.in_place:
        kept = f"{plan.target} is incomplete until a build succeeds"
    else:
        kept = f"{plan.target} keeps the last good site" if plan.target.exists() else f"{plan.target} was not written"
    return f"{where}: the build could not write there: {fix}. {kept}."
