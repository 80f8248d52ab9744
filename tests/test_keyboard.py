"""Keyboard: the whole Tab order of every page, both languages, on a phone (375 px) and a desktop
(1280 px). Every stop is something the reader can see once focused: a box on screen, not covered
by anything else, not transparent, with a focus ring. So nothing hidden is a stop (the closed
navigation drawer, the empty search results list) and no ring is missing (MAINTAINING.md says
what is overridden in the theme for it)."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, PAGES, language_prefix

WIDTHS = {"phone": (375, 800), "desktop": (1280, 900)}
MAX_STOPS = 250

# What the focused element is and whether a reader sees it. A radio button of the colour-scheme
# toggle has no box: the theme shows its label, the next element, which must then carry the ring.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const labelled = e.matches("input") && e.getClientRects().length && !e.getBoundingClientRect().width
    && e.nextElementSibling && e.nextElementSibling.matches("label");
  const shown = labelled ? e.nextElementSibling : e;
  const name = (e.getAttribute("aria-label") || e.textContent || e.className || e.tagName).trim().slice(0, 50);
  const key = e.tagName + "|" + (e.id || "") + "|" + (e.getAttribute("href") || "") + "|" + name;
  const problems = [];
  const box = shown.getClientRects()[0];
  if (!box || box.width < 1 || box.height < 1) {
    problems.push("no box");
  } else {
    if (box.left < -1 || box.top < -1 || box.right > innerWidth + 1 || box.bottom > innerHeight + 1)
      problems.push(`off screen at ${Math.round(box.left)},${Math.round(box.top)}`);
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(shown.contains(hit) || hit.contains(shown) || hit === e))
      problems.push(`covered by ${hit ? hit.tagName + "." + hit.className : "nothing"}`);
  }
  const style = getComputedStyle(shown);
  if (style.visibility !== "visible") problems.push("visibility " + style.visibility);
  let opacity = 1;
  for (let node = shown; node && node.nodeType === 1; node = node.parentElement)
    opacity *= parseFloat(getComputedStyle(node).opacity);
  if (opacity < 0.5) problems.push("opacity " + opacity);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  if (!ring && style.boxShadow === "none") problems.push("no focus ring");
  const where = e.closest(".md-sidebar--primary") ? "navigation" : e.closest(".md-header") ? "header" : "page";
  return {key, name, where, problems};
}"""

# Transitions ended, search open once its box has focus (the theme opens it then), and on a phone
# the theme's scroll lock in step with search (it follows 400 ms after search opens, 100 ms after
# it closes).
SETTLED = """() => {
  const open = document.getElementById("__search").checked;
  return document.getAnimations().every(animation => animation.playState !== "running")
    && (open || !document.activeElement.matches(".md-search__input"))
    && (innerWidth >= 960 || document.body.hasAttribute("data-md-scrolllock") === open);
}"""


# Transitions run in no time: a stop is checked as it ends up, without waiting a quarter of a
# second at each one (the theme's scroll lock, set by a timer, is still waited for).
NO_TRANSITIONS = """*, *::before, *::after {
  transition-duration: 0s !important; transition-delay: 0s !important; animation-duration: 0s !important;
}"""


def tab_stops(page) -> list[dict]:
    """Press Tab from the top of the page until focus comes round again; each stop as seen."""
    stops: list[dict] = []
    seen: set[str] = set()
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        page.wait_for_function(SETTLED, polling="raf", timeout=5_000)
        stop = page.evaluate(FOCUSED)
        if stop is None or stop["key"] in seen:
            return stops
        seen.add(stop["key"])
        stops.append(stop)
    raise AssertionError(f"more than {MAX_STOPS} Tab stops")


# Every page in the light scheme; the home page in the dark one too, as on a first visit with the
# reader's system set dark (the header, and so the colour-scheme toggle, is the same on every page).
WALKS = [(path, "light") for path in [*PAGES, "missing/"]] + [("", "dark")]


@pytest.mark.parametrize("size", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("path", "scheme"), WALKS, ids=[f"/{path}-{scheme}" for path, scheme in WALKS])
def test_every_tab_stop_is_visible_with_a_focus_ring(browser, site_url, size, lang, path, scheme):
    width, height = WIDTHS[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + language_prefix(lang) + path, wait_until="networkidle")
        page.add_style_tag(content=NO_TRANSITIONS)
        stops = tab_stops(page)
    finally:
        context.close()
    assert len(stops) >= 10, stops
    if path in PAGES:  # (the theme gives a page without contents, such as the 404 page, no skip link)
        assert stops[0]["name"] == ("Bỏ qua, đến nội dung" if lang == "vi" else "Skip to content")
    invisible = [f"{stop['name']!r}: {', '.join(stop['problems'])}" for stop in stops if stop["problems"]]
    assert not invisible, f"{len(invisible)} of {len(stops)} Tab stops cannot be seen:\n" + "\n".join(invisible)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_navigation_opens_from_the_keyboard_on_a_phone(browser, site_url, lang):
    """The closed drawer has no Tab stops; its menu button opens it with Enter, and its links
    are then Tab stops a reader sees."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + language_prefix(lang), wait_until="networkidle")
        page.add_style_tag(content=NO_TRANSITIONS)
        menu = page.locator(".md-header button.report-menu")
        assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false"
        assert menu.get_attribute("aria-label")
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.matches('.report-menu')")
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        page.keyboard.press(" ")
        assert menu.get_attribute("aria-expanded") == "false"
        page.keyboard.press(" ")
        assert menu.get_attribute("aria-expanded") == "true"
        stops = tab_stops(page)
        seen = [stop["name"] for stop in stops if not stop["problems"]]
        results = "Kết quả" if lang == "vi" else "Results"
        assert results in seen, seen
        assert not [stop for stop in stops if stop["problems"]]
        # the page under the shade is inert: only the navigation (and its button) take focus
        assert {stop["where"] for stop in stops} == {"navigation"}, stops
        page.keyboard.press("Escape")
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.matches('.report-menu')")
        assert page.evaluate("!document.querySelector('.md-content').inert")
    finally:
        context.close()


TOGGLE = """() => {
  const radios = [...document.querySelectorAll("[data-md-component=palette] .md-option")];
  const shown = document.querySelector("[data-md-component=palette] label:not([hidden])");
  const e = document.activeElement;
  return {scheme: document.body.dataset.mdColorScheme, checked: radios.map(r => r.checked),
          focused: radios.indexOf(e), name: e.getAttribute("aria-label"), shownFor: shown && shown.title,
          shownAfterFocused: shown === e.nextElementSibling};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_colour_scheme_toggle_is_the_one_shown_and_named_for_what_it_does(browser, site_url, lang, scheme):
    """On a first visit the theme checks no radio of its toggle, so Tab reached the first one (the
    light scheme's), whose label is hidden in the dark: no ring, and a name ("to dark mode") that was
    wrong on a dark page. The radio of the scheme in use takes focus: its label, the one shown, gets
    the ring, its name says what it does, and Enter switches the scheme and keeps the focus there."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + language_prefix(lang), wait_until="networkidle")
        page.add_style_tag(content=NO_TRANSITIONS)
        stop = {}
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.md-option')"):
                stop = page.evaluate(FOCUSED)
                break
        assert stop, "Tab never reaches the colour-scheme toggle"
        state = page.evaluate(TOGGLE)
        expected = "slate" if scheme == "dark" else "default"
        assert state["scheme"] == expected
        assert state["checked"] == [scheme == "light", scheme == "dark"], state
        assert state["shownAfterFocused"] and state["name"] == state["shownFor"], state
        assert not stop["problems"], stop
        page.keyboard.press("Enter")
        after = page.evaluate(TOGGLE)
        assert after["scheme"] != expected and after["shownAfterFocused"], after
        assert after["name"] == after["shownFor"] != state["name"], after
    finally:
        context.close()
