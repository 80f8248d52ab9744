"""Link the first use of each glossary term on a page to its entry on the About page.

Engine-agnostic: it works on a page's rendered HTML, and changes nothing but wrapping the first
use of each term in a link: every other character, entity and tag stays exactly as it was, so
text stays text. A term inside a heading, a link, a chart (SVG), code, or the glossary itself is
not linked; the first use outside them is. Terms are matched as the model writes them (case
included), as whole words, with any run of spaces between their words.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

# Elements whose text is never linked (their whole content).
SKIPPED = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "svg", "code", "pre", "script", "style", "title",
                     "button", "label", "select", "textarea", "template"})
SKIPPED_CLASS = "report-glossary"
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
LINK_CLASS = "report-term"

_TAG = re.compile(r"<!--.*?-->|<![^>]*>|<\?[^>]*>|</?[A-Za-z][^>]*>", re.DOTALL)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
# One character of HTML text: a character reference, or any single character.
_CHARACTER = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|.", re.DOTALL)


def term_pattern(term: str) -> re.Pattern[str]:
    """The term as a whole word (no letter or digit right before or after it), spaces flexible."""
    words = [re.escape(word) for word in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def link_terms(page_html: str, terms: Sequence[tuple[str, str]], href: Callable[[str], str]) -> str:
    """``page_html`` with the first use of each term (id, text) wrapped in a link to ``href(id)``."""
    pending = {ident: term_pattern(term) for ident, term in terms if term.strip()}
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (name, skipped)
    position = 0
    for tag in _TAG.finditer(page_html):
        text = page_html[position:tag.start()]
        skipped = bool(stack) and stack[-1][1]
        out.append(text if skipped or not pending else _link_text(text, pending, href))
        out.append(tag[0])
        _follow(tag[0], stack)
        position = tag.end()
    rest = page_html[position:]
    out.append(rest if (stack and stack[-1][1]) or not pending else _link_text(rest, pending, href))
    return "".join(out)


def _follow(tag: str, stack: list[tuple[str, bool]]) -> None:
    """Keep the stack of open elements up to date with one tag."""
    name_match = _TAG_NAME.match(tag)
    if name_match is None:
        return  # a comment, doctype or processing instruction
    name = name_match[1].lower()
    if tag.startswith("</"):
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == name:
                del stack[depth:]
                break
        return
    if name in VOID or tag.endswith("/>"):
        return
    classes = _CLASS.search(tag)
    in_glossary = classes is not None and SKIPPED_CLASS in next(group for group in classes.groups() if group is not None).split()
    stack.append((name, (bool(stack) and stack[-1][1]) or name in SKIPPED or in_glossary))


def _link_text(raw: str, pending: dict[str, re.Pattern[str]], href: Callable[[str], str]) -> str:
    """One run of HTML text with the first use of each pending term linked (found ones leave ``pending``)."""
    if not any(pattern.search(html.unescape(raw)) for pattern in pending.values()):
        return raw  # most runs hold no term: not decoded character by character
    decoded, starts, ends = [], [], []  # each decoded character, and where its reference starts and ends
    for character in _CHARACTER.finditer(raw):
        for char in html.unescape(character[0]):
            decoded.append(char)
            starts.append(character.start())
            ends.append(character.end())
    plain = "".join(decoded)
    out, raw_at, plain_at = [], 0, 0
    while pending:
        found = [(match.start(), match.end(), ident) for ident, pattern in pending.items()
                 if (match := pattern.search(plain, plain_at))]
        if not found:
            break
        start, end, ident = min(found)
        raw_start, raw_end = starts[start], ends[end - 1]
        out += [raw[raw_at:raw_start], f'<a class="{LINK_CLASS}" href="{html.escape(href(ident))}">',
                raw[raw_start:raw_end], "</a>"]
        raw_at, plain_at = raw_end, end
        del pending[ident]
    out.append(raw[raw_at:])
    return "".join(out)
