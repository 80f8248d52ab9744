"""A few pages compared with pictures of them as they should look (visual regression).

The home page from its title to the key figures, and the results page's economic indicators, in
both languages, on a phone and a desktop, light scheme: each is screenshotted in Chromium and
compared, pixel by pixel in grey levels, with its baseline in tests/visual/. A pixel counts as
changed when it differs by more than THRESHOLD levels; a picture fails when more than TOLERANCE of
its pixels changed, or when its size changed (the layout moved). The actual picture and a map of
the changes are written beside the test's temporary folder, named in the failure.

After an intended change of the look, regenerate every baseline with one command, then look at
the new pictures and commit them:

    UPDATE_BASELINES=1 .venv/bin/python -m pytest tests/test_visual.py

Baselines are stored in 16 grey levels (4-bit PNG) to stay small: a change of layout, size, weight
or lightness shows, a change of hue alone does not (tests/test_look.py checks colours).
They are made on Debian's Chromium with the fonts .ci/run installs (DejaVu, Liberation): another
browser build or other fonts draw text differently, so regenerate them there rather than widen the
tolerance.
"""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image, ImageChops

from conftest import LANGUAGES, ROOT, language_prefix, running_in_ci

BASELINES = ROOT / "tests" / "visual"
THRESHOLD = 12     # grey levels (of 255): a card's light border (18 levels off white) counts
TOLERANCE = 0.002  # share of pixels that may change
SIZES = {"phone": {"width": 375, "height": 800}, "desktop": {"width": 1280, "height": 900}}
# (page, first element, element the picture stops above; a class: stops below it)
VIEWS = {
    "home": ("", "article h1", ".report-figures"),
    "indicators": ("results/", "#economic-indicators", "#commendation"),
}
CASES = [(view, lang, size) for view in VIEWS for lang in LANGUAGES for size in SIZES]

CLIP = """([first, last]) => {
  const article = document.querySelector("article").getBoundingClientRect();
  const top = document.querySelector(first).getBoundingClientRect().top;
  const end = document.querySelector(last).getBoundingClientRect();
  const bottom = last.startsWith("#") ? end.top : end.bottom;
  return {x: article.left + scrollX, y: top + scrollY - 8, width: article.width, height: bottom - top + 16};
}"""


def screenshot(browser, site_url: str, view: str, lang: str, size: str) -> Image.Image:
    path, first, last = VIEWS[view]
    context = browser.new_context(viewport=SIZES[size], device_scale_factor=1, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(site_url + language_prefix(lang) + path, wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        png = page.screenshot(clip=page.evaluate(CLIP, [first, last]), full_page=True, animations="disabled",
                              caret="hide")
    finally:
        context.close()
    return Image.open(io.BytesIO(png)).convert("RGB")


GREYS = 16  # levels stored (4 bits a pixel): 17 levels apart, so at most 8 off, under THRESHOLD


def stored(picture: Image.Image) -> Image.Image:
    """The picture as a baseline keeps it: 16 grey levels, 4 bits a pixel (save with bits=4)."""
    step = 255 // (GREYS - 1)
    levels = picture.convert("L").point([round(level / step) for level in range(256)])
    baseline = Image.frombytes("P", levels.size, levels.tobytes())
    baseline.putpalette([channel for index in range(GREYS) for channel in (index * step,) * 3])
    return baseline


def changed_share(baseline: Image.Image, actual: Image.Image) -> tuple[float, Image.Image]:
    """The share of pixels whose grey level differs by more than THRESHOLD, and a map of them."""
    difference = ImageChops.difference(baseline.convert("L"), actual.convert("L"))
    changed = difference.point(lambda level: 255 if level > THRESHOLD else 0)
    histogram = changed.histogram()
    return histogram[255] / (actual.width * actual.height), changed


@pytest.mark.parametrize(("view", "lang", "size"), CASES, ids=[f"{v}-{lang}-{size}" for v, lang, size in CASES])
def test_page_looks_like_its_baseline(browser, site_url, tmp_path, view, lang, size):
    actual = screenshot(browser, site_url, view, lang, size)
    baseline_file = BASELINES / f"{view}-{lang}-{size}.png"
    if os.environ.get("UPDATE_BASELINES"):
        BASELINES.mkdir(exist_ok=True)
        stored(actual).save(baseline_file, optimize=True, bits=4)
        return
    if not baseline_file.exists():
        message = f"no baseline {baseline_file.name}: make it with UPDATE_BASELINES=1 (see this file's docstring)"
        if running_in_ci():
            pytest.fail(message)
        pytest.skip(message)
    baseline = Image.open(baseline_file).convert("L")
    actual.save(tmp_path / f"actual-{baseline_file.name}")
    assert actual.size == baseline.size, (
        f"{baseline_file.name}: the layout moved: {actual.size} px, baseline {baseline.size} px; "
        f"actual picture: {tmp_path / ('actual-' + baseline_file.name)}")
    share, changes = changed_share(baseline, actual)
    changes.save(tmp_path / f"changes-{baseline_file.name}")
    assert share <= TOLERANCE, (
        f"{baseline_file.name}: {share:.2%} of pixels changed (at most {TOLERANCE:.2%}); "
        f"actual: {tmp_path / ('actual-' + baseline_file.name)}, changes: {tmp_path / ('changes-' + baseline_file.name)}")


def test_the_comparison_sees_a_card_losing_its_box():
    """A card's 1-px light border gone is a change; the same picture stored is none."""
    card = Image.new("RGB", (300, 200), "white")
    for x in range(40, 260):
        for y in (20, 180):
            card.putpixel((x, y), (237, 237, 237))  # the theme's lightest rule on white
    plain = Image.new("RGB", (300, 200), "white")
    assert changed_share(stored(card), card)[0] == 0
    assert changed_share(card, plain)[0] > TOLERANCE
