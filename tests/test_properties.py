"""Whatever an editor does to data/report.yaml, the check answers with a valid report or with
clean messages that name file, line and column: never an exception escaping."""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, running_in_ci
from report.loading import parse_yaml
from report.problems import ReportError, report_lines
from report.validation import check_report

NAME = "data/report.yaml"
REAL = (ROOT / "data" / "report.yaml").read_text(encoding="utf-8")
LINES = REAL.splitlines(keepends=True)
PROBLEM_LINE = re.compile(r"^data/report\.yaml:[1-9]\d*:[1-9]\d*: \S")
SUMMARY_LINE = re.compile(r"^\d+ errors?(, \d+ warnings?)?$")
ODD = [
    "", " ", ": ", "- ", "? ", "&a ", "*a", "!!python/object/apply:os.system [ls]", "!!binary aGk=", "\t",
    "\x00", "\x85", "\u2028", "\ufeff", "'", '"', "{", "}", "[", "]", "~", "null", "-1", "1e999", ".nan",
    "2023-02-30", "2023-13", "late", "Vie\u0323\u0302t", "<script>alert(1)</script>", "<<: {}", "---", "...",
    "#", "%YAML 1.1", "|", ">-", "\\", "{{ x }}", "{nope}", "javascript:alert(1)", "VI", "fr", "0x1F", "yes",
]
# In CI the examples are derandomised, so a run is reproducible; locally each run explores anew.
SETTINGS = settings(max_examples=150, deadline=None, database=None, derandomize=running_in_ci(),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_clean_outcome(text: str | bytes, languages=("vi", "en")) -> None:
    raw = text.encode("utf-8", errors="surrogatepass") if isinstance(text, str) else text
    # Both ways of reading: stop at the first unreadable value, or go on to validation (the build's way).
    for keep_going in (False, True):
        _assert_clean(raw, languages, keep_going)


def _assert_clean(raw: bytes, languages, keep_going: bool) -> None:
    try:
        checked = check_report(parse_yaml(raw, NAME, keep_going=keep_going), list(languages))
    except ReportError as error:
        lines = report_lines(error.problems)
        assert error.problems, "a ReportError must carry at least one problem"
        assert any(p.severity == "error" for p in error.problems)
        for line in lines[:-1]:
            assert PROBLEM_LINE.match(line), line
            assert "\n" not in line and "Traceback" not in line
        assert SUMMARY_LINE.match(lines[-1]), lines[-1]
    else:
        for warning in checked.warnings:
            assert warning.severity == "warning" and PROBLEM_LINE.match(str(warning)), str(warning)


line_index = st.integers(min_value=0, max_value=len(LINES) - 1)


@st.composite
def text_mutation(draw) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        kind = draw(st.sampled_from(["delete", "duplicate", "inject", "replace_value", "truncate", "swap"]))
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1)) if lines else 0
        if not lines:
            break
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "inject":
            line = lines[index]
            at = draw(st.integers(min_value=0, max_value=len(line)))
            odd = draw(st.sampled_from(ODD) | st.text(max_size=8))
            lines[index] = line[:at] + odd + line[at:]
        elif kind == "replace_value":
            line = lines[index]
            if ": " in line:
                key, _ = line.split(": ", 1)
                lines[index] = f"{key}: {draw(st.sampled_from(ODD))}\n"
        elif kind == "truncate":
            text = "".join(lines)
            cut = draw(st.integers(min_value=0, max_value=len(text)))
            lines = text[:cut].splitlines(keepends=True)
        else:
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    return "".join(lines)


@given(text_mutation())
@SETTINGS
def test_text_mutations_give_a_report_or_clean_messages(text):
    assert_clean_outcome(text)


PLAIN = yaml.safe_load(REAL)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: the test stays quick
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=12), st.dates(), st.sampled_from(ODD))


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


PATHS = [p for p in _paths(PLAIN) if p]


@st.composite
def data_mutation(draw):
    import copy

    data = copy.deepcopy(PLAIN)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(PATHS))
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            kind = draw(st.sampled_from(["delete", "retype", "wrap", "rename"]))
            if kind == "delete":
                del parent[path[-1]]
            elif kind == "retype":
                parent[path[-1]] = draw(SCALARS | st.lists(SCALARS, max_size=2) | st.dictionaries(st.text(max_size=4), SCALARS, max_size=2))
            elif kind == "wrap":
                parent[path[-1]] = [parent[path[-1]]]
            elif isinstance(parent, dict):
                parent[path[-1] + draw(st.sampled_from(["s", "_", "X", ""]))] = parent.pop(path[-1])
        except (KeyError, IndexError, TypeError):
            continue
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)


@given(data_mutation())
@SETTINGS
def test_data_mutations_give_a_report_or_clean_messages(text):
    assert_clean_outcome(text)


@given(st.binary(max_size=200) | st.text(max_size=200))
@settings(max_examples=100, deadline=None, database=None, derandomize=running_in_ci())
def test_arbitrary_input_never_escapes(raw):
    assert_clean_outcome(raw)


@given(st.sampled_from(["fr", "de", "zh"]))
@settings(max_examples=3, deadline=None, database=None)
def test_extra_language_gives_only_warnings(language):
    # A language the texts do not have yet: the real report still loads, with warnings only.
    checked = check_report(parse_yaml(REAL.encode(), NAME), ["vi", "en", language])
    assert checked.warnings
    assert all(w.severity == "warning" for w in checked.warnings)


def test_real_report_is_valid():
    checked = check_report(parse_yaml(REAL.encode(), NAME), ["vi", "en"])
    assert checked.warnings == ()
