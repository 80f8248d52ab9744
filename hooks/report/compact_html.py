"""Pages without the theme's indentation: each run of white space that holds a line break, between
two tags, becomes one line break.

Engine-agnostic. HTML shows any run of white space between words as one space, so the page reads
and lays out exactly as before; what changes is the bytes a first visit downloads (about 0.5 KB
compressed per page). Tags themselves (and so every attribute value) and the content of `pre`,
`textarea`, `script` and `style` are kept character for character.
"""

from __future__ import annotations

import re

# Elements whose content is not HTML text, or whose white space is shown as it is.
_KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_INDENTED_BREAK = re.compile(r"\n[ \t\r\n\f]*")


def compact_html(html: str) -> str:
    """``html`` with every line break and the white space around it after it made one line break."""
    out: list[str] = []
    position = 0
    for kept in _KEPT.finditer(html):
        out.append(_compact_text(html[position:kept.start()]))
        out.append(kept[0])
        position = kept.end()
    out.append(_compact_text(html[position:]))
    return "".join(out)


def _compact_text(html: str) -> str:
    out: list[str] = []
    position = 0
    for tag in _TAG.finditer(html):
        out.append(_INDENTED_BREAK.sub("\n", html[position:tag.start()]))
        out.append(tag[0])
        position = tag.end()
    out.append(_INDENTED_BREAK.sub("\n", html[position:]))
    return "".join(out)
