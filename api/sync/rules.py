"""Rules for offline work: optimistic concurrency, client-generated ids and delta sync cursors."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from api.common import cursors
from api.common.cursors import page_size
from api.errors import BadInput, Forbidden, Unauthenticated
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.db import Graph
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
DEFAULT_SYNC_PAGE = cursors.SYNC_PAGE_SIZE


# ------------------------------------------------------------------------------------------- delta sync


def encode_sync_cursor(millis: int, entity_id: str) -> str:
    return cursors.encode("s1", millis, entity_id)


def decode_sync_cursor(cursor: str | None) -> tuple[int, str]:
    if cursor is None or cursor == "":
        return -1, ""
    position = cursors.decode(cursor, "s1", int, str, message_key="sync.invalid_cursor")
    if position is None or len(position[1]) > 64:
        raise BadInput("sync.invalid_cursor")
    return position[0], position[1]


def permitted_types(scope: Scope) -> set[SyncType]:
    """The same role rules as the queries: person-level records for casework roles, reports for submitters."""
    permitted = {SyncType.SERVICE, SyncType.ORGANIZATION, SyncType.GUIDELINE}  # published guidelines: everyone
    if scope.can(Permission.SYNC_OFFLINE):
        permitted |= {SyncType.CASE, SyncType.VICTIM, SyncType.REFERRAL}
    if scope.can(Permission.READ_REPORTS):
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
