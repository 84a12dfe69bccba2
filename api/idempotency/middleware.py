"""``Idempotency-Key`` on POST /graphql mutations: the first response is kept for 24 hours and replayed.

* The key is scoped by principal: the user id for signed-in callers, ``anonymous`` otherwise (public report
  intake may send one too). Only hashes of keys are stored.
* A retry with the same key and the same body gets the stored response back (header ``Idempotent-Replayed``);
  the same key with another body is refused with ``IDEMPOTENCY_KEY_REUSED`` (HTTP 422).
* Concurrent requests with one key: the first claims the record (unique ``scopedKey``), the others wait for its
  response and replay it, so the mutation takes effect once.
* Stored responses are encrypted with a key derived from the Idempotency-Key itself, which the server never
  stores: a database reader cannot read them (an anonymous reporter's receipt must never be stored readable).
* Server failures (5xx, INTERNAL_SERVER_ERROR, UNAVAILABLE) are not kept, so the client may retry.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import os
import time
import uuid
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth.service import AuthRejected, authenticate
from api.contracts import asgi
from graph.idempotency import repository

if TYPE_CHECKING:
    from api.state import AppState

logger = logging.getLogger("himaya.idempotency")

HEADER = b"idempotency-key"
MAX_KEY_LENGTH = 255
RETRYABLE_CODES = frozenset({"INTERNAL_SERVER_ERROR", "UNAVAILABLE", "RATE_LIMITED"})
PURGE_EVERY_SECONDS = 60.0


def valid_key(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and all(33 <= ord(ch) <= 126 for ch in key)


def is_mutation(payload: dict[str, Any]) -> bool:
    query = payload.get("query")
    if not isinstance(query, str):
        return False
    try:
        document = parse(query)
    except GraphQLError:
        return False
    wanted = payload.get("operationName")
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    for operation in operations:
        if (wanted is None and len(operations) == 1) or (operation.name and operation.name.value == wanted):
            return operation.operation is OperationType.MUTATION
    return False


def request_hash(payload: dict[str, Any]) -> str:
    canonical = json.dumps({"query": payload.get("query"), "variables": payload.get("variables") or {},
                            "operationName": payload.get("operationName")}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _cipher(key: str) -> AESGCM:
    return AESGCM(hashlib.sha256(b"himaya-idempotency-response\x00" + key.encode()).digest())


def seal(key: str, scoped_key: str, body: bytes) -> str:
    nonce = os.urandom(12)
    return base64.b64encode(nonce + _cipher(key).encrypt(nonce, body, scoped_key.encode())).decode()


def unseal(key: str, scoped_key: str, stored: str) -> bytes | None:
    raw = base64.b64decode(stored)
    try:
        return _cipher(key).decrypt(raw[:12], raw[12:], scoped_key.encode())
    except (InvalidTag, ValueError):
        return None


def retryable(status: int, body: bytes) -> bool:
    if status >= 500:
        return True
    payload = asgi.parse_json(body)
    errors = payload.get("errors") if isinstance(payload, dict) else None
    return any(isinstance(e, dict) and (e.get("extensions") or {}).get("code") in RETRYABLE_CODES
               for e in errors or [])


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, state: AppState, *, ttl_seconds: int, wait_seconds: float,
                 poll_seconds: float = 0.05) -> None:
        self.app = app
        self.state = state
        self.ttl_seconds = ttl_seconds
        self.wait_seconds = wait_seconds
        self.poll_seconds = poll_seconds
        self._last_purge = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = asgi.header(scope, HEADER) if asgi.is_graphql_post(scope) else None
        if key is None:
            await self.app(scope, receive, send)
            return
        if not valid_key(key):
            await asgi.send_json(send, 400, asgi.graphql_error_body(scope, "BAD_USER_INPUT",
                                                                    "idempotency.key_invalid",
                                                                    maximum=MAX_KEY_LENGTH))
            return
        body = await asgi.read_body(receive)
        payload = asgi.parse_json(body)
        replay_receive = asgi.replaying(body, receive)
        if not isinstance(payload, dict) or not is_mutation(payload):
            await self.app(scope, replay_receive, send)
            return
        try:
            principal_of = await authenticate(self.state.auth, self.state.graph, asgi.header(scope, b"authorization"))
        except AuthRejected:
            await self.app(scope, replay_receive, send)  # the GraphQL layer answers 401 itself
            return
        principal = f"user:{principal_of.user_id}" if principal_of is not None else "anonymous"
        key_hash = hashlib.sha256(key.encode()).hexdigest()
        scoped_key = hashlib.sha256(f"{principal}\n{key_hash}".encode()).hexdigest()
        wanted_hash = request_hash(payload)
        claim_id = uuid.uuid4().hex
        deadline = time.monotonic() + self.wait_seconds
        while True:
            row = await repository.claim(self.state.graph, scoped_key=scoped_key, principal=principal,
                                         key_hash=key_hash, request_hash=wanted_hash, claim_id=claim_id,
                                         ttl_seconds=self.ttl_seconds)
            if row["claimed"]:
                await self._execute(scope, replay_receive, send, key, scoped_key, claim_id)
                self._maybe_purge()
                return
            if row["requestHash"] is None and time.monotonic() <= deadline:
                await asyncio.sleep(self.poll_seconds)  # the purge deleted the record under us: claim it afresh
                continue
            while True:
                if row["requestHash"] != wanted_hash:
                    await asgi.send_json(send, 422, asgi.graphql_error_body(scope, "IDEMPOTENCY_KEY_REUSED",
                                                                            "idempotency.key_reused"))
                    return
                if row["status"] == "DONE":
                    await self._replay(scope, send, key, scoped_key, row)
                    return
                if time.monotonic() > deadline:
                    await asgi.send_json(send, 409, asgi.graphql_error_body(scope, "IDEMPOTENCY_KEY_IN_USE",
                                                                            "idempotency.in_progress"))
                    return
                await asyncio.sleep(self.poll_seconds)
                found = await repository.look_up(self.state.graph, scoped_key)
                if found is None:
                    break  # the first attempt failed and let go of the key: claim it again
                row = found

    async def _execute(self, scope: Scope, receive: Receive, send: Send, key: str, scoped_key: str,
                       claim_id: str) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self.app(scope, receive, capture)
        except BaseException:
            await repository.release(self.state.graph, scoped_key=scoped_key, claim_id=claim_id)
            raise
        response = b"".join(chunks)
        status = int(start["status"]) if start is not None else 500
        if start is None or retryable(status, response):
            await repository.release(self.state.graph, scoped_key=scoped_key, claim_id=claim_id)
        else:
            await repository.finish(self.state.graph, scoped_key=scoped_key, claim_id=claim_id,
                                    response_status=status, response_body=seal(key, scoped_key, response))
        if start is None:
            await asgi.send_json(send, 500, asgi.graphql_error_body(scope, "INTERNAL_SERVER_ERROR", "error.internal"))
            return
        await send(start)
        await send({"type": "http.response.body", "body": response})

    async def _replay(self, scope: Scope, send: Send, key: str, scoped_key: str, row: dict[str, Any]) -> None:
        body = unseal(key, scoped_key, str(row["responseBody"]))
        if body is None:  # cannot happen with the same key; refuse rather than guess
            await asgi.send_json(send, 422, asgi.graphql_error_body(scope, "IDEMPOTENCY_KEY_REUSED",
                                                                    "idempotency.key_reused"))
            return
        await asgi.send_json(send, int(row["responseStatus"]), body, [(b"idempotent-replayed", b"true")])

    def _maybe_purge(self) -> None:
        now = time.monotonic()
        if now - self._last_purge < PURGE_EVERY_SECONDS:
            return
        self._last_purge = now
        task = asyncio.create_task(self._purge())
        self.state.background.append(task)
        task.add_done_callback(lambda done: self.state.background.remove(done)
                               if done in self.state.background else None)

    async def _purge(self) -> None:
        try:
            purged = await repository.purge_expired(self.state.graph, limit=1000)
            if purged:
                logger.info("expired idempotency keys purged", extra={"count": purged})
        except Exception:  # housekeeping never fails a request
            logger.warning("could not purge expired idempotency keys", exc_info=True)
