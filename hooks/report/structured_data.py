"""What each page is, for search engines: one schema.org JSON-LD object per page and language.

A page is a `Report` in its language, published on the site's first publication date and last
modified on its newest update (or then), made and published by the site's editors under the site's
licence, based on the source article (described by name, its publisher Báo Hànộimới, a news-media
organisation, and the event it reports; no publication date is claimed for it, and its `url` only
when the model has one), about the event (its name, date and Hanoi). The default language's page is the original work; each other
language's page is its translation (`translationOfWork`), and the original names its translations
(`workTranslation`). Engine-agnostic: plain data in, text for a <script> element out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .citation import safe_json
from .localise import Localiser
from .model import Report
from .provenance import ABOUT, CONTACT_ANCHOR, contact_point
from .seo import PageSeo, address

if TYPE_CHECKING:
    from .site import SiteData

CONTEXT = "https://schema.org"



@dataclass(frozen=True)
class PageFacts:
    """This page in one language: its absolute URLs and words, and its twins in the others."""

    lang: str
    default_language: str
    url: str | None               # absolute; None (and so `home`, `image`, `twins`) without the site's address
    home: str | None              # this language's home page, absolute
    title: str
    description: str
    site_name: str
    image: str | None             # the page's card, absolute
    twins: Mapping[str, str]      # other language -> that language's page at the same path
    modified: str                 # the page's last update (ISO date): its newest update, else the publication
    article_name: str             # the source article, described (the copy used has no headline)
    editors_url: str | None = None   # the About page's contact section, absolute
    contact: Mapping[str, str] = field(default_factory=dict)  # ContactPoint properties (url or email)


def page_script(site: SiteData, lang: str, *, seo: PageSeo, title: str, description: str, site_name: str,
                image: str | None, site_url: str | None, repository: str | None) -> str:
    """The page's JSON-LD, as the text of its <script> element (`page_json_ld`, `script_text`)."""
    localiser = site.localiser(lang)
    facts = PageFacts(
        lang=lang, default_language=site.default_language, url=seo.url, home=address(site_url, seo.root),
        title=title, description=description, site_name=site_name, image=image,
        twins={alt.hreflang: alt.href for alt in seo.alternates if alt.hreflang in site.languages and alt.hreflang != lang},
        modified=site.updates.modified(seo.page).isoformat(),
        article_name=site.article_name(localiser),
        editors_url=address(site_url, f"{seo.root}{ABOUT}/#{CONTACT_ANCHOR}"),
        contact=contact_point(site.report, repository),
    )
    return script_text(page_json_ld(site.report, localiser, facts))


def _article(report: Report, localiser: Localiser, page: PageFacts, event: dict[str, Any]) -> dict[str, Any]:
    """The source article: described by name, its publisher and its event; its address only when known."""
    source = report.source
    publisher_names = [localiser.text(source.publisher)]
    original = source.publisher.root.get(page.default_language)
    if original and original not in publisher_names:
        publisher_names.append(original)
    article: dict[str, Any] = {
        "@type": "NewsArticle",
        "name": page.article_name,
        "inLanguage": page.default_language,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": publisher_names[0],
            "alternateName": [*publisher_names[1:], source.abbreviation],
            "url": source.home.root,
        },
        "about": event,
    }
    if source.article is not None:
        article["url"] = source.article.root
    return article


def _editors(report: Report, localiser: Localiser, page: PageFacts) -> dict[str, Any]:
    """The site's editors, who make and publish it, with their contact section and contact point."""
    editors: dict[str, Any] = {"@type": "Organization", "name": localiser.text(report.publication.editors.name)}
    if page.editors_url:
        editors["url"] = page.editors_url
    if page.contact:
        editors["contactPoint"] = {"@type": "ContactPoint", "contactType": "corrections", **page.contact}
    return editors


def page_json_ld(report: Report, localiser: Localiser, page: PageFacts) -> dict[str, Any]:
    """The JSON-LD object describing ``page``."""
    event, publication = report.event, report.publication
    event_ld = {"@type": "Event", "name": localiser.text(event.name), "startDate": event.date.isoformat()}
    editors = _editors(report, localiser, page)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Report",
        "@id": page.url,
        "url": page.url,
        "name": page.title,
        "headline": page.title,
        "description": page.description,
        "inLanguage": page.lang,
        "image": page.image,
        "datePublished": publication.first_published.isoformat(),
        "dateModified": page.modified,
        "author": editors,
        "publisher": editors,
        "license": publication.licence.url.root,
        "isBasedOn": _article(report, localiser, page, event_ld),
        "about": {
            **event_ld,
            "location": {
                "@type": "Place",
                "name": localiser.label("hanoi"),
                "address": {"@type": "PostalAddress", "addressLocality": "Hanoi", "addressCountry": "VN"},
            },
        },
        "isPartOf": {"@type": "WebSite", "name": page.site_name, "url": page.home},
    }
    if page.lang == page.default_language:
        translations = [{"@type": "Report", "@id": url, "inLanguage": lang} for lang, url in page.twins.items()]
        if translations:
            data["workTranslation"] = translations
    elif page.default_language in page.twins:
        data["translationOfWork"] = {"@type": "Report", "@id": page.twins[page.default_language],
                                     "inLanguage": page.default_language}
    return _without_empty(data)


def _without_empty(value: Any) -> Any:
    """Drop what has no value (the URLs of a build without the site's address), at every depth."""
    if isinstance(value, dict):
        return {key: _without_empty(item) for key, item in value.items() if item is not None}
    return value


def script_text(data: Mapping[str, Any]) -> str:
    """``data`` as JSON that is safe inside <script type="application/ld+json">…</script>."""
    return safe_json(data, separators=(",", ":"))
