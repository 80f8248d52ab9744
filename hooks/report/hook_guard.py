"""A Markdown extension listed in mkdocs.yml beside the report hook. A build whose pages are
converted without the hook (its `hooks:` entry removed) stops at the first page with one line
naming the fix, instead of a traceback from the theme, which needs what only the hook provides.
The hook marks each build it runs (`mark`); a build without it leaves the mark unset.
Python-Markdown only: no site engine's code.

Markdown imports this module from wherever `report` is installed, before any hook is loaded: the
hook `release`s those modules to use the package beside it (a project copy's own), so the mark is
kept in the process's environment, which both copies of this module read: the process id, so that
a child process never inherits it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

MARK = "REPORT_HOOK_BUILD"


def mark(running: bool) -> None:
    """Set by the report hook (hooks/mkdocs_report.py) while it runs a build, cleared after it."""
    if running:
        os.environ[MARK] = str(os.getpid())
    else:
        os.environ.pop(MARK, None)


def release(beside: Path) -> None:
    """Forget the modules of `report` loaded from elsewhere than ``beside`` (the hook's folder)."""
    for name in [name for name in sys.modules if name.split(".")[0] == "report"]:
        where = getattr(sys.modules[name], "__file__", None) or ""
        if not Path(where).resolve().is_relative_to(beside.resolve()):
            del sys.modules[name]
MESSAGE = ("mkdocs.yml:1:1: hooks: the report hook is missing, and the site is built with it: put back `hooks:` "
           "with `- hooks/mkdocs_report.py` (git diff mkdocs.yml shows it)")


class _Check(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if os.environ.get(MARK) != str(os.getpid()):
            print(f"ERROR    -  {MESSAGE}", file=sys.stderr, flush=True)
            raise SystemExit(1)  # not an Exception: no engine turns it into a traceback
        return lines


class HookGuard(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Check(md), "report_hook_guard", 1000)


def makeExtension(**options: Any) -> HookGuard:
    return HookGuard(**options)
