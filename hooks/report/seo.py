"""What search engines and link previews read in each page's <head>, per language.

Pure functions on URLs and language codes (engine-agnostic: no MkDocs import). The templates turn
the result into `<link rel="alternate" hreflang>` (absolute, plus `x-default`), Open Graph tags and
the language root that the theme's search loads its own language's index from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from .languages import language_root
from .pages import page_key

NO_ADDRESS = ("SITE_URL is not set: this build leaves out what needs the site's absolute address (canonical, "
              "hreflang and Open Graph links, the sitemap, the address in citations). Set SITE_URL to the "
              "published address to include them (MAINTAINING.md, Publishing).")
# Open Graph wants a territory; these are the readers each language is written for.
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class PageSeo:
    lang: str
    url: str | None               # absolute URL of this page (None: the site has no address)
    root: str                     # this language's root, relative to the site root ('' or 'en/')
    alternates: tuple[Alternate, ...]  # none without an address (hreflang must be absolute)
    og_locale: str
    og_locale_alternates: tuple[str, ...]
    page: str                     # the page's key (report.pages)

    @property
    def description_label(self) -> str:
        """The label that describes this page."""
        return f"description_{self.page}"


def neutral_path(url: str, lang: str, default: str) -> str:
    """A page URL without its language folder: 'en/results/' -> 'results/'."""
    folder = language_root(lang, default)
    return url[len(folder):] if folder and url.startswith(folder) else url


def absolute(site_url: str, path: str) -> str:
    """``path`` (relative to the site root) as an absolute URL under ``site_url``."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + path.lstrip("/")


def has_address(site_url: str | None) -> bool:
    """Whether the build was given the site's published address (SITE_URL). Without it, nothing that
    needs an absolute address is written: no placeholder address ever reaches a page."""
    return bool(site_url and site_url.strip())


def address(site_url: str | None, path: str) -> str | None:
    """``path`` as an absolute URL under the site's address, or None when the site has none."""
    return absolute(site_url, path) if site_url and has_address(site_url) else None


def og_locale(lang: str) -> str:
    return OG_LOCALES.get(lang, lang)


def page_seo(url: str, src_uri: str, lang: str, languages: Sequence[str], site_url: str | None) -> PageSeo:
    """The head metadata of the page at ``url`` (MkDocs' page.url) in ``lang``.

    Every page exists in every language (missing translations fall back to the default language's
    text at the same path), so the alternates are the same path under each language's folder, and
    `x-default` is the default language's.
    """
    default = languages[0]
    path = neutral_path(url, lang, default)
    alternates = []
    if site_url and has_address(site_url):
        alternates = [Alternate(other, absolute(site_url, language_root(other, default) + path)) for other in languages]
        alternates.append(Alternate("x-default", absolute(site_url, path)))
    return PageSeo(
        lang=lang,
        url=address(site_url, url),
        root=language_root(lang, default),
        alternates=tuple(alternates),
        og_locale=og_locale(lang),
        og_locale_alternates=tuple(og_locale(other) for other in languages if other != lang),
        page=page_key(src_uri),
    )


_NOT_IN_ADDRESSES = set("\"'<>`{}|\\^")


def site_url_problem(site_url: str) -> str | None:
    """Why ``site_url`` cannot be the site's address (it lands in links and head tags), or None.

    An empty address is left to the build (no absolute addresses)."""
    if not site_url:
        return None
    bad = next((char for char in site_url if char in _NOT_IN_ADDRESSES or not char.isprintable() or char.isspace()), None)
    if bad is not None:
        return f"{bad!r} cannot be part of a web address; write the address alone, e.g. https://example.gov.vn/ctr01/"
    parts = urlsplit(site_url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "write the whole address, with https:// and the host name, e.g. https://example.gov.vn/ctr01/"
    if not parts.hostname.isascii():
        return (f"write the host name in its ASCII form ('{parts.hostname.encode('idna').decode('ascii')}'), "
                "as browsers send it")
    if parts.username or parts.password or parts.query or parts.fragment:
        return "the site's address takes no user name, '?' or '#': write it as readers open the home page"
    return None
