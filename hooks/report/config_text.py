"""Text from mkdocs.yml is text: the theme prints nav titles and language names raw, so they are
escaped once, in place, before it does; and a link written there is a web address or a path within
the site, never `javascript:` (checked on the file's text, so that a refusal names its line).
Engine-agnostic: plain lists and mappings of the config, or its text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from markupsafe import Markup, escape

from .problems import FieldPath, Problem, clip, format_path, report_lines

NAME = "mkdocs.yml"
# A scheme as browsers read one: after leading blanks and control characters, with tabs and line
# breaks anywhere dropped, in any case (`JaVa\tScript:`).
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_DROPPED = str.maketrans("", "", "\t\n\r")
_WEB = ("http:", "https:")
_TEXT = "tag:yaml.org,2002:str"
_UNSAFE = re.compile(r"[\"'<>`\x00-\x1f\x7f]")  # would end the theme's unescaped href="..." or add markup


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's nodes (custom tags such as `!ENV` are kept as nodes, never constructed)."""


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


def link_problems(config_text: str) -> list[Problem]:
    """Every link of mkdocs.yml (nav entries, `extra.social`, `extra.alternate`) that is neither a web
    address nor a path within the site, at its line (a file that is not YAML: none, said elsewhere)."""
    try:
        root = yaml.compose(config_text, Loader=_Loader)
    except yaml.YAMLError:
        return []
    return [Problem(NAME, node.start_mark.line + 1, node.start_mark.column + 1, path, problem)
            for path, node in _links(root) if (problem := _link_problem(str(node.value)))]


def _link_problem(link: str) -> str | None:
    """Why the theme must not print ``link`` into an `href` (it does so unescaped), or None."""
    bare = link.translate(_DROPPED).lstrip("\x00- ")
    if _SCHEME.match(bare) and not bare.lower().startswith(_WEB):
        return (f"a link must be a web address (https://...) or a path within the site, not '{clip(link)}': "
                "write the page's address, or remove the entry")
    odd = _UNSAFE.search(link)
    if odd:
        return f"'{odd[0]}' cannot be part of a link ('{clip(link)}'): write it percent-encoded, e.g. %22 for '\"'"
    return None


def _links(root: yaml.Node | None) -> Iterator[tuple[FieldPath, yaml.ScalarNode]]:
    """The link scalars of the config: each nav leaf, and `link` of each social or switcher entry."""
    top = _mapping(root)
    yield from _nav_leaves(top.get("nav"), ("nav",))
    extra = _mapping(top.get("extra"))
    for field in ("social", "alternate"):
        entries = extra.get(field)
        for index, entry in enumerate(entries.value if isinstance(entries, yaml.SequenceNode) else []):
            link = _mapping(entry).get("link")
            if isinstance(link, yaml.ScalarNode):
                yield ("extra", field, index, "link"), link


def _nav_leaves(node: yaml.Node | None, path: FieldPath) -> Iterator[tuple[FieldPath, yaml.ScalarNode]]:
    if isinstance(node, yaml.ScalarNode):
        yield path, node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_leaves(item, path)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _nav_leaves(value, (*path, str(key.value)))


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


THEME_OVERRIDES = "overrides"  # theme.custom_dir: head metadata, JSON-LD, citation tags, the 404, words


def setup_problems(config_text: str) -> list[Problem]:
    """What the site cannot be built without, missing from mkdocs.yml: the i18n plugin (every other
    language) and the theme's overrides (without them the build would pass, silently lacking its
    head metadata, JSON-LD, citation tags, its own 404 page and interface words)."""
    try:
        top = _mapping(yaml.compose(config_text, Loader=_Loader))
    except yaml.YAMLError:
        return []  # said by whatever reads the file
    problems = []
    plugins = top.get("plugins")
    names = [str(item.value if isinstance(item, yaml.ScalarNode) else next(iter(_mapping(item)), ""))
             for item in (plugins.value if isinstance(plugins, yaml.SequenceNode) else [])]
    if "i18n" not in names:
        problems.append(_at(config_text, "plugins", plugins, (
            "plugins: the i18n plugin is missing, and the site is built in every language with it: put back "
            "its entry `- i18n:` with its `languages:` (git diff mkdocs.yml shows it)")))
    problems += _site_name_problems(config_text, top, plugins)
    theme = top.get("theme")
    folder = _mapping(theme).get("custom_dir")
    if not (isinstance(folder, yaml.ScalarNode) and str(folder.value).rstrip("/") == THEME_OVERRIDES):
        problems.append(_at(config_text, "theme", folder or theme, (
            f"theme.custom_dir: the theme's overrides are not used, so pages would lack their metadata, JSON-LD, "
            f"citation tags, the 404 page and interface words: write `custom_dir: {THEME_OVERRIDES}` under theme:")))
    return problems


def setup_refusal(config_text: str) -> str | None:
    """`setup_problems` as the one message a build stops with; None when nothing is missing."""
    missing = setup_problems(config_text)
    return "\n".join(["mkdocs.yml lacks what the site is built with:", *report_lines(missing)]) if missing else None


def _site_name_problems(config_text: str, top: dict[str, yaml.Node], plugins: yaml.Node | None) -> list[Problem]:
    """The site's name (and each language's own) is shown in every header, title and citation: it
    must show something (a name of spaces or invisible characters would leave them blank)."""
    from .texts import visible

    i18n = next((_mapping(item).get("i18n") for item in getattr(plugins, "value", []) if "i18n" in _mapping(item)),
                None)
    languages = _mapping(i18n).get("languages")
    names = [(("site_name",), top.get("site_name"))] + [
        (("plugins", "i18n", "languages", index, "site_name"), _mapping(entry).get("site_name"))
        for index, entry in enumerate(languages.value if isinstance(languages, yaml.SequenceNode) else [])
        if "site_name" in _mapping(entry)]
    return [_at(config_text, "site_name", node, (
        f"{format_path(path)}: the site's name {'is empty' if not str(node.value) else 'shows nothing'}: write the "
        "name readers see in the header, the page titles and citations"))
        for path, node in names if isinstance(node, yaml.ScalarNode) and node.tag == _TEXT
        and not any(visible(char) for char in str(node.value))]


def _at(config_text: str, key: str, node: yaml.Node | None, message: str) -> Problem:
    """At a value's own line; for a missing one, at the line of its top-level ``key`` (else line 1)."""
    line = node.start_mark.line + 1 if isinstance(node, yaml.ScalarNode) else _key_line(config_text, key) or 1
    return Problem(NAME, line, 1, (), message)


def _key_line(config_text: str, key: str) -> int | None:
    return next((number for number, line in enumerate(config_text.splitlines(), 1) if line.startswith(f"{key}:")),
                None)
