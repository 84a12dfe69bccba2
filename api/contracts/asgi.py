"""Small ASGI helpers for middleware that must read a request body before the application does."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import Message, Receive, Scope, Send

from api.i18n import Language, negotiate, translate


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def is_graphql_post(scope: Scope, path: str = "/graphql") -> bool:
    return scope["type"] == "http" and scope.get("method") == "POST" and scope.get("path", "").rstrip("/") == path


async def read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A receive callable that hands out ``body`` once, then defers to the real one (disconnects)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def with_body(scope: Scope, body: bytes) -> Scope:
    """A copy of the scope whose Content-Length matches a rewritten body."""
    headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    return {**scope, "headers": headers}


def language_of(scope: Scope) -> Language:
    return negotiate(header(scope, b"accept-language"))


def graphql_error_body(scope: Scope, code: str, message_key: str, **params: Any) -> bytes:
    message = translate(message_key, language_of(scope), **params)
    return json.dumps({"data": None, "errors": [{"message": message, "extensions": {"code": code}}]},
                      ensure_ascii=False).encode()


async def send_json(send: Send, status: int, body: bytes, extra_headers: list[tuple[bytes, bytes]] | None = None
                    ) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers.extend(extra_headers or [])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
