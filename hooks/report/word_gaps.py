"""Keep words apart where one block of a page ends and the next begins.

A search indexer reads a page's text node by node and joins what touches: `<dt>Sự kiện</dt><dd>Hội
nghị…` becomes "Sự kiệnHội", a word no reader types, and the speaker's name in the facts list is
not found. A line break between such elements changes nothing on screen (white space between
blocks, after a `<br>` or between SVG text elements is not drawn) and gives every reader of the
text, search included, the gap a reader sees. Engine-agnostic: HTML in, HTML out.
"""

from __future__ import annotations

import re

# Elements after whose end a reader sees a new line or a new box (SVG: separate labels).
_BLOCKS = "p|li|dt|dd|div|section|figure|figcaption|blockquote|h[1-6]|ul|ol|dl|table|tr|td|th|text|title|desc"
# The end of such an element, or a line break, directly followed by a tag.
_CLOSE_THEN_TAG = re.compile(rf"(</(?:{_BLOCKS})>|<br\s*/?>)(?=<)", re.I)
# Text directly followed by the start of a block (a name, then the list of its offices).
_TEXT_THEN_BLOCK = re.compile(r"(?<=[^\s>])(?=<(?:ul|ol|dl|div|p|table|figure|section)\b)", re.I)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.I | re.S)


def keep_words_apart(html: str) -> str:
    """``html`` with a line break wherever a block's end (or a `<br>`) touches the next tag, or text
    touches the start of a block; preformatted text is left exactly as it is."""
    parts = _PRE.split(html)
    for index in range(0, len(parts), 2):  # the even parts lie outside <pre>
        parts[index] = _TEXT_THEN_BLOCK.sub("\n", _CLOSE_THEN_TAG.sub("\\1\n", parts[index]))
    return "".join(parts)
