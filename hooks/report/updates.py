"""The public record of changes: updates newest first, the note on each affected item, each page's date.

Engine-agnostic. Each top-level part of the model is shown on one page (see `PAGE_OF_PART`);
the overview and the about page (which lists every update) count every update.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from .localise import Localiser, localise
from .model import Report, Text, Update
from .model_paths import walk

# The page (its docs/ file name without .md) on which each top-level part of the model appears.
PAGE_OF_PART = {"event": "index", "programme": "index", "source": "about", "results": "results",
                "shortcomings": "shortcomings", "directives": "directives", "updates": "about",
                "publication": "about", "glossary": "about"}
PAGES = ("index", "results", "shortcomings", "directives", "about")
EVERY_UPDATE = ("index", "about")


def newest_first(report: Report) -> list[Update]:
    return sorted(report.updates, key=lambda update: (update.date, update.id), reverse=True)


def item_pages(report: Report) -> dict[str, tuple[str, Text | None]]:
    """Each id of the model: the page it is on and its title (or name, heading or text)."""
    out: dict[str, tuple[str, Text | None]] = {}
    for path, node in walk(report):
        ident = getattr(node, "id", None) if isinstance(node, BaseModel) else None
        if isinstance(ident, str) and path:
            title = next((getattr(node, name) for name in ("title", "heading", "name", "text")
                          if isinstance(getattr(node, name, None), Text)), None)
            out[ident] = (PAGE_OF_PART.get(str(path[0]), "index"), title)
    return out


def page_updates(report: Report) -> dict[str, list[Update]]:
    """The updates that concern each page, newest first."""
    pages = item_pages(report)
    out: dict[str, list[Update]] = {page: [] for page in PAGES}
    for update in newest_first(report):
        concerned = {pages[ident][0] for ident in update.affects if ident in pages}
        for page in PAGES:
            if page in EVERY_UPDATE or page in concerned:
                out[page].append(update)
    return out


def last_modified(report: Report, page: str) -> dt.date | None:
    """The date of the newest update that concerns ``page`` (None when it has none)."""
    updates = page_updates(report).get(page) or []
    return updates[0].date if updates else None


def updates_context(report: Report, localiser: Localiser) -> dict[str, Any]:
    """What the templates need: the list, the notes per affected id, and each page's last date."""
    pages = item_pages(report)

    def dated(update: Update) -> dict[str, Any]:
        return {"id": update.id, "iso": update.date.isoformat(), "date": localiser.date(update.date)}

    entries = []
    notes: dict[str, list[dict[str, Any]]] = {}
    for update in newest_first(report):
        affects = []
        for ident in update.affects:
            page, title = pages[ident]
            affects.append({"id": ident, "page": page,
                            "title": localiser.text(title) if title is not None else ident})
            notes.setdefault(ident, []).append(dated(update))
        entries.append({**dated(update), "text": localise(update, localiser).text, "affects": affects})
    per_page = page_updates(report)
    last = {page: (dated(found[0]) if found else None) for page, found in per_page.items()}
    return {"updates": entries, "updated_notes": notes, "last_update": last}
