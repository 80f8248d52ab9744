"""Check data/report.yaml without building the site: the same messages as `mkdocs build`.

    python scripts/check_report.py [data/report.yaml] [--strict]

Exit status 0 when the file is usable (warnings are listed), 1 on any error, or with --strict
on any warning too (as `mkdocs build --strict` does).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from report.loading import load_yaml  # noqa: E402 - after the path is set
from report.problems import ReportError, ok_line, report_lines  # noqa: E402
from report.validation import check_report  # noqa: E402


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!!python/name:` and `!ENV` tags are not needed here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_languages(mkdocs_yml: Path) -> list[str]:
    """The languages the i18n plugin builds, the default one first (as the site hook sees them)."""
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = [lang for lang in (plugin["i18n"] or {}).get("languages", []) if lang.get("build", True)]
            languages.sort(key=lambda lang: not lang.get("default", False))
            return [lang["locale"] for lang in languages]
    raise SystemExit(f"{mkdocs_yml}: no i18n plugin languages found")


def display_name(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def check(report: Path, languages: list[str], *, root: Path, strict: bool = False) -> tuple[int, list[str]]:
    """The exit status and the lines to print for ``report``."""
    name = display_name(report, root)
    try:
        checked = check_report(load_yaml(report, display_name=name), languages)
    except ReportError as error:
        return 1, report_lines(error.problems)
    warnings = [str(w) for w in sorted(checked.warnings, key=lambda p: (p.line, p.column))]
    if strict and warnings:
        return 1, report_lines(checked.warnings)
    return 0, [*warnings, ok_line(name, len(warnings))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the report data without building the site.")
    parser.add_argument("report", nargs="?", type=Path, default=ROOT / "data" / "report.yaml")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml to read languages from")
    parser.add_argument("--strict", action="store_true", help="treat warnings (missing translations) as errors")
    args = parser.parse_args(argv)
    status, lines = check(args.report, site_languages(args.config), root=args.config.resolve().parent,
                          strict=args.strict)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
