"""Every component the macros draw looks as meant, measured in Chromium as laid out: every page,
both languages, on a phone (375 px) and a desktop (1280 px), in the light and the dark scheme.

Structure alone cannot see a card that lost its box (`class="report-figurereport-figure--chart"`
was valid HTML) or a table set at 12.8 px: these checks read the computed styles and boxes of each
component (cards, charts, the indicators' figures beside their charts, tables, the timeline, notes
and highlights, the facts list, lists of points, the "updated" lines, the H1's caption, dates
kept on one line). tests/test_visual.py compares a few pages with pictures of them as well.
"""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, PAGES, language_prefix

SIZES = {"phone": {"width": 375, "height": 800}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")

# What each page must show, so that no check passes for want of something to look at.
MUST_SHOW = {
    "": [".report-figures > *", ".report-chart__svg", ".report-timeline > li", ".report-facts > div", ".report-page-updated"],
    "results/": [".report-kicker", ".report-lead", ".report-indicator", ".report-chart__svg", ".admonition",
                 ".report-points > li", ".report-nowrap"],
    "shortcomings/": [".report-kicker", ".report-points > li", ".report-draws-on"],
    "directives/": [".report-kicker", ".report-points > li"],
    "about/": [".report-kicker", ".report-facts > div", ".report-points > li", ".report-citation"],
}

LOOK = r"""(wide) => {
  const problems = [], all = s => [...document.querySelectorAll("article " + s)];
  const css = (e, pseudo) => getComputedStyle(e, pseudo || null);
  const px = v => parseFloat(v) || 0;
  const box = e => e.getBoundingClientRect();
  const name = e => (e.id ? "#" + e.id : e.className.baseVal !== undefined ? e.className.baseVal : e.className) || e.tagName;
  const say = (e, what) => problems.push(`${name(e)}: ${what}`);
  const visible = c => !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(c);
  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
  const linear = v => (v /= 255) <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4;
  const luminance = c => { const [r, g, b] = rgb(c).slice(0, 3).map(linear); return .2126 * r + .7152 * g + .0722 * b; };
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + .05) / (y + .05); };
  const page = css(document.body).backgroundColor;
  const body = px(css(document.querySelector("article p:not([class])")).fontSize);
  const accent = css(document.querySelector("article")).getPropertyValue("--md-typeset-a-color").trim();

  // Key-figure cards (every child of the grid, whatever its class says): a box on every side, a
  // thick top rule in the link colour, room inside; side by side on a desktop, stacked on a phone.
  const cards = all(".report-figures > *");
  for (const card of cards) {
    const s = css(card);
    for (const side of ["Top", "Right", "Bottom", "Left"]) {
      const [style, width, colour] = ["Style", "Width", "Color"].map(part => s[`border${side}${part}`]);
      if (style !== "solid" || px(width) < 1 || !visible(colour)) say(card, `no ${side.toLowerCase()} border`);
    }
    if (px(s.borderTopWidth) < 3) say(card, "top rule thinner than 3 px");
    if (contrast(s.borderTopColor, page) < 3) say(card, "top rule too faint");
    if (px(s.paddingLeft) < 8 || px(s.paddingTop) < 8) say(card, "no room inside");
    if (!card.querySelector(".report-figure__label a")) say(card, "no label link");
  }
  if (cards.length > 1) {
    const tops = new Set(cards.map(c => Math.round(box(c).top)));
    if (wide && tops.size === cards.length) say(cards[0].parentElement, "cards are not side by side on a desktop");
    if (!wide && tops.size !== cards.length) say(cards[0].parentElement, "cards are side by side on a phone");
  }

  // Charts: wide enough, bars in two visible colours, words readable and no larger than the text.
  for (const svg of all(".report-chart__svg")) {
    const r = box(svg), scale = r.width / svg.viewBox.baseVal.width;
    if (r.width < 200 || r.width > svg.closest("figure").getBoundingClientRect().width + 1) say(svg, `width ${Math.round(r.width)} px`);
    const bars = [...svg.querySelectorAll("rect")].map(b => css(b).fill);
    if (bars.length && (new Set(bars).size !== bars.length || bars.some(f => contrast(f, page) < 1.4))) say(svg, `bars ${bars}`);
    for (const t of svg.querySelectorAll("text:not([font-size])")) {
      const size = px(css(t).fontSize) * scale;
      if (size < 12 || size > body + 0.5) say(svg, `words at ${size.toFixed(1)} px (body ${body} px)`);
      if (contrast(css(t).fill, page) < 4.5) say(svg, "words too faint");
    }
  }

  // An indicator's figures with its chart beside them (a desktop), under them (a phone).
  for (const block of all(".report-indicator")) {
    const text = block.querySelector(".report-indicator__text"), chart = block.querySelector(".report-chart");
    if (!text || !chart) { say(block, "no text or no chart"); continue; }
    const [t, c] = [box(text), box(chart)];
    if (wide && !(c.left >= t.right && c.top < t.bottom)) say(block, "chart not beside its figures");
    if (!wide && !(c.top >= t.bottom - 1)) say(block, "chart not under its figures");
  }

  // Tables, highlights and notes: text at 14 px at least; and so every word of the page that is not
  // in a chart (the charts' words are checked above): captions, codes in tables, asides.
  for (const e of all("table:not([class]) :is(td, th), .admonition p"))
    if (px(css(e).fontSize) < 14 - 0.01) say(e, `text at ${css(e).fontSize}`);
  for (const e of all("*:not(svg *)"))
    if ([...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && e.getClientRects().length
        && px(css(e).fontSize) < 14 - 0.01) say(e, `"${e.textContent.trim().slice(0, 30)}" at ${css(e).fontSize}`);

  // Headings: as many lines as their words take. The hidden ¶ link after the last word must not
  // wrap onto a line of its own, which shows as an empty line under the heading.
  for (const h of all(":is(h1, h2, h3, h4)")) {
    const words = document.createRange(), link = h.querySelector(".headerlink");
    words.setStart(h, 0);
    if (link) words.setEndBefore(link); else words.setEnd(h, h.childNodes.length);
    const lines = new Set([...words.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))).size;
    const s = css(h), drawn = Math.round((box(h).height - px(s.paddingTop) - px(s.paddingBottom)) / px(s.lineHeight));
    if (drawn > lines) say(h, `${drawn} lines for ${lines} of words`);
  }
  for (const a of all(".admonition")) {
    const title = a.querySelector(".admonition-title"), s = css(a);
    if (px(s.borderLeftWidth) < 1 && s.boxShadow === "none") say(a, "no frame");
    if (!title || !visible(css(title).backgroundColor)) say(a, "title without its band");
  }

  // Timeline: a line down the side, a round dot per date, dates in bold.
  for (const li of all(".report-timeline > li")) {
    const s = css(li), dot = css(li, "::before");
    if (li.nextElementSibling && (px(s.borderLeftWidth) < 2 || !visible(s.borderLeftColor))) say(li, "no line");
    if (px(dot.width) < 10 || dot.borderRadius !== "50%" || px(dot.borderTopWidth) < 2) say(li, "no dot");
    const when = li.querySelector(".report-timeline__when");
    if (!when || px(css(when).fontWeight) < 700 || px(css(when).fontSize) < 14 - 0.01) say(li, "date not set apart");
  }

  // Facts: label beside value on a desktop, above it on a phone, rows ruled.
  for (const row of all(".report-facts > div")) {
    const dt = row.querySelector("dt"), dd = row.querySelector("dd");
    if (css(row).display !== "grid" || px(css(row).borderTopWidth) < 1) say(row, "not a ruled row");
    const [l, v] = [box(dt), box(dd)];
    if (wide && !(v.left >= l.right && Math.abs(v.top - l.top) < 4)) say(row, "value not beside its label");
    if (!wide && !(v.top >= l.bottom - 1)) say(row, "value not under its label");
  }

  // Lists of points: a dot in the link colour before each.
  for (const li of all(".report-points > li")) {
    const dot = css(li, "::before");
    if (px(dot.width) < 4 || !visible(dot.backgroundColor) || px(li.style.paddingLeft || css(li).paddingLeft) < 10) say(li, "no marker");
  }

  // Updated lines are quieter than the text; the H1's caption is small and above the page's name;
  // the results' standfirst is larger than the text.
  for (const e of all(".report-page-updated, .report-draws-on"))
    if (css(e).color === css(document.querySelector("article p:not([class])")).color) say(e, "not quieter than the text");
  for (const k of all(".report-kicker")) {
    const h1 = k.closest("h1");
    if (css(k).display !== "block" || px(css(k).fontSize) >= px(css(h1).fontSize)) say(k, "caption not set apart");
  }
  for (const lead of all(".report-lead")) if (px(css(lead).fontSize) <= body) say(lead, "standfirst not larger");

  // Dates, quarters and codes on one line each.
  for (const run of all(".report-nowrap")) if (run.getClientRects().length !== 1) say(run, `"${run.textContent}" broken across lines`);

  // Nothing of ours wider than the screen.
  for (const e of all("[class^=report-], [class*=' report-']"))
    if (box(e).right > innerWidth + 1) say(e, "wider than the screen");
  return problems;
}"""

COUNT = "selectors => selectors.map(s => document.querySelectorAll('article ' + s).length)"

CASES = [(lang, path, size, scheme) for lang in LANGUAGES for path in PAGES for size in SIZES for scheme in SCHEMES]


@pytest.mark.parametrize(("lang", "path", "size", "scheme"), CASES,
                         ids=[f"{lang}:/{path}-{size}-{scheme}" for lang, path, size, scheme in CASES])
def test_every_component_looks_as_meant(browser, site_url, lang, path, size, scheme):
    context = browser.new_context(viewport=SIZES[size], color_scheme=scheme, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(site_url + language_prefix(lang) + path, wait_until="networkidle")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default")
        counts = dict(zip(MUST_SHOW[path], page.evaluate(COUNT, MUST_SHOW[path]), strict=True))
        assert all(counts.values()), f"nothing to look at: {counts}"
        problems = page.evaluate(LOOK, size == "desktop")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
