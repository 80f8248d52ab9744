"""Link-preview cards: one 1200×630 PNG per page and language, drawn offline at build time.

A shared link (Zalo, Facebook, e-mail, messaging apps) shows the page's card: its title and the
site's name in the page's language, the event's date as the site writes it, and a credit line to
the source. The text is set in Noto Sans (`fonts/`, SIL Open Font License), which covers every
Vietnamese letter. Cards are cached by a hash of what they show, the fonts and the layout, so a
build whose cards did not change copies them instead of drawing them (Pillow is imported only to
draw). Engine-agnostic: no MkDocs import.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from .cache_folder import private_folder

WIDTH, HEIGHT = 1200, 630
LAYOUT_VERSION = "3"  # change with any change to draw_card, so cached cards are redrawn
# How a card is written: part of its cache key, so that cards kept from another encoding are redrawn.
# zlib level 6: a few KB more than `optimize`, a quarter of the time.
COLOURS, COMPRESS_LEVEL = 64, 6
FILE_NAME = "card.png"
FONTS = Path(__file__).parent / "fonts"
REGULAR = FONTS / "NotoSans-Regular.ttf"
BOLD = FONTS / "NotoSans-Bold.ttf"
MAX_BYTES = 150 * 1024

# The site's red (the theme's `primary: red`, the favicon's colour), ink and paper.
RED = (198, 40, 40)
INK = (33, 33, 33)
GREY = (84, 84, 84)
PAPER = (255, 255, 255)
MARGIN = 80


@dataclass(frozen=True)
class Card:
    """What one card shows, all in one language; ``path`` is relative to the site root."""

    path: str
    lang: str
    site_name: str
    title: str
    date: str
    credit: str

    def texts(self) -> tuple[str, ...]:
        """Every text drawn on the card, in drawing order."""
        return (self.site_name, self.title, self.date, self.credit)

    @property
    def alt(self) -> str:
        """The card's text as one sentence: its alternative text (`og:image:alt`)."""
        return f"{self.title} – {self.site_name}. {self.date}. {self.credit}"


def card_path(page_url: str) -> str:
    """Where a page's card goes, relative to the site root: beside the page's index.html."""
    folder = page_url if page_url.endswith("/") or not page_url else page_url.rsplit("/", 1)[0] + "/"
    return folder.lstrip("/") + FILE_NAME


def _font_digest() -> str:
    digest = hashlib.sha256()
    for font in (REGULAR, BOLD):
        digest.update(font.read_bytes())
    return digest.hexdigest()


def card_key(card: Card, fonts: str | None = None) -> str:
    """The cache key: what the card shows, the fonts' bytes, the layout version and the encoding."""
    content = {k: v for k, v in asdict(card).items() if k != "path"}
    payload = json.dumps([content, fonts or _font_digest(), LAYOUT_VERSION, COLOURS, COMPRESS_LEVEL, WIDTH, HEIGHT],
                         ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _wrap(text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


ELLIPSIS = "…"


@functools.cache
def card_font(path: Path, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size)


def _fit(text: str, font, width: int, most: int) -> tuple[list[str], bool]:
    """``text`` wrapped in at most ``most`` lines; a cut text ends its last line with "…"."""
    lines = _wrap(text, font, width)
    if len(lines) <= most:
        return lines, False
    words = lines[most - 1].split(" ")
    while len(words) > 1 and font.getlength(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    return [*lines[:most - 1], " ".join(words) + ELLIPSIS], True


@dataclass(frozen=True)
class Layout:
    site_name: list[str]
    title: list[str]
    title_size: int
    credit: list[str]
    cut: tuple[str, ...]  # the texts that did not fit whole ("site name", "title", "credit")


def layout(card: Card) -> Layout:
    """Where the card's texts go; the title as large as fits in three lines, else cut with "…"."""
    text_width = WIDTH - 2 * MARGIN
    site_name, site_cut = _fit(card.site_name, card_font(BOLD, 34), text_width, 2)
    for size in (72, 64, 56, 48, 42):
        title, title_cut = _fit(card.title, card_font(BOLD, size), text_width, 3)
        if not title_cut:
            break
    credit, credit_cut = _fit(card.credit, card_font(REGULAR, 28), text_width, 2)
    cut = tuple(name for name, was_cut in (("site name", site_cut), ("title", title_cut), ("credit", credit_cut))
                if was_cut)
    return Layout(site_name, title, size, credit, cut)


def draw_card(card: Card) -> bytes:
    """The card as PNG bytes (a 64-colour palette image: a few tens of KB); texts cut: `layout`."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 16), fill=RED)
    draw.rectangle((0, HEIGHT - 110, WIDTH, HEIGHT), fill=RED)
    placed = layout(card)

    y = 64
    for line in placed.site_name:
        draw.text((MARGIN, y), line, font=card_font(BOLD, 34), fill=RED)
        y += 46
    y += 34
    for line in placed.title:
        draw.text((MARGIN, y), line, font=card_font(BOLD, placed.title_size), fill=INK)
        y += int(placed.title_size * 1.25)

    draw.text((MARGIN, HEIGHT - 110 - 76), card.date, font=card_font(REGULAR, 36), fill=GREY)
    draw.text((MARGIN, HEIGHT - 110 + (110 - 40 * len(placed.credit)) // 2),
              "\n".join(placed.credit), font=card_font(REGULAR, 28), fill=PAPER, spacing=8)

    palette = image.quantize(colors=COLOURS, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    palette.save(out, format="PNG", compress_level=COMPRESS_LEVEL)
    return out.getvalue()


@dataclass(frozen=True)
class CardsWritten:
    drawn: int
    reused: int
    cut: tuple[str, ...] = ()  # one line per card whose text did not fit whole


def write_cards(cards: Iterable[Card], site_dir: Path, cache_dir: Path) -> CardsWritten:
    """Write every card into ``site_dir`` at its path; draw only those not in ``cache_dir`` (all of
    them where another user could have put a card there: `report.cache_folder`)."""
    if private_folder(cache_dir, top=cache_dir.parent) is None:
        with tempfile.TemporaryDirectory(prefix="report-cards-") as fresh:
            return _write_cards(cards, site_dir, Path(fresh))
    return _write_cards(cards, site_dir, cache_dir)


def _write_cards(cards: Iterable[Card], site_dir: Path, cache_dir: Path) -> CardsWritten:
    fonts = _font_digest()
    drawn = reused = 0
    cut = []
    for card in cards:
        cached, notes = _cached(card, cache_dir, fonts)
        if cached.is_file() and notes.is_file():
            reused += 1
        else:
            _draw_into(card, cached, notes)
            drawn += 1
        cut += [cut_line(card, text) for text in filter(None, notes.read_text(encoding="utf-8").split("\n"))]
        target = site_dir / card.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    return CardsWritten(drawn, reused, tuple(cut))


def cut_line(card: Card, text: str) -> str:
    """What the build (a warning) and the check say of a ``text`` ("title"...) cut to fit ``card``."""
    return (f"the link-preview card {card.path} ({card.lang}): the {text} is too long for the card and is "
            f"cut with '{ELLIPSIS}'; a shorter {text} shows whole")


def draw_missing(cards: Iterable[Card], cache_dir: Path) -> None:
    """Draw into ``cache_dir`` the cards it does not hold yet (ahead of `write_cards`: report.ahead),
    unless another user could write there (`write_cards` then draws them all itself)."""
    if private_folder(cache_dir, top=cache_dir.parent) is None:
        return
    fonts = _font_digest()
    for card in cards:
        cached, notes = _cached(card, cache_dir, fonts)
        if not (cached.is_file() and notes.is_file()):
            _draw_into(card, cached, notes)


def _cached(card: Card, cache_dir: Path, fonts: str) -> tuple[Path, Path]:
    """Where ``card`` is kept, and its notes (the texts cut to fit, kept beside it)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / f"{card_key(card, fonts)}.png"
    return cached, cached.with_suffix(".cut")


def _draw_into(card: Card, cached: Path, notes: Path) -> None:
    notes.write_text("\n".join(layout(card).cut), encoding="utf-8")
    temporary = cached.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(draw_card(card))
    temporary.replace(cached)  # a concurrent or interrupted build never sees half a card
