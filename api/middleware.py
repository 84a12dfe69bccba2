"""ASGI middleware: request ids, body size limit, security headers and request metrics."""

from __future__ import annotations

import json
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.contracts import asgi
from api.graphql.errors import DATABASE_RETRY_AFTER, is_database_unavailable
from api.i18n import translate
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


MAX_JSON_DEPTH = 64


def json_depth_exceeds(value: Any, limit: int) -> bool:
    """Whether ``value`` nests deeper than ``limit`` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


class JsonBodyGuardMiddleware:
    """Refuses a JSON body that is not an object, does not parse, or nests too deep, with a clear 400 before any
    handler parses it (``null``, ``true``, a number, a string or 100,000 nested arrays once answered 500)."""

    def __init__(self, app: ASGIApp, *, paths: tuple[str, ...] = ("/graphql", "/auth/"),
                 max_depth: int = MAX_JSON_DEPTH) -> None:
        self.app = app
        self.paths = paths
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or scope.get("method") != "POST" or not path.startswith(self.paths) \
                or "json" not in (_header(scope, b"content-type") or "application/json"):
            await self.app(scope, receive, send)
            return
        body = await asgi.read_body(receive)
        problem = _json_problem(body, self.max_depth)
        if problem is None:
            await self.app(scope, asgi.replaying(body, receive), send)
            return
        if path.rstrip("/") == "/graphql":
            answer = asgi.graphql_error_body(scope, "BAD_USER_INPUT", "error.bad_input", detail=problem)
        else:
            message = translate("error.bad_input", asgi.language_of(scope), detail=problem)
            answer = json.dumps({"error": {"code": "BAD_USER_INPUT", "message": message}},
                                ensure_ascii=False).encode()
        await asgi.send_json(send, 400, answer)


def _json_problem(body: bytes, max_depth: int) -> str | None:
    if not body.strip():
        return None  # an empty body is the handler's to refuse
    try:
        payload = json.loads(body)
    except RecursionError:
        return "body nested too deep"
    except (ValueError, UnicodeDecodeError):
        return "body is not JSON"
    if not isinstance(payload, dict):
        return "body must be a JSON object"
    if json_depth_exceeds(payload, max_depth):
        return "body nested too deep"
    return None


class DatabaseUnavailableMiddleware:
    """Neo4j down or unable to write while a middleware (idempotency, persisted operations) talks to it: a 503
    with Retry-After instead of a 500 and a traceback. Resolvers and routes answer the same on their own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        except Exception as exc:
            if started or not is_database_unavailable(exc):
                raise
            if str(scope.get("path", "")).rstrip("/") == "/graphql":
                body = asgi.graphql_error_body(scope, "UNAVAILABLE", "error.unavailable")
            else:
                message = translate("error.unavailable", asgi.language_of(scope))
                body = json.dumps({"error": {"code": "UNAVAILABLE", "message": message}}, ensure_ascii=False).encode()
            await asgi.send_json(send, 503, body, [(b"retry-after", str(DATABASE_RETRY_AFTER).encode())])
