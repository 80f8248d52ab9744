"""Problems found in a data file, worded for the editor who has to fix them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
FieldPath = tuple[str | int, ...]
QUOTED = 40  # the most of a value or a key that a message quotes (EDITING.md: never more)


def clip(text: str, limit: int = QUOTED) -> str:
    """``text`` as a message quotes it: at most ``limit`` characters, a longer one cut with '...'."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def format_path(path: FieldPath) -> str:
    """Render a field path the way editors read it: ``shortcomings[2].title.en``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{clip(part)}" if out else clip(part)  # an odd key is never echoed in full
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a data file, with where it is."""

    file: str
    line: int
    column: int
    path: FieldPath
    message: str
    severity: Severity = "error"
    # Set for a problem about the whole site rather than one place (a language mkdocs.yml does not
    # build): it is stated once, at its first place, however many files show it.
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}:"
        field = format_path(self.path)
        prefix = "warning: " if self.severity == "warning" else ""
        return _one_line(f"{where} {field + ': ' if field else ''}{prefix}{self.message}")


def _one_line(text: str) -> str:
    """Keys and values quoted in a message may hold line breaks or control characters: show them escaped."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def summary(problems: Sequence[Problem]) -> str:
    """The closing count line, e.g. ``2 errors, 1 warning``."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    parts = [f"{errors} error{'s' if errors != 1 else ''}"]
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)


def ok_line(file: str, warnings: int) -> str:
    """What a check prints when a file has no errors, e.g. ``data/report.yaml: OK (2 warnings)``."""
    return f"{file}: OK ({warnings} warning{'s' if warnings != 1 else ''})"


def report_lines(problems: Iterable[Problem]) -> list[str]:
    """Every problem on its own line, in file order, then the count; one found twice is shown once
    (the site's languages are checked with the report and with the labels)."""
    ordered = sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.line, p.column, p.severity, p.message))
    stated: set[tuple[str, str]] = set()
    once = []
    for problem in ordered:
        if problem.code and (problem.code, problem.message) in stated:
            continue
        stated.add((problem.code, problem.message))
        once.append(problem)
    return [str(p) for p in once] + [summary(once)]


class ReportError(Exception):
    """Raised when a data file cannot be used; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(report_lines(self.problems)))
