"""The site's own provenance on every page: when it was published and last updated, and where a
reader reports an error on it.

Engine-agnostic. The dates come from the model (`publication.first_published`, `updates:`), never
from the build clock. A report of an error goes to the repository's issue tracker when the build
is given its address (SITE_REPOSITORY_URL, set by the GitHub workflow), else to the editors'
e-mail address when the model has one, else to the About page's contact section; each link
carries the page's address.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .languages import language_root
from .links import url_problem
from .localise import Localiser
from .model import Report
from .pages import HOME, page_path
from .problems import clip
from .seo import address

ABOUT = "about"  # the page that says who made the site and how to reach them (its `#contact`)
CONTACT_ANCHOR = "contact"
# What a query value keeps as it is: letters of any script (an IRI), digits and a few safe marks;
# every other character (space, & = + # % ? ...) is percent-encoded as UTF-8.
_QUERY_SAFE = frozenset("-._~:/,@!$'()*;")


def query(params: dict[str, str]) -> str:
    """``params`` as a URL query, non-ASCII letters left readable (fewer bytes than %-escapes)."""
    def value(text: str) -> str:
        return "".join(char if (char.isalnum() or char in _QUERY_SAFE) else quote(char, safe="") for char in text)

    return "&".join(f"{name}={value(text)}" for name, text in params.items())


def about_href(page: str) -> str:
    """The About page, relative to ``page`` (every language has its pages side by side)."""
    return f"{ABOUT}/" if page == HOME else f"../{ABOUT}/"


def repository_address(value: object) -> str | None:
    """The site's repository (`extra.repository_url`, SITE_REPOSITORY_URL), checked like a link;
    ValueError with one line for an address that is not one."""
    if value in (None, ""):
        return None
    problem = url_problem(str(value))
    if problem is not None:
        raise ValueError(f"extra.repository_url (SITE_REPOSITORY_URL) {clip(str(value))!r}: {problem.message()}; give "
                         "the repository's address, e.g. https://github.com/OWNER/NAME")
    return str(value).rstrip("/")


def issue_tracker(repository: str | None) -> str | None:
    """The issue tracker of the site's repository (a GitHub repository's address)."""
    return f"{repository.rstrip('/')}/issues" if repository else None


def contact_point(report: Report, repository: str | None) -> dict[str, str]:
    """How to reach the editors, as schema.org ContactPoint properties: the tracker, else the model's contact."""
    tracker, contact = issue_tracker(repository), report.publication.editors.contact
    if tracker:
        return {"url": tracker}
    if contact is not None:
        return {"email": contact.root} if contact.is_email else {"url": contact.root}
    return {}


@dataclass(frozen=True)
class Feedback:
    """Where readers report errors: given at build time (the repository) or by the model (contact)."""

    report: Report
    localiser: Localiser
    site_url: str | None
    repository: str | None
    languages: Sequence[str]

    def page_address(self, page: str) -> str:
        """The page's address: absolute with the site's address, else its path from the site root."""
        path = language_root(self.localiser.lang, self.languages[0]) + page_path(page)
        return address(self.site_url, path) or "/" + path

    @property
    def tracker(self) -> str | None:
        return issue_tracker(self.repository)

    def href(self, page: str) -> str:
        """The "report an error on this page" link of ``page``, carrying the page's address."""
        label = self.localiser.label
        page_address = self.page_address(page)
        title = label("report_error_title", page=label(f"page_{page}"))
        body = label("report_error_body", url=page_address)
        contact = self.report.publication.editors.contact
        if self.tracker:
            return f"{self.tracker}/new?" + query({"title": title, "body": body})
        if contact is not None and contact.is_email:
            return f"mailto:{contact.root}?" + query({"subject": title, "body": body})
        return f"{about_href(page)}?" + query({"page": page_address}) + f"#{CONTACT_ANCHOR}"

    def context(self) -> dict[str, Any]:
        """What the templates need: the report link per page, and the ways to reach the editors."""
        contact = self.report.publication.editors.contact
        return {
            "report_error_href": self.href,
            "contact": {
                "tracker": self.tracker,
                "address": contact.root if contact is not None else None,
                "href": (f"mailto:{contact.root}" if contact.is_email else contact.root) if contact is not None else None,
            },
        }
