"""No two blocks' words touch in the text a search index reads: "Sự kiệnHội nghị", "CopyrightThe",
"19 April 2023Mid-term" are words no reader types, and the speaker's name next to his offices was
not found at all."""

from __future__ import annotations

import html
import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from conftest import LANGUAGES, language_prefix
from report.word_gaps import keep_words_apart

# Words of the site whose capitals inside are their own spelling.
CAMEL_CASE = {"BibTeX"}


@pytest.mark.parametrize(("before", "after"), [
    ("<dl><div><dt>Sự kiện</dt><dd>Hội nghị</dd></div></dl>",
     "<dl><div><dt>Sự kiện</dt>\n<dd>Hội nghị</dd>\n</div>\n</dl>"),
    ("<li><time>19 April 2023</time><br><a href='#e'>Review</a></li>",
     "<li><time>19 April 2023</time><br>\n<a href='#e'>Review</a></li>"),
    ("<dd>Đinh Tiến Dũng<ul><li>Ủy viên</li></ul></dd>", "<dd>Đinh Tiến Dũng\n<ul><li>Ủy viên</li>\n</ul>\n</dd>"),
    ('<svg><text x="0">Hanoi</text><text x="9">5.08%</text></svg>',
     '<svg><text x="0">Hanoi</text>\n<text x="9">5.08%</text>\n</svg>'),
])
def test_a_gap_where_blocks_touch(before, after):
    assert keep_words_apart(before) == after


@pytest.mark.parametrize("inline", [
    "<p><a href='#a'>GRDP</a><em>x</em>, <time>2023</time>.</p>",
    "<p>Hà Nội: <strong>5,08%</strong>; cả nước</p>",
    "<pre><code><span>a</span></code></pre><pre>x</p><p>y</pre>",
])
def test_inline_text_and_preformatted_text_are_left_as_written(inline):
    assert keep_words_apart(inline) == inline


def _joins(text: str) -> list[str]:
    """Places where a lower-case letter or a closing mark is followed by a capital with no gap."""
    return [word for word in text.split() if word not in CAMEL_CASE and any(
        (first.islower() or first in ":;)") and second.isupper() for first, second in pairwise(word))]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_index_keeps_every_word_apart(built_site: Path, lang):
    index = json.loads((built_site / language_prefix(lang) / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])) for doc in index["docs"])
    assert _joins(text) == []
    assert "Đinh Tiến Dũng" in text  # the speaker, beside his offices in the facts list
