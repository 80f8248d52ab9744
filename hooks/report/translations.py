"""Translation drift: which translations were signed off against which default-language wording.

Engine-agnostic. `data/translations.lock` (beside the model) holds one line per text and
translation language, sorted, tab-separated::

    KEY  LANG  FINGERPRINT  DEFAULT_FINGERPRINT  DEFAULT_TEXT

KEY is the text's model path through ids (``shortcomings/complaints/title``), so reordering
items keeps it; FINGERPRINT is a short SHA-256 of the translation's NFC wording at sign-off,
DEFAULT_FINGERPRINT and DEFAULT_TEXT (escaped to one line) the default-language wording it was
checked against, so that a warning can quote the old wording. Only `check_report.py --sign-off`
writes the file; builds only read it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from pydantic import BaseModel

from .loading import CONFLICT_MARKER, Positions, read_text
from .model_paths import key_through_ids, walk
from .problems import FieldPath, Problem, ReportError
from .texts import Text

LOCK_NAME = "translations.lock"
HEADER = """\
# Translation sign-off lock: written only by `python scripts/check_report.py --sign-off LANG`;
# never edit it by hand and never let a build write it. One line per text and translation
# language, tab-separated: model key (path through ids), language, fingerprint of that
# translation, fingerprint of the default-language text it was checked against, and that text
# (escaped to one line), so a warning can quote the old wording when the default text changes.
"""
SHORT = 60


def fingerprint(text: str) -> str:
    """A short SHA-256 of the NFC text: enough to notice any change, short enough to read."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:16]


def shorten(text: str, limit: int = SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def model_texts(report: BaseModel) -> dict[str, tuple[FieldPath, Text]]:
    """Every Text of the model by its key (`key_through_ids`), with its path in the data."""
    nodes = dict(walk(report))

    def id_at(path: FieldPath) -> str | None:
        ident = getattr(nodes.get(path), "id", None)
        return ident if isinstance(ident, str) and isinstance(nodes.get(path), BaseModel) else None

    return {key_through_ids(path, id_at): (path, node) for path, node in nodes.items() if isinstance(node, Text)}


def ids_along(path: FieldPath, root: BaseModel) -> set[str]:
    """The ids of every item on the way to ``path`` (the event's id names its texts too)."""
    ids: set[str] = set()
    node: Any = root
    for part in path:
        node = node[part] if isinstance(part, int) else getattr(node, part)
        ident = getattr(node, "id", None) if isinstance(node, BaseModel) else None
        if isinstance(ident, str):
            ids.add(ident)
    return ids


@dataclass(frozen=True)
class Entry:
    key: str
    lang: str
    print: str
    source_print: str
    source_text: str

    def line(self) -> str:
        return "\t".join([self.key, self.lang, self.print, self.source_print, _escape(self.source_text)])


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _unescape(text: str) -> str:
    out, chars = [], iter(text)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(nxt, nxt))
        else:
            out.append(char)
    return "".join(out)


def read_lock(path: Path, name: str | None = None) -> dict[tuple[str, str], Entry]:
    """The lock's entries by (key, language); a missing lock is empty (nothing signed off yet).

    A line that is not an entry (a merge's conflict markers, a stray edit) or a second entry for
    the same text is an error, never skipped: either could hide an outdated translation."""
    if not path.exists() and not path.is_symlink():
        return {}
    name = name or path.name
    # Checked like a data file: a folder, a pipe or a link loop is one plain problem, never a hang.
    lines = read_text(path, name).splitlines()
    entries: dict[tuple[str, str], Entry] = {}
    first: dict[tuple[str, str], int] = {}
    problems = []
    markers = [number for number, line in enumerate(lines, start=1) if CONFLICT_MARKER.match(line)]
    if markers:
        problems.append(Problem(name, markers[0], 1, (), (
            f"a merge left conflict markers at lines {', '.join(map(str, markers))}; take the lock of one side "
            "(git checkout --theirs or --ours), then sign off again with --sign-off")))
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#") or number in markers:
            continue
        parts = line.split("\t")
        if len(parts) != 5 or not all(parts[:4]):
            problems.append(Problem(name, number, 1, (), "this line is not a lock entry (five tab-separated fields); "
                                    "only --sign-off writes the lock: restore it from git or sign off again"))
            continue
        key, lang, own, source, text = parts
        if (key, lang) in first:
            problems.append(Problem(name, number, 1, (), (
                f"a second entry for {key} [{lang}] (the first is on line {first[key, lang]}); keep the right one")))
            continue
        first[key, lang] = number
        entries[(key, lang)] = Entry(key, lang, own, source, _unescape(text))
    if problems:
        raise ReportError(problems)
    return entries


def write_lock(path: Path, entries: Iterable[Entry]) -> None:
    """Write the lock sorted, atomically (a temporary file renamed over the old one)."""
    body = HEADER + "".join(e.line() + "\n" for e in sorted(entries, key=lambda e: (e.key, e.lang)))
    handle, temporary = tempfile.mkstemp(prefix=".translations.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(body)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the lock is an ordinary project file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def language_name(lang: str, in_lang: str = "en") -> str:
    try:
        return Locale.parse(lang).get_display_name(in_lang) or lang
    except Exception:  # an unknown code still gets a name
        return lang


@dataclass
class Drift:
    """The sign-off state of every translation of the model."""

    outdated: list[Problem] = field(default_factory=list)
    outdated_paths: dict[str, set[FieldPath]] = field(default_factory=dict)  # lang -> text paths
    outdated_keys: dict[str, set[str]] = field(default_factory=dict)
    awaiting: list[str] = field(default_factory=list)  # "KEY [LANG]: why"
    stale: list[str] = field(default_factory=list)
    locked: bool = True  # False when there is no lock yet: drift tracking starts with a sign-off

    def notes(self) -> list[str]:
        """Information lines (not errors in any mode); none before the first sign-off (no lock)."""
        if not self.locked:
            return []
        lines = [f"awaiting sign-off: {line}" for line in self.awaiting]
        lines += [f"stale lock entry (dropped by the next sign-off): {line}" for line in self.stale]
        return lines


def drift(report: BaseModel, positions: Positions, lock: dict[tuple[str, str], Entry],
          languages: Sequence[str]) -> Drift:
    default, translations = languages[0], list(languages[1:])
    texts = model_texts(report)
    result = Drift(locked=bool(lock))
    for key, (path, text) in sorted(texts.items()):
        source = text.root.get(default)
        for lang in translations:
            if source is None or lang not in text.root:
                continue  # a missing language is its own warning
            entry = lock.get((key, lang))
            if entry is None:
                result.awaiting.append(f"{key} [{lang}]: new text")
                continue
            source_changed = fingerprint(source) != entry.source_print
            own_changed = fingerprint(text.root[lang]) != entry.print
            if source_changed and not own_changed:
                result.outdated.append(positions.problem(
                    (*path, lang), _outdated_message(key, lang, default, entry.source_text, source),
                    severity="warning"))
                result.outdated_paths.setdefault(lang, set()).add(path)
                result.outdated_keys.setdefault(lang, set()).add(key)
            elif source_changed or own_changed:
                result.awaiting.append(f"{key} [{lang}]: "
                                       + ("both languages changed" if source_changed else "translation changed"))
    for (key, lang) in sorted(lock):
        if key not in texts or lang not in languages:
            result.stale.append(f"{key} [{lang}]")
    return result


def _outdated_message(key: str, lang: str, default: str, old: str, new: str) -> str:
    return (f"translation may be out of date: the {language_name(default)} changed since the "
            f"{language_name(lang)} was signed off: \"{shorten(old)}\" → \"{shorten(new)}\"; update the "
            f"{language_name(lang)}, or if it still holds: "
            f"python scripts/check_report.py --sign-off {lang} --only {key}")


def sign_off(report: BaseModel, lock: dict[tuple[str, str], Entry], languages: Sequence[str], lang: str,
             only: Sequence[str] = ()) -> tuple[list[Entry], list[str]]:
    """The new lock entries and the lines to print: every text of ``lang`` that is not outdated,
    and the outdated ones named in ``only`` (an id, or a full key). Stale entries are dropped."""
    default = languages[0]
    if lang == default:
        raise ValueError(f"'{lang}' is the default language; sign off a translation ({', '.join(languages[1:])})")
    if lang not in languages:
        raise ValueError(f"'{lang}' is not a language of this site ({', '.join(languages)})")
    texts = model_texts(report)
    known = set(texts).union(*(ids_along(path, report) for path, _ in texts.values()))
    unknown = [name for name in only if name not in known]
    if unknown:
        raise ValueError(f"unknown id or key given to --only: {', '.join(unknown)}; nothing signed off "
                         "(give ids as in data/report.yaml, e.g. ring-road-4)")
    wanted = set(only)
    kept: dict[tuple[str, str], Entry] = {k: e for k, e in lock.items() if k[0] in texts and k[1] in languages}
    printed: list[str] = []
    skipped = 0
    for key, (path, text) in sorted(texts.items()):
        source, own = text.root.get(default), text.root.get(lang)
        if source is None or own is None:
            continue
        new = Entry(key, lang, fingerprint(own), fingerprint(source), source)
        old = kept.get((key, lang))
        if old is not None and (old.print, old.source_print) == (new.print, new.source_print):
            continue
        outdated = old is not None and old.source_print != new.source_print and old.print == new.print
        if outdated and not (wanted & ids_along(path, report) or key in wanted):
            skipped += 1
            printed.append(f"not signed off (outdated; name it with --only): {key} [{lang}]")
            continue
        kept[(key, lang)] = new
        printed.append(f"signed off: {key} [{lang}]")
    dropped = [f"dropped stale entry: {key} [{lang}]" for (key, lang) in sorted(lock) if (key, lang) not in kept]
    printed += dropped
    return list(kept.values()), printed


def lock_path(report_path: Path) -> Path:
    return report_path.parent / LOCK_NAME

