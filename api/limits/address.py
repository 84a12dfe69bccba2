"""The client's address: the peer's, unless the peer is a configured reverse proxy that says otherwise."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from starlette.requests import HTTPConnection

UNKNOWN = "unknown"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=32)
def _networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(network, strict=False) for network in trusted)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = value.strip().strip('"')
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def resolve(peer: str | None, forwarded: str | None, trusted: Iterable[str]) -> str:
    """The client address. Hops in ``forwarded`` (X-Forwarded-For order: client first) are believed only while
    they are appended by trusted proxies: the right-most hop that is not a trusted proxy is the client."""
    networks = _networks(tuple(trusted))
    address = _parse(peer) if peer else None
    if address is None:
        return UNKNOWN
    if not networks or forwarded is None:
        return str(address)
    for hop in reversed([part for part in forwarded.split(",") if part.strip()][:32]):
        if not any(address in network for network in networks):
            break
        parsed = _parse(hop)
        if parsed is None:
            break
        address = parsed
    return str(address)


def client_address(connection: HTTPConnection | None, trusted: Iterable[str], header: str) -> str:
    """The address of the caller of this request (``unknown`` without one)."""
    if connection is None:
        return UNKNOWN
    peer = connection.client.host if connection.client else None
    return resolve(peer, connection.headers.get(header), trusted)


def bucket_of(address: str) -> str:
    """What one client is counted as: an IPv4 address, or the /64 an IPv6 host usually gets whole."""
    parsed = _parse(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed) if parsed is not None else UNKNOWN


def caller_address(context: Any) -> str:
    """The client address of a GraphQL request (its context holds the settings and the request)."""
    settings = context.settings
    return client_address(getattr(context, "request", None), settings.trusted_proxies, settings.client_address_header)
