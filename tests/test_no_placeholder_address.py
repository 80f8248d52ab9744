"""No placeholder address in a built site. Built as the README's first command builds it (no
SITE_URL), the site leaves out what needs its absolute address — canonical and hreflang links,
og:url and og:image, the sitemap, the address in the suggested citation, JSON-LD's URLs, the
citation files' URL — says so once in the build log (INFO: a warning would fail --strict), and
links everything else relatively. Built with SITE_URL, all of them are there and absolute."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGES, PUBLISHED, language_prefix

# Addresses (web or e-mail) on domains reserved for examples (RFC 2606, RFC 6761): the old default
# https://example.org/ among them. Theme code may say "example" or ".test(" in other senses.
_HOST = r"(?:[a-z0-9-]+\.)*(?:example\.(?:org|com|net)|[a-z0-9-]+\.(?:example|invalid|test|localhost))\b"
PLACEHOLDER = re.compile(rf"\bexample\.(?:org|com|net)\b|https?://{_HOST}|[\w.+-]+@{_HOST}", re.IGNORECASE)
TEXT_FILES = (".html", ".xml", ".json", ".csv", ".bib", ".txt", ".js", ".css")


def _text_files(site: Path) -> list[Path]:
    return [path for path in site.rglob("*") if path.is_file() and path.suffix in TEXT_FILES]


def test_a_build_without_site_url_writes_no_placeholder_address_anywhere(local_build):
    site, _ = local_build
    files = _text_files(site)
    assert len(files) > 20
    found = {str(path.relative_to(site)): PLACEHOLDER.search(path.read_text(encoding="utf-8", errors="replace"))[0]
             for path in files if PLACEHOLDER.search(path.read_text(encoding="utf-8", errors="replace"))}
    assert not found, found


def test_it_leaves_out_what_needs_an_absolute_address(local_build):
    site, _ = local_build
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    for lang in LANGUAGES:
        for path in PAGES:
            soup = BeautifulSoup((site / language_prefix(lang) / path / "index.html").read_text(encoding="utf-8"),
                                 "html.parser")
            assert soup.find("link", rel="canonical") is None
            assert not [link for link in soup.find_all("link", rel="alternate") if link.get("hreflang")]
            for prop in ("og:url", "og:image", "og:image:alt"):
                assert soup.find("meta", property=prop) is None, prop
            assert soup.find("meta", attrs={"name": "citation_public_url"}) is None
            data = json.loads(soup.find("script", type="application/ld+json").string)
            assert not {"@id", "url", "image", "workTranslation", "translationOfWork"} & set(data)
            assert "url" not in data["isPartOf"] and "url" not in data["author"]
        citation = BeautifulSoup((site / language_prefix(lang) / "about" / "index.html").read_text(encoding="utf-8"),
                                 "html.parser").select_one(".report-citation").get_text()
        assert "http" not in citation and citation.rstrip().endswith(")."), citation
    not_found = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert not_found.find("meta", property="og:image") is None


def test_it_says_so_once_in_the_build_log_as_information(local_build, built_site):
    _, log = local_build
    said = [line for line in log.splitlines() if "SITE_URL is not set" in line]
    assert len(said) == 1 and said[0].startswith("INFO"), said
    assert "WARNING" not in log


@pytest.mark.parametrize("lang", LANGUAGES)
def test_with_site_url_everything_is_absolute(built_site, lang):
    base = PUBLISHED["SITE_URL"]
    soup = BeautifulSoup((built_site / language_prefix(lang) / "about" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.find("link", rel="canonical")["href"] == base + language_prefix(lang) + "about/"
    assert soup.find("meta", property="og:image")["content"].startswith(base)
    assert soup.select_one(".report-citation").get_text().rstrip().endswith(base + language_prefix(lang))
    assert (built_site / "sitemap.xml").read_text(encoding="utf-8").count(f"<loc>{base}") == len(LANGUAGES) * len(PAGES)
