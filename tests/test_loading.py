"""The strict YAML reader: every refusal names the line, and nothing Python is ever built."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import ROOT as ROOT_DIR
from report.loading import load_yaml, parse_yaml
from report.problems import ReportError

NAME = "data/report.yaml"


def problems_of(raw: bytes) -> list[str]:
    with pytest.raises(ReportError) as caught:
        parse_yaml(raw, NAME)
    return [str(p) for p in caught.value.problems]


def test_plain_values_and_positions():
    loaded = parse_yaml(b"a:\n  b: 1\n  c: [x, 2023-04-19]\n", NAME)
    assert loaded.data == {"a": {"b": 1, "c": ["x", dt.date(2023, 4, 19)]}}
    assert loaded.positions.of(("a", "b")) == (2, 6)
    assert loaded.positions.of(("a", "b"), key=True) == (2, 3)
    assert loaded.positions.of(("a", "c", 1)) == (3, 10)
    assert loaded.positions.of(("a", "missing")) == (2, 3)  # nearest ancestor


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: [1, 2\n", "data/report.yaml:1:4: YAML syntax: the [ opened here is not closed with ]; close it on its line"),
        (b"a: 1\nb: x: y\n", "data/report.yaml:2:5: YAML syntax: a colon followed by a space is not allowed in an unquoted text; put the text in quotes"),
        (b"a: 1\nb: 2\na: 3\n", "data/report.yaml:3:1: a: duplicate key 'a' (first given on line 1); keep only one"),
        (b"a: !!python/object/apply:os.system [echo]\n",
         "data/report.yaml:1:4: a: the tag !!python/object/apply:os.system is not allowed; write plain text, numbers or dates"),
        (b"a: !!binary aGk=\n", "data/report.yaml:1:4: a: the tag !!binary is not allowed; write plain text, numbers or dates"),
        (b"a: &x [1]\nb: *x\n", "data/report.yaml:1:4: YAML syntax: a value cannot start with & (YAML reads &name as a name for reuse, "
         "which this file does not use); if it is text, put it in quotes: \"&...\"; otherwise write the value out in full"),
        (b"a:\n  b: 1\n  <<: {c: 2}\n", "data/report.yaml:3:3: a: '<<' (a YAML merge key, which copies fields from elsewhere) is not supported; "
                                         "write the fields out here"),
        (b"a: 1\nb: caf\xe9\n", "data/report.yaml:2:7: byte 0xe9 is not UTF-8; save the file as UTF-8"),
        (b"a: \xc4\x91\xff\n", "data/report.yaml:1:5: byte 0xff is not UTF-8; save the file as UTF-8"),
        (b"a:\n\tb: 1\n", "data/report.yaml:2:1: a tab is used for indentation; indent with spaces only"),
        (b"a: 1\x07\n", "data/report.yaml:1:5: a: the invisible control character U+0007 is not allowed; delete it"),
        (b"", "data/report.yaml:1:1: the file is empty; it must hold the report's fields"),
        (b"# only a comment\n\n", "data/report.yaml:1:1: the file is empty; it must hold the report's fields"),
        (b"---\n", "data/report.yaml:1:1: the file is empty; it must hold the report's fields"),
        (b"a: 1\n---\nb: 2\n", "data/report.yaml:2:1: YAML syntax: a second document starts here ('---'); keep a single one"),
        (b"a: 2023-02-30\n", "data/report.yaml:1:4: a: '2023-02-30' is not a real date (day is out of range for month)"),
        (b"a: .inf\n", "data/report.yaml:1:4: a: '.inf' is not a usable number; write digits"),
        (b"a: " + b"[" * 200 + b"]" * 200 + b"\n", "data/report.yaml:1:43: the values nest more than 40 levels deep"),
    ],
    ids=["syntax", "colon", "duplicate", "python-tag", "binary-tag", "alias", "merge-key", "latin1",
         "invalid-byte-after-vietnamese", "tab", "control-char", "empty", "comment-only", "bare-marker",
         "two-documents", "impossible-date", "infinity", "deep-nesting"],
)
def test_refusals_name_the_line(raw, expected):
    assert problems_of(raw) == [expected]


def test_every_duplicate_is_reported():
    lines = problems_of(b"a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    assert lines == [
        "data/report.yaml:2:1: a: duplicate key 'a' (first given on line 1); keep only one",
        "data/report.yaml:5:3: b.c: duplicate key 'c' (first given on line 4); keep only one",
    ]


def test_alias_bomb_is_refused_quickly():
    bomb = b'a: &a ["x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    assert problems_of(bomb) == ["data/report.yaml:1:4: YAML syntax: a value cannot start with & (YAML reads &name as a name for reuse, "
         "which this file does not use); if it is text, put it in quotes: \"&...\"; otherwise write the value out in full"]


def test_leading_bom_is_accepted():
    assert parse_yaml(b"\xef\xbb\xbfa: 1\n", NAME).data == {"a": 1}


def test_text_is_normalised_to_nfc_and_columns_stay_true():
    decomposed = "a: [Vie\u0323\u0302t, x]\nb: !!str 1\n".encode()
    loaded = parse_yaml(decomposed, NAME)
    assert loaded.data == {"a": ["Vi\u1ec7t", "x"], "b": "1"}
    assert loaded.positions.of(("a", 1)) == (1, 13)  # counted in the characters the editor sees


def test_missing_file(tmp_path):
    with pytest.raises(ReportError) as caught:
        load_yaml(tmp_path / "nothing.yaml", display_name=NAME)
    assert [str(p) for p in caught.value.problems] == ["data/report.yaml:1:1: the file does not exist"]


def test_tab_inside_quoted_text_is_fine():
    assert parse_yaml(b'a: "x\\ty"\n', NAME).data == {"a": "x\ty"}


def test_libyaml_and_pure_python_read_the_real_report_alike(monkeypatch):
    """The fast path (libyaml) must give the same data and positions as the pure-Python loader."""
    import report.loading as loading

    raw = (ROOT_DIR / "data" / "report.yaml").read_bytes()
    fast = parse_yaml(raw, NAME)
    monkeypatch.setattr(loading.yaml, "CSafeLoader", None, raising=False)
    pure = parse_yaml(raw, NAME)
    assert fast.data == pure.data
    assert fast.positions.values == pure.positions.values and fast.positions.keys == pure.positions.keys
