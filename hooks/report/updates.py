"""The public record of changes: updates newest first, the note on each affected item, each page's date.

Engine-agnostic. Each top-level part of the model is shown on one page (`report.pages.shown_on`);
the home page and the page that lists the updates count every update. Worked out once per
checked report (`PageUpdates`), however many pages ask.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from .languages import language_root
from .localise import Localiser, localise
from .model import Report, Update
from .model_paths import walk
from .pages import HOME, page_path, shown_on
from .texts import Text


def newest_first(report: Report) -> list[Update]:
    return sorted(report.updates, key=lambda update: (update.date, update.id), reverse=True)


def item_pages(report: Report, pages: Sequence[str]) -> dict[str, tuple[str, Text | None]]:
    """Each id of the model: the page it is on and its title (or name, heading or text)."""
    parts = shown_on(Report, pages)
    out: dict[str, tuple[str, Text | None]] = {}
    for path, node in walk(report):
        ident = getattr(node, "id", None) if isinstance(node, BaseModel) else None
        if isinstance(ident, str) and path:
            title = next((getattr(node, name) for name in ("title", "heading", "name", "text")
                          if isinstance(getattr(node, name, None), Text)), None)
            out[ident] = (parts.get(str(path[0]), HOME), title)
    return out


class PageUpdates:
    """The updates that concern each page of ``pages``, newest first, and what follows from them."""

    def __init__(self, report: Report, pages: Sequence[str]) -> None:
        self.report = report
        self.pages = tuple(pages)
        self.items = item_pages(report, pages)
        every = {HOME, shown_on(Report, pages).get("updates", HOME)}
        self.by_page: dict[str, list[Update]] = {page: [] for page in self.pages}
        for update in newest_first(report):
            concerned = {self.items[ident][0] for ident in update.affects if ident in self.items}
            for page in self.pages:
                if page in every or page in concerned:
                    self.by_page[page].append(update)

    def last_modified(self, page: str) -> dt.date | None:
        """The date of the newest update that concerns ``page`` (None when it has none)."""
        updates = self.by_page.get(page) or []
        return updates[0].date if updates else None

    def modified(self, page: str) -> dt.date:
        """The page's last update: the newest update that concerns it, else the first publication."""
        return self.last_modified(page) or self.report.publication.first_published

    def lastmod_by_url(self, languages: Sequence[str]) -> dict[str, str]:
        """Each page's last update (ISO date) by its URL as MkDocs writes it ('', 'en/results/'...)."""
        dates = {language_root(lang, languages[0]) + page_path(page): self.modified(page).isoformat()
                 for lang in languages for page in self.pages}
        dates["./"] = dates[""]  # MkDocs writes the default language's home page as './'
        return dates

    def context(self, localiser: Localiser) -> dict[str, Any]:
        """What the templates need: the list, the notes per affected id, and each page's last date."""

        def dated(update: Update) -> dict[str, Any]:
            return {"id": update.id, "iso": update.date.isoformat(), "date": localiser.date(update.date)}

        entries = []
        notes: dict[str, list[dict[str, Any]]] = {}
        for update in newest_first(self.report):
            affects = []
            for ident in update.affects:
                page, title = self.items[ident]
                affects.append({"id": ident, "page": page,
                                "title": localiser.text(title) if title is not None else ident})
                notes.setdefault(ident, []).append(dated(update))
            entries.append({**dated(update), "text": localise(update, localiser).text, "affects": affects})
        last = {page: (dated(found[0]) if found else None) for page, found in self.by_page.items()}
        return {"updates": entries, "updated_notes": notes, "last_update": last}
