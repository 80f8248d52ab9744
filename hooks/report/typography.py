"""Where a line may end: never inside a date, a quarter, a span of years or a document's code.

Browsers break lines after a hyphen or a dash and at any space, so a phone shows "quý I-" at the
end of one line and "2023" on the next. After Markdown, each such run in a page's text is wrapped
in `<span class="report-nowrap">` (`white-space: nowrap` in report.css). The characters stay as
written, so the text is found by search and copied exactly; only where a line may end changes.
Engine-agnostic: HTML in, HTML out.
"""

from __future__ import annotations

import html
import re

NOWRAP_CLASS = "report-nowrap"

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
KEEP_TOGETHER = re.compile(
    rf"""
      \d{{1,2}}\ tháng\ \d{{1,2}}(?:,?\ (?:năm\ )?\d{{4}})?      # 19 tháng 4, 2023
    | [Tt]háng\ \d{{1,2}}(?:,?\ năm\ \d{{4}})?                      # tháng 10 năm 2023
    | \d{{1,2}}\ (?:{_MONTHS})(?:\ \d{{4}})?                     # 19 April 2023
    | (?:{_MONTHS})\ \d{{1,2}}(?:,\ \d{{4}})?(?!\d)              # April 19, 2023
    | (?:{_MONTHS})\ \d{{4}}                                     # October 2023
    | [Qq]uý\ [IVX]+(?:-|\ năm\ )\d{{4}}                            # quý I-2023, quý I năm 2023
    | Q[1-4](?:-|\ )\d{{4}}                                      # Q1 2023, Q1-2023
    | (?:(?:[Đđ]ầu|[Gg]iữa|[Cc]uối)\ )?[Nn]ăm\ \d{{4}}                       # năm 2021, cuối năm 2023
    | (?:[Ee]arly|[Ll]ate)\ \d{{4}} | [Mm]id-\d{{4}}                       # late 2023, mid-2023
    | \d{{4}}\ ?[–-]\ ?\d{{2,4}}                                  # 2021–2025
    | \d{{1,2}}-\d{{1,2}}(?:-\d{{4}})?                           # 19-4, 30-6-2023
    | \d+-[A-ZĐ]\w*/[A-ZĐ]+                                      # 01-CTr/TU
    """,
    re.VERBOSE,
)
# whole words only: not the "2-2023" of "12-2023", not a part of a longer code
_KEEP = re.compile(r"(?<![\w/–-])(?:" + KEEP_TOGETHER.pattern + r")(?![\w/–-])", re.VERBOSE)

_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
# Elements whose text is not page text a reader wraps: code, scripts, and SVG (no HTML inside).
_SKIP = re.compile(r"<(/?)(svg|script|style|code|pre|textarea|title)\b", re.I)


def keep_together(page_html: str) -> str:
    """``page_html`` with every date, quarter, span of years and document code in its text (never
    in a tag, an attribute, code or SVG) wrapped so that no line ends inside it."""
    out, skipping = [], 0
    for part in _TAG.split(page_html):
        if part.startswith("<"):
            tag = _SKIP.match(part)
            if tag and not part.endswith("/>"):
                skipping = max(0, skipping + (-1 if tag[1] else 1))
            out.append(part)
        elif skipping or not part:
            out.append(part)
        else:
            out.append(_wrap(part))
    return "".join(out)


def _wrap(text: str) -> str:
    """One run of HTML text: unchanged where nothing matches, else re-escaped around the spans."""
    plain = html.unescape(text)
    if not _KEEP.search(plain):
        return text
    pieces, last = [], 0
    for match in _KEEP.finditer(plain):
        pieces += [html.escape(plain[last:match.start()], quote=False),
                   f'<span class="{NOWRAP_CLASS}">{html.escape(match[0], quote=False)}</span>']
        last = match.end()
    pieces.append(html.escape(plain[last:], quote=False))
    return "".join(pieces)
