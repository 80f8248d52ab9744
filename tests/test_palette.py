"""The theme's colours without its palette stylesheet: report.css carries the palette's rules for the
one palette used (red, default and slate schemes; overrides/main.html leaves the stylesheet out), so
every element of a page is coloured exactly as with the theme's palette stylesheet put back, on
screen in light and dark, and on paper from a dark screen (where the theme prints the light scheme).
The only colours report.css changes on purpose are the red's shades (contrast): they are set after
the palette stylesheet either way."""

from __future__ import annotations

import re

import pytest

from conftest import language_prefix

# Every element's colours, its ::before and ::after included. A <kbd> and a <mark> are added to the
# first paragraph first (the site writes neither, but the theme styles both per scheme).
COLOURS = """() => {
  const p = document.querySelector(".md-content .md-typeset p");
  p.insertAdjacentHTML("beforeend", ' <kbd>Ctrl</kbd> <mark>mark</mark> <code>code</code>');
  const properties = ["color", "background-color", "border-top-color", "border-right-color",
    "border-bottom-color", "border-left-color", "outline-color", "text-decoration-color", "fill",
    "stroke", "box-shadow", "color-scheme"];
  const colours = {};
  document.querySelectorAll("body, body *").forEach((element, n) => {
    const name = n + " " + element.tagName.toLowerCase() + "." + [...element.classList].join(".");
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      if (pseudo && style.content === "none") continue;
      colours[name + (pseudo || "")] = properties.map(p => p + ": " + style.getPropertyValue(p)).join("; ");
    }
  });
  return colours;
}"""

# The theme's palette stylesheet where its base.html links it: after main.css, before report.css.
PUT_BACK = """() => new Promise((resolve, reject) => {
  const main = document.querySelector('link[rel=stylesheet][href*="assets/stylesheets/main."]');
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = main.href.replace(/main\\.[0-9a-f]+\\.min\\.css$/, "PALETTE");
  link.onload = resolve;
  link.onerror = () => reject(new Error("no palette stylesheet at " + link.href));
  main.after(link);
})"""

MODES = {"light": ("light", "screen"), "dark": ("dark", "screen"), "dark-printed": ("dark", "print")}


def palette_file(built_site) -> str:
    found = sorted((built_site / "assets" / "stylesheets").glob("palette.*.min.css"))
    assert len(found) == 1, f"the theme's palette stylesheet: {found}"
    return found[0].name


def colours(browser, url: str, scheme: str, media: str, palette: str | None) -> dict[str, str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.emulate_media(media=media)  # before the page is drawn: no colour is caught mid-transition
        page.goto(url, wait_until="networkidle")
        if palette:
            page.evaluate(PUT_BACK.replace("PALETTE", palette))
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        return page.evaluate(COLOURS)
    finally:
        context.close()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", ["", "results/", "about/"])
def test_every_colour_is_the_themes_own_without_its_palette_stylesheet(browser, site_url, built_site, path, mode):
    scheme, media = MODES[mode]
    url = site_url + language_prefix("en") + path
    ours = colours(browser, url, scheme, media, None)
    theirs = colours(browser, url, scheme, media, palette_file(built_site))
    assert ours.keys() == theirs.keys()
    differ = [f"{name}:\n  here:      {ours[name]}\n  the theme: {theirs[name]}"
              for name in ours if ours[name] != theirs[name]]
    assert not differ, f"{len(differ)} of {len(ours)} elements coloured otherwise than by the theme:\n" + \
        "\n".join(differ[:12])


def test_paper_is_coloured_alike_from_a_light_and_a_dark_screen(browser, site_url):
    """The theme prints the light scheme's colours from a dark screen too, all but its link colour,
    which it sets per primary colour on screen only (indigo on paper from a dark screen, red from a
    light one): every element prints in the same colours from either."""
    url = site_url + language_prefix("en") + "results/"
    light, dark = ({name: re.sub(r"; color-scheme: .*$", "", value) for name, value in  # (no matter on paper)
                    colours(browser, url, scheme, "print", None).items()} for scheme in ("light", "dark"))
    differ = [f"{name}:\n  light: {light[name]}\n  dark:  {dark[name]}" for name in light if light[name] != dark.get(name)]
    assert not differ, f"{len(differ)} elements print otherwise from a dark screen:\n" + "\n".join(differ[:8])
