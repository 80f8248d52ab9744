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
    """A link must name a public host: no user name before it, no IP address (in any form a browser
    reads as one), no local or private-network name, no port a server cannot listen on."""
    import rfc3986

    try:
        parts = urlsplit(value)
        reference = rfc3986.uri_reference(value)
    except ValueError:
        return PydanticCustomError("link_invalid", "this is not a valid web address")
    host = (reference.host or parts.hostname or "").lower()  # rfc3986 reads no host that is not ASCII
    if reference.userinfo is not None or "@" in (reference.authority or ""):
        return PydanticCustomError("link_user", "a name before @ hides the host", {"host": parts.hostname or host})
    if not host:
        return PydanticCustomError("link_no_host", "a link needs a host")
    if not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_host = ""
        return PydanticCustomError("link_unicode_host", "the host {host} is not in ASCII", {"host": host, "ascii": ascii_host})
    port = reference.port
    if port is not None and port != "" and not (port.isdigit() and 0 < int(port) < 65536):
        return PydanticCustomError("link_port", "{port} is not a port", {"port": port})
    return _public_host_problem(host.removeprefix("[").removesuffix("]"))


# Top-level names that no public resolver answers for: special-use (RFC 6761, 6762, 8375, 9476),
# ICANN's private-use `.internal`, and those networks use by custom.
_PRIVATE_TLDS = frozenset({"local", "localhost", "localdomain", "lan", "home", "internal", "intranet", "corp",
                           "private", "test", "invalid", "example", "onion", "alt", "arpa"})
_HOST_NAME = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?")


def _public_host_problem(host: str) -> PydanticCustomError | None:
    """``host`` (lower case, ASCII, no brackets) as a public domain name, else why it is not one."""
    address = _ip_address(host)
    if address is not None:
        if str(address) == host or ":" in host:
            return PydanticCustomError("link_local", "{host} is not a public web address", {"host": host})
        return PydanticCustomError("link_ip", "{host} is an IP address", {"host": host, "address": str(address)})
    odd = next((char for char in host if not (char.isalnum() or char in "-_.")), None)
    if odd is not None or not _HOST_NAME.fullmatch(host):
        return PydanticCustomError("link_host", "{host} is not a host name", {"host": host, "character": odd or "."})
    labels = host.rstrip(".").split(".")
    if len(labels) < 2 or host == "localhost":
        return PydanticCustomError("link_local", "{host} is not a public web address", {"host": host})
    if labels[-1] in _PRIVATE_TLDS:
        return PydanticCustomError("link_private", "{host} is a private name", {"host": host, "tld": labels[-1]})
    if len(labels[-1]) < 2 or not (labels[-1].isalpha() or labels[-1].startswith("xn--")):
        return PydanticCustomError("link_tld", "{host} has no public domain", {"host": host, "tld": labels[-1]})
    return None


def _ip_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address ``host`` is, read as browsers read a host (WHATWG URL): a host whose last
    part is a number is IPv4, each part decimal, octal (a leading 0) or hexadecimal (0x), the last
    part filling the remaining bytes (`127.1`, `0177.0.0.1`, `0x7f.1`, `2130706433`)."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    parts = host.removesuffix(".").split(".")
    if not re.fullmatch(r"0[xX][0-9a-fA-F]*|[0-9]+", parts[-1]) or len(parts) > 4:
        return None
    try:
        numbers = [_ipv4_number(part) for part in parts]
    except ValueError:
        return None  # not a number after all (`1.a2`), or an octal 8: a browser refuses the address
    *front, last = numbers
    if any(number > 255 for number in front) or last >= 256 ** (5 - len(numbers)):
        return None
    value = sum(number << (8 * (3 - index)) for index, number in enumerate(front)) + last
    return ipaddress.IPv4Address(value)


def _ipv4_number(part: str) -> int:
    """One part of an IPv4 host as browsers read it: `0x7f` hexadecimal, `0177` octal, else decimal."""
    if part[:2].lower() == "0x":
        return int(part[2:] or "0", 16)
    return int(part, 8) if len(part) > 1 and part.startswith("0") else int(part)


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
