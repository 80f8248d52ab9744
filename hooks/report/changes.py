"""What changed in the model between two versions of the data, one change a line.

Engine-agnostic and tolerant: it compares the plain data (as `loading` reads it), so an old
revision that the current model would refuse can still be compared. Keys are model paths through
ids (as in the translation lock): an item that moved is not a change, an item with a new id is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from .model_paths import key_through_ids
from .problems import FieldPath
from .translations import shorten

DATE_FIELDS = {"date", "when", "until", "change_since"}


def _is_text(node: Any, languages: Sequence[str]) -> bool:
    return (isinstance(node, dict) and bool(node) and all(k in languages for k in node)
            and all(isinstance(v, str) for v in node.values()))


def flatten(data: Any, languages: Sequence[str]) -> tuple[list[str], dict[str, Any]]:
    """The keys of the items with ids (in file order) and every leaf value by key
    (`key_through_ids`, as in the translation lock).

    A text's leaves are ``KEY [LANG]``; a list of plain values (``affects``) is one value.
    """
    items: list[str] = []
    leaves: dict[str, Any] = {}

    def id_at(path: FieldPath) -> str | None:
        node: Any = data
        for part in path:
            node = node[part]  # every step was taken by `visit` below
        return node["id"] if isinstance(node, dict) and isinstance(node.get("id"), str) else None

    def visit(node: Any, path: FieldPath) -> None:
        key = key_through_ids(path, id_at)
        if len(path) > 1 and id_at(path):
            items.append(key)
        if _is_text(node, languages):
            leaves.update({f"{key} [{lang}]": text for lang, text in node.items()})
        elif isinstance(node, dict):
            for name, value in node.items():
                if not (name == "id" and len(path) > 1 and id_at(path)):  # an item's id is its key
                    visit(value, (*path, name))
        elif isinstance(node, list) and any(isinstance(v, (dict, list)) for v in node):
            for index, value in enumerate(node):
                visit(value, (*path, index))
        else:
            leaves[key] = node

    visit(data, ())
    return items, leaves


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return f'"{shorten(value)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return "—" if value is None else str(value)


def _kind(key: str, old: Any, new: Any) -> str:
    if "[" in key:
        return "text"
    field = key.rsplit("/", 1)[-1]
    if field in DATE_FIELDS or isinstance(old, dt.date) or isinstance(new, dt.date):
        return "date"
    return "value"


def diff(old: Any, new: Any, languages: Sequence[str]) -> list[str]:
    """One line per change, items added and removed first, then fields in the new file's order."""
    old_items, old_leaves = flatten(old, languages)
    new_items, new_leaves = flatten(new, languages)
    added = [key for key in new_items if key not in old_items]
    removed = [key for key in old_items if key not in new_items]
    lines = [f"added: {key}" for key in added] + [f"removed: {key}" for key in removed]

    def inside(key: str, roots: list[str]) -> bool:
        return any(key == root or key.startswith(root + "/") or key.startswith(root + " [") for root in roots)

    for key, value in _ordered(old_leaves, new_leaves):
        if inside(key, added) or inside(key, removed):
            continue
        before = old_leaves.get(key, _MISSING)
        kind = _kind(key, None if before is _MISSING else before, None if value is _MISSING else value)
        if before is _MISSING:
            lines.append(f"{kind} added: {key}: {_show(value)}")
        elif value is _MISSING:
            lines.append(f"{kind} removed: {key}: {_show(before)}")
        elif before != value:
            lines.append(f"{kind} changed: {key}: {_show(before)} → {_show(value)}")
    return lines


_MISSING = object()


def _ordered(old: dict[str, Any], new: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    yield from new.items()
    for key in old:
        if key not in new:
            yield key, _MISSING
