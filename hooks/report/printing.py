"""What a printed page says about itself: the site's name, the page's address and the site's date,
on every sheet (report.css puts them in the page margins, `@page` margin boxes, from the custom
properties set here per page). Engine-agnostic: words in, CSS text out.
"""

from __future__ import annotations

import datetime as dt

from .localise import Localiser

# Characters a CSS string cannot hold as they are, or that could end the <style> element.
_CSS_STRING = str.maketrans({'"': "\\22 ", "\\": "\\5c ", "<": "\\3c ", ">": "\\3e ", "\n": "\\a ", "\r": ""})


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside a <style> element."""
    return '"' + text.translate(_CSS_STRING) + '"'


def print_style(localiser: Localiser, *, site_name: str, url: str | None, date: dt.date) -> str:
    """The page's print details, as the custom properties report.css's margin boxes show. Without
    the site's address (no SITE_URL) the page's own address is set in the browser (main.html)."""
    version = localiser.label("print_version", date=localiser.date(date))
    address = f"--report-print-url:{css_string(url)};" if url else ""
    return (f":root{{--report-print-site:{css_string(site_name)};{address}"
            f"--report-print-date:{css_string(version)}}}")
