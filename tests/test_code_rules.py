"""The code stays small and clear: no function over 60 lines or more complex than 15 (ruff C901,
configured in pyproject.toml), no module over 450 lines; the README stays a newcomer's page whose
two commands are the ones CI runs."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from conftest import ROOT, hooks_code

CODE = sorted([*hooks_code(), *(ROOT / "scripts").glob("*.py")])
LONGEST_FUNCTION, LONGEST_MODULE, MOST_COMPLEX = 60, 450, 15


def _functions(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_no_function_is_longer_than_sixty_lines():
    long = [f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {node.end_lineno - node.lineno + 1} lines"
            for path in CODE for node in _functions(path) if node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION]
    assert CODE and not long, "split these functions:\n" + "\n".join(long)


def test_no_module_is_longer_than_450_lines():
    long = [f"{path.relative_to(ROOT)}: {count} lines" for path in CODE
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST_MODULE]
    assert not long, "split these modules by concept:\n" + "\n".join(long)


def test_ruff_enforces_the_complexity_limit():
    """ruff (run by .ci/run before the tests) fails on any function more complex than 15."""
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert "C90" in lint["select"] or "C901" in lint["select"]
    assert lint["mccabe"]["max-complexity"] == MOST_COMPLEX


README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_is_a_short_page_for_a_newcomer():
    lines = README.splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines: move detail to EDITING.md or MAINTAINING.md"
    for link in ("EDITING.md", "MAINTAINING.md", "TESTING.md"):
        assert f"]({link}" in README, f"README.md must link to {link}"


def test_the_readmes_two_commands_come_first_and_are_the_ones_ci_runs():
    """The first code block holds the two commands: build the site, run the tests; .ci/run runs the
    same install and the same test command, and the build is the strict one the tests run."""
    block = re.search(r"```sh\n(.*?)\n```", README, re.DOTALL)
    assert block and README.index(block.group(0)) < README.index("\n## "), "the commands come before any section"
    build, test = block.group(1).splitlines()
    assert build == ("python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && "
                     "NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict")
    assert test == "python3 -m venv .venv && .venv/bin/pip install -r requirements-test.txt && .venv/bin/python -m pytest"
    assert "python3 -m venv .venv" in CI and "pip install -q -r requirements-test.txt" in CI
    assert re.search(r"^\.venv/bin/python -m pytest$", CI, re.MULTILINE)
    engine = (ROOT / "scripts" / "site_engine.py").read_text(encoding="utf-8")
    assert '"build", *(["--strict"] if strict else [])' in engine  # the tests' builds are strict, like the README's
