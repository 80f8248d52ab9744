"""Text from mkdocs.yml is text wherever it lands: the site name (each language's), nav titles
and the site's address (mkdocs.yml or SITE_URL), in the built HTML, head tags, JSON-LD, the
search indexes and the open data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from in_process import run_build
from project_copy import copy_project

VI_NAME = "Chương trình 'A' & \"B\" <svg onload=alert(1)>"
EN_NAME = "Programme \"A\" &amp; <img src=x onerror=alert(2)> x=\"y"
NAV_TITLE = "Kết luận <u>chính</u> \" onmouseover=alert(3) \""
LANGUAGE_NAME = "Tiếng <i>Anh</i> & \"EN\" <img src=x onerror=alert(5)>"


class _Elements(HTMLParser):
    """Every start tag with its attributes (decoded, as a browser reads them) and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(path: Path) -> _Elements:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("config-text") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("site_name: Sơ kết giữa nhiệm kỳ Chương trình 01-CTr/TU", f"site_name: {json.dumps(VI_NAME)}")
    text = text.replace("          site_name: Mid-term review of Programme 01-CTr/TU",
                        f"          site_name: {json.dumps(EN_NAME)}")
    text = text.replace("  - directives.md", f"  - {json.dumps(NAV_TITLE)}: directives.md")
    text = text.replace("          name: English", f"          name: {json.dumps(LANGUAGE_NAME)}")
    config.write_text(text, encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_no_markup_from_the_config_is_live_anywhere(site):
    for page in sorted(site.rglob("*.html")):
        parsed = _parse(page)
        assert "u" not in {tag for tag, _ in parsed.tags}, page
        for tag, attributes in parsed.tags:
            assert not any(name.startswith("on") or name == "autofocus" for name in attributes), (page, tag, attributes)


def test_the_site_name_reads_exactly_as_written(site):
    for page, name in ((site / "results" / "index.html", VI_NAME), (site / "en" / "results" / "index.html", EN_NAME)):
        parsed = _parse(page)
        labels = [a.get("aria-label") for tag, a in parsed.tags if a.get("data-md-component") == "logo"]
        assert labels and set(labels) == {name}
        [og] = [a["content"] for tag, a in parsed.tags if a.get("property") == "og:site_name"]
        assert og == name
        assert any(name in text for text in parsed.text)  # the header and <title>
        [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"))
        assert name in _strings(json.loads(ld))


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def test_a_nav_title_is_text(site):
    parsed = _parse(site / "index.html")
    assert any(NAV_TITLE in text for text in parsed.text)


@pytest.mark.parametrize("page", ["index.html", "en/results/index.html", "404.html"])
def test_a_language_name_is_text_in_the_switcher_and_the_404(site, page):
    parsed = _parse(site / page)
    assert not {"i", "img"} & {tag for tag, _ in parsed.tags}, page
    assert LANGUAGE_NAME in [text.strip() for text in parsed.text], page  # the switcher entry, as written


def test_search_indexes_and_open_data_hold_no_markup_from_the_config(site):
    for path in [*site.rglob("search_index.json"), *site.rglob("*.csv"), *site.rglob("*.json")]:
        text = path.read_text(encoding="utf-8")
        assert "<svg" not in text and "<img" not in text and "onmouseover" not in text, path


@pytest.mark.parametrize(("address", "words"), [
    ('https://example.gov.vn/"><script>alert(4)</script>', "'\"' cannot be part of a web address"),
    ("https://example.gov.vn/a b/", "' ' cannot be part of a web address"),
    ("mailto://example.gov.vn/", "write the whole address, with https:// and the host name"),
    ("https://báohànội.vn/", "write the host name in its ASCII form ('xn--bohni-tqae4942d.vn')"),
    ("https://editor@example.gov.vn/", "takes no user name, '?' or '#'"),
])
def test_a_wrong_site_address_is_refused_in_one_line(tmp_path, address, words):
    project = copy_project(tmp_path / "project")
    result = run_build(project, project / "site", env={"SITE_URL": address})
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    [line] = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert line.startswith(f"ERROR   -  site_url (mkdocs.yml, or SITE_URL) '{address}") and words in line, line
    assert not (project / "site").exists()


def test_an_upper_case_scheme_is_a_good_address(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_build(project, project / "site", env={"SITE_URL": "HTTPS://example.gov.vn/ctr01/"})
    assert result.returncode == 0, result.stdout + result.stderr
