"""Addresses in the model: links (http and https only, to a public host) and the editors' contact.

A link is written into an escaped `href`, never into Markdown; what would break out of one is
refused here, with its reason as data (`PydanticCustomError` type and context).
"""

from __future__ import annotations

import functools
import ipaddress
import re
from typing import Any
from urllib.parse import urlsplit

from pydantic import ConfigDict, RootModel, field_validator
from pydantic_core import PydanticCustomError


class Url(RootModel[str]):
    """An absolute http(s) address with a host, parsed by rfc3986; no `javascript:` reaches a page.

    It is written into an escaped `href`, never into Markdown link syntax; what would break out of
    one (quotes, angle brackets, unbalanced brackets) is refused here too.
    """

    model_config = ConfigDict(defer_build=True)

    @field_validator("root")
    @classmethod
    def _http_only(cls, value: str) -> str:
        problem = url_problem(value)
        if problem:
            raise problem
        return value


# The address's outline, for editors' tools (the JSON Schema); the model parses it fully below.
URL_OUTLINE = r"^https?://[^\s/$.?#][^\s]*$"


@functools.cache
def _url_check() -> Any:
    """rfc3986's check of a link (imported when a link is checked: a build from checked data has none)."""
    import rfc3986.validators

    return (rfc3986.validators.Validator().allow_schemes("http", "https").require_presence_of("scheme", "host")
            .check_validity_of("scheme", "host", "port", "path", "query", "fragment"))


def url_problem(value: str) -> PydanticCustomError | None:
    """What is wrong with ``value`` as a link on the site (type and context); None if nothing."""
    if re.search(r"\s", value) or not re.match(r"^https?://", value, re.IGNORECASE):
        return PydanticCustomError("link_scheme", "a link must start with http:// or https:// and contain no spaces")
    bad = sorted({char for char in value if char in "\"'<>\\`"})
    if bad:
        return PydanticCustomError("link_character", "a link must not contain {characters}",
                                   {"characters": " ".join(bad)})
    for opening, closing in ("()", "[]", "{}"):
        depth = 0
        for char in value:
            depth += (char == opening) - (char == closing)
            if depth < 0:
                break
        if depth != 0:
            return PydanticCustomError("link_unbalanced", "a link has an unbalanced {opening} or {closing}",
                                       {"opening": opening, "closing": closing})
    host_problem = _host_problem(value)
    if host_problem:
        return host_problem
    import rfc3986
    import rfc3986.exceptions

    scheme, rest = value.split(":", 1)
    try:  # the scheme in any case (HTTPS://), as browsers read it
        _url_check().validate(rfc3986.uri_reference(scheme.lower() + ":" + rest))
    except rfc3986.exceptions.ValidationError:
        return PydanticCustomError("link_invalid", "this is not a valid web address")
    return None


def _host_problem(value: str) -> PydanticCustomError | None:
    """A link must name a public host: no user name before it, no IP address or local name."""
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        user = parts.username
    except ValueError:
        return PydanticCustomError("link_invalid", "this is not a valid web address")
    if user is not None or "@" in parts.netloc:
        return PydanticCustomError("link_user", "a name before @ hides the host", {"host": host})
    if not host:
        return PydanticCustomError("link_no_host", "a link needs a host")
    if not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_host = ""
        return PydanticCustomError("link_unicode_host", "the host {host} is not in ASCII", {"host": host, "ascii": ascii_host})
    try:
        ipaddress.ip_address(host)
        local = True
    except ValueError:
        local = host == "localhost" or host.endswith(".localhost") or "." not in host.strip(".")
    if local:
        return PydanticCustomError("link_local", "{host} is not a public web address", {"host": host})
    return None


# Domains reserved for examples (RFC 2606, RFC 6761): a contact there reaches no one.
_PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$", re.IGNORECASE)
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$")


class Contact(RootModel[str]):
    """How readers reach the editors: a web address (http/https) or an e-mail address."""

    model_config = ConfigDict(defer_build=True)

    @field_validator("root")
    @classmethod
    def _reachable(cls, value: str) -> str:
        email = EMAIL.match(value) if "://" not in value else None
        if email is None:
            if "@" in value and "://" not in value:
                raise PydanticCustomError("contact_email", "'{value}' is not an e-mail address", {"value": value})
            problem = url_problem(value)
            if problem:
                raise problem
        import rfc3986

        host = email[1] if email else (rfc3986.uri_reference(value).host or "")
        if _PLACEHOLDER_HOSTS.search(host.rstrip(".")):
            raise PydanticCustomError("contact_placeholder", "{host} is a placeholder domain", {"host": host})
        return value

    @property
    def is_email(self) -> bool:
        return "://" not in self.root
