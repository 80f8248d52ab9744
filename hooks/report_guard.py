"""A Markdown extension listed in mkdocs.yml beside the report hook. A build whose pages are
converted without the hook (its `hooks:` entry removed) stops at the first page with one line
naming the fix, instead of a traceback from the theme, which needs what only the hook provides.

A module of its own, outside the package `report`: Python-Markdown imports it before any hook is
loaded, and it imports nothing of the report, so the hook's package is the one beside the hook.
The hook marks each build it runs (`mark`); a build without it leaves the mark unset.
Python-Markdown only: no site engine's code."""

from __future__ import annotations

import sys
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

MESSAGE = ("mkdocs.yml:1:1: hooks: the report hook is missing, and the site is built with it: put back `hooks:` "
           "with `- hooks/mkdocs_report.py` (git diff mkdocs.yml shows it)")

_hook_running = False


def mark(running: bool) -> None:
    """Set by the report hook (hooks/mkdocs_report.py) while it runs a build, cleared after it."""
    global _hook_running
    _hook_running = running


class _Check(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not _hook_running:
            print(f"ERROR    -  {MESSAGE}", file=sys.stderr, flush=True)
            raise SystemExit(1)  # not an Exception: no engine turns it into a traceback
        return lines


class HookGuard(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Check(md), "report_hook_guard", 1000)


def makeExtension(**options: Any) -> HookGuard:
    return HookGuard(**options)
