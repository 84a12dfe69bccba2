"""Persisted operations on POST /graphql: an id from the manifest stands for its document.

Accepted shapes: ``{"id": "<sha256>", "variables": {...}}`` and the Apollo style
``{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<sha256>"}}, "variables": {...}}``.
The id is turned into the document before Strawberry sees the request. An unknown id is refused with
``PERSISTED_QUERY_NOT_FOUND`` (HTTP 400).

When enforcement is on (production by default), mobile clients may send only persisted ids; a free-form
query from them is refused with ``PERSISTED_QUERY_REQUIRED`` (HTTP 400). A client is mobile when it says so
(``X-Himaya-Client: mobile``) or when its token belongs to a field role (case worker, partner agent,
judicial officer): the apps of those roles are the mobile apps, and the role cannot be dropped the way a header
can. Checking the role costs one Cypher query, made only for free-form queries while enforcement is on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.types import ASGIApp, Receive, Scope, Send

from api.auth.service import AuthRejected, authenticate
from api.contracts import asgi
from api.contracts.operations import PersistedOperation, registry
from graph.access.permissions import Permission, has

if TYPE_CHECKING:
    from api.state import AppState

MOBILE_CLIENT_HEADER = b"x-himaya-client"
NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
REQUIRED = "PERSISTED_QUERY_REQUIRED"


def requested_id(payload: dict[str, Any]) -> tuple[bool, object]:
    """(asked for a persisted operation, the id given)."""
    if "id" in payload:
        return True, payload["id"]
    extensions = payload.get("extensions")
    if isinstance(extensions, dict) and isinstance(extensions.get("persistedQuery"), dict):
        return True, extensions["persistedQuery"].get("sha256Hash")
    return False, None


class PersistedOperationsMiddleware:
    def __init__(self, app: ASGIApp, state: AppState, *, enforce: bool,
                 operations: Callable[[], dict[str, PersistedOperation]] = registry) -> None:
        self.app = app
        self.state = state
        self.enforce = enforce
        self.operations = operations

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not asgi.is_graphql_post(scope):
            await self.app(scope, receive, send)
            return
        body = await asgi.read_body(receive)
        payload = asgi.parse_json(body)
        if not isinstance(payload, dict):
            await self.app(scope, asgi.replaying(body, receive), send)
            return
        persisted, wanted = requested_id(payload)
        if persisted:
            operation = self.operations().get(wanted) if isinstance(wanted, str) else None
            if operation is None:
                await asgi.send_json(send, 400, asgi.graphql_error_body(scope, NOT_FOUND,
                                                                        "contracts.persisted_query_not_found"))
                return
            rewritten = json.dumps({"query": operation.document, "variables": payload.get("variables"),
                                    "operationName": operation.name}).encode()
            # Shared with the outer middleware (metrics label per persisted operation: a bounded set).
            scope.setdefault("state", {})["operation"] = f"{operation.app}/{operation.name}"
            scope = asgi.with_body(scope, rewritten)
            await self.app(scope, asgi.replaying(rewritten, receive), send)
            return
        if self.enforce and await self._is_mobile(scope):
            await asgi.send_json(send, 400, asgi.graphql_error_body(scope, REQUIRED,
                                                                    "contracts.persisted_query_required"))
            return
        await self.app(scope, asgi.replaying(body, receive), send)

    async def _is_mobile(self, scope: Scope) -> bool:
        if (asgi.header(scope, MOBILE_CLIENT_HEADER) or "").strip().lower() == "mobile":
            return True
        authorization = asgi.header(scope, b"authorization")
        if authorization is None:
            return False
        try:
            principal = await authenticate(self.state.auth, self.state.graph, authorization)
        except AuthRejected:
            return False  # the GraphQL layer answers 401 for the bad token itself
        return principal is not None and has(principal.role, Permission.MOBILE_APP)
