"""Translation drift: a Vietnamese change the English did not follow is caught, until signed off."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from check_report import main as check_main
from in_process import run_build
from project_copy import copy_project
from report.loading import load_yaml
from report.translations import fingerprint, read_lock

LANGS = ["vi", "en"]


def set_text(report, path: tuple, lang: str, new: str) -> None:
    """Replace one language of a text in place (quoted, one line), whatever its YAML style."""
    loaded = load_yaml(report)
    line, column = loaded.positions.of((*path, lang))
    lines = report.read_text(encoding="utf-8").split("\n")
    start = lines[line - 1]
    key_indent = len(start) - len(start.lstrip())
    end = line
    if start[column - 1:].startswith((">", "|")):  # a block scalar: drop its continuation lines
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > key_indent):
            end += 1
    lines[line - 1:end] = [start[:column - 1] + json.dumps(new, ensure_ascii=False)]
    report.write_text("\n".join(lines), encoding="utf-8")


def check(project, *args: str, capsys) -> tuple[int, list[str]]:
    status = check_main([str(project / "data" / "report.yaml"), "--config", str(project / "mkdocs.yml"), *args])
    return status, capsys.readouterr().out.splitlines()


@pytest.fixture
def project(tmp_path, capsys):
    """A project copy whose English is fully signed off."""
    copy = copy_project(tmp_path / "project")
    status, _ = check(copy, "--sign-off", "en", capsys=capsys)
    assert status == 0
    return copy


NAME = ("event", "name")


def test_signed_off_copy_is_clean(project, capsys):
    status, lines = check(project, "--strict", capsys=capsys)
    assert status == 0, lines
    assert not [line for line in lines if "awaiting" in line or "warning:" in line]


def test_vi_change_warns_at_the_english_line_and_strict_fails(project, capsys):
    report = project / "data" / "report.yaml"
    old = load_yaml(report).data["event"]["name"]["vi"]
    set_text(report, NAME, "vi", "Hội nghị sơ kết đã sửa lại tên")
    en_line, en_column = load_yaml(report).positions.of((*NAME, "en"))
    status, lines = check(project, capsys=capsys)
    assert status == 0
    warning = next(line for line in lines if "out of date" in line)
    assert warning.startswith(f"data/report.yaml:{en_line}:{en_column}: event.name.en: warning: ")
    assert f'"{old[:20]}' in warning and '→ "Hội nghị sơ kết đã sửa lại tên"' in warning
    assert check(project, "--strict", capsys=capsys)[0] == 1
    lock = project / "data" / "translations.lock"
    before = (lock.read_bytes(), lock.stat().st_mtime_ns)
    result = run_build(project, project / "site")
    assert result.returncode != 0 and "out of date" in result.stdout + result.stderr
    assert (lock.read_bytes(), lock.stat().st_mtime_ns) == before  # a build only reads the lock


def test_preview_marks_the_outdated_english(project, capsys):
    report = project / "data" / "report.yaml"
    set_text(report, NAME, "vi", "Hội nghị sơ kết đã sửa lại tên")
    site = project / "site"
    result = run_build(project, site)  # --strict refuses
    assert result.returncode != 0
    result = run_build(project, site, strict=False)
    assert result.returncode == 0, result.stderr
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    vietnamese = (site / "index.html").read_text(encoding="utf-8")
    assert "translation may be out of date" in english
    assert "bản dịch có thể đã cũ" not in vietnamese and "out of date" not in vietnamese


def test_both_languages_changed_is_awaiting_not_a_warning(project, capsys):
    report = project / "data" / "report.yaml"
    set_text(report, NAME, "vi", "Hội nghị sơ kết đã sửa lại tên")
    set_text(report, NAME, "en", "The renamed review conference")
    status, lines = check(project, "--strict", capsys=capsys)
    assert status == 0, lines
    assert "awaiting sign-off: event/name [en]: both languages changed" in lines


def test_sign_off_skips_outdated_unless_named(project, capsys):
    report = project / "data" / "report.yaml"
    set_text(report, NAME, "vi", "Hội nghị sơ kết đã sửa lại tên")
    status, lines = check(project, "--sign-off", "en", capsys=capsys)
    assert "not signed off (outdated; name it with --only): event/name [en]" in lines
    assert check(project, "--strict", capsys=capsys)[0] == 1  # still outdated
    status, lines = check(project, "--sign-off", "en", "--only", "midterm-review", capsys=capsys)
    assert status == 0 and "signed off: event/name [en]" in lines
    assert check(project, "--strict", capsys=capsys)[0] == 0
    entry = read_lock(project / "data" / "translations.lock")[("event/name", "en")]
    assert entry.source_text == "Hội nghị sơ kết đã sửa lại tên"
    assert entry.source_print == fingerprint("Hội nghị sơ kết đã sửa lại tên")


def test_default_language_cannot_be_signed_off(project, capsys):
    status, lines = check(project, "--sign-off", "vi", capsys=capsys)
    assert status == 1 and "default language" in lines[0]


def test_lock_survives_reordering_and_reports_stale(project, capsys):
    report = project / "data" / "report.yaml"
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    data["directives"]["items"].reverse()
    data["source"]["notes"].reverse()
    removed = data["results"]["leadership"]["items"].pop()
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    status, lines = check(project, "--strict", capsys=capsys)
    assert status == 0, lines
    assert not [line for line in lines if "warning:" in line or "awaiting" in line]
    stale = [line for line in lines if line.startswith("stale lock entry")]
    assert stale and all(f"/{removed['id']}/" in line for line in stale)
    status, lines = check(project, "--sign-off", "en", capsys=capsys)
    assert any(line.startswith(f"dropped stale entry: results/{removed['id']}/") for line in lines)
    assert not any(removed["id"] in key for key, _ in read_lock(project / "data" / "translations.lock"))


def test_lock_file_is_sorted_plain_text(project):
    text = (project / "data" / "translations.lock").read_text(encoding="utf-8")
    entries = [line for line in text.splitlines() if not line.startswith("#")]
    assert entries == sorted(entries) and len(entries) > 50
    assert all(re.fullmatch(r"[a-z0-9_/-]+\ten\t[0-9a-f]{16}\t[0-9a-f]{16}\t[^\t]+", line) for line in entries)


def test_committed_lock_matches_the_data(capsys):
    """The real lock signs off every English text: the published site has no drift."""
    from conftest import ROOT
    status, lines = check(ROOT, "--strict", capsys=capsys)
    assert status == 0, lines
    assert not [line for line in lines if line.startswith(("awaiting", "stale"))], lines


def test_a_third_language_has_its_own_sign_off():
    """Each translation language is signed off on its own, against the default language."""
    from conftest import ROOT
    from report.loading import parse_yaml
    from report.translations import drift, sign_off
    from report.validation import check_report

    languages = ["vi", "en", "fr"]
    minimal = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    raw = minimal.replace("name: {vi: Hội nghị, en: Conference}", "name: {vi: Hội nghị, en: Conference, fr: Conférence}")

    def state(text: str):
        loaded = parse_yaml(text.encode("utf-8"), "data/report.yaml", keep_going=True)
        return check_report(loaded, languages).report, loaded.positions

    report, _ = state(raw)
    lock = {}
    for lang in ("en", "fr"):
        entries, _ = sign_off(report, lock, languages, lang)
        lock = {(e.key, e.lang): e for e in entries}
    assert {lang for key, lang in lock if key == "event/name"} == {"en", "fr"}
    changed = raw.replace("{vi: Hội nghị,", "{vi: Hội nghị sơ kết,")
    report, positions = state(changed)
    outdated = drift(report, positions, lock, languages).outdated
    assert sorted(str(p).split(": ")[1] for p in outdated) == ["event.name.en", "event.name.fr"]
    assert all("the Vietnamese changed since the" in p.message for p in outdated)
    entries, lines = sign_off(report, lock, languages, "fr", ["review"])
    assert "signed off: event/name [fr]" in lines
    lock = {(e.key, e.lang): e for e in entries}
    assert [str(p).split(": ")[1] for p in drift(report, positions, lock, languages).outdated] == ["event.name.en"]


def _lock_lines(project) -> list[str]:
    return (project / "data" / "translations.lock").read_text(encoding="utf-8").split("\n")


def _entry_line(lines: list[str], key: str) -> int:
    return next(index for index, line in enumerate(lines) if line.startswith(key + "\t"))


def test_a_lock_left_in_conflict_by_a_merge_is_refused(project, capsys):
    """diff3-style markers around two versions of one entry: never 'the later line wins'."""
    lock = project / "data" / "translations.lock"
    lines = _lock_lines(project)
    index = _entry_line(lines, "results/economic-indicators/title")
    theirs = lines[index].replace("\ten\t", "\ten\t0000", 1)
    lines[index:index + 1] = ["<<<<<<< ours", lines[index], "||||||| base", lines[index], "=======", theirs,
                              ">>>>>>> theirs"]
    lock.write_text("\n".join(lines), encoding="utf-8")
    status, output = check(project, capsys=capsys)
    assert status == 1
    assert output[0].endswith(f"translations.lock:{index + 1}:1: a merge left conflict markers at lines {index + 1}, "
                              f"{index + 3}, {index + 5}, {index + 7}; take the lock of one side (git checkout "
                              "--theirs or --ours), then sign off again with --sign-off")


@pytest.mark.parametrize(("damage", "words"), [
    (lambda line: line.replace("\t", " ", 1), "this line is not a lock entry (five tab-separated fields)"),
    (lambda line: "\t".join(line.split("\t")[:4]), "this line is not a lock entry (five tab-separated fields)"),
    (lambda line: line + "\n" + line, "a second entry for shortcomings/heading [en]"),
])
def test_a_damaged_lock_line_is_refused_at_its_line(project, capsys, damage, words):
    lock = project / "data" / "translations.lock"
    lines = _lock_lines(project)
    index = _entry_line(lines, "shortcomings/heading")
    lines[index] = damage(lines[index])
    lock.write_text("\n".join(lines), encoding="utf-8")
    status, output = check(project, capsys=capsys)
    number = index + 1 + ("second" in words)
    assert status == 1 and any(f"translations.lock:{number}:1: {words}" in line for line in output), output


def test_a_lock_saved_as_utf16_is_one_line(project, capsys):
    lock = project / "data" / "translations.lock"
    lock.write_bytes(lock.read_text(encoding="utf-8").encode("utf-16"))
    status, output = check(project, capsys=capsys)
    assert status == 1 and output[0].endswith("translations.lock:1:1: the file is saved as UTF-16; save it as UTF-8")


def test_a_build_with_a_damaged_lock_is_one_clean_message(project):
    lock = project / "data" / "translations.lock"
    lock.unlink()
    lock.mkdir()  # a folder where the lock should be
    result = run_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output and "bug" not in output
    assert "data/translations.lock:1:1: this is a folder, not a file; put the file itself here" in output


def test_sign_off_with_an_unknown_id_fails_and_leaves_the_lock_alone(project, capsys):
    lock = project / "data" / "translations.lock"
    before = lock.read_bytes()
    set_text(project / "data" / "report.yaml", NAME, "vi", "Hội nghị sơ kết, tên mới")
    status, lines = check(project, "--sign-off", "en", "--only", "midterm-reveiw", capsys=capsys)
    assert status == 1
    assert lines == ["unknown id or key given to --only: midterm-reveiw; nothing signed off (give ids as in "
                     "data/report.yaml, e.g. ring-road-4)"]
    assert lock.read_bytes() == before


@pytest.mark.parametrize("emptied", ["", "\n\n", "# Translation sign-off lock: written only by\n"])
def test_an_emptied_lock_is_refused_not_read_as_nothing_signed_off(project, capsys, emptied):
    """An emptied lock would make every outdated translation pass unnoticed (as before any
    sign-off): it is refused until restored or signed off again, and signing off again works."""
    lock = project / "data" / "translations.lock"
    lock.write_text(emptied, encoding="utf-8")
    set_text(project / "data" / "report.yaml", NAME, "vi", "Hội nghị sơ kết đã sửa lại tên")
    status, output = check(project, "--strict", capsys=capsys)
    assert status == 1 and output[0].endswith(
        "translations.lock:1:1: the lock holds no sign-off (it was emptied), so no outdated translation could be "
        "noticed; restore it (git checkout -- data/translations.lock) or sign off again: "
        "python scripts/check_report.py --sign-off LANG"), output
    assert check(project, "--sign-off", "en", capsys=capsys)[0] == 0
    assert check(project, "--strict", capsys=capsys)[0] == 0
