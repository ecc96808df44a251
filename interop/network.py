"""Where the server may send requests on an administrator's behalf (webhooks): public addresses only.

An address typed in the admin is a request the server itself will make, from inside the town's
network. Without a rule, a webhook pointed at `http://169.254.169.254/` (a cloud's metadata
service), `http://127.0.0.1:6379/` or an intranet host would make the application an open door
(server-side request forgery). So every address a host name resolves to must be public, unless
it lies in one of the networks listed in `WEBHOOK_ALLOWED_NETWORKS` (a town's own software on
its private network, a test receiver on the loopback).

The check runs when the endpoint is saved, and again at every delivery because DNS answers
change: the host name is resolved once, every address is checked, and the connection is opened
to the checked address itself — never to the name again, which a rebinding DNS server could
answer differently a millisecond later. TLS still verifies the certificate against the name.
"""

import functools
import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddress(Exception):
    """The address is not one the server may reach; the message says why, for a person."""


class Unresolved(OSError):
    """The host name did not resolve now: perhaps a passing DNS failure, worth another try."""


@functools.cache
def _networks(specs: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(spec, strict=True) for spec in specs)


def allowed_networks():
    return _networks(tuple(settings.WEBHOOK_ALLOWED_NETWORKS))


def is_public(address: Address) -> bool:
    """A globally routed unicast address: not loopback, link-local, private, shared, reserved, ..."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        # ::ffff:127.0.0.1 reaches 127.0.0.1: judge the IPv4 address it carries.
        address = address.ipv4_mapped
    # `is_global` is false for every range of the IANA special-purpose registries (loopback,
    # 169.254/16 and fe80::/10, RFC 1918 and fc00::/7, 100.64/10, unspecified, reserved, ...);
    # multicast is refused on its own, as some multicast blocks count as global.
    return address.is_global and not address.is_multicast


def is_allowed(address: Address) -> bool:
    return is_public(address) or any(address in network for network in allowed_networks())


def resolve(host: str, port: int) -> list[Address]:
    """Every address `host` resolves to (a literal address resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    # The zone of a scoped IPv6 address (fe80::1%eth0) is dropped: the address alone is judged.
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos))


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # with its query string
    address: Address  # the checked address the connection goes to


def _split(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise RefusedAddress(_("Only http and https addresses can receive events."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise RefusedAddress(_("The port of this address is not valid.")) from None
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return parts.scheme, parts.hostname, port, path


def check_addresses(host: str, addresses: list[Address]) -> Address:
    """The first address, if every one is allowed; otherwise RefusedAddress naming the first refused."""
    if not addresses:
        raise RefusedAddress(_("“%(host)s” resolves to no address.") % {"host": host})
    for address in addresses:
        if not is_allowed(address):
            raise RefusedAddress(
                _(
                    "“%(host)s” leads to %(address)s, a loopback, link-local, private or reserved address: "
                    "events are only sent to public addresses, unless the network is listed in "
                    "WEBHOOK_ALLOWED_NETWORKS."
                )
                % {"host": host, "address": address}
            )
    return addresses[0]


def check_url(url: str) -> Target:
    """Resolve the URL's host once and check every address; raises RefusedAddress.

    A name that does not resolve raises Unresolved: DNS failures pass, so the caller retries.
    """
    scheme, host, port, path = _split(url)
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError, ValueError) as error:
        raise Unresolved(f"{host!r} could not be resolved: {error}") from None
    return Target(scheme, host, port, path, check_addresses(host, addresses))


def check_url_when_saved(url: str) -> None:
    """The check at save time: refuses what resolves to a forbidden address.

    A name that does not resolve yet is accepted (the receiving software may not be online
    yet, or the server's DNS may be briefly down); every delivery checks it again anyway.
    """
    _scheme, host, port, _path = _split(url)
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError, ValueError):
        return
    check_addresses(host, addresses)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to a checked address; the Host header still names the host."""

    def __init__(self, target: Target, *, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = str(target.address)

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a checked address, the certificate verified against the host name."""

    def __init__(self, target: Target, *, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
        self._address = str(target.address)

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def connection_to(target: Target, *, timeout: float) -> http.client.HTTPConnection:
    """A connection that will reach `target.address` only: no second resolution, no proxy."""
    cls = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    return cls(target, timeout=timeout)
