"""Cypher for cases: opening (with a concurrency-safe reference), reading, listing, status and assignment."""

from __future__ import annotations

from typing import Any

from graph.access.repository import CASE_VISIBLE, CASES_IN_SCOPE
from graph.access.scope import Scope
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record
from graph.projections import repository as projections
from graph.projections.repository import Tree
from graph.victims.repository import VICTIM_PROJECTION, VICTIM_WORKABLE

# What every query returns for a case bound to ``c`` (inner variables are prefixed ``c_``; the victim is ``v``).
CASE_PROJECTION = (
    """c {.id, .reference, .status, .exploitationForms, .labourSector, .meansOfControl, .closeReason,
    .closeReasonSealed,
    closeReasonKey: [(c)-[:SEALED_WITH {field: 'closeReason'}]->(c_k:DataKey) | c_k {.id, .kekId, .wrapped}][0],
    openedAt: c.openedAt, closedAt: c.closedAt, updatedAt: c.updatedAt,
    version: coalesce(c.version, 0),
    governorate: [(c)-[:LOCATED_IN]->(c_g:Governorate) | c_g.code][0],
    ownerId: [(c)-[:OWNED_BY]->(c_o:Organization) | c_o.id][0],
    assigneeId: [(c)-[:ASSIGNED_TO]->(c_u:User) | c_u.id][0],
    victim: [(c)-[:CONCERNS]->(v:Victim) | """
    + VICTIM_PROJECTION
    + """][0]}"""
)

# The yearly sequence lives on a ReferenceItem, whose (kind, code) uniqueness makes MERGE safe under
# concurrency; writing to it first takes its lock, so each opening reads and bumps the number alone.
OPEN_CASE = (
    CHANGE_TICK
    + """
MATCH (v:Victim {id: $victimId})
WHERE """
    + VICTIM_WORKABLE
    + """
MATCH (g:Governorate {code: $governorate})
MATCH (o:Organization {id: $scope.org})
WITH v, g, o, toString(date().year) AS year
MERGE (k:ReferenceItem {kind: 'CASE_SEQUENCE', code: year})
SET k._lock = true
REMOVE k._lock
WITH v, g, o, year, k, coalesce(k.next, 0) + 1 AS seq
SET k.next = seq
CREATE (c:Case {id: coalesce($clientId, randomUUID()),
    reference: 'HIM-' + year + '-' + right('000000' + toString(seq), 6),
    status: 'REPORTED', exploitationForms: $exploitationForms, labourSector: $labourSector,
    meansOfControl: $meansOfControl, openedAt: datetime(), createdAt: datetime(), updatedAt: datetime(),
    syncSeq: """ + CHANGE_SEQ + """,
    createdBy: $scope.user, version: 1})
CREATE (c)-[:CONCERNS]->(v)
CREATE (c)-[:LOCATED_IN]->(g)
CREATE (c)-[:OWNED_BY]->(o)
RETURN """
    + CASE_PROJECTION
    + """ AS item
"""
)

CASES_BY_IDS_HEAD = (
    """
UNWIND $ids AS wanted
MATCH (c:Case {id: wanted})
WHERE """
    + CASE_VISIBLE
    + """
RETURN """
)
CASES_BY_IDS = CASES_BY_IDS_HEAD + CASE_PROJECTION + " AS item"

CASE_FILTER = (
    CASE_VISIBLE
    + """ AND ($status IS NULL OR c.status = $status)
    AND ($governorate IS NULL OR EXISTS { MATCH (c)-[:LOCATED_IN]->(:Governorate {code: $governorate}) })
    AND ($form IS NULL OR $form IN c.exploitationForms)
    AND ($assignee IS NULL OR EXISTS { MATCH (c)-[:ASSIGNED_TO]->(:User {id: $assignee}) })
    AND ($openedFrom IS NULL OR c.openedAt >= $openedFrom)
    AND ($openedTo IS NULL OR c.openedAt < $openedTo)
    AND ($reference IS NULL OR c.reference CONTAINS $reference)"""
)

# One round trip: the total and the page (one extra row tells whether another page follows). Newest first.
# The projection goes between head and tail: the full one, or the one the query selected (graph/projections).
LIST_CASES_HEAD = (
    """
CALL () {
"""
    + CASES_IN_SCOPE
    + """
  WITH c WHERE """
    + CASE_FILTER
    + """
  RETURN count(c) AS total
}
CALL () {
"""
    + CASES_IN_SCOPE
    + """
  WITH c WHERE """
    + CASE_FILTER
    + """
    AND ($afterMillis IS NULL OR c.openedAt.epochMillis < $afterMillis
         OR (c.openedAt.epochMillis = $afterMillis AND c.id < $afterId))
  WITH c ORDER BY c.openedAt.epochMillis DESC, c.id DESC LIMIT $limit
  RETURN collect({item: """
)
LIST_CASES_TAIL = """, cursorMillis: c.openedAt.epochMillis}) AS rows
}
RETURN total, rows
"""
LIST_CASES = LIST_CASES_HEAD + CASE_PROJECTION + LIST_CASES_TAIL

# The status is read after the case is locked, so two concurrent changes cannot both start from the same state.
CHANGE_CASE_STATUS = (
    CHANGE_TICK
    + """
MATCH (c:Case {id: $id})
WHERE """
    + CASE_VISIBLE
    + """
SET c._lock = true
REMOVE c._lock
WITH c, c.status AS previous
WITH c, previous, previous IN $allowedFrom AS allowed,
     ($expectedVersion IS NULL OR coalesce(c.version, 0) = $expectedVersion) AS current
CALL (c, allowed, current) {
  WITH c, allowed, current WHERE allowed AND current
  SET c.status = $status, c.updatedAt = datetime(),
    c.syncSeq = """ + CHANGE_SEQ + """, c.version = coalesce(c.version, 0) + 1,
      c.statusReasonSealed = $reason.statusSealed,
      c.closedAt = CASE WHEN $status = 'CLOSED' THEN datetime() ELSE c.closedAt END,
      c.closeReasonSealed = CASE WHEN $status = 'CLOSED' THEN $reason.closeSealed ELSE c.closeReasonSealed END
  REMOVE c.statusReason
  WITH c
  CALL (c) {
    MATCH (c)-[:SEALED_WITH {field: 'statusReason'}]->(old:DataKey)
    DETACH DELETE old
  }
  FOREACH (k IN CASE WHEN $reason.statusKey IS NULL THEN [] ELSE [$reason.statusKey] END |
    CREATE (c)-[:SEALED_WITH {field: 'statusReason'}]->(:DataKey {id: k.id, kekId: k.kekId, wrapped: k.wrapped,
                                                                  createdAt: datetime()}))
  WITH c
  CALL (c) {
    WITH c WHERE $status = 'CLOSED'
    OPTIONAL MATCH (c)-[:SEALED_WITH {field: 'closeReason'}]->(old:DataKey)
    DETACH DELETE old
    REMOVE c.closeReason
    WITH c
    FOREACH (k IN CASE WHEN $reason.closeKey IS NULL THEN [] ELSE [$reason.closeKey] END |
      CREATE (c)-[:SEALED_WITH {field: 'closeReason'}]->(:DataKey {id: k.id, kekId: k.kekId, wrapped: k.wrapped,
                                                                   createdAt: datetime()}))
  }
}
RETURN previous, allowed, current, """
    + CASE_PROJECTION
    + """ AS item
"""
)

# Handing a case ``c`` from organisation ``from`` to ``to`` (run once the receiving organisation accepted). The old
# owner keeps no access: the same statement writes tombstones so its devices drop the case, its victim (unless
# another of its cases concerns them) and the case's referrals (unless one of its services received them). The
# assignee belonged to the old owner and is let go. The victim and referrals are touched so the new owner's devices
# receive them with the case.
MOVE_CASE = """
// unscoped: a fragment; the statements embedding it start from the visible case
CALL (c, from, to) {
  MATCH (c)-[old:OWNED_BY]->(from)
  DELETE old
  CREATE (c)-[:OWNED_BY]->(to)
  SET c.updatedAt = datetime(), c.syncSeq = """ + CHANGE_SEQ + """, c.version = coalesce(c.version, 0) + 1
  CREATE (:Tombstone {id: randomUUID(), entityType: 'CASE', entityId: c.id, organizationId: from.id,
                      at: datetime(), reason: 'TRANSFER', syncSeq: """ + CHANGE_SEQ + """})
  WITH c, from
  CALL (c) {
    MATCH (c)-[a:ASSIGNED_TO]->(:User)
    DELETE a
  }
  CALL (c, from) {
    MATCH (c)-[:CONCERNS]->(v:Victim)
    SET v.updatedAt = datetime(), v.syncSeq = """ + CHANGE_SEQ + """
    WITH v, from
    WHERE NOT EXISTS { MATCH (v)<-[:CONCERNS]-(:Case)-[:OWNED_BY]->(from) }
    CREATE (:Tombstone {id: randomUUID(), entityType: 'VICTIM', entityId: v.id, organizationId: from.id,
                        at: datetime(), reason: 'TRANSFER', syncSeq: """ + CHANGE_SEQ + """})
  }
  CALL (c, from) {
    MATCH (r:Referral)-[:FOR_CASE]->(c)
    SET r.updatedAt = datetime(), r.syncSeq = """ + CHANGE_SEQ + """
    WITH r, from
    WHERE NOT EXISTS { MATCH (r)-[:TO_SERVICE]->(:Service)-[:PROVIDED_BY]->(from) }
    CREATE (:Tombstone {id: randomUUID(), entityType: 'REFERRAL', entityId: r.id, organizationId: from.id,
                        at: datetime(), reason: 'TRANSFER', syncSeq: """ + CHANGE_SEQ + """})
  }
}
"""

ASSIGN_CASE = (
    CHANGE_TICK
    + """
MATCH (c:Case {id: $caseId})
WHERE """
    + CASE_VISIBLE
    + """
OPTIONAL MATCH (u:User {id: $userId})
WHERE EXISTS { MATCH (u)-[:MEMBER_OF]->(:Organization)<-[:OWNED_BY]-(c) } AND NOT coalesce(u.disabled, false)
CALL (c, u) {
  WITH c, u WHERE u IS NOT NULL
  OPTIONAL MATCH (c)-[old:ASSIGNED_TO]->(:User)
  DELETE old
  WITH DISTINCT c, u
  MERGE (c)-[:ASSIGNED_TO]->(u)
  SET c.updatedAt = datetime(), c.syncSeq = """ + CHANGE_SEQ + """, c.version = coalesce(c.version, 0) + 1
}
RETURN u IS NOT NULL AS assigned, """
    + CASE_PROJECTION
    + """ AS item
"""
)


async def open_case(graph: Graph, scope: Scope, fields: dict[str, Any]) -> Record | None:
    """The new case, or None when the victim (or the caller's organisation) is not there for the caller."""
    row = await graph.write_one(OPEN_CASE, {**fields, **scope.params()})
    return None if row is None else row["item"]


async def cases_by_ids(graph: Graph, scope: Scope, ids: list[str], fields: Tree | None = None) -> list[Record]:
    """The visible cases among ``ids``; with ``fields`` (the selection) only what it asks for, nested included."""
    selected = projections.case(fields) if fields is not None else None
    query = CASES_BY_IDS if selected is None else CASES_BY_IDS_HEAD + selected + " AS item"
    return [row["item"] for row in await graph.read_maps(query, {"ids": ids, **scope.params()})]


_NO_FILTERS = {"governorate": None, "form": None, "assignee": None, "openedFrom": None, "openedTo": None,
               "reference": None}


async def list_cases(
    graph: Graph, scope: Scope, *, status: str | None, after: tuple[int, str] | None, limit: int,
    filters: dict[str, Any] | None = None, fields: Tree | None = None,
) -> tuple[int, list[Record]]:
    """(total, rows); with ``fields`` (the selection of a page's items) only what it asks for, nested included."""
    selected = projections.case(fields) if fields is not None else None
    query = LIST_CASES if selected is None else LIST_CASES_HEAD + selected + LIST_CASES_TAIL
    params = {"status": status, "afterMillis": after[0] if after else None, "afterId": after[1] if after else None,
              "limit": limit, **_NO_FILTERS, **(filters or {}), **scope.params()}
    [row] = await graph.read_maps(query, params)
    return row["total"], row["rows"]


async def change_case_status(
    graph: Graph, scope: Scope, case_id: str, status: str, allowed_from: list[str], reason: dict[str, Any],
    expected_version: int | None = None,
) -> Record | None:
    """{previous, allowed, current, item} or None when the case is not visible. ``reason`` holds the reason
    sealed twice (``statusSealed``/``statusKey``, ``closeSealed``/``closeKey``), each under a data key of its own."""
    return await graph.write_one(CHANGE_CASE_STATUS, {"id": case_id, "status": status, "allowedFrom": allowed_from,
                                                       "reason": reason, "expectedVersion": expected_version,
                                                       **scope.params()})


async def assign_case(graph: Graph, scope: Scope, case_id: str, user_id: str) -> Record | None:
    """{assigned, item} or None when the case is not visible."""
    return await graph.write_one(ASSIGN_CASE, {"caseId": case_id, "userId": user_id, **scope.params()})
