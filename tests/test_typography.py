"""No line ends inside a date, a quarter, a span of years or a document's code (report.typography)."""

from __future__ import annotations

import pytest

from report.typography import keep_together


def nowrap(text: str) -> str:
    return f'<span class="report-nowrap">{text}</span>'


@pytest.mark.parametrize("run", [
    "quý I-2023", "quý I năm 2023", "19-4", "30-6-2023", "19 tháng 4, 2023", "tháng 10 năm 2023",
    "cuối năm 2023", "năm 2021", "2021–2025", "01-CTr/TU", "Q1 2023", "Q1-2023", "19 April 2023",
    "April 19, 2023", "October 2023", "late 2023", "mid-2023", "Tháng 10 năm 2023", "Cuối năm 2023", "Late 2023",
])
def test_each_run_is_kept_on_one_line(run):
    assert keep_together(f"<p>Before {run}, after.</p>") == f"<p>Before {nowrap(run)}, after.</p>"


@pytest.mark.parametrize("text", ["May we", "quý báu", "12-2023x", "A-1", "3,32%", "141,8 triệu", "2023"])
def test_other_text_is_left_alone(text):
    assert keep_together(f"<p>{text}</p>") == f"<p>{text}</p>"


def test_only_text_is_touched_and_stays_as_written():
    page = ('<h3 id="q" title="quý I-2023">GRDP quý I&#45;2023 &amp; &lt;b&gt;</h3>'
            '<svg><text>19-4</text></svg><code>19-4</code><p>19-4</p>')
    assert keep_together(page) == (
        f'<h3 id="q" title="quý I-2023">GRDP {nowrap("quý I-2023")} &amp; &lt;b&gt;</h3>'
        f'<svg><text>19-4</text></svg><code>19-4</code><p>{nowrap("19-4")}</p>')
