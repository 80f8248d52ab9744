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


@dataclass(frozen=True)
class _Slip:
    """A YAML error as the readers below see it."""

    error: yaml.MarkedYAMLError
    text: str
    mark: yaml.Mark
    problem: str
    context: str

    @property
    def char(self) -> str:
        return self.text[self.mark.index] if 0 <= self.mark.index < len(self.text) else ""

    @property
    def start(self) -> yaml.Mark | None:
        return self.error.context_mark

    @property
    def line_text(self) -> str:
        lines = self.text.splitlines()
        return lines[self.mark.line] if self.mark.line < len(lines) else ""

    def at(self, message: str, where: yaml.Mark | None = None) -> SyntaxProblem:
        where = where or self.mark
        return SyntaxProblem(where.line + 1, where.column + 1, message)


def explain(error: yaml.MarkedYAMLError, text: str) -> SyntaxProblem:
    """The editor's message for ``error``, raised while parsing ``text``, and where it points: the
    first reader below that recognises the slip says it."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return SyntaxProblem(1, 1, "YAML syntax: the file cannot be read as YAML; check its quotes and indentation")
    slip = _Slip(error, text, mark, (error.problem or "").strip(), (error.context or "").strip())
    for reader in _READERS:
        found = reader(slip)
        if found is not None:
            return found
    return slip.at(f"YAML syntax: {slip.problem}" + (f" ({slip.context})" if slip.context else ""))


def _scanning(slip: _Slip) -> SyntaxProblem | None:
    """A reference, a block scalar's sign or a quote that the scanner started and could not finish."""
    start = slip.start
    if start is None:
        return None
    if slip.context.startswith(("while scanning an anchor", "while scanning an alias")):
        return slip.at(reference(slip.text[start.index]), start)
    if slip.context.startswith("while scanning a block scalar"):
        char = slip.text[start.index]
        return slip.at(f"YAML syntax: a text cannot start with {char} and go on on the same line (YAML reads {char} "
                       f"as 'the text follows on the lines below'); put the text in quotes: \"{char}...\"", start)
    if slip.context.startswith("while scanning a quoted scalar"):
        return slip.at(f"YAML syntax: this quote ({slip.text[start.index]}) is never closed; end the text with the "
                       "same quote", start)
    return None


def _reserved_start(slip: _Slip) -> SyntaxProblem | None:
    """A tab, a reserved character, a list item's dash or a second document where a value starts."""
    problem = slip.problem
    if problem.startswith("found character '\\t'"):
        return slip.at("YAML syntax: a tab is used where YAML needs spaces; use spaces")
    if problem.startswith("found character") and "cannot start any token" in problem:
        return slip.at(f"YAML syntax: a value cannot start with {slip.char} (YAML reserves it); put the text in "
                       f"quotes: \"{slip.char}...\"")
    if problem.startswith("sequence entries are not allowed here"):
        return slip.at("YAML syntax: a text cannot start with '- ' (YAML reads a list item); put the text in quotes: "
                       "\"- ...\"")
    if problem.startswith("but found another document"):
        return slip.at("YAML syntax: a second document starts here ('---'); keep a single one")
    return None


def _quotes(slip: _Slip) -> SyntaxProblem | None:
    """A quote left open on an earlier line, or words after a closing quote."""
    tokens = _tokens_before(slip.text, slip.mark.index)
    opened = _quote_run_on(tokens, slip.mark)
    if opened is not None:
        return slip.at(f"YAML syntax: this quote is not closed on its line, so YAML read on to the next quote "
                       f"(line {opened.end_mark.line + 1}); close it where the text ends", opened.start_mark)
    if _words_after_quote(tokens, slip.mark):
        return slip.at("YAML syntax: the text goes on after its closing quote; put the whole text in one pair of "
                       "quotes (a \" inside is written \\\")")
    return None


def _indentation(slip: _Slip) -> SyntaxProblem | None:
    """A key or a list item that does not line up, or a colon and a space in an unquoted text."""
    problem = slip.problem
    if problem.startswith("mapping values are not allowed here"):
        line_text = slip.line_text
        if _KEY.match(line_text) and line_text.index(":") == slip.mark.column:
            return slip.at(_KEY_INDENT, _line_start(slip.mark, line_text))
        return slip.at("YAML syntax: a colon followed by a space is not allowed in an unquoted text; put the text "
                       "in quotes")
    if problem.startswith("expected <block end>"):
        if "'<block sequence start>'" in problem or "'-'" in problem:
            return slip.at("YAML syntax: this list item does not line up with the items above it; start its '-' at "
                           "the same column as theirs")
        if "'<block mapping start>'" in problem:
            return slip.at(_KEY_INDENT)
    return None


def _flow(slip: _Slip) -> SyntaxProblem | None:
    """A slip inside `{ ... }` or `[ ... ]`: a comment, an unclosed bracket, a colon or a bracket in a text."""
    if "while parsing a flow" not in slip.context:
        return None
    start, text, mark, problem = slip.start, slip.text, slip.mark, slip.problem
    opening, closing = ("{", "}") if "mapping" in slip.context else ("[", "]")
    group = f"{opening} ... {closing}"
    opening_line = text[start.index:].split("\n", 1)[0] if start is not None else ""
    if start is not None and mark.line > start.line and " #" in opening_line:
        return slip.at(f"YAML syntax: ' #' in an unquoted text starts a comment, which hides the rest of the line "
                       f"and the closing {closing}; put the text in quotes",
                       _mark_at(text, start.index + opening_line.index(" #") + 1))
    before = text[:mark.index - mark.column].rstrip().rsplit("\n", 1)[-1].split(" #")[0].rstrip()
    if start is not None and ("<stream end>" in problem
                              or (mark.line > start.line and not before.endswith((",", opening)))):
        return slip.at(f"YAML syntax: the {opening} opened here is not closed with {closing}; close it on its line",
                       start)
    if "got ':'" in problem:
        return slip.at(f"YAML syntax: a colon followed by a space is not allowed in an unquoted text inside {group}; "
                       "put the text in quotes")
    if any(f"got '{c}'" in problem for c in "{}[]"):
        return slip.at(f"YAML syntax: braces or brackets in an unquoted text inside {group}; put the text in quotes")
    return slip.at(f"YAML syntax: inside {group} each value ends with a comma or the closing {closing}; put a text "
                   "with commas, colons or quotes in quotes")


def _general(slip: _Slip) -> SyntaxProblem | None:
    """A missing colon, or any other slip of the structure."""
    if slip.problem.startswith("could not find expected ':'"):
        return slip.at("YAML syntax: a line is missing its ':' (or a quote is not closed)")
    if "<" in slip.problem or "<" in slip.context:
        return slip.at("YAML syntax: this line does not fit the lines around it; check its indentation and that "
                       "every quote, { and [ is closed")
    return None


_READERS = (_scanning, _reserved_start, _quotes, _indentation, _flow, _general)


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
