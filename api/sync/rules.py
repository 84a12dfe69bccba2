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
SYNC_CURSOR = "s2"  # (syncSeq, key) in the commit-ordered change sequence
LEGACY_SYNC_CURSOR = "s1"  # (updatedAt millis, id): devices may still hold one
MAX_SEQ = 2**62  # a sequence number never reaches it (and it fits Neo4j's 64-bit integers)


# ------------------------------------------------------------------------------------------- delta sync


def encode_sync_cursor(seq: int, key: str) -> str:
    """A position in the change sequence: every change up to (seq, key) has been delivered."""
    return cursors.encode(SYNC_CURSOR, seq, key)


def _is_legacy(cursor: str) -> bool:
    try:
        return cursors.decode(cursor, LEGACY_SYNC_CURSOR, int, str) is not None
    except BadInput:
        return False


def decode_sync_cursor(cursor: str | None) -> tuple[int, str, bool]:
    """(seq, key, restarted): the start for no cursor; a cursor of the old updatedAt format ("s1") restarts from
    the beginning (a full resync, flagged), since a clock position cannot be mapped onto the commit sequence."""
    if cursor is None or cursor == "":
        return -1, "", False
    try:
        position = cursors.decode(cursor, SYNC_CURSOR, int, str, message_key="sync.invalid_cursor")
    except BadInput:
        if _is_legacy(cursor):
            return -1, "", True
        raise
    if position is None or len(position[1]) > 64 or not -1 <= position[0] < MAX_SEQ:
        raise BadInput("sync.invalid_cursor")
    return position[0], position[1], False


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
    """What changed for the caller after the cursor, in commit order (syncSeq, key): records and tombstones.

    A barrier first (graph/sync: every change below it is committed), then one page below it. ``rows`` are
    {type, seq, key, record?, tombstone?}; records come through the access fragments, so nothing outside the
    caller's scope is ever returned, and records that left it come back as tombstones. When the page is the last,
    the cursor moves to the barrier: a later change always carries a larger number."""
    if not scope.authenticated:
        raise Unauthenticated()
    size = page_size(first)
    after_seq, after_key, restarted = decode_sync_cursor(since)
    permitted = permitted_types(scope)
    if types and not set(types) <= permitted:
        raise Forbidden()
    wanted = sorted(set(types) if types else permitted)
    barrier = await repository.barrier(graph)
    rows = await repository.changes(graph, scope, types=[t.value for t in wanted], after_seq=after_seq,
                                    after_key=after_key, barrier=barrier, limit=size + 1)
    has_more = len(rows) > size
    rows = rows[:size]
    next_cursor = encode_sync_cursor(rows[-1]["seq"], rows[-1]["key"]) if has_more else encode_sync_cursor(barrier, "")
    return {"rows": rows, "hasMore": has_more, "nextCursor": next_cursor, "fullResync": restarted}
