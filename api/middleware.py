"""ASGI middleware: request ids, body size limit, security headers and request metrics."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.logging_setup import request_id_var
from api.metrics import Metrics

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cache-control", b"no-store"),
]
STRICT_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")
# The console and GraphiQL (development only) are built from local files: scripts, styles and fonts of our own
# origin only, no inline script; blob: for the transmission PDF; data: images (QR codes) and GraphiQL's fonts.
CONSOLE_CSP = (b"content-security-policy",
               b"default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self' data:; "
               b"img-src 'self' data: blob:; connect-src 'self'; frame-src blob:; worker-src 'self' blob:; "
               b"manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class RequestContextMiddleware:
    """Gives every request an id (kept from a well-formed X-Request-ID), headers, and metrics."""

    def __init__(self, app: ASGIApp, metrics: Metrics, *, hsts: bool, strict_csp: bool) -> None:
        self.app = app
        self.metrics = metrics
        self.hsts = hsts
        self.strict_csp = strict_csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        request_id = incoming if incoming and _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status_holder: dict[str, int] = {"status": 500}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = int(message["status"])
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                headers.extend(SECURITY_HEADERS)
                headers.append(_csp_for(str(scope.get("path", "")), strict=self.strict_csp))
                if self.hsts:
                    headers.append((b"strict-transport-security", b"max-age=63072000; includeSubDomains"))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            operation = scope.get("state", {}).get("operation") or _route_label(scope)
            outcome = "ok" if status_holder["status"] < 400 else str(status_holder["status"])
            self.metrics.requests.labels(operation=operation, outcome=outcome).inc()
            self.metrics.latency.labels(operation=operation).observe(time.perf_counter() - started)
            request_id_var.reset(token)


class BodySizeLimitMiddleware:
    """Refuses bodies over the limit with 413, before any of it is parsed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _send_json(send, 413, b'{"error":{"code":"PAYLOAD_TOO_LARGE"}}')
            return
        received = 0
        too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _BodyTooLarge:
            await _send_json(send, 413, b'{"error":{"code":"PAYLOAD_TOO_LARGE"}}')


class _BodyTooLarge(Exception):
    pass


def _csp_for(path: str, *, strict: bool) -> tuple[bytes, bytes]:
    """The console's pages and assets get their own (still strict) policy; everything else none at all."""
    if path.startswith("/console/") or (path == "/graphql" and not strict):
        return CONSOLE_CSP
    return STRICT_CSP


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def _route_label(scope: dict[str, Any] | Scope) -> str:
    path = str(scope.get("path", ""))
    known = {"/graphql", "/healthz", "/readyz", "/metrics", "/auth/login", "/auth/refresh", "/auth/logout",
             "/.well-known/jwks.json"}
    return path if path in known else "other"


async def _send_json(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
