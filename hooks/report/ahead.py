"""Work done ahead, beside a build: a forked child process runs it while the build goes on, on
another core where the machine has one, and only fills caches that the build reads (compiled
templates, drawn cards). Whatever the child has not finished, the build does itself, so nothing
depends on it but speed. Where a process cannot be forked, nothing runs ahead.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable


def start(*tasks: Callable[[], object]) -> Callable[[], None]:
    """Run ``tasks`` in order in a child process; returns the wait for it (call it before reading
    what the tasks fill). A task that fails is passed over: the build does that work itself."""
    if not hasattr(os, "fork"):
        return lambda: None
    pid = os.fork()
    if pid == 0:  # the child: runs the tasks and ends without running anything of its parent's
        try:
            for task in tasks:
                try:
                    task()
                except Exception:  # only a cache is not filled: the build fills it
                    continue
        finally:
            os._exit(0)

    def wait() -> None:
        with contextlib.suppress(ChildProcessError):  # already waited for
            os.waitpid(pid, 0)

    return wait
