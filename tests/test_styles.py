"""Every class the site's HTML carries is one its stylesheets define: a class joined to its
neighbour (`report-figurereport-figure--chart`) or misspelt silently loses its style, which no
structural check sees. The built pages of both languages are read as they are published, and the
macros' own source too (some classes appear only when the data calls for them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

REPORT_CSS = ROOT / "overrides" / "assets" / "stylesheets" / "report.css"
MACROS = ROOT / "overrides" / "macros" / "report.md.j2"
TEMPLATES = [MACROS, *sorted((ROOT / "overrides").rglob("*.html"))]

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_STRING = re.compile(r""""(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'""")
_URL = re.compile(r"url\([^)]*\)")
_CLASS_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_CLASS_ATTRIBUTE = re.compile(r"""\sclass=(?:"([^"]*)"|'([^']*)')""")


def defined_classes(css: str) -> set[str]:
    """Class names used in the selectors of a stylesheet (strings, URLs and comments left out,
    so that `content: "a.b"` or `url(x.svg)` define nothing)."""
    css = _URL.sub("", _STRING.sub("", _COMMENT.sub("", css)))
    return set(_CLASS_SELECTOR.findall(css))


def class_attributes(html: str) -> list[str]:
    return [double or single for double, single in _CLASS_ATTRIBUTE.findall(html)]


@pytest.fixture(scope="module")
def site_classes(built_site) -> set[str]:
    """Every class defined by the stylesheets the built site links (the theme's and report.css)."""
    sheets = sorted((built_site / "assets" / "stylesheets").glob("*.css"))
    assert any(sheet.name == "report.css" for sheet in sheets) and len(sheets) >= 3
    return set().union(*(defined_classes(sheet.read_text(encoding="utf-8")) for sheet in sheets))


def _pages(built_site: Path) -> list[Path]:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 11, pages  # 5 pages in each language and the 404 page
    return pages


def test_every_class_in_every_built_page_is_defined(built_site, site_classes):
    undefined = []
    for page in _pages(built_site):
        for attribute in class_attributes(page.read_text(encoding="utf-8")):
            undefined += [f"{page.relative_to(built_site)}: {name!r} in class={attribute!r}"
                          for name in attribute.split() if name not in site_classes]
    assert not undefined, "classes no stylesheet defines:\n" + "\n".join(sorted(set(undefined)))


def _emitted_report_classes() -> dict[str, set[str]]:
    """Every `report-…` class the templates can write, by template, whatever the data: the literal
    parts of each class attribute, Jinja expressions included (`{{ ' report-x' if … }}`)."""
    found: dict[str, set[str]] = {}
    for template in TEMPLATES:
        for attribute in class_attributes(template.read_text(encoding="utf-8")):
            for name in re.findall(r"(?<![\w-])(report-[\w-]*[\w])", attribute):
                found.setdefault(name, set()).add(template.name)
    return found


def test_every_class_the_templates_emit_is_defined_in_report_css():
    emitted = _emitted_report_classes()
    assert {"report-figure", "report-figure__label", "report-timeline"} <= emitted.keys()
    own = defined_classes(REPORT_CSS.read_text(encoding="utf-8"))
    missing = {name: sorted(where) for name, where in emitted.items() if name not in own}
    assert not missing, f"classes the templates emit that report.css does not define: {missing}"


def test_class_names_are_read_from_selectors_only():
    css = '.a, .b > .c:hover { content: ".x"; background: url(i.svg) } /* .y */ @media print { .d { margin: .5em } }'
    assert defined_classes(css) == {"a", "b", "c", "d"}
    assert class_attributes('<p class="a b"><svg class=\'c\'>') == ["a b", "c"]


def test_values_printed_into_html_lose_line_breaks_but_are_never_trimmed(tmp_path):
    """The renderer's `finalize` runs on every printed value, attribute parts included: it folds a
    line break (which would end a raw HTML block in Markdown) and touches nothing else."""
    from report.render import make_environment

    environment = make_environment(tmp_path)
    template = environment.from_string(
        '<section class="card{{ \' card--chart\' if chart }}" title="{{ title }}">{{ text }}|{{ pad }}|</section>')
    html = template.render(chart=True, title="two\n  lines", text="a \n\n b\n", pad="  x  ")
    assert html == '<section class="card card--chart" title="two lines">a b |  x  |</section>'
