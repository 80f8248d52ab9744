"""Check data/report.yaml (and the site's labels) without building: the messages `mkdocs build` gives.

    python scripts/check_report.py [data/report.yaml] [--strict]
    python scripts/check_report.py --sign-off en [--only ID ...]
    python scripts/check_report.py --diff [REV]

Exit status 0 when the files are usable (warnings are listed), 1 on any error, or with --strict
on any warning too (as `mkdocs build --strict` does). Languages come from mkdocs.yml.
An outdated translation (the default-language text changed since the translation was signed off
in data/translations.lock) is a warning; `--sign-off LANG` records the current translations of
LANG in the lock (the only command that writes it); `--diff REV` prints what changed in the model
since the git revision REV.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from report import site_config
from report.changes import diff
from report.loading import Loaded, load_yaml, parse_yaml, shown_name
from report.model import Report
from report.pages import page_problems
from report.problems import Problem, ReportError, ok_line, report_lines
from report.site import RenderingBug, load_site
from report.site_config import DOCS, MACROS, REPORT, site_languages
from report.translations import drift, lock_path, read_lock, sign_off, write_lock
from report.validation import check_labels, check_report

ROOT = Path(__file__).resolve().parent.parent
LABELS = MACROS / "labels.yaml"


def check(report: Path, languages: list[str], *, root: Path, strict: bool = False,
          labels: Path | None = None, pages: tuple[str, ...] | None = None) -> tuple[int, list[str]]:
    """The exit status and the lines to print for ``report`` (and ``labels``, when given). With
    ``pages`` (the nav's), the labels are checked for them, and each page is checked and rendered
    in every language as the build would (when the data has no errors)."""
    problems: list[Problem] = []
    counted, notes = [], []
    for path, read in [(report, _report_warnings), *([(labels, _label_warnings)] if labels is not None else [])]:
        name = shown_name(path, root)
        try:
            warnings, more_notes = read(load_yaml(path, display_name=name, keep_going=True), languages, root,
                                        report=report, pages=pages or ())
        except ReportError as error:
            problems += error.problems
            continue
        problems += warnings
        notes += more_notes
        counted.append(ok_line(name, len(warnings)))
    if pages is not None:  # what each page needs (its file, its part of the model), whatever the data holds
        problems += page_problems(pages, docs=root / DOCS, model=Report,
                                  config_text=(root / site_config.NAME).read_text(encoding="utf-8"))
    if pages is not None and labels is not None and not any(p.severity == "error" for p in problems):
        problems += _rendering_problems(report, languages, pages, root=root)
    if any(p.severity == "error" for p in problems) or (strict and problems):
        return 1, report_lines(problems)
    return 0, [*report_lines(problems)[:-1], *notes, *counted]


def _report_warnings(loaded: Loaded, languages: list[str], root: Path, *, report: Path,
                     pages: tuple[str, ...]) -> tuple[list[Problem], list[str]]:
    """The report's warnings and the translations' state (raises ReportError on an error)."""
    checked = check_report(loaded, languages)
    lock = lock_path(report)
    state = drift(checked.report, loaded.positions, read_lock(lock, shown_name(lock, root)), languages)
    return [*checked.warnings, *state.outdated], state.notes()


def _label_warnings(loaded: Loaded, languages: list[str], root: Path, *, report: Path,
                    pages: tuple[str, ...]) -> tuple[list[Problem], list[str]]:
    """The labels' warnings (raises ReportError on an error)."""
    return list(check_labels(loaded, languages, pages)[1]), []


def _rendering_problems(report: Path, languages: list[str], pages: tuple[str, ...], *, root: Path) -> list[Problem]:
    """Every page rendered in every language, as the build does before it writes anything."""
    site = load_site(report, root / MACROS, languages, root=root, pages=pages)
    try:
        return site.page_problems(root / DOCS, root)
    except RenderingBug as error:
        raise SystemExit(str(error)) from error


def run_sign_off(report: Path, languages: list[str], lang: str, only: list[str], *, root: Path) -> tuple[int, list[str]]:
    """Record the current translations of ``lang`` in the lock; refuses while the data has errors."""
    try:
        checked = check_report(load_yaml(report, display_name=shown_name(report, root), keep_going=True), languages)
    except ReportError as error:
        return 1, ["nothing signed off: the data has errors", *report_lines(error.problems)]
    path = lock_path(report)
    try:
        entries, lines = sign_off(checked.report, read_lock(path, shown_name(path, root)), languages, lang, only)
    except ValueError as error:
        return 1, [str(error)]
    except ReportError as error:
        return 1, report_lines(error.problems)
    write_lock(path, entries)
    return 0, [*lines, f"{shown_name(path, root)}: {sum(e.lang == lang for e in entries)} {lang} texts signed off"]


def run_diff(report: Path, languages: list[str], revision: str, *, root: Path) -> tuple[int, list[str]]:
    """What changed in the model between ``revision`` (git) and the working file, one change a line."""
    name = shown_name(report, root)
    try:
        toplevel = Path(subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], check=True,
                                       capture_output=True, text=True).stdout.strip())
        inside = report.resolve().relative_to(toplevel.resolve()).as_posix()
        old_raw = subprocess.run(["git", "-C", str(toplevel), "show", f"{revision}:{inside}"], check=True,
                                 capture_output=True).stdout
    except (subprocess.CalledProcessError, ValueError, OSError) as error:
        detail = getattr(error, "stderr", b"") or b""
        detail = detail.decode("utf-8", "replace").strip() if isinstance(detail, bytes) else str(detail)
        return 1, [f"{name}: cannot read it at {revision} ({detail or error})"]
    try:
        old = parse_yaml(old_raw, f"{revision}:{name}", keep_going=True).data
        new = load_yaml(report, display_name=name, keep_going=True).data
    except ReportError as error:
        return 1, report_lines(error.problems)
    lines = diff(old, new, languages)
    if not lines:
        return 0, [f"{name}: no change since {revision}"]
    return 0, [f"{name}: {len(lines)} change{'s' if len(lines) != 1 else ''} since {revision}", *lines]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the report data without building the site.")
    parser.add_argument("report", nargs="?", type=Path, default=ROOT / REPORT)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml to read languages from")
    parser.add_argument("--strict", action="store_true", help="treat warnings (missing translations) as errors")
    parser.add_argument("--sign-off", metavar="LANG", help="record the current LANG translations in data/translations.lock")
    parser.add_argument("--only", nargs="+", metavar="ID", default=[],
                        help="with --sign-off: also sign off these outdated texts (an id or a key)")
    parser.add_argument("--diff", nargs="?", const="HEAD", metavar="REV",
                        help="print what changed in the model since the git revision REV (default HEAD)")
    args = parser.parse_args(argv)
    root = args.config.absolute().parent  # not resolved: a link loop is reported, not raised
    try:
        languages = site_languages(args.config)
    except ReportError as error:
        print("\n".join(report_lines(error.problems)))
        return 1
    if args.diff:
        status, lines = run_diff(args.report, languages, args.diff, root=root)
        print("\n".join(lines))
        return status
    if args.only and not args.sign_off:
        parser.error("--only goes with --sign-off")
    if args.sign_off:
        status, lines = run_sign_off(args.report, languages, args.sign_off, args.only, root=root)
        print("\n".join(lines))
        return status
    labels = root / LABELS
    # The pages render the project's own data: they are checked with it (not with another file, nor
    # where there are no pages, e.g. data and labels copied alone).
    own = os.path.abspath(args.report) == os.path.abspath(root / REPORT) and (root / DOCS).is_dir()
    try:
        pages = site_config.pages(args.config) if own else None
    except ReportError as error:
        print("\n".join(report_lines(error.problems)))
        return 1
    status, lines = check(args.report, languages, root=root, strict=args.strict,
                          labels=labels if labels.exists() else None, pages=pages)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
