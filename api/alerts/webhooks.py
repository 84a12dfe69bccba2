"""Signed webhooks to partner organisations, with protection against requests to internal addresses (SSRF).

Signature: ``X-Himaya-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`` with the Unix time in
``X-Himaya-Timestamp``. Receivers recompute it with the secret they were given once, compare in constant time, and
reject timestamps older than the replay window (``HIMAYA_WEBHOOK_REPLAY_WINDOW_SECONDS``, 5 minutes by default);
``alertId`` in the body stays the same when a delivery is repeated, so they can drop duplicates.

A target must be HTTPS (HTTP is accepted in development only), name no credentials, and every address its host
resolves to must be public: loopback, private, link-local (cloud metadata), multicast, reserved and unspecified
addresses are refused, at registration and again at every send. Numeric host spellings other than a plain dotted
quad (``2130706433``, ``0x7f.1``, ``0177.0.0.1``) are refused outright. The request goes to the address that was
checked (the host name is kept for the Host header and TLS), so a DNS answer cannot change between check and
connect. Redirects are never followed: a 3xx is a failed attempt.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import re
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from api.alerts.payloads import webhook_body
from api.settings import Environment, Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
MAX_URL_LENGTH = 2048
# Digits, or hex/octal pieces, separated by dots: forms that some resolvers read as an IP address.
_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+))*\.?$", re.IGNORECASE)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
SIGNATURE_HEADER = "X-Himaya-Signature"
TIMESTAMP_HEADER = "X-Himaya-Timestamp"


class UnsafeTarget(Exception):
    """A webhook URL we refuse to call; ``reason`` is a short code (shown to the registrant, logged)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Target:
    url: str
    scheme: str
    host: str
    port: int
    addresses: tuple[IPAddress, ...]

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"

    def pinned_url(self, address: IPAddress) -> str:
        return str(httpx.URL(self.url).copy_with(host=str(address)))


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str, *, window_s: int = 300,
           now: float | None = None) -> bool:
    """What a receiver does (documented, and used by the tests)."""
    try:
        age = abs((now if now is not None else time.time()) - int(timestamp))
    except ValueError:
        return False
    return age <= window_s and hmac.compare_digest(sign(secret, timestamp, body), signature)


def refusal(address: IPAddress, *, allow_loopback: bool) -> str | None:
    """Why an address may not be called, or None."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo is not None:
            embedded = address.teredo[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return refusal(embedded, allow_loopback=allow_loopback)
    if address.is_loopback:
        return None if allow_loopback else "loopback"
    site_local = isinstance(address, ipaddress.IPv6Address) and address.is_site_local  # fec0::/10, deprecated
    checks = (("unspecified", address.is_unspecified), ("link-local", address.is_link_local),
              ("site-local", site_local),
              ("multicast", address.is_multicast), ("private", address.is_private),
              ("reserved", address.is_reserved), ("not-global", not address.is_global))
    for reason, refused in checks:
        if refused:
            return reason
    return None


def parse_target(url: str, *, allow_http: bool) -> tuple[str, str, int]:
    """Scheme, host and port of an acceptable URL shape (no resolution yet)."""
    if not url or len(url) > MAX_URL_LENGTH or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise UnsafeTarget("malformed")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeTarget("malformed") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or (scheme == "http" and not allow_http):
        raise UnsafeTarget("https-required")
    if parts.username is not None or parts.password is not None:
        raise UnsafeTarget("credentials-in-url")
    host = (parts.hostname or "").lower()
    if not host:
        raise UnsafeTarget("malformed")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if _NUMERIC_HOST.match(host):
            raise UnsafeTarget("numeric-host") from None
    return scheme, host, port or (443 if scheme == "https" else 80)


async def resolve_target(url: str, settings: Settings) -> Target:
    """Check the URL and every address its host resolves to; raises UnsafeTarget."""
    allow_loopback = settings.webhook_loopback_allowed
    allow_http = settings.environment is Environment.DEVELOPMENT or allow_loopback
    scheme, host, port = parse_target(url, allow_http=allow_http)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeTarget("unresolvable") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        reason = refusal(address, allow_loopback=allow_loopback)
        if reason is not None:
            raise UnsafeTarget(reason)
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise UnsafeTarget("unresolvable")
    return Target(url=url, scheme=scheme, host=host, port=port, addresses=tuple(addresses))


@dataclass(frozen=True)
class WebhookResult:
    ok: bool
    permanent: bool
    error: str | None = None


class WebhookSender:
    """Posts signed alert bodies to organisations' endpoints (redirects not followed, addresses re-checked)."""

    def __init__(self, settings: Settings, *, concurrency: int = 20, trust: ssl.SSLContext | None = None) -> None:
        """``trust``: the certificate authorities to accept (default: the system's; tests pass their own)."""
        self._settings = settings
        self._client = httpx.AsyncClient(follow_redirects=False, trust_env=False, verify=trust or True,
                                         timeout=settings.webhook_timeout_seconds)
        self._limit = asyncio.Semaphore(concurrency)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def post(self, delivery: dict[str, Any]) -> WebhookResult:
        url, secret = delivery.get("webhookUrl"), delivery.get("webhookSecret")
        if not url or not secret:
            return WebhookResult(ok=False, permanent=True, error="no-endpoint")
        try:
            target = await resolve_target(str(url), self._settings)
        except UnsafeTarget as exc:
            return WebhookResult(ok=False, permanent=True, error=f"target-refused:{exc.reason}")
        body = webhook_body(delivery)
        timestamp = str(int(time.time()))
        headers = {"Content-Type": "application/json", "Host": target.host_header, TIMESTAMP_HEADER: timestamp,
                   SIGNATURE_HEADER: sign(str(secret), timestamp, body), "X-Himaya-Alert-Id": delivery["alertId"],
                   "User-Agent": "Himaya-Webhooks/1"}
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        async with self._limit:
            try:
                response = await self._client.post(target.pinned_url(target.addresses[0]), content=body,
                                                   headers=headers, extensions=extensions)
            except httpx.HTTPError as exc:
                return WebhookResult(ok=False, permanent=False, error=type(exc).__name__)
        if 200 <= response.status_code < 300:
            return WebhookResult(ok=True, permanent=False)
        if 300 <= response.status_code < 400:
            return WebhookResult(ok=False, permanent=False,
                                 error=f"HTTP {response.status_code} (redirect not followed)")
        return WebhookResult(ok=False, permanent=False, error=f"HTTP {response.status_code}")
