"""Check data/report.yaml (and the site's labels) without building: the messages `mkdocs build` gives.

    python scripts/check_report.py [data/report.yaml] [--strict]

Exit status 0 when the files are usable (warnings are listed), 1 on any error, or with --strict
on any warning too (as `mkdocs build --strict` does). Languages come from mkdocs.yml.
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
from report.validation import check_labels, check_report  # noqa: E402


LABELS = Path("overrides") / "macros" / "labels.yaml"


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
        return str((path.parent.resolve() / path.name).relative_to(root.resolve()))
    except ValueError:
        return str(path)


def check(report: Path, languages: list[str], *, root: Path, strict: bool = False,
          labels: Path | None = None) -> tuple[int, list[str]]:
    """The exit status and the lines to print for ``report`` (and ``labels``, when given)."""
    files = [(report, check_report)] + ([(labels, check_labels)] if labels is not None else [])
    problems, warnings_per_file = [], []
    for path, checker in files:
        name = display_name(path, root)
        try:
            loaded = load_yaml(path, display_name=name, keep_going=True)
            result = checker(loaded, languages)
        except ReportError as error:
            problems += error.problems
            continue
        warnings = result.warnings if hasattr(result, "warnings") else result[1]
        problems += warnings
        warnings_per_file.append((name, len(warnings)))
    if any(p.severity == "error" for p in problems) or (strict and problems):
        return 1, report_lines(problems)
    return 0, [*report_lines(problems)[:-1], *(ok_line(name, count) for name, count in warnings_per_file)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the report data without building the site.")
    parser.add_argument("report", nargs="?", type=Path, default=ROOT / "data" / "report.yaml")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml to read languages from")
    parser.add_argument("--strict", action="store_true", help="treat warnings (missing translations) as errors")
    args = parser.parse_args(argv)
    root = args.config.resolve().parent
    labels = root / LABELS
    status, lines = check(args.report, site_languages(args.config), root=root, strict=args.strict,
                          labels=labels if labels.exists() else None)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
