"""Characters an editor's file must not hold: they hide, reorder or break the lines of a text.

Found where they are written, raw or as a YAML escape (`\\x07`, `\\0`, `\\u202e`), so that each is
reported with its code point at its own line and column.
"""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls (U+0085 among them);
# the line and paragraph separators; the bidirectional embeddings, overrides and isolates; and
# surrogates, which are only half a character.
# Also the characters that hide inside a word (zero-width spaces and joiners' kin, the soft hyphen, the
# word joiner, the byte-order mark, the Mongolian vowel separator, the interlinear annotation marks and
# the object replacement character): a search for the word would miss it.
REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
                     "\u00ad\u180e\u200b\u2060-\u2064\ufeff\ufff9-\ufffc]"
                     # more combining marks on one letter than any language writes (Vietnamese: two)
                     "|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{4,}")
_HIDDEN = {0xAD: "SOFT HYPHEN", 0x180E: "MONGOLIAN VOWEL SEPARATOR", 0x200B: "ZERO WIDTH SPACE",
           0x2060: "WORD JOINER", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE (byte-order mark)",
           0xFFF9: "INTERLINEAR ANNOTATION ANCHOR", 0xFFFA: "INTERLINEAR ANNOTATION SEPARATOR",
           0xFFFB: "INTERLINEAR ANNOTATION TERMINATOR", 0xFFFC: "OBJECT REPLACEMENT CHARACTER",
           **dict.fromkeys(range(8289, 8293), "INVISIBLE OPERATOR")}
_LINE_BREAKS = {0x85, 0x2028, 0x2029}
_BIDI = {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}
# YAML's escapes in double quotes (YAML 1.1, 5.7), each with the character it stands for.
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SINGLE = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
           "e": "\x1b", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
# A no-break space where YAML needs a plain one: in the indentation, after an item's dash, after a key's colon.
_NO_BREAK_SPACE = re.compile(
    r"^[ \u00a0]*?(\u00a0)"
    r"|^[ ]*-(\u00a0)"
    r"|^[ ]*(?:-[ ]+)?[A-Za-z0-9_][A-Za-z0-9_-]*:(\u00a0)"
    r"|[{,][ ]*[A-Za-z0-9_][A-Za-z0-9_-]*:(\u00a0)",
    re.MULTILINE,
)


def refused_in(text: str) -> list[tuple[int, str]]:
    """Each refused character of ``text`` with its offset."""
    return [(match.start(), match[0]) for match in REFUSED.finditer(text)]


def describe(char: str, written: str | None = None) -> str:
    """What is wrong with ``char`` and what to do, in an editor's words."""
    if len(char) > 1:
        return (f"{len(char)} combining marks (accents) are stacked on one letter; a letter carries at most "
                "two: retype the word")
    code = ord(char)
    name = f"U+{code:04X}" + (f" (written {written})" if written else "")
    if code in _HIDDEN:
        return (f"the invisible character {name} {_HIDDEN[code]} is not allowed: it hides inside a word, which "
                "search then cannot find; delete it")
    if code in _LINE_BREAKS:
        return (f"the line separator {name} is not allowed: it breaks a line for some programs and not for "
                "others; delete it (press Enter for a real line break)")
    if code in _BIDI:
        return (f"the bidirectional control character {name} is not allowed: it can show the text in another "
                "order than written; delete it")
    if 0xD800 <= code <= 0xDFFF:
        return f"{name} is half of a character (a lone surrogate) and not allowed; write the whole character"
    return f"the invisible control character {name} is not allowed; delete it"


def escaped_refused(source: str, value: str) -> tuple[int, str, str | None] | None:
    """The first refused character of a double-quoted ``value``: its offset in ``source`` (the
    scalar as written), the character and the escape that wrote it; None if there is none."""
    found = REFUSED.search(value)
    if not found:
        return None
    for match in _ESCAPE.finditer(source):
        code = match[1]
        char = chr(int(code[1:], 16)) if len(code) > 1 else _SINGLE.get(code, "")
        if REFUSED.fullmatch(char or " "):
            return match.start(), char, match[0]
    return 0, found[0], None


def misplaced_no_break_spaces(text: str) -> list[int]:
    """Offsets of no-break spaces (U+00A0) where YAML needs an ordinary space."""
    return [match.start(group) for match in _NO_BREAK_SPACE.finditer(text)
            for group in range(1, 5) if match.start(group) >= 0]


NO_BREAK_SPACE = ("a no-break space (U+00A0) stands where YAML needs an ordinary space; delete it and type a "
                  "normal space")
