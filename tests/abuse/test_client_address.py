"""Which address a limit counts: REMOTE_ADDR, unless the deployment says how many proxies it runs."""

import pytest
from django.test import RequestFactory

from citizen_crm.ratelimit import client_address
from interop.api.throttling import AnonymousRateThrottle


def request_from(remote_addr: str, forwarded_for: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


def test_it_ignores_x_forwarded_for_by_default(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(request_from("203.0.113.10", "198.51.100.1")) == "203.0.113.10"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        # One proxy of ours: the address it saw is the last one it appended.
        (1, "198.51.100.1", "198.51.100.1"),
        # A client sending its own header cannot choose its address: its value is further left.
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        # Fewer entries than proxies: the request did not come through them; the peer it is.
        (2, "198.51.100.1", "10.0.0.1"),
    ],
)
def test_it_believes_only_the_entries_its_own_proxies_added(settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert client_address(request_from("10.0.0.1", forwarded_for)) == expected


def test_it_counts_an_ipv6_client_by_its_64_network():
    first = client_address(request_from("2001:db8:1:2::10"))
    other_device_same_home = client_address(request_from("2001:db8:1:2:abcd::99"))

    assert first == other_device_same_home == "2001:db8:1:2::/64"
    assert client_address(request_from("2001:db8:1:3::10")) != first


def test_it_counts_an_ipv4_mapped_address_as_ipv4():
    assert client_address(request_from("::ffff:203.0.113.10")) == "203.0.113.10"


def test_it_keeps_the_api_throttling_to_the_same_rule():
    request = request_from("203.0.113.10", "198.51.100.1")

    assert AnonymousRateThrottle().get_ident(request) == "203.0.113.10"
