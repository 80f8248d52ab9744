"""Ids are unique: every model id is the id of exactly one element on its page, in both languages;
no page has an id twice; every other id is one the templates or the theme own."""

from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGES, ROOT, language_prefix


def _model_ids() -> set[str]:
    from report.model_paths import walk
    from report.site import load_site

    site = load_site(ROOT / "data" / "report.yaml", ROOT / "overrides" / "macros", LANGUAGES, root=ROOT)
    return {node.id for _, node in walk(site.report) if isinstance(getattr(node, "id", None), str)}


def _ids(built_site, lang: str, page: str) -> Counter:
    html = (built_site / language_prefix(lang) / page / "index.html").read_text(encoding="utf-8")
    return Counter(element["id"] for element in BeautifulSoup(html, "html.parser").select("[id]"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_has_an_id_twice(built_site, lang):
    for page in [*PAGES]:
        twice = [ident for ident, count in _ids(built_site, lang, page).items() if count > 1]
        assert not twice, f"/{language_prefix(lang)}{page}: {twice}"
    html = (built_site / "404.html").read_text(encoding="utf-8")
    ids = Counter(element["id"] for element in BeautifulSoup(html, "html.parser").select("[id]"))
    assert all(count == 1 for count in ids.values()), ids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_model_id_is_one_element_on_the_same_page_in_each_language(built_site, lang):
    pages = {page: _ids(built_site, lang, page) for page in PAGES}
    other = {page: _ids(built_site, next(code for code in LANGUAGES if code != lang), page) for page in PAGES}
    problems = []
    for ident in sorted(_model_ids()):
        where = [page for page, ids in pages.items() if ids[ident]]
        if len(where) != 1 or pages[where[0]][ident] != 1:
            problems.append(f"{ident}: on {where or 'no page'}")
        elif other[where[0]][ident] != 1:
            problems.append(f"{ident}: on /{where[0]} in {lang}, not in the other language")
    assert not problems, problems


def test_every_other_id_is_reserved_by_the_templates_or_the_theme(built_site):
    """A new id in the macros must be added to RESERVED_IDS, so that no model id can take it."""
    from report.rules import RESERVED_IDS, RESERVED_PREFIXES

    model = _model_ids()
    unknown = set()
    for lang in LANGUAGES:
        for page in PAGES:
            unknown |= {ident for ident in _ids(built_site, lang, page)
                        if ident not in model and ident not in RESERVED_IDS
                        and not ident.startswith(RESERVED_PREFIXES) and not ident.startswith("__")}
    assert not unknown, f"ids neither in the model nor reserved: {sorted(unknown)}"
