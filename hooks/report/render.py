"""Render the Jinja macros inside Markdown pages, one language at a time.

Model text is plain text, and only ever shown as text. In HTML (attributes, raw HTML blocks)
autoescaping turns any markup into visible characters. Inside Markdown (headings, table cells,
link texts) the `md` filter writes every ASCII punctuation character as a numeric character
reference (`#` -> `&#35;`): Markdown reads none of them as syntax, and the browser, the table of
contents and the search index show each one exactly. Whole texts become escaped HTML paragraphs
with the `paragraphs` filter (a blank line starts a new one). An undefined name fails loudly.
"""

from __future__ import annotations

import functools
import hashlib
import re
import string
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import jinja2.sandbox
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


def template_cache(environment: jinja2.Environment, folder: Path) -> jinja2.BytecodeCache:
    """Compiled templates kept between builds in a subfolder of ``folder``.

    Jinja recompiles a template whose source changed (it checks a checksum of the source); the
    subfolder's name covers everything else compiled code depends on: Jinja's and Python's
    versions, the environment's syntax and options, and its extensions, filters and tests (a filter
    may run at compile time on a constant, so the source of the files that define them counts too).
    """
    digest = hashlib.sha256(repr(_compile_settings(environment)).encode("utf-8")).hexdigest()[:16]
    path = folder / digest
    path.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(path))


def compile_ahead(environment: jinja2.Environment, names: Iterable[str]) -> None:
    """Compile ``names`` and every template they name (extends, include, import), for the bytecode
    cache (`template_cache`): done ahead of a build that will load them (report.ahead)."""
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source = environment.loader.get_source(environment, name)[0] if environment.loader else ""
            environment.get_template(name)
        except jinja2.TemplateError:  # not there, or not valid: the build says so itself
            continue
        todo += [found for found in jinja2.meta.find_referenced_templates(environment.parse(source)) if found]


def _compile_settings(environment: jinja2.Environment) -> list[Any]:
    def name(value: Any) -> str:
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"

    options = [getattr(environment, option) for option in _OPTIONS]
    callables = [*environment.filters.values(), *environment.tests.values()]
    sources = sorted({source for value in callables if (source := _source_file(value))})
    return [jinja2.__version__, sys.version, name(type(environment)), *map(repr, options),
            name(environment.finalize), name(environment.undefined), name(environment.autoescape),
            sorted(environment.extensions), sorted(environment.filters), sorted(environment.tests),
            [(source, _digest(source)) for source in sources]]


_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
            "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
            "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async")


def _source_file(value: Any) -> str | None:
    """The file that defines ``value``, unless it is Jinja's own (covered by its version)."""
    source = getattr(getattr(value, "__code__", None), "co_filename", None)
    return source if source and Path(source).is_file() and "jinja2" not in Path(source).parts else None


@functools.cache
def _digest(source: str) -> str:
    return hashlib.sha256(Path(source).read_bytes()).hexdigest()


class _FailWhereWritten(jinja2.StrictUndefined):
    """A name or attribute that does not exist fails at the line that names it (a macro that
    prints it may be hundreds of lines away), not only where it is printed."""

    def __init__(self, hint: str | None = None, obj: Any = jinja2.utils.missing, name: str | None = None,
                 exc: type[jinja2.TemplateRuntimeError] = jinja2.UndefinedError) -> None:
        super().__init__(hint, obj, name, exc)
        if hint is None:
            self._fail_with_undefined_error()


def make_environment(templates: Path, cache: Path | None = None) -> jinja2.Environment:
    """Pages and macros are templates an editor writes: they run sandboxed (no access to Python
    internals such as `cycler.__init__.__globals__`), and include only files of ``templates``.
    With ``cache``, compiled templates are kept there between builds (`template_cache`)."""
    environment = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=_FailWhereWritten,
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
    if cache is not None:
        environment.bytecode_cache = template_cache(environment, cache)
    return environment


class PageRenderer:
    """Renders pages for one language with the macros of ``macros_template``.

    ``shown_as`` is how messages name the templates' folder (e.g. ``overrides/macros``)."""

    def __init__(self, environment: jinja2.Environment, macros_template: str, context: Mapping[str, Any],
                 shown_as: str = ""):
        self.environment = environment
        self._macros_template = macros_template
        self._context = dict(context)
        self._shown_as = shown_as
        try:
            module = environment.get_template(macros_template).make_module(self._context)
        except (jinja2.TemplateError, TypeError) as error:
            raise ReportError([self._problem(error, macros_template)]) from None
        self._macros = {name: getattr(module, name) for name in dir(module) if not name.startswith("_")}

    def render(self, source: str, *, name: str) -> str:
        """Render one page's Markdown; `name` is used in messages (e.g. ``docs/results.md``)."""
        try:
            template = self.environment.from_string(source)
            template.name = template.filename = name
            rendered = template.render({**self._context, **self._macros})
        except (jinja2.TemplateError, TypeError) as error:  # a mistake in the page or macros, at its own line
            if isinstance(error, TypeError) and not str(error).startswith("macro "):
                raise  # not Jinja's word for a macro called with the wrong arguments: a bug
            raise ReportError([self._problem(error, name, source)]) from None
        twice = _repeated_id(rendered)
        if twice:
            raise ReportError([Problem(name, _second_call_line(source), 1, (), (
                f"the anchor id '{twice}' appears twice on this page, so links to it reach only the first; "
                "a section macro is probably called twice: call each once"))])
        return rendered

    def _problem(self, error: Exception, name: str, source: str = "") -> Problem:
        """The problem at the template line where it is: the page's, or the macro file's own."""
        where = _where_in_templates(error)
        filename, line = where or (name, 1)
        if isinstance(error, jinja2.TemplateSyntaxError):  # found while compiling: no template frame
            filename, line = error.filename or error.name or name, error.lineno
        if isinstance(error, jinja2.TemplateNotFound):
            message = (f"template error: {{% include %}} and {{% import %}} take only files in "
                       f"{self._shown_as or 'the macros folder'}/ ('{error.name}' is not one)")
        elif isinstance(error, jinja2.UndefinedError):
            message = f"template error: {error.message}; {self._undefined_hint(error.message or '', source)}"
        elif isinstance(error, jinja2.sandbox.SecurityError):
            message = f"template error: {error.message} (templates may only use the report's data and macros)"
        else:
            message = f"template error: {getattr(error, 'message', None) or error or type(error).__name__}"
        return Problem(self._display(str(filename)), line, 1, (), message)

    def _undefined_hint(self, message: str, source: str) -> str:
        """A page calling a macro that does not exist is told where macros live."""
        called = re.fullmatch(r"'(\w+)' is undefined", message)
        if called and re.search(rf"\b{called[1]}\s*\(", source):
            macros = f"{self._shown_as or 'the macros folder'}/{self._macros_template}"
            return (f"no macro of that name is in {macros}: call one of its macros, or add it there "
                    f"({{% macro {called[1]}() %}} ... {{% endmacro %}})")
        return "check the spelling against the model and macros"

    def _display(self, filename: str) -> str:
        path = Path(filename)
        loader = self.environment.loader
        folders = [Path(folder) for folder in getattr(loader, "searchpath", [])]
        for folder in folders:
            if path.is_absolute() and path.is_relative_to(folder) and self._shown_as:
                return f"{self._shown_as}/{path.relative_to(folder).as_posix()}"
        if not path.is_absolute() and folders and (folders[0] / path).is_file() and self._shown_as:
            return f"{self._shown_as}/{path.as_posix()}"
        return filename


# The anchors a page's Markdown gives: a heading line's `{ #id }` and an HTML tag's `id="..."`
# (text is escaped, so neither can come from the data).
_ANCHOR = re.compile(r"^#{1,6} .*\{\s*#([A-Za-z0-9_:.-]+)[^}]*\}[ \t]*$|<[A-Za-z][^<>]*\sid=\"([^\"<>]+)\"",
                     re.MULTILINE)
_CALL = re.compile(r"\{\{.*?\}\}")


def _repeated_id(markdown: str) -> str | None:
    seen: set[str] = set()
    for match in _ANCHOR.finditer(markdown):
        anchor = match[1] or match[2]
        if anchor in seen:
            return anchor
        seen.add(anchor)
    return None


def _second_call_line(source: str) -> int:
    """The line of the first macro call the page repeats (else 1)."""
    seen: set[str] = set()
    for number, line in enumerate(source.splitlines(), start=1):
        for call in _CALL.findall(line):
            key = "".join(call.split())
            if key in seen:
                return number
            seen.add(key)
    return 1


def _where_in_templates(error: BaseException) -> tuple[str, int] | None:
    """The innermost template frame (Jinja rewrites tracebacks so that template frames carry the
    template's file name and line numbers): the page's line, or the macro file's own."""
    where = None
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith((".md", ".j2", "<template>")):
            where = (filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    return where
