"""Each wrong input in tests/fixtures/bad/ beside the exact lines an editor is shown.

A fixture is either a whole file (`NAME.yaml`, for what breaks the reading itself) or a patch
(`NAME.patch`) on tests/fixtures/minimal.yaml: `-` lines are replaced by the `+` lines that
follow, hunks are separated by `@@`, `#` lines are comments. `NAME.expected` holds the output
of the check command. After a deliberate change of wording or of minimal.yaml, regenerate with
`python tests/test_validation_messages.py` and review the diff.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import check_report
from conftest import HYPOTHESIS_PROFILE, mutation_run

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "bad"
ROOT = FIXTURES.parent.parent


LANGUAGES = ["vi", "en"]
CASES = sorted(p for p in BAD.iterdir() if p.suffix in {".yaml", ".patch"})


def apply_patch(base: str, patch: str) -> str:
    """Apply a `-`/`+` patch; each removed block must occur exactly once in ``base``."""
    for hunk in patch.split("\n@@"):
        lines = [line for line in hunk.split("\n") if line[:1] in {"-", "+"}]
        old = "".join(line[1:] + "\n" for line in lines if line.startswith("-"))
        new = "".join(line[1:] + "\n" for line in lines if line.startswith("+"))
        assert base.count(old) == 1, f"the patch's '-' lines must occur exactly once:\n{old}"
        base = base.replace(old, new)
    return base


def fixture_bytes(case: Path) -> bytes:
    if case.suffix == ".patch":
        base = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
        return apply_patch(base, case.read_text(encoding="utf-8")).encode("utf-8")
    return case.read_bytes()


def run_check(case: Path, project: Path) -> tuple[int, list[str]]:
    report = project / "data" / "report.yaml"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_bytes(fixture_bytes(case))
    return check_report.check(report, LANGUAGES, root=project)


def test_there_are_enough_cases():
    assert len(CASES) >= 25


def test_minimal_report_is_valid(tmp_path):
    status, lines = run_check(FIXTURES / "minimal.yaml", tmp_path)
    assert (status, lines) == (0, ["data/report.yaml: OK (0 warnings)"])


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_exact_messages(case, tmp_path):
    """The exact lines, each naming file, line, column and field, then the count (or OK)."""
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    status, lines = run_check(case, tmp_path)
    assert lines == expected
    assert status == (0 if expected[-1].endswith(("OK (0 warnings)", "warning)", "warnings)")) else 1)
    *problems, last = lines
    for line in problems:
        assert line.startswith("data/report.yaml:"), line
        _, number, column, rest = line.split(":", 3)
        assert int(number) >= 1 and int(column) >= 1 and rest.startswith(" "), line
    assert last.startswith("data/report.yaml: OK") or last[0].isdigit()


def test_command_line_exit_status_and_output(tmp_path):
    report = tmp_path / "report.yaml"
    report.write_bytes(fixture_bytes(BAD / "many-problems.patch"))
    script = ROOT / "scripts" / "check_report.py"
    bad = subprocess.run([sys.executable, str(script), str(report)], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert bad.stdout.strip().splitlines()[-1] == "4 errors, 1 warning"
    assert "Traceback" not in bad.stdout + bad.stderr
    report.write_bytes(fixture_bytes(BAD / "missing-translation.patch"))
    warned = subprocess.run([sys.executable, str(script), str(report)], capture_output=True, text=True, timeout=60)
    assert warned.returncode == 0 and "report.yaml: OK (1 warning)" in warned.stdout.splitlines()[-2]
    strict = subprocess.run([sys.executable, str(script), "--strict", str(report)],
                            capture_output=True, text=True, timeout=60)
    assert strict.returncode == 1 and strict.stdout.strip().endswith("0 errors, 1 warning")


def test_command_line_on_a_missing_file(tmp_path):
    script = ROOT / "scripts" / "check_report.py"
    result = subprocess.run([sys.executable, str(script), str(tmp_path / "report.yaml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].endswith("report.yaml:1:1: the file does not exist")


def test_command_line_checks_the_real_report_quickly():
    script = ROOT / "scripts" / "check_report.py"
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout
    last_two = result.stdout.strip().splitlines()[-2:]
    assert last_two[0].startswith("data/report.yaml: OK (")
    assert last_two[1].startswith("overrides/macros/labels.yaml: OK (")


PARSER_WORDS = ("<block", "<scalar>", "<stream", "<flow", "<document", "while parsing", "while scanning", "token",
                "anchors and aliases", "found False", "found True")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_no_parser_vocabulary(case):
    expected = case.with_suffix(".expected").read_text(encoding="utf-8")
    assert not [word for word in PARSER_WORDS if word in expected], expected


def _slips(base: str):
    """Each line of the minimal report with a common slip: indented one space more or less, a quote
    opened, a reserved character or a colon put in front of its value, a tab."""
    lines = base.split("\n")
    for index, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        variants = [" " + line, line[1:] if line.startswith(" ") else None, "\t" + line.lstrip(" ")]
        if ": " in line:
            key, value = line.split(": ", 1)
            variants += [f"{key}: {char}{value}" for char in ('"', "'", "*", "&", "@", "`", "- ", "%", "|x ", "> ")]
            variants += [f"{key}: {value}: more", f'{key}: "{value}" more']
        for variant in variants:
            if variant is not None:
                yield "\n".join([*lines[:index], variant, *lines[index + 1:]])


SLIPS = list(_slips((FIXTURES / "minimal.yaml").read_text(encoding="utf-8")))
# Every third (line, slip) pair: each line and each kind of slip many times over, at a third of the
# cost; HYPOTHESIS_PROFILE=explore (the thorough run, TESTING.md) tries every pair.
STRIDE = 1 if HYPOTHESIS_PROFILE == "explore" else 3
CHUNKS = 2  # run apart (pytest-xdist shares them out)


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_common_slips_on_every_line_are_worded_for_editors(chunk):
    """No traceback and no parser vocabulary, whatever slip is made on whatever line."""
    from report.loading import parse_yaml
    from report.problems import ReportError, report_lines
    from report.validation import check_report as check_model

    assert len(SLIPS) > 500
    stride = 5 * STRIDE if mutation_run() else STRIDE  # a mutant's run: every fifteenth pair
    for text in SLIPS[chunk * stride::CHUNKS * stride] if stride > 1 else SLIPS[chunk::CHUNKS]:
        try:
            check_model(parse_yaml(text.encode("utf-8"), "data/report.yaml", keep_going=True), LANGUAGES)
            continue
        except ReportError as error:
            lines = report_lines(error.problems)
        words = [line for line in lines for word in PARSER_WORDS if word in line]
        assert not words, "\n".join(words)
        assert all(len(line) < 400 for line in lines)


def _regenerate() -> None:
    import tempfile

    for case in CASES:
        with tempfile.TemporaryDirectory() as folder:
            _, lines = run_check(case, Path(folder))
        case.with_suffix(".expected").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{case.name}: {lines[-1]}")


if __name__ == "__main__":
    _regenerate()


def _folder(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # opening it for reading would block: the check must look at its type first


def _link_loop(path: Path) -> None:
    path.symlink_to(path.name)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_folder, "this is a folder, not a file; put the file itself here"),
        (_fifo, "this is a pipe or device, not a file; put the file itself here"),
        (_link_loop, "the file cannot be read (a link that points back to itself)"),
    ],
    ids=["folder", "fifo", "link-loop"],
)
def test_odd_files_give_one_plain_line(make, message, tmp_path):
    report = tmp_path / "data" / "report.yaml"
    report.parent.mkdir()
    make(report)
    # In a child process with a timeout: a regression that opens the pipe fails, never hangs the suite.
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"), str(report)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.splitlines() == [f"{report}:1:1: {message}", "1 error"]


@pytest.mark.parametrize("make", [_folder, _fifo, _link_loop], ids=["folder", "fifo", "link-loop"])
def test_an_odd_translation_lock_gives_one_plain_line(make, tmp_path):
    report = tmp_path / "data" / "report.yaml"
    report.parent.mkdir()
    report.write_bytes(fixture_bytes(FIXTURES / "minimal.yaml"))
    make(report.parent / "translations.lock")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"), str(report)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.splitlines()[0].startswith(f"{report.parent / 'translations.lock'}:1:1: "), result.stdout
    assert result.stdout.splitlines()[-1] == "1 error"


def test_an_unreadable_file_gives_one_plain_line(tmp_path, monkeypatch):
    """What `chmod 000` does to everyone but root (tests may run as root, so the refusal is simulated)."""
    import errno

    from report import loading

    report = tmp_path / "data" / "report.yaml"
    report.parent.mkdir()
    report.write_bytes(fixture_bytes(FIXTURES / "minimal.yaml"))

    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(loading, "read_regular_file", refuse)
    assert check_report.check(report, LANGUAGES, root=tmp_path) == (
        1, ["data/report.yaml:1:1: the file cannot be read (Permission denied)", "1 error"])


def test_message_with_line_break_or_control_stays_one_escaped_line():
    from report.problems import Problem

    problem = Problem("data/report.yaml", 3, 5, ("title",), "unknown key 'a\nb\x07c\u2028d'")
    assert str(problem) == r"data/report.yaml:3:5: title: unknown key 'a\nb\x07c\u2028d'"
