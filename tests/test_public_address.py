"""A link in the model must reach a public web server: a host that a browser reads as an IP address
(in any of the forms it accepts), a name only a private network resolves, a one-letter top-level
name, a port no server listens on or an encoded character in the host is refused with its reason."""

from __future__ import annotations

import pytest

from report.links import url_problem


@pytest.mark.parametrize(("link", "kind"), [
    ("https://127.1/", "link_ip"), ("http://0177.0.0.1/", "link_ip"), ("https://0x7f.0.0.1/", "link_ip"),
    ("https://127.0.1/", "link_ip"), ("http://2130706433/", "link_ip"), ("https://10.0.0.1./", "link_ip"),
    ("https://0xA9.0xFE.0xA9.0xFE/latest", "link_ip"), ("https://[::ffff:127.0.0.1]/", "link_local"),
    ("https://intranet.local/", "link_private"), ("https://printer.lan/", "link_private"),
    ("https://metadata.google.internal/", "link_private"), ("https://router.home.arpa/", "link_private"),
    ("https://abc.onion/", "link_private"), ("https://a.b/", "link_tld"), ("https://host.x1/", "link_tld"),
    ("https://hanoimoi.vn:0/", "link_port"), ("https://hanoimoi.vn:65536/", "link_port"),
    ("https://hanoimoi.vn%40evil.example/", "link_host"), ("https://hanoimoi.vn%2F@evil.example/", "link_user"),
    ("https://-hanoimoi.vn/", "link_host"), ("https://intranet/", "link_local"), ("https://LOCALHOST/", "link_local"),
])
def test_an_address_that_is_not_public_is_refused(link, kind):
    problem = url_problem(link)
    assert problem is not None and problem.type == kind, (link, problem)


@pytest.mark.parametrize("link", ["https://hanoimoi.vn/", "HTTPS://HANOIMOI.VN/a?b=1#c", "https://www.hanoimoi.vn./",
                                  "https://hanoimoi.vn:443/", "http://xn--bo-mia.vn/", "https://s_1.example.com/",
                                  "https://1.hanoimoi.vn/", "https://10.vn/"])
def test_a_public_address_is_taken(link):
    assert url_problem(link) is None
