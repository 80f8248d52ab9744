"""A hostile but realistic corpus: every text of the model and every label made of Markdown, HTML
and entities, each marked so that it can be found on the built site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from report.labels import LABEL_MUST_SHOW, PARAGRAPHS
from report.model import Report
from report.model_paths import walk_data
from report.texts import Text
from report.validation import LabelSet, one_line_field

# Inline syntax of Markdown and its extensions, HTML, entities: all on one line.
INLINE = " ".join([
    "*star* _under_ **bold** __strong__ `tick` ~~strike~~ \\*escaped\\*",
    "[x](https://link.example/) <https://auto.example/> ![i](x.png) { #hijack } {: .cls } [^1]",
    "[j](javascript:alert('link'))",
    "<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> <b>b</b> <!-- c -->",
    "&amp; &lt;i&gt; &#35; &copy; \"double\" 'single' a|b </title></p></a> {{ jinja }} {% raw %}",
])
# Block syntax: each starts a line (or a text).
BLOCKS = [
    "# hash heading", "## second", "!!! danger Hacked", "??? note Folded", "1. numbered", "+ plus item",
    "- minus item", "* star item", "> quoted", "    indented code", "| a | b |", "---", "===", "```",
    "~~~", "<div>block html</div>", "[^1]: a footnote", "*[HTML]: abbreviation", ": definition",
]
# Only where a text may hold paragraphs: syntax spread over several lines.
MULTILINE = "\n\n".join([
    *BLOCKS,
    "setext heading\n===",
    "second setext\n---",
    "| a | b |\n| --- | --- |\n| c | d |",
    "```\nfenced code\n```",
    "    indented\n    code block",
    "line one\nline two",
])


def _payload(marker: str, index: int, paragraphs: bool) -> str:
    first = BLOCKS[index % len(BLOCKS)]
    text = f"{first} {marker} {INLINE}"
    return text + "\n\n" + MULTILINE if paragraphs else text


def escape_braces(text: str) -> str:
    """A text written so that its braces show as they are (README, editing): each one doubled."""
    return text.replace("{", "{{").replace("}", "}}")


def _texts(data: Any, model: Any) -> Iterator[tuple[tuple, dict]]:
    for path, annotation, value in walk_data(data, model):
        if annotation is Text and isinstance(value, dict) and path:
            yield path, value


def inject(project: Path, shift: int = 0) -> dict[str, tuple[str, dict[str, str]]]:
    """Replace every text of data/report.yaml and overrides/macros/labels.yaml; returns marker ->
    (field, {lang: text}). ``shift`` changes which block syntax starts each text, so that two
    builds start every text with two different ones."""
    expected: dict[str, tuple[str, dict[str, str]]] = {}
    for file, model in ((project / "data" / "report.yaml", Report),
                        (project / "overrides" / "macros" / "labels.yaml", LabelSet)):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if model is Report and shift % 2 and not data.get("updates"):
            # An odd shift has at least one published correction, so that its text and the labels
            # that only show with updates are covered too; an even one has none ("no updates"),
            # whatever the real data holds.
            area = data["shortcomings"]["areas"][0]["id"]
            # Dated the day the site was first published: an update never comes before it.
            published = data["publication"]["first_published"]  # a copy: one object twice dumps as an alias
            data["updates"] = [{"id": "corpus-update", "date": dt.date.fromordinal(published.toordinal()),
                                "text": {"vi": "vi", "en": "en"}, "affects": [area]}]
        elif model is Report and not shift % 2:
            data.pop("updates", None)
        for index, (path, text) in enumerate(_texts(data, model)):
            prefix = "L" if model is LabelSet else "M"
            marker = f"⟦{prefix}{index}⟧"
            paragraphs = (path[0] in PARAGRAPHS) if model is LabelSet else not one_line_field(path, model)
            field = ("labels." if model is LabelSet else "") + ".".join(map(str, path))
            expected[marker] = (field, {})
            for lang in text:
                shown = _payload(f"{marker}{lang}", index + shift, paragraphs)
                text[lang] = escape_braces(shown)  # the file doubles its braces; the site shows them once
                if model is LabelSet:  # a label that carries a figure must keep it (after the payload)
                    text[lang] += "".join(f" {{{name}}}" for name in LABEL_MUST_SHOW.get(str(path[0]), ()))
                expected[marker][1][lang] = shown
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10000), encoding="utf-8")
    return expected
