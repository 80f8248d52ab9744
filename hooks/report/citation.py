"""The site as a reference: one CSL-JSON and one BibTeX file per language, for reference managers.

Engine-agnostic: plain data in, text out. The fields are the suggested citation's: the editors,
the title, the date the site was first published, its language and (only when the build has the
site's address) its URL; the note names the source article (no date of its own is claimed).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2.utils import htmlsafe_json_dumps

FOLDER = "data"
CSL_NAME = "citation-{lang}.json"
BIBTEX_NAME = "citation-{lang}.bib"
# biblatex's language names (`langid`), for the site's languages.
LANGID = {"vi": "vietnamese", "en": "british"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Characters with a meaning in BibTeX or LaTeX, written so that they print as themselves.
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                   "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _BIBTEX_ESCAPES))


def citation_files(lang: str) -> dict[str, str]:
    """The citation files of ``lang``, relative to the site root."""
    return {"csl": f"{FOLDER}/{CSL_NAME.format(lang=lang)}", "bibtex": f"{FOLDER}/{BIBTEX_NAME.format(lang=lang)}"}


@dataclass(frozen=True)
class SiteCitation:
    """The site in one language, as a reference."""

    key: str
    lang: str
    title: str
    site_name: str
    editors: str
    published: dt.date
    note: str                 # the source article, described
    abstract: str
    url: str | None           # the site's home in this language; None without the site's address


def highwire(citation: SiteCitation, *, title: str, url: str | None) -> dict[str, str | None]:
    """The page's Highwire Press tags (Google Scholar, Zotero): the page, its editors, the site's publication."""
    return {"title": title, "author": citation.editors, "publisher": citation.editors,
            "date": citation.published.strftime("%Y/%m/%d"), "language": citation.lang, "url": url}


def csl_json(citation: SiteCitation) -> str:
    """One CSL-JSON item (a web page), as a list: the form reference managers import."""
    item: dict[str, object] = {
        "id": citation.key,
        "type": "webpage",
        "title": citation.title,
        "container-title": citation.site_name,
        "author": [{"literal": citation.editors}],
        "publisher": citation.editors,
        "issued": {"date-parts": [[citation.published.year, citation.published.month, citation.published.day]]},
        "language": citation.lang,
        "abstract": citation.abstract,
        "note": citation.note,
    }
    if citation.url:
        item["URL"] = citation.url
    return json_text([item])


def safe_json(data: object, **options: Any) -> str:
    """``data`` as JSON (``options`` for `json.dumps`) holding no character that starts markup or
    could end a <script> element (Jinja's `htmlsafe_json_dumps`), nor a line separator: the
    parsed data is unchanged, and no text of the data ever becomes a tag."""
    return str(htmlsafe_json_dumps(data, dumps=_dumps, ensure_ascii=False, **options))


def _dumps(data: object, **options: Any) -> str:
    return json.dumps(data, **options).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def json_text(data: object) -> str:
    """``data`` as an indented JSON file (`safe_json`)."""
    return safe_json(data, indent=1) + "\n"


def bibtex(citation: SiteCitation) -> str:
    """One BibTeX entry (@misc, with biblatex's `date` and `langid` too)."""
    published = citation.published
    fields = [
        ("author", "{" + bibtex_text(citation.editors) + "}"),  # one corporate name, never split into persons
        ("title", "{" + bibtex_text(citation.title) + "}"),    # braced: case kept as written
        ("howpublished", bibtex_text(citation.site_name)),
        ("year", str(published.year)),
        ("month", _MONTHS[published.month - 1]),
        ("date", published.isoformat()),
        ("langid", LANGID.get(citation.lang, citation.lang)),
        ("abstract", bibtex_text(citation.abstract)),
        ("note", bibtex_text(citation.note)),
    ]
    if citation.url:
        fields.append(("url", quote(citation.url, safe=":/?&=#%@+,;~-._!$'()*[]")))
    body = ",\n".join(f"  {name} = {_braced(value) if name != 'month' else value}" for name, value in fields)
    return f"@misc{{{citation.key},\n{body}\n}}\n"


def bibtex_text(text: str) -> str:
    """Plain text inside a braced BibTeX field, printed as written (no LaTeX command, no group)."""
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_ESCAPES[match[0]], " ".join(text.split()))


def _braced(value: str) -> str:
    return "{" + value + "}"


def write_citations(citations: list[SiteCitation], site_dir: Path) -> list[Path]:
    """Write each language's CSL-JSON and BibTeX files under the site root; returns the paths."""
    written = []
    for citation in citations:
        files = citation_files(citation.lang)
        for key, content in (("csl", csl_json(citation)), ("bibtex", bibtex(citation))):
            path = site_dir / files[key]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            written.append(path)
    return written
