"""Rules for offline work: optimistic concurrency, client-generated ids and delta sync cursors."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import uuid
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any, TypeVar

from neo4j.exceptions import ConstraintError
from neo4j.spatial import Point
from neo4j.time import Date, DateTime

from api.errors import BadInput, Conflict, Forbidden, Unauthenticated
from api.graphql.relay import page_size, to_global_id
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.sync import repository

T = TypeVar("T")


class SyncType(StrEnum):
    CASE = "CASE"
    VICTIM = "VICTIM"
    REFERRAL = "REFERRAL"
    SERVICE = "SERVICE"
    ORGANIZATION = "ORGANIZATION"
    REPORT = "REPORT"
    GUIDELINE = "GUIDELINE"


NODE_TYPE = {SyncType.CASE: "Case", SyncType.VICTIM: "Victim", SyncType.REFERRAL: "Referral",
             SyncType.SERVICE: "Service", SyncType.ORGANIZATION: "Organization", SyncType.REPORT: "Report",
             SyncType.GUIDELINE: "GuidelineVersion"}
DEFAULT_SYNC_PAGE = 100


def plain(value: Any) -> Any:
    """A database value as JSON (for error extensions): times as ISO 8601, points as coordinates."""
    if isinstance(value, DateTime | Date):
        return value.iso_format()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Point):
        return list(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def stale_version(expected: int | None, record: Record, type_name: str | None = None) -> Conflict:
    """CONFLICT for an update made against an old version; ``extensions.current`` carries the record as it is."""
    current = plain(record)
    if type_name is not None and isinstance(current.get("id"), str):
        current = {"__typename": type_name, **current, "id": to_global_id(type_name, current["id"])}
    return Conflict("sync.stale_version", current=record.get("version"), expected=expected,
                    extensions={"current": current})


def client_id(value: object | None) -> str | None:
    """A client-generated id (UUID) in canonical form, or None."""
    if value is None:
        return None
    try:
        return str(uuid.UUID(str(value)))
    except ValueError as exc:
        raise BadInput("error.invalid_id") from exc


async def create_once(graph: Graph, scope: Scope, label: str, client: str | None,
                      create: Callable[[str | None], Awaitable[T]], found: Callable[[Record], T]) -> T:
    """Create with the client's id, once: a retry returns what the first attempt made for the same caller.

    The id's uniqueness constraint decides races; an id taken by a record the caller may not see is a CONFLICT
    (never a hint about that record)."""
    if client is None:
        return await create(None)
    existing = await repository.visible_by_id(graph, scope, label, client)
    if existing is not None:
        return found(existing)
    try:
        return await create(client)
    except (ConstraintError, Conflict) as failure:
        existing = await repository.visible_by_id(graph, scope, label, client)
        if existing is not None:
            return found(existing)
        if isinstance(failure, Conflict):
            raise
        raise Conflict("sync.client_id_taken") from failure


# ------------------------------------------------------------------------------------------- delta sync


def encode_sync_cursor(millis: int, entity_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps(["s1", millis, entity_id]).encode()).decode().rstrip("=")


def decode_sync_cursor(cursor: str | None) -> tuple[int, str]:
    if cursor is None or cursor == "":
        return -1, ""
    try:
        raw = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()))
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise BadInput("sync.invalid_cursor") from exc
    if not (isinstance(raw, list) and len(raw) == 3 and raw[0] == "s1" and isinstance(raw[1], int)
            and isinstance(raw[2], str) and len(raw[2]) <= 64):
        raise BadInput("sync.invalid_cursor")
    return raw[1], raw[2]


def permitted_types(scope: Scope) -> set[SyncType]:
    """The same role rules as the queries: person-level records for casework roles, reports for submitters."""
    from api.reports.rules import SUBMITTING_ROLES  # imported here: those rules import this module
    from api.victims.rules import CASEWORK_ROLES

    permitted = {SyncType.SERVICE, SyncType.ORGANIZATION, SyncType.GUIDELINE}  # published guidelines: everyone
    if scope.role in CASEWORK_ROLES:
        permitted |= {SyncType.CASE, SyncType.VICTIM, SyncType.REFERRAL}
    if scope.role in SUBMITTING_ROLES:
        permitted.add(SyncType.REPORT)
    return permitted


async def changes(graph: Graph, scope: Scope, *, since: str | None, types: list[SyncType] | None,
                  first: int) -> dict[str, Any]:
    """What changed for the caller after the cursor, in (updatedAt, id) order: records and tombstones.

    ``items`` are {type, millis, id, record?, tombstone?}; records come through the access fragments, so nothing
    outside the caller's scope is ever returned, and records that left it come back as tombstones."""
    if not scope.authenticated:
        raise Unauthenticated()
    size = page_size(first)
    after_millis, after_id = decode_sync_cursor(since)
    permitted = permitted_types(scope)
    if types and not set(types) <= permitted:
        raise Forbidden()
    wanted = sorted(set(types) if types else permitted)
    rows = await repository.changes(graph, scope, types=[t.value for t in wanted], after_millis=after_millis,
                                    after_id=after_id, limit=size + 1)
    has_more = len(rows) > size
    rows = rows[:size]
    next_cursor = encode_sync_cursor(rows[-1]["millis"], rows[-1]["key"]) if rows else (since or
                                                                                         encode_sync_cursor(-1, ""))
    return {"rows": rows, "hasMore": has_more, "nextCursor": next_cursor}
