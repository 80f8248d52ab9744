"""Render the Jinja macros inside Markdown pages, one language at a time.

Model text is plain text, and only ever shown as text. In HTML (attributes, raw HTML blocks)
autoescaping turns any markup into visible characters. Inside Markdown (headings, table cells,
link texts) the `md` filter writes every ASCII punctuation character as a numeric character
reference (`#` -> `&#35;`): Markdown reads none of them as syntax, and the browser, the table of
contents and the search index show each one exactly. Whole texts become escaped HTML paragraphs
with the `paragraphs` filter (a blank line starts a new one). An undefined name fails loudly.
"""

from __future__ import annotations

import hashlib
import os
import re
import string
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .problems import Problem, ReportError

# `{#id}` is Markdown's heading-anchor syntax; keep it out of Jinja's comment syntax.
_COMMENT_START, _COMMENT_END = "{##", "##}"
_INERT = str.maketrans({char: f"&#{ord(char)};" for char in string.punctuation})
# Line breaks and runs of spaces or tabs: one space in HTML anyway (no-break spaces are kept).
_SPACES = re.compile(r"[ \t\r\n]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
_LINE_BREAK = re.compile(r"[ \t]*[\r\n][ \t\r\n]*")


def markdown_text(value: Any) -> Markup:
    """Plain text on one line inside Markdown, with no character Markdown or HTML would read."""
    return Markup(_SPACES.sub(" ", str(value)).strip().translate(_INERT))


def html_paragraphs(value: Any) -> Markup:
    """Plain text as escaped HTML paragraphs, one `<p>` per blank-line-separated paragraph."""
    paragraphs = [_SPACES.sub(" ", part).strip() for part in _PARAGRAPH_BREAK.split(str(value))]
    return Markup("\n".join(f"<p>{escape(part)}</p>" for part in paragraphs if part))


def _one_line_in_html(value: Any) -> Any:
    """Every plain value printed into HTML stays on one line: a line break inside a raw HTML block
    would let Markdown read what follows (an indented line, a fence) as its own syntax.

    Only line breaks (with the blanks around them) become one space. Nothing is trimmed or joined:
    this runs on every value, attribute parts included (`class="a{{ ' b' }}"` keeps its space)."""
    return _LINE_BREAK.sub(" ", value) if type(value) is str else value


def _bytecode_folder() -> Path:
    """Compiled code depends on this module's settings (filters, finalize) as well as on the
    template: one folder per version of this file, so a change here never reuses stale code."""
    version = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"report-jinja-{os.getuid() if hasattr(os, 'getuid') else 0}-{version}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def make_environment(templates: Path) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        # Compiled templates are kept in the system's temporary folder (checked against the
        # source), so a build does not compile the macros again; nothing is written to the project.
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(_bytecode_folder())),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        comment_start_string=_COMMENT_START,
        comment_end_string=_COMMENT_END,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_one_line_in_html,
    )
    environment.filters["md"] = markdown_text
    environment.filters["paragraphs"] = html_paragraphs
    return environment


class PageRenderer:
    """Renders pages for one language with the macros of ``macros_template``."""

    def __init__(self, environment: jinja2.Environment, macros_template: str, context: Mapping[str, Any]):
        self.environment = environment
        self._context = dict(context)
        try:
            module = environment.get_template(macros_template).make_module(self._context)
        except jinja2.TemplateError as error:
            raise ReportError([_template_problem(error, macros_template)]) from None
        self._macros = {name: getattr(module, name) for name in dir(module) if not name.startswith("_")}

    def render(self, source: str, *, name: str) -> str:
        """Render one page's Markdown; `name` is used in messages (e.g. ``docs/results.md``)."""
        try:
            template = self.environment.from_string(source)
            template.name = template.filename = name
            return template.render({**self._context, **self._macros})
        except jinja2.TemplateError as error:  # a mistake in the page or the macros, with its line
            raise ReportError([_template_problem(error, name)]) from None


def _template_problem(error: jinja2.TemplateError, name: str) -> Problem:
    line = getattr(error, "lineno", None) or _line_from_traceback(error) or 1
    filename = getattr(error, "filename", None) or getattr(error, "name", None) or name
    if isinstance(error, jinja2.UndefinedError):
        message = f"template error: {error.message}; check the spelling against the model and macros"
    else:
        message = f"template error: {error.message or type(error).__name__}"
    return Problem(str(filename), line, 1, (), message)


def _line_from_traceback(error: BaseException) -> int | None:
    """Jinja rewrites tracebacks so that template frames carry template line numbers."""
    line = None
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith((".md", ".j2", "<template>")):
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
