"""Pages without the theme's indentation read and lay out as before: only white space that holds a
line break, between tags, is shortened; tags, attribute values, pre, textarea, script and style
are kept exactly."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGES, language_prefix
from report.compact_html import compact_html

KEPT = ('<pre>\n    code\n      kept</pre><textarea>\n  a\n</textarea>'
        '<script>\n  var x = "a\n   b";\n</script><style>\n  p { }\n</style>')


def test_indentation_becomes_one_line_break_and_nothing_else_changes():
    html = ('<div>\n    <p title="a\n    b">one\n      two  three</p>\n\n  <span>x</span> <span>y</span>\n</div>' + KEPT)
    out = compact_html(html)
    assert out == ('<div>\n<p title="a\n    b">one\ntwo  three</p>\n<span>x</span> <span>y</span>\n</div>' + KEPT)
    assert compact_html(out) == out


def test_text_reads_the_same_once_white_space_is_collapsed_as_html_does():
    html = "<p>\n  Đăng lần đầu:\n   <time>28</time>.\n  </p><!--\n   comment\n  -->"
    shown = [re.sub(r"\s+", " ", BeautifulSoup(page, "html.parser").get_text()) for page in (html, compact_html(html))]
    assert shown[0] == shown[1]
    assert "<!--\n   comment\n  -->" in compact_html(html), "a comment is a tag: kept"


def indentation(html: str) -> str | None:
    """The first line of a page's text that starts with blanks, outside pre, textarea, script and style."""
    outside = re.sub(r"<(pre|textarea|script|style)\b.*?</\1\s*>|<[^>]*>", "", html, flags=re.S)
    found = re.search(r"\n[ \t]+.*", outside)
    return found and found.group()


def test_built_pages_carry_no_indentation_outside_kept_elements(built_site):
    for lang in LANGUAGES:
        for path in PAGES:
            html = (built_site / language_prefix(lang) / path / "index.html").read_text(encoding="utf-8")
            assert not indentation(html), f"{lang}:/{path}: {indentation(html)!r}"
