"""Work done ahead, beside a build: a forked child process runs it while the build goes on, on
another core where the machine has one, and only fills caches that the build reads (compiled
templates, drawn cards). Whatever the child has not finished, the build does itself, so nothing
depends on it but speed. Where a process cannot be forked, nothing runs ahead.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from .site import SiteData


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


def fill_caches(theme: jinja2.Environment, root: Path, site_names: Mapping[str, str],
                load: Callable[[], SiteData]) -> None:
    """What a first build fills under `.cache/`: the macros and the theme's templates compiled, then
    every page's card drawn from the data ``load`` checks; ``site_names``: each language's site name."""
    from .cards import draw_missing
    from .render import compile_ahead, make_environment, template_cache
    from .site import MACROS
    from .site_config import CARD_CACHE, TEMPLATE_CACHE
    from .site_config import MACROS as MACROS_FOLDER

    compile_ahead(make_environment(root / MACROS_FOLDER, root / TEMPLATE_CACHE), [MACROS])
    theme.bytecode_cache = template_cache(theme, root / TEMPLATE_CACHE)
    compile_ahead(theme, ["main.html", "404.html", "sitemap.xml", "partials/language.html",
                          *(f"partials/languages/{lang}.html" for lang in [*site_names, "en"])])
    draw_missing(load().page_cards(site_names), root / CARD_CACHE)
