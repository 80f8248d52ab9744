"""The site's pages. The one list is mkdocs.yml's `nav`; each page has one key, its file name
without `.md` (`index` is the home page), and everything else asks this module.

A page is made of four things, and `page_problems` names any that is missing, with its file and
line, before anything is built: its file `docs/KEY.md` (one line calling its macro), its macro in
`overrides/macros/report.md.j2`, its part of the model (`Report.KEY`, or a part marked
`ShownOn("KEY")`) and its labels (`page_KEY`, `description_KEY`; `report.labels`).
Engine-agnostic: the build gives the engine's nav, the check reads mkdocs.yml.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from .problems import Problem

HOME = "index"
CONFIG = "mkdocs.yml"
MODEL = "hooks/report/model.py"


class ShownOn:
    """Marks a part of the model shown on a page of another name (`event` on the home page)."""

    def __init__(self, page: str) -> None:
        self.page = page

    def __repr__(self) -> str:
        return f"ShownOn({self.page!r})"


def page_key(src_uri: str) -> str:
    """The key of the page in ``src_uri``: 'index.md' -> 'index', 'results.en.md' -> 'results'."""
    path = PurePosixPath(src_uri)
    return "/".join((*path.parts[:-1], path.name.split(".")[0]))


def nav_pages(nav: Any) -> tuple[str, ...]:
    """The keys of the pages a `nav` lists, in its order (`file.md`, `Title: file.md`, sections)."""
    if isinstance(nav, list):
        return tuple(key for entry in nav for key in nav_pages(entry))
    if isinstance(nav, dict):
        return nav_pages(list(nav.values()))
    if isinstance(nav, str) and nav.endswith(".md") and "://" not in nav:
        return (page_key(nav),)
    return ()


def page_path(page: str) -> str:
    """A page's path below its language's root: 'index' -> '', 'results' -> 'results/'."""
    return "" if page == HOME else f"{page}/"


def shown_on(model: Any, pages: Sequence[str]) -> dict[str, str]:
    """The page each top-level part of ``model`` (the `Report` class) is shown on; a part whose
    name is no page's and that is not marked `ShownOn` is left out (`page_problems` names it)."""
    found = {}
    for name, field in model.model_fields.items():
        marks = [mark.page for mark in field.metadata if isinstance(mark, ShownOn)]
        page = marks[0] if marks else name
        if page in pages:
            found[name] = page
    return found


def page_problems(pages: Sequence[str], *, docs: Path, config_text: str, model: Any) -> list[Problem]:
    """What is missing for the pages of the nav: a file, a part of the model, a page for a part.

    ``docs`` is the pages' folder; ``config_text`` the text of mkdocs.yml (for its line numbers);
    ``model`` the `Report` class. Labels are checked with the labels, macros by rendering.
    """
    problems: list[Problem] = []
    parts = shown_on(model, pages)
    if HOME not in pages:
        problems.append(Problem(CONFIG, _line(config_text, "nav:"), 1, (),
                                f"the nav has no home page: add `- {HOME}.md` at its top"))
    for page in pages:
        line = _line(config_text, f"{page}.md")
        if not (docs / f"{page}.md").is_file():
            problems.append(Problem(CONFIG, line, 1, (), (
                f"the page '{page}' has no file: create {docs.name}/{page}.md with one line that calls its "
                f"macro, e.g. {{{{ {page.replace('-', '_')}_section() }}}}")))
        if page not in parts.values():
            problems.append(Problem(CONFIG, line, 1, (), (
                f"the page '{page}' shows no part of the model: add a part `{page}:` to Report in {MODEL} "
                f"(and its data to data/report.yaml), or mark the part it shows `ShownOn(\"{page}\")`")))
    for name in model.model_fields:
        if name not in parts:
            problems.append(Problem(MODEL, _field_line(model, name), 1, (), (
                f"the part '{name}' of the model is on no page: add `- {name}.md` to the nav in {CONFIG}, or mark "
                "it with the page that shows it, e.g. ShownOn(\"about\")")))
    listed = {f"{page}.md" for page in pages}
    for path in sorted(docs.glob("*.md")):
        if path.name.count(".") == 1 and path.name not in listed:  # results.en.md is a translation
            problems.append(Problem(f"{docs.name}/{path.name}", 1, 1, (), (
                f"this page is not in the nav of {CONFIG}: add `- {path.name}` there (or delete the file)")))
    return problems


def _line(text: str, needle: str) -> int:
    """The first line of ``text`` that names ``needle`` as a value (1 if none does)."""
    pattern = re.compile(rf"(?:^|[\s:\-'\"]){re.escape(needle)}['\"]?\s*(?:#.*)?$")
    return next((number for number, line in enumerate(text.splitlines(), start=1) if pattern.search(line)), 1)


def _field_line(model: Any, name: str) -> int:
    """The line of ``model``'s field ``name`` in its source file."""
    try:
        lines, start = inspect.getsourcelines(model)
    except (OSError, TypeError):
        return 1
    return next((start + index for index, line in enumerate(lines) if re.match(rf"\s+{name}\s*:", line)), start)
