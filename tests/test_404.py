"""Page not found, in the reader's language (real browser; the server answers like GitHub Pages:
status 404 with the root /404.html for every missing path)."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import language_prefix

CASES = [
    ("en/no-such-page/", "en", "Page not found", "Back to the home page"),
    ("en/results/gone/deeper/", "en", "Page not found", "Back to the home page"),
    ("no-such-page/", "vi", "Không tìm thấy trang", "Về trang chủ"),
    ("results/gone/deeper/", "vi", "Không tìm thấy trang", "Về trang chủ"),
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
    context.close()


def test_the_404_page_is_self_contained(built_site):
    """GitHub Pages serves /404.html at any depth: no asset it needs may depend on the path."""
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<link rel=\"stylesheet\"" not in html and "<script src" not in html
    assert 'lang="vi"' in html and 'lang="en"' in html
