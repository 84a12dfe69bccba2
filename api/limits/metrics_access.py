"""Who may read /metrics in production: a scraper presenting the metrics token, or a direct loopback peer.

Failed sign-ins, traffic per operation and the outbox backlog help an attacker; behind a reverse proxy on the
same host every request arrives from loopback, so a request the proxy forwarded (it carries the client address
header) or one from a trusted proxy is never let in on its address alone.
"""

from __future__ import annotations

import hmac
import ipaddress

from starlette.requests import Request

from api.limits.address import resolve
from api.settings import Settings


def metrics_allowed(request: Request, settings: Settings) -> bool:
    if settings.metrics_token is not None:
        expected = f"Bearer {settings.metrics_token.get_secret_value()}".encode()
        presented = (request.headers.get("authorization") or "").encode()
        if hmac.compare_digest(presented, expected):
            return True
    peer = request.client.host if request.client else None
    if peer is None or request.headers.get(settings.client_address_header) is not None:
        return False
    try:
        address = ipaddress.ip_address(resolve(peer, None, ()))
    except ValueError:
        return False
    trusted = any(address in ipaddress.ip_network(network, strict=False) for network in settings.trusted_proxies)
    return address.is_loopback and not trusted
