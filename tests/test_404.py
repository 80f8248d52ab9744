"""Page not found, in the reader's language. The language the page takes from the missing address
is its own script's choice, run in Node on the built 404.html (tests/not_found_script.js: the fast
loop); a real browser confirms the rest (the server answers like GitHub Pages: status 404 with the
root /404.html for every missing path)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT, language_prefix, wait_until_settled
from report import site_config

SCRIPT = Path(__file__).with_name("not_found_script.js")
# (the missing address's path, the site's path or None for the one it was built for, the language)
CHOICES = [
    ("/no-such-page/", None, "vi"), ("/en/no-such-page/", None, "en"), ("/en/results/gone/deeper/", None, "en"),
    ("/results/gone/", None, "vi"), ("/en", None, "en"), ("/en/", None, "en"), ("/english/", None, "vi"),
    ("/enx/", None, "vi"), ("/", None, "vi"), ("/vi/en/", None, "vi"),
    # a project site under /project-site/: the language folder is counted from there
    ("/project-site/en/gone/", "/project-site/", "en"), ("/project-site/gone/", "/project-site/", "vi"),
    ("/project-site/english/", "/project-site/", "vi"), ("/en/gone/", "/project-site/", "en"),
]


def test_the_missing_address_picks_the_language(node, built_site):
    """The 404 page's own script, on the built page: /en/… is English, anything else the default."""
    cases = [{"path": path} | ({"site": site} if site else {}) for path, site, _ in CHOICES]
    run = subprocess.run([node, str(SCRIPT), str(built_site)], input=json.dumps(cases), capture_output=True,
                         text=True, encoding="utf-8", timeout=60)
    assert run.returncode == 0, run.stderr
    chosen = json.loads(run.stdout)
    for (path, site, lang), answer in zip(CHOICES, chosen, strict=True):
        assert answer["lang"] == answer["dataLang"] == answer["entryLang"] == lang, (path, site, answer)
        root = site if site and path.startswith(site) else "/"
        assert answer["home"] == root + language_prefix(lang), (path, site, answer)


# The choice itself, at every kind of address, is tested above without a browser; these confirm it.
CASES = [
    ("en/results/gone/deeper/", "en", "Page not found", "Back to the home page"),
    ("no-such-page/", "vi", "Không tìm thấy trang", "Về trang chủ"),
    ("english/", "vi", "Không tìm thấy trang", "Về trang chủ"),  # starts with "en" but is no language folder
]


@pytest.mark.parametrize(("path", "lang", "heading", "home"), CASES, ids=[c[0] for c in CASES])
def test_missing_page_answers_in_its_language_with_a_way_home(page, site_url, path, lang, heading, home):
    problems: list[str] = []
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    url = urljoin(site_url, path)
    # Only the missing page itself (the document the browser navigates to) may answer 404; anything
    # else it loads — an asset at any address, the same one included — must load.
    page.on("response", lambda r: r.status >= 400 and not (r.request.is_navigation_request() and r.url == url)
            and problems.append(f"HTTP {r.status}: {r.request.resource_type} {r.url}"))
    response = page.goto(url)
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == lang
    visible = page.locator("h1:visible")
    assert visible.count() == 1 and visible.inner_text() == heading
    assert page.title().startswith(heading)
    link = page.get_by_role("link", name=home)
    assert link.count() == 1
    expected = urljoin(site_url, language_prefix(lang))
    assert link.get_attribute("href") in (expected, "/" + language_prefix(lang))
    with page.expect_navigation():
        link.click()
    assert page.url == expected
    assert page.evaluate("document.documentElement.lang") == lang
    assert not problems, "\n".join(problems)


def test_without_javascript_both_languages_are_there_each_marked(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    response = page.goto(urljoin(site_url, "en/missing/"))
    assert response.status == 404
    sections = page.locator("main section[lang]")
    assert sections.evaluate_all("els => els.map(e => [e.lang, getComputedStyle(e).display])") == [
        ["vi", "block"], ["en", "block"],
    ]
    assert page.get_by_role("link", name="Back to the home page").get_attribute("href").endswith("/en/")
    # Nothing that needs the script: no search button that would do nothing (the theme's search is
    # off without it), and no header words of one language over both languages' text (the page is
    # built in one; the script turns the header into the reader's): the header shows its logo and the
    # language menu (each language named in itself) only.
    shown = page.evaluate("""() => [...document.querySelectorAll('button, .md-header > * > :not(.md-header__option)')]
        .filter(e => e.getClientRects().length && getComputedStyle(e).visibility === 'visible' && e.innerText.trim())
        .map(e => e.tagName + ': ' + e.innerText.trim())""")
    assert shown == [], shown
    context.close()


def test_the_404_page_works_at_any_depth(built_site):
    """GitHub Pages serves /404.html at any depth: every asset it loads has an absolute address."""
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"', html)
    addresses = [href or src for href, src in assets]
    assert len(addresses) >= 3 and all(address.startswith("/") for address in addresses), addresses
    assert 'lang="vi"' in html and 'lang="en"' in html


PAGE_NAMES = {"vi": ["Tổng quan", "Kết quả", "Năm nhóm hạn chế", "Ba yêu cầu cấp thiết", "Nguồn và phương pháp"],
              "en": ["Overview", "Results", "Five areas of shortcomings", "Three directives", "Source and method"]}
OTHER = {"vi": ("English", "en/"), "en": ("Tiếng Việt", "")}


@pytest.mark.parametrize(("path", "lang"), [("no-such-page/", "vi"), ("en/results/gone/", "en")])
def test_the_404_page_is_the_sites_own_page_in_the_readers_language(page, site_url, path, lang):
    """The site's header (its name in the reader's language) and font, the pages, the other
    language's home, and no interface word of the other language."""
    from test_interface_language import foreign_strings

    page.goto(urljoin(site_url, path))
    header = page.locator(".md-header__topic").first.inner_text().strip()
    assert header == site_config.site_names(ROOT / site_config.NAME)[lang]
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    pages = page.locator("main section:visible ul a")
    assert pages.all_inner_texts() == PAGE_NAMES[lang]
    hrefs = pages.evaluate_all("links => links.map(a => a.href)")
    name, root = OTHER[lang]
    other = page.locator("main section:visible a[hreflang]")
    assert other.inner_text() == name and other.get_attribute("href") == "/" + root
    shown = page.evaluate("""() => [...document.querySelectorAll('.md-skip, .md-header, .md-footer, main section:not([hidden])')]
        .filter(e => e.getClientRects().length).map(e => e.innerText + ' ' + [...e.querySelectorAll('[aria-label],[title],[placeholder]')]
        .map(x => [x.getAttribute('aria-label'), x.title, x.placeholder].join(' ')).join(' ')).join(' ')""")
    assert [text for text in foreign_strings(lang) if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", shown)] == []
    assert "Made with" not in shown
    for href in hrefs:  # every page listed is there, in the reader's language
        assert page.goto(href).status == 200 and page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("getComputedStyle(document.body).fontFamily") == font


@pytest.mark.parametrize(("path", "query", "lang"), [("no-such-page/", "han che", "vi"), ("en/gone/", "leadership", "en")])
def test_the_404_page_searches_in_the_readers_language(page, site_url, path, query, lang):
    page.goto(urljoin(site_url, path), wait_until="networkidle")
    with page.expect_response(re.compile(r"search/search_index\.json$")) as index:
        page.locator("main section:visible [data-nf-search]").click()
    assert index.value.url == urljoin(site_url, language_prefix(lang) + "search/search_index.json")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    wait_until_settled(page, ".md-search-result")
    first = page.locator(".md-search-result__link").first.get_attribute("href") or ""
    assert first.startswith(urljoin(site_url, language_prefix(lang))) and (lang == "en") == ("/en/" in first)
