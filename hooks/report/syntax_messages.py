"""PyYAML's syntax errors in an editor's words, at the place the editor has to look.

The parser speaks of tokens (`<block end>`, `<scalar>`, `<block mapping start>`); an editor made
one of a few slips: a line indented differently from its neighbours, a quote left open, a text
starting with a character YAML reserves, words after a closing quote, a colon in an unquoted text,
a tab. Each gets a plain sentence and the fix; no parser vocabulary reaches the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_KEY = re.compile(r"^[ ]*(?:-[ ]+)?[^\s:#'\"{}\[\],][^:#]*:(?:[ ]|$)")
_QUOTES = ('"', "'")


@dataclass(frozen=True)
class SyntaxProblem:
    line: int  # 1-based
    column: int
    message: str


def explain(error: yaml.MarkedYAMLError, text: str) -> SyntaxProblem:
    """The editor's message for ``error``, raised while parsing ``text``, and where it points."""
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    if mark is None:
        return SyntaxProblem(1, 1, "YAML syntax: the file cannot be read as YAML; check its quotes and indentation")
    here = SyntaxProblem(mark.line + 1, mark.column + 1, "")
    char = text[mark.index] if 0 <= mark.index < len(text) else ""

    def at(message: str, where: yaml.Mark | None = None) -> SyntaxProblem:
        if where is None:
            return SyntaxProblem(here.line, here.column, message)
        return SyntaxProblem(where.line + 1, where.column + 1, message)

    if context.startswith(("while scanning an anchor", "while scanning an alias")) and error.context_mark:
        return at(reference(text[error.context_mark.index]), error.context_mark)
    if context.startswith("while scanning a block scalar") and error.context_mark:
        char = text[error.context_mark.index]
        return at(f"YAML syntax: a text cannot start with {char} and go on on the same line (YAML reads {char} as "
                  f"'the text follows on the lines below'); put the text in quotes: \"{char}...\"", error.context_mark)
    if context.startswith("while scanning a quoted scalar") and error.context_mark:
        quote = text[error.context_mark.index]
        return at(f"YAML syntax: this quote ({quote}) is never closed; end the text with the same quote",
                  error.context_mark)
    if problem.startswith("found character '\\t'"):
        return at("YAML syntax: a tab is used where YAML needs spaces; use spaces")
    if problem.startswith("found character") and "cannot start any token" in problem:
        return at(f"YAML syntax: a value cannot start with {char} (YAML reserves it); put the text in quotes: "
                  f"\"{char}...\"")
    if problem.startswith("sequence entries are not allowed here"):
        return at("YAML syntax: a text cannot start with '- ' (YAML reads a list item); put the text in quotes: "
                  "\"- ...\"")
    if problem.startswith("but found another document"):
        return at("YAML syntax: a second document starts here ('---'); keep a single one")

    tokens = _tokens_before(text, mark.index)
    opened = _quote_run_on(tokens, mark)
    if opened is not None:
        return at(f"YAML syntax: this quote is not closed on its line, so YAML read on to the next quote "
                  f"(line {opened.end_mark.line + 1}); close it where the text ends", opened.start_mark)
    if _words_after_quote(tokens, mark):
        return at("YAML syntax: the text goes on after its closing quote; put the whole text in one pair of "
                  "quotes (a \" inside is written \\\")")

    line_text = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
    if problem.startswith("mapping values are not allowed here"):
        if _KEY.match(line_text) and line_text.index(":") == mark.column:
            return at(_KEY_INDENT, _line_start(mark, line_text))
        return at("YAML syntax: a colon followed by a space is not allowed in an unquoted text; put the text "
                  "in quotes")
    if problem.startswith("expected <block end>"):
        if "'<block sequence start>'" in problem or "'-'" in problem:
            return at("YAML syntax: this list item does not line up with the items above it; start its '-' at "
                      "the same column as theirs")
        if "'<block mapping start>'" in problem:
            return at(_KEY_INDENT)
    if "while parsing a flow" in context:
        start = error.context_mark
        opening, closing = ("{", "}") if "mapping" in context else ("[", "]")
        group = f"{opening} ... {closing}"
        opening_line = text[start.index:].split("\n", 1)[0] if start is not None else ""
        if start is not None and mark.line > start.line and " #" in opening_line:
            return at(f"YAML syntax: ' #' in an unquoted text starts a comment, which hides the rest of the line "
                      f"and the closing {closing}; put the text in quotes",
                      _mark_at(text, start.index + opening_line.index(" #") + 1))
        before = text[:mark.index - mark.column].rstrip().rsplit("\n", 1)[-1].split(" #")[0].rstrip()
        if start is not None and ("<stream end>" in problem
                                  or (mark.line > start.line and not before.endswith((",", opening)))):
            return at(f"YAML syntax: the {opening} opened here is not closed with {closing}; close it on its line",
                      start)
        if "got ':'" in problem:
            return at(f"YAML syntax: a colon followed by a space is not allowed in an unquoted text inside {group}; "
                      "put the text in quotes")
        if any(f"got '{c}'" in problem for c in "{}[]"):
            return at(f"YAML syntax: braces or brackets in an unquoted text inside {group}; put the text in quotes")
        return at(f"YAML syntax: inside {group} each value ends with a comma or the closing {closing}; put a text "
                  "with commas, colons or quotes in quotes")
    if problem.startswith("could not find expected ':'"):
        return at("YAML syntax: a line is missing its ':' (or a quote is not closed)")
    if "<" in problem or "<" in context:
        return at("YAML syntax: this line does not fit the lines around it; check its indentation and that "
                  "every quote, { and [ is closed")
    return at(f"YAML syntax: {problem}" + (f" ({context})" if context else ""))


def reference(char: str) -> str:
    """The message for a value starting with * or &: YAML's references, which this file does not use."""
    role = "a reference to another value" if char == "*" else "a name for reuse"
    return (f"YAML syntax: a value cannot start with {char} (YAML reads {char}name as {role}, which this file does "
            f"not use); if it is text, put it in quotes: \"{char}...\"; otherwise write the value out in full")


_KEY_INDENT = ("YAML syntax: this key does not line up with the keys above it; indent it with the same number "
               "of spaces as the other keys of its group")


def _mark_at(text: str, index: int) -> yaml.Mark:
    line = text.count("\n", 0, index)
    return yaml.Mark("", index, line, index - (text.rfind("\n", 0, index) + 1), None, None)  # type: ignore[arg-type]  # no buffer: PyYAML accepts None, its stubs do not


def _line_start(mark: yaml.Mark, line_text: str) -> yaml.Mark:
    column = len(line_text) - len(line_text.lstrip(" "))
    return yaml.Mark(mark.name, mark.index - mark.column + column, mark.line, column, None, None)  # type: ignore[arg-type]  # as above


def _tokens_before(text: str, index: int) -> list[yaml.Token]:
    """The tokens the scanner reads before ``index`` (as far as it gets)."""
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index > index:
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _quote_run_on(tokens: list[yaml.Token], mark: yaml.Mark) -> yaml.ScalarToken | None:
    """A quoted text that ran over lines and ended where the error is: a quote left open earlier."""
    scalars = [t for t in tokens if isinstance(t, yaml.ScalarToken) and t.end_mark.index <= mark.index]
    last = scalars[-1] if scalars else None
    if (last is not None and last.style in _QUOTES and last.start_mark.line < last.end_mark.line
            and last.end_mark.line == mark.line):
        return last
    return None


def _words_after_quote(tokens: list[yaml.Token], mark: yaml.Mark) -> bool:
    """Words follow a closing quote on its line: `"Ring Road" 4`."""
    before = [t for t in tokens if t.end_mark.index <= mark.index]
    after = [t for t in tokens if t.start_mark.index >= mark.index]
    return bool(before and after and isinstance(before[-1], yaml.ScalarToken) and before[-1].style in _QUOTES
                and isinstance(after[0], yaml.ScalarToken) and after[0].start_mark.line == before[-1].end_mark.line)
