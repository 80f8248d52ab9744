"""Strict YAML reading that remembers where every value stands in the file.

Plain PyYAML keeps the last of two duplicate keys without a word, builds Python objects from
tags, expands alias bombs and forgets line numbers once it has built the data. Editors need
the opposite, so this module composes the YAML node tree itself and turns it into plain
values (str, int, float, bool, None, date) with a map from each field path to its position.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .characters import NO_BREAK_SPACE, describe, escaped_refused, misplaced_no_break_spaces, refused_in
from .problems import FieldPath, Problem, ReportError, clip

if TYPE_CHECKING:
    from .syntax_messages import SyntaxProblem

# Only the plain data types of YAML; anything else (``!!python/object``, ``!!binary``...) is refused.
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_BOM = b"\xef\xbb\xbf"
# Deeper nesting than any report needs; it also keeps PyYAML's recursive composer within bounds.
_MAX_DEPTH = 40


@dataclass
class Positions:
    """Where each value (and each mapping key) of a loaded file starts, 1-based."""

    file: str
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def of(self, path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that exists in the file."""
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        for end in range(len(path) - 1, -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return (1, 1)

    def problem(self, path: FieldPath, message: str, *, key: bool = False, severity="error", code: str = "") -> Problem:
        line, column = self.of(path, key=key)
        return Problem(self.file, line, column, path, message, severity, code)


@dataclass
class Loaded:
    """The plain data of a file and where each part of it stands."""

    data: Any
    positions: Positions
    # Problems with single values (a bad date, a refused tag, a duplicate key) found while reading
    # with keep_going=True: the value is left out, so validation can report everything else too.
    problems: tuple[Problem, ...] = ()
    # The comment that follows an unquoted value on its line: YAML cut it off at ` #`.
    comments: dict[FieldPath, str] = field(default_factory=dict)


class _Refused(yaml.MarkedYAMLError):
    """A YAML feature that editors' files must not use."""


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases (no alias bomb can expand) and deep nesting."""

    _depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                problem="anchors and aliases (& and *) are not allowed; write the value out in full",
                problem_mark=event.start_mark,
            )
        if self._depth >= _MAX_DEPTH:
            raise _Refused(problem=f"the values nest more than {_MAX_DEPTH} levels deep", problem_mark=event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml(path: Path | str, *, display_name: str | None = None, keep_going: bool = False) -> Loaded:
    """Read ``path`` strictly; raise ReportError with every problem that can be found.

    With ``keep_going``, problems with single values are returned in ``Loaded.problems`` instead,
    for a validator that reports them together with its own.
    """
    name = display_name or str(path)
    return parse_yaml(read_file(Path(path), name), name, keep_going=keep_going)


def read_file(path: Path, name: str) -> bytes:
    """The bytes of the file at ``path``; one plain problem (ReportError) if it cannot be read."""
    try:
        return read_regular_file(path)
    except FileNotFoundError:
        raise ReportError([Problem(name, 1, 1, (), "the file does not exist")]) from None
    except NotRegularFileError as error:
        raise ReportError([Problem(name, 1, 1, (), f"this is {error}, not a file; put the file itself here")]) from None
    except OSError as error:
        reason = "a link that points back to itself" if error.errno == errno.ELOOP else error.strerror
        raise ReportError([Problem(name, 1, 1, (), f"the file cannot be read ({reason})")]) from None


def shown_name(path: Path, root: Path) -> str:
    """How messages name ``path``: relative to the project folder ``root`` where it is inside it."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(root.resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the project, or a link loop
        return str(path)


def read_text(path: Path, name: str) -> str:
    """The text of a UTF-8 file, with the same plain problems as a data file."""
    return _decode(read_file(path, name), name)


class NotRegularFileError(OSError):
    """The path exists but is a folder, a pipe or a device: never opened (a pipe would block)."""


def read_regular_file(path: Path) -> bytes:
    """The bytes of ``path``, checking its type first so a FIFO is never opened."""
    mode = os.stat(path).st_mode  # follows links; a link loop raises ELOOP here
    if not stat.S_ISREG(mode):
        raise NotRegularFileError("a folder" if stat.S_ISDIR(mode) else "a pipe or device")
    with open(path, "rb") as handle:
        return handle.read()


def parse_yaml(raw: bytes, name: str, *, keep_going: bool = False) -> Loaded:
    """Parse the bytes of a data file named ``name`` (used in messages).

    Refused characters (controls, line separators, bidirectional controls) are reported at their
    own line and column and replaced before parsing, so that YAML counts the same lines as the
    editor and every later problem is reported too, at its right line.
    """
    written = _decode(raw, name)
    refused = refused_in(written)
    spaces = misplaced_no_break_spaces(written)
    text = _replaced(written, {offset: "\ufffd" for offset, _ in refused} | dict.fromkeys(spaces, " "))
    early = [Problem(name, *_line_column(text, offset), (), NO_BREAK_SPACE) for offset in spaces]
    _refuse_whole_lines(name, text, [*early, *_character_problems(name, text, refused)])
    loader = None
    try:
        loader, root = _compose(text)
    except yaml.MarkedYAMLError as error:
        slip = _plain_yaml_message(error, text)
        problem = Problem(name, slip.line, slip.column, (), slip.message)
        raise ReportError([problem, *early, *_character_problems(name, text, refused)]) from None
    except yaml.reader.ReaderError as error:
        line, column = _line_column(text, error.position)
        raise ReportError([Problem(name, line, column, (), _unprintable(error.character)), *early]) from None
    except (yaml.YAMLError, RecursionError) as error:  # errors without a position
        raise ReportError([Problem(name, 1, 1, (), f"the file is not valid YAML ({error})")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:  # only `---` or `...` markers
        raise ReportError([_empty(name)])

    reader = _Reader(text, Positions(name), loader, dict(refused))
    reader.problems += early
    data = reader.plain(root, ())
    # Refused characters outside any value (in a comment, say) are reported where they stand.
    reader.problems += _character_problems(name, text, sorted(reader.refused.items()))
    problems = reader.problems
    if problems and not (keep_going and isinstance(data, dict)):
        raise ReportError(problems)
    if data is None:  # only `---`, `~` or `null`
        raise ReportError([_empty(name)])
    return Loaded(data, reader.positions, tuple(problems), reader.comments)


def _refuse_whole_lines(name: str, text: str, also: list[Problem]) -> None:
    """Slips of whole lines, found before parsing (ReportError): an empty file, a `...` line that would
    drop what follows, a merge's conflict markers, tabs in the indentation (with ``also``)."""
    lines = text.split("\n")
    if not any(line.strip() and not line.lstrip().startswith("#") for line in lines):
        raise ReportError([_empty(name)])
    ends = [number for number, line in enumerate(lines, start=1) if line.rstrip() == "..."]
    if ends and any(line.strip() and not line.lstrip().startswith("#") for line in lines[ends[0]:]):
        raise ReportError([Problem(name, ends[0], 1, (), "a line '...' ends the YAML document, so every line after "
                                   "it would be lost; delete the line")])
    markers = [number for number, line in enumerate(lines, start=1) if CONFLICT_MARKER.match(line)]
    if markers:
        raise ReportError([Problem(name, markers[0], 1, (), (
            f"a merge left conflict markers at line{'s' if len(markers) > 1 else ''} "
            f"{', '.join(map(str, markers))}; keep the right version of each part and delete the marker lines"))])
    tabs = [
        Problem(name, number, line.index("\t") + 1, (), "a tab is used for indentation; indent with spaces only")
        for number, line in enumerate(lines, start=1)
        if "\t" in line[: len(line) - len(line.lstrip())]
    ]
    if tabs:
        raise ReportError([*tabs, *also])


def _replaced(text: str, replacements: dict[int, str]) -> str:
    """``text`` with single characters replaced at the given offsets (so every offset stays)."""
    if not replacements:
        return text
    chars = list(text)
    for offset, char in replacements.items():
        chars[offset] = char
    return "".join(chars)


def _character_problems(name: str, text: str, refused: list[tuple[int, str]]) -> list[Problem]:
    return [Problem(name, *_line_column(text, offset), (), describe(char)) for offset, char in refused]


def _compose(text: str) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    """The file's node tree, and the loader that made it (its constructor reads the scalars).

    libyaml's parser, where PyYAML has it, is many times faster than the pure-Python one; it is
    used only for a file that parses cleanly with no anchors, aliases or deep nesting. Anything
    else goes to the pure-Python loader, whose refusals and errors are worded for editors, so the
    messages are the same with or without libyaml.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and _plain_events(text, fast):
        loader = fast(text)
        try:
            return loader, loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()  # e.g. two documents: let the pure-Python loader word it
    loader = _StrictLoader(text)  # PyYAML checks for unprintable characters here already
    return loader, loader.get_single_node()


def _plain_events(text: str, loader_class: type) -> bool:
    """True when ``text`` parses and has no anchor, alias or nesting near the depth limit."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader_class):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return False
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth >= _MAX_DEPTH - 1:
                    return False
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return False
    return True


def _empty(name: str) -> Problem:
    holds = "the site's labels (restore it from git)" if name.endswith("labels.yaml") else "the report's fields"
    return Problem(name, 1, 1, (), f"the file is empty; it must hold {holds}")


def _line_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _unprintable(character: int | str) -> str:
    code = character if isinstance(character, int) else ord(character)
    return f"the invisible control character U+{code:04X} is not allowed; delete it"


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReportError([Problem(name, 1, 1, (), "the file is saved as UTF-16; save it as UTF-8")])
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        raise ReportError(
            [Problem(name, line, column, (), f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8")]
        ) from None


def _plain_yaml_message(error: yaml.MarkedYAMLError, text: str) -> SyntaxProblem:
    from .syntax_messages import SyntaxProblem, explain, reference  # only for a file with a slip

    problem = (error.problem or "").strip()
    mark = error.problem_mark or error.context_mark
    if isinstance(error, _Refused) and mark is not None:
        char = text[mark.index] if mark.index < len(text) else ""
        if char in "*&":
            problem = reference(char)
        return SyntaxProblem(mark.line + 1, mark.column + 1, problem)
    return explain(error, text)


@dataclass
class _Reader:
    """Turns the node tree into plain values, noting positions, problems and cut-off comments."""

    text: str
    positions: Positions
    loader: Any
    # Refused characters not yet reported (offset -> character); those inside a value are reported with it.
    refused: dict[int, str]
    problems: list[Problem] = field(default_factory=list)
    comments: dict[FieldPath, str] = field(default_factory=dict)

    def plain(self, node: yaml.Node, path: FieldPath) -> Any:
        positions, problems = self.positions, self.problems
        positions.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag == _VALUE_TAG:  # YAML 1.1 reads a lone '=' as a "default value" tag: it is the text "="
            return node.value
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(positions.problem(path, f"the tag {clip(tag)} is not allowed; write plain text, numbers "
                                              "or dates"))
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(item, (*path, index)) for index, item in enumerate(node.value)]
        if self.refused_inside(node, path):
            return None
        reread = _yaml11_surprise(node)
        if reread:
            problems.append(positions.problem(path, reread))
            return None
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            if node.tag.endswith(":timestamp"):
                problems.append(positions.problem(path, f"'{clip(node.value)}' is not a real date ({error})"))
            else:
                problems.append(positions.problem(path, f"'{clip(node.value)}' is not a number the site can use"))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(positions.problem(path, f"'{clip(node.value)}' is not a usable number; write digits"))
            return None
        style = node.style if isinstance(node, yaml.ScalarNode) else None
        if isinstance(value, str) and style == '"':
            found = escaped_refused(self.text[node.start_mark.index:node.end_mark.index], value)
            if found:
                offset, char, written = found
                line, column = _line_column(self.text, node.start_mark.index + offset)
                problems.append(Problem(positions.file, line, column, path, describe(char, written)))
                return None
        if isinstance(value, str) and style in (None, ""):
            self.note_comment(node, path)
        # Vietnamese has two Unicode spellings of most letters; search and comparison need one.
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value

    def refused_inside(self, node: yaml.Node, path: FieldPath) -> bool:
        """Report the refused characters written inside this scalar, with its path; True if any."""
        inside = [offset for offset in self.refused if node.start_mark.index <= offset < node.end_mark.index]
        for offset in inside:
            line, column = _line_column(self.text, offset)
            self.problems.append(Problem(self.positions.file, line, column, path, describe(self.refused.pop(offset))))
        return bool(inside)

    def note_comment(self, node: yaml.Node, path: FieldPath) -> None:
        """Remember a comment right after an unquoted value: ` #` may have cut a text short."""
        end = node.end_mark.index
        stop = self.text.find("\n", end)
        rest = self.text[end:stop if stop >= 0 else len(self.text)]
        match = re.match(r"[ \t]+#(.*)", rest)
        if match and node.start_mark.line == node.end_mark.line:
            self.comments[path] = "#" + match[1].rstrip()

    def mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict:
        positions, problems = self.positions, self.problems
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line, key_column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<":
                problems.append(Problem(positions.file, key_line, key_column, path, "'<<' (a YAML merge key, which "
                                        "copies fields from elsewhere) is not supported; write the fields out here"))
                continue
            if (not isinstance(key_node, yaml.ScalarNode)
                    or key_node.tag not in _ALLOWED_TAGS or self.refused_inside(key_node, path)):
                problems.append(Problem(positions.file, key_line, key_column, path, "a key must be a plain name"))
                continue
            key = unicodedata.normalize("NFC", key_node.value)
            if (*path, key) in positions.keys:
                first_line, _ = positions.keys[(*path, key)]
                problems.append(
                    Problem(positions.file, key_line, key_column, (*path, key),
                            f"duplicate key '{clip(key)}' (first given on line {first_line}); keep only one")
                )
                continue
            positions.keys[(*path, key)] = (key_line, key_column)
            result[key] = self.plain(value_node, (*path, key))
        return result


# What git writes into a file when a merge conflicts: <<<<<<< ours, ======= and >>>>>>> theirs.
CONFLICT_MARKER = re.compile(r"(<{7}|={7}|>{7}|\|{7})( |$)")
_VALUE_TAG = "tag:yaml.org,2002:value"
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")
_OTHER_BASE = re.compile(r"[-+]?0[bBxXoO]")


def _yaml11_surprise(node: yaml.Node) -> str | None:
    """A plain value YAML 1.1 would silently read as something else than it looks (0712, 1:30, NO)."""
    if not isinstance(node, yaml.ScalarNode) or node.style not in (None, ""):
        return None
    text = clip(node.value)
    if node.tag.endswith(":int") and _LEADING_ZERO.fullmatch(node.value):
        digits = node.value.lstrip("+-0_") or "0"
        return f"'{text}' starts with 0 and would be read as another number; write {digits}"
    if node.tag.endswith(":int") and _OTHER_BASE.match(node.value):
        number = int(node.value.replace("_", ""), 0)
        return f"'{text}' would be read as the number {number} (binary, octal or hexadecimal); write {number}"
    if node.tag.endswith((":int", ":float")) and "_" in node.value:
        return f"'{text}' would be read as {node.value.replace('_', '')} ('_' is dropped); write the digits alone"
    if node.tag.endswith((":int", ":float")) and ":" in node.value:
        return f"'{text}' would be read as a base-60 number; put it in quotes (\"{text}\") if it is text"
    if node.tag.endswith(":bool") and node.value.lower() not in ("true", "false"):
        return (f"'{text}' would be read as yes/no; put it in quotes (\"{text}\") if it is text,"
                " or write true or false")
    return None
