"""The public record of changes: update entries in both languages, their notes, dates and links."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup
from test_compact_html import indentation

from conftest import ROOT
from in_process import run_build
from project_copy import copy_project
from report.loading import parse_yaml
from report.problems import ReportError
from report.validation import check_report


def _ids(data: dict) -> tuple[str, str]:
    return data["results"]["economy"]["indicators"][0]["id"], data["shortcomings"]["areas"][1]["id"]


def updates_yaml(indicator: str, area: str) -> str:
    return f"""
updates:
  - id: fix-figure
    date: 2024-01-15
    text:
      vi: Sửa một con số theo bài báo gốc.
      en: A figure corrected to match the source.
    affects: [{indicator}]
  - id: reword-area
    date: 2024-03-02
    text:
      vi: Diễn đạt lại một hạn chế.
      en: A shortcoming reworded.
    affects: [{area}, {indicator}]
"""


# The report's own `updates:` list, wherever it is and however long (the real data may gain one).
UPDATES_LIST = re.compile(r"(?m)^updates:[ \t]*\n(?:(?:[ \t]+.*|[ \t]*)(?:\n|\Z))*")


def without_updates(report_yaml: str) -> str:
    """The report with its own updates taken out: the tests' entries are then the only ones."""
    return UPDATES_LIST.sub("", report_yaml)


def with_updates(report_yaml: str, block: str) -> str:
    """``block`` (``updates:`` and its entries) added as an editor would: its entries at the end of the
    report's own list when it has one, else the block at the end of the file."""
    found = UPDATES_LIST.search(report_yaml)
    if found is None:
        return report_yaml.rstrip("\n") + "\n" + block.lstrip("\n")
    entries = block.lstrip("\n").removeprefix("updates:\n")
    return report_yaml[:found.end()].rstrip("\n") + "\n" + entries + report_yaml[found.end():]


def published_in_2023(report_yaml: str) -> str:
    """The real data, first published in May 2023: the updates above come after publication."""
    return re.sub(r"(?m)^(  first_published: ).*$", r"\g<1>2023-05-01", report_yaml, count=1)


@pytest.fixture(scope="module")
def updated_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("updates") / "project")
    report = project / "data" / "report.yaml"
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    indicator, area = _ids(data)
    report.write_text(published_in_2023(without_updates(report.read_text(encoding="utf-8"))) + updates_yaml(indicator, area),
                      encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, indicator, area


def read(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(("prefix", "text", "label"), [
    ("", "Sửa một con số theo bài báo gốc.", "Cập nhật"),
    ("en/", "A figure corrected to match the source.", "Updated"),
])
def test_about_lists_updates_newest_first_with_links(updated_site, prefix, text, label):
    site, indicator, area = updated_site
    about = read(site, f"{prefix}about/index.html")
    first, second = about.index('id="reword-area"'), about.index('id="fix-figure"')
    assert first < second  # newest first
    entry = about[second:about.index("</li>", second)]
    assert text in BeautifulSoup(entry, "html.parser").get_text() and '<time datetime="2024-01-15">' in entry
    assert f'href="../results/#{indicator}"' in entry
    newer = about[first:about.index("</li>", first)]
    assert f'href="../shortcomings/#{area}"' in newer
    # The about page's own date is the newest update's; so is the overview's, though neither update is on it.
    assert re.search(r'report-page-updated">(?:(?!</p>).)*<time datetime="2024-03-02">', about)
    overview = read(site, f"{prefix}index.html")
    assert re.search(r'report-page-updated">(?:(?!</p>).)*<time datetime="2024-03-02">', overview)
    results = read(site, f"{prefix}results/index.html")
    note = re.findall(r'<small class="report-updated"><a href="([^"]+)">' + label + r' <time datetime="([\d-]+)">',
                      results)
    assert ("../about/#fix-figure", "2024-01-15") in note and ("../about/#reword-area", "2024-03-02") in note
    assert '<meta property="article:modified_time" content="2024-03-02">' in results
    directives = read(site, f"{prefix}directives/index.html")
    assert "article:modified_time" not in directives and "report-page-updated" in directives
    assert 'report-updated"' not in directives


def test_update_notes_keep_the_pages_compact(updated_site):
    """A note on its own line (below a heading) starts with the note, not with the blank that
    separates it from a text it follows."""
    site = updated_site[0]
    for prefix in ("", "en/"):
        for page in ("results", "shortcomings"):
            html = read(site, f"{prefix}{page}/index.html")
            assert "report-updated" in html and not indentation(html), f"{prefix}{page}: {indentation(html)!r}"


def test_open_data_includes_updates(updated_site):
    site, indicator, _ = updated_site
    document = json.loads(read(site, "data/report.json"))
    ids = [update["id"] for update in document["report"]["updates"]]
    assert ids == ["fix-figure", "reword-area"]
    assert document["report"]["updates"][0]["affects"] == [indicator]


def test_the_real_site_says_whether_it_has_been_updated(built_site):
    """Whatever the real data holds: no update, and every page says so; updates, and the about page
    lists each, the overview's date being the newest one's."""
    updates = yaml.safe_load((ROOT / "data" / "report.yaml").read_text(encoding="utf-8")).get("updates") or []
    about = read(built_site, "en/about/index.html")
    if not updates:
        assert "Trang này chưa được cập nhật" in read(built_site, "index.html")
        assert "This page has not been updated" in read(built_site, "en/results/index.html")
        assert "There has been no update or correction" in about
        return
    assert "There has been no update or correction" not in about
    assert all(f'id="{update["id"]}"' in about for update in updates)
    newest = max(str(update["date"]) for update in updates)
    for page in ("index.html", "en/index.html", "about/index.html"):
        assert re.search(rf'report-page-updated">(?:(?!</p>).)*<time datetime="{newest}">', read(built_site, page)), page


def _check(extra: str, today=dt.date(2024, 6, 1)):
    raw = published_in_2023(without_updates((ROOT / "data" / "report.yaml").read_text(encoding="utf-8"))) + extra
    loaded = parse_yaml(raw.encode("utf-8"), "data/report.yaml", keep_going=True)
    return check_report(loaded, ["vi", "en"], today=today)


def test_update_validation():
    data = yaml.safe_load((ROOT / "data" / "report.yaml").read_text(encoding="utf-8"))
    indicator, area = _ids(data)
    checked = _check(updates_yaml(indicator, area))
    assert not checked.warnings
    bad = updates_yaml("no-such-item", area).replace("2024-03-02", "2020-01-01")
    with pytest.raises(ReportError) as caught:
        _check(bad)
    messages = [str(p) for p in caught.value.problems]
    assert any("updates[0].affects[0]: no item has the id 'no-such-item'" in m for m in messages)
    assert any("updates[1].date: 2020-01-01 is before the event" in m for m in messages)
    future = _check(updates_yaml(indicator, area), today=dt.date(2024, 2, 1))
    assert [p.severity for p in future.warnings] == ["warning"]
    assert "2024-03-02 is in the future" in str(future.warnings[0])


def test_the_readmes_own_updates_example_passes_when_pasted(tmp_path):
    """EDITING.md's example, pasted at the end of the real report, is a valid update."""
    import re

    from check_report import check
    from project_copy import ROOT, copy_project

    readme = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    [example] = [block for block in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL) if block.startswith("updates:")]
    project = copy_project(tmp_path / "project")
    report = project / "data" / "report.yaml"
    report.write_text(with_updates(report.read_text(encoding="utf-8"), example), encoding="utf-8")
    status, lines = check(report, ["vi", "en"], root=project)
    assert status == 0 and lines[-1].startswith("data/report.yaml: OK"), lines
