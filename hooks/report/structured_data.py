"""What each page is, for search engines: one schema.org JSON-LD object per page and language.

A page is a `Report` in its language, based on the source article (publisher Báo Hànộimới, a
news-media organisation; no publication date is claimed), about the event (its name, date and
Hanoi), published by this site. The default language's page is the original work; each other
language's page is its translation (`translationOfWork`), and the original names its translations
(`workTranslation`). Engine-agnostic: plain data in, text for a <script> element out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .localise import Localiser
from .model import Report

CONTEXT = "https://schema.org"

# Characters that could end the <script> element or start markup inside it, as JSON escapes.
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class PageFacts:
    """This page in one language: its absolute URLs and words, and its twins in the others."""

    lang: str
    default_language: str
    url: str
    home: str                     # this language's home page, absolute
    title: str
    description: str
    site_name: str
    image: str                    # the page's card, absolute
    twins: Mapping[str, str]      # other language -> that language's page at the same path


def page_json_ld(report: Report, localiser: Localiser, page: PageFacts) -> dict[str, Any]:
    """The JSON-LD object describing ``page``."""
    source, event = report.source, report.event
    publisher_names = [localiser.text(source.publisher)]
    original = source.publisher.root.get(page.default_language)
    if original and original not in publisher_names:
        publisher_names.append(original)
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
        "isBasedOn": {
            "@type": "NewsArticle",
            "inLanguage": page.default_language,
            "publisher": {
                "@type": "NewsMediaOrganization",
                "name": publisher_names[0],
                "alternateName": [*publisher_names[1:], source.abbreviation],
                "url": source.home.root,
            },
        },
        "about": {
            "@type": "Event",
            "name": localiser.text(event.name),
            "startDate": event.date.isoformat(),
            "location": {
                "@type": "Place",
                "name": localiser.label("hanoi"),
                "address": {"@type": "PostalAddress", "addressLocality": "Hanoi", "addressCountry": "VN"},
            },
        },
        "publisher": {"@type": "Organization", "name": page.site_name, "url": page.home},
        "isPartOf": {"@type": "WebSite", "name": page.site_name, "url": page.home},
    }
    if page.lang == page.default_language:
        translations = [{"@type": "Report", "@id": url, "inLanguage": lang} for lang, url in page.twins.items()]
        if translations:
            data["workTranslation"] = translations
    elif page.default_language in page.twins:
        data["translationOfWork"] = {"@type": "Report", "@id": page.twins[page.default_language],
                                     "inLanguage": page.default_language}
    return data


def script_text(data: Mapping[str, Any]) -> str:
    """``data`` as JSON that is safe inside <script type="application/ld+json">…</script>."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _SCRIPT_SAFE.items():
        text = text.replace(character, escaped)
    return text
