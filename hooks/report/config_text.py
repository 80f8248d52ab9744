"""Text from mkdocs.yml is text: the theme prints nav titles and language names raw, so they are
escaped once, in place, before it does. Engine-agnostic: plain lists and mappings of the config."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def escaped_nav(items: Any) -> Any:
    """A `nav` whose titles are escaped HTML (a title already escaped is kept)."""
    if isinstance(items, list):
        return [escaped_nav(item) for item in items]
    if isinstance(items, dict):
        return {(key if isinstance(key, Markup) else escape(key)): escaped_nav(value) for key, value in items.items()}
    return items


def escape_language_names(alternates: Any) -> None:
    """The language switcher's entries (`extra.alternate`: name, link, lang) with their names escaped
    in place; escaping twice changes nothing (an escaped name is Markup, and stays Markup when copied)."""
    for entry in alternates if isinstance(alternates, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            entry["name"] = escape(entry["name"])
