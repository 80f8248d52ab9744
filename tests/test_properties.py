"""Whatever an editor does to data/report.yaml, the check answers with a valid report or with
clean messages that name file, line and column: never an exception escaping."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, examples
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
# Reproducible everywhere: the profile (tests/conftest.py) derandomises; HYPOTHESIS_PROFILE=explore
# tries ten times as many new examples.
SETTINGS = settings(max_examples=examples(40))


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
@settings(max_examples=examples(100))
def test_arbitrary_input_never_escapes(raw):
    assert_clean_outcome(raw)


@pytest.mark.parametrize("language", ["fr", "de", "zh"])
def test_extra_language_gives_only_warnings(language):
    # A language the texts do not have yet: the real report still loads, with warnings only.
    try:
        checked = check_report(parse_yaml(REAL.encode(), NAME), ["vi", "en", language])
    except ReportError as error:
        raise AssertionError("a new language must not be an error:\n" + str(error)) from None
    assert checked.warnings
    assert all(w.severity == "warning" for w in checked.warnings)


def test_real_report_is_valid():
    checked = check_report(parse_yaml(REAL.encode(), NAME), ["vi", "en"])
    assert checked.warnings == ()


# --- Generated characters, numbers and placeholders (README, editing) ---------------------------

MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
NAME_LINE = "  name: {vi: Hội nghị, en: Conference}"
LATER = "  abbreviation: HNMO\n"  # a later line, given an unknown field to report
REFUSED_CODES = st.one_of(
    st.integers(0x00, 0x08), st.integers(0x0B, 0x0C), st.integers(0x0E, 0x1F), st.integers(0x7F, 0x9F),
    st.sampled_from([0x2028, 0x2029]), st.integers(0x202A, 0x202E), st.integers(0x2066, 0x2069),
)


def _problems(text: str) -> list[str]:
    try:
        check_report(parse_yaml(text.encode("utf-8", errors="surrogatepass"), NAME, keep_going=True), ["vi", "en"])
    except ReportError as error:
        return [str(p) for p in sorted(error.problems, key=lambda p: (p.line, p.column))]
    return []


@given(REFUSED_CODES, st.booleans(), st.integers(min_value=0, max_value=len("Conference")))
@settings(max_examples=examples(60))
def test_a_refused_character_is_named_at_its_place_and_later_lines_stay_right(code, escaped, at):
    char = chr(code)
    written = f"\\u{code:04x}" if escaped else char
    text = "Conference"[:at] + written + "Conference"[at:]
    value = f'"{text}"' if escaped else text
    report = MINIMAL.replace(NAME_LINE, f"  name: {{vi: Hội nghị, en: {value}}}")
    report = report.replace(LATER, LATER + "  abbreviaton: HNMO\n")
    name_line = MINIMAL.splitlines().index(NAME_LINE) + 1
    later_line = MINIMAL.splitlines().index(LATER.rstrip("\n")) + 2
    problems = _problems(report)
    column = len("  name: {vi: Hội nghị, en: ") + (1 if escaped else 0) + at + 1
    assert problems[0].startswith(f"{NAME}:{name_line}:{column}: event.name.en: "), problems
    assert f"U+{code:04X}" in problems[0]
    assert problems[1].startswith(f"{NAME}:{later_line}:3: source.abbreviaton: unknown field"), problems


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                 st.integers(min_value=-10**60, max_value=10**60)))
@settings(max_examples=examples(60))
def test_a_number_is_formatted_in_both_languages_or_refused_briefly(number):
    from report.localise import Localiser
    from report.measures import Measure
    from report.texts import Text

    report = MINIMAL.replace("value: {value: 141.8,", f"value: {{value: {number!r},")
    problems = _problems(report)
    if problems:
        assert all(len(line) < 300 for line in problems), problems
        assert not re.search(r"\d{41}", " ".join(problems)), problems  # a number is never echoed in full
        return
    labels = yaml.safe_load((ROOT / "overrides" / "macros" / "labels.yaml").read_text(encoding="utf-8"))
    measure = Measure(value=number, unit="percent")
    for lang in ("vi", "en"):
        shown = Localiser(lang, {k: Text(v) for k, v in labels.items()}, "vi").measure(measure)
        assert shown and "{" not in shown


PLACEHOLDER_TEXT = st.text(alphabet=st.sampled_from(list("{}sitewhn_ Sx")), max_size=16)


@given(PLACEHOLDER_TEXT, PLACEHOLDER_TEXT)
@settings(max_examples=examples(100))
def test_braces_are_a_known_placeholder_an_escape_or_an_error(vi, en):
    """Whatever braces a text holds: either the check refuses it, or every brace on the page is
    an escaped one (no placeholder ever prints as written)."""
    from report.localise import fill
    from report.texts import BRACES

    line = '        text: {vi: "{sites} điểm vào {when}", en: "{sites} sites on {when}"}'
    report = MINIMAL.replace(line, f'        text: {{vi: "{vi}", en: "{en}"}}')
    if _problems(report):
        return
    for text in (vi, en):
        shown = fill(text, {"sites": "4", "when": "30 June 2023"})
        singles = [m[0] for m in BRACES.finditer(text) if m[0] not in ("{{", "}}")]
        assert not singles or all(name in ("{sites}", "{when}") for name in singles), (text, singles)
        assert shown.count("{") == text.count("{{") and shown.count("}") == text.count("}}")
