"""Rules for reading the audit trail: administrators and the data protection officer only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from api.errors import BadInput, Forbidden, Unauthenticated
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.audit import repository

MAX_ACTION = 100


def require_audit_reader(scope: Scope) -> None:
    if not scope.authenticated:
        raise Unauthenticated()
    if not scope.can(Permission.READ_AUDIT_TRAIL):
        raise Forbidden("audit.readers_only")


def _stamp(value: dt.datetime | None, field: str) -> str | None:
    """The stored form of a time (ISO-8601 in UTC, microseconds), so text comparison orders correctly."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise BadInput("casework.invalid_value", field=field)
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def data_classes(event: dict[str, Any]) -> list[str]:
    """The classes of data a read selected (``read:CASE+VICTIM`` in the entry's reason)."""
    reason = str(event.get("reason") or "")
    if not reason.startswith("read:"):
        return []
    return [part for part in reason[5:].split(" — ")[0].split("+") if part]


async def search(graph: Any, scope: Scope | None, *, actor: str | None = None, action: str | None = None,
                 subject: str | None = None, since: dt.datetime | None = None, until: dt.datetime | None = None,
                 before: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Events newest first. ``scope`` None is the command line (the operator of the server)."""
    if scope is not None:
        require_audit_reader(scope)
    if action is not None and (not action.strip() or len(action) > MAX_ACTION):
        raise BadInput("casework.invalid_value", field="action")
    return await repository.search(graph, actor=actor, action=action.strip() if action else None, subject=subject,
                                   since=_stamp(since, "since"), until=_stamp(until, "until"), before=before,
                                   limit=limit)
