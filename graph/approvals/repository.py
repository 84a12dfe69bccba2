"""Cypher for approvals: a case moves to IDENTIFIED only once a coordinator approves, and a transfer takes effect
only once the receiving organisation accepts. One (:ApprovalRequest) per request, [:ABOUT] its case, and for a
transfer [:TO_ORGANIZATION] the organisation asked. Each statement locks the case first, writes the decision and
its alert (the outbox, graph/alerts) together, and touches the case so devices receive it again (delta sync)."""

from __future__ import annotations

from graph.access.permissions import Permission, role_values_with
from graph.access.repository import APPROVAL_VISIBLE, CASE_VISIBLE
from graph.access.scope import Scope
from graph.alerts.repository import ADD_RECIPIENTS
from graph.cases.repository import CASE_PROJECTION, MOVE_CASE
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record

APPROVAL_PROJECTION = """ap {.id, .kind, .status, .reason, .requestedBy, .requestedByOrg, .decidedBy,
    .decisionReason, requestedAt: ap.requestedAt, decidedAt: ap.decidedAt, updatedAt: ap.updatedAt,
    caseId: [(ap)-[:ABOUT]->(ap_c:Case) | ap_c.id][0],
    caseReference: [(ap)-[:ABOUT]->(ap_c:Case) | ap_c.reference][0],
    targetOrganizationId: [(ap)-[:TO_ORGANIZATION]->(ap_o:Organization) | ap_o.id][0]}"""

# Only a case in PRESUMED may be put forward for identification, once at a time. The coordinators are told.
REQUEST_IDENTIFICATION = (
    CHANGE_TICK
    + """
MATCH (c:Case {id: $caseId})
WHERE """
    + CASE_VISIBLE
    + """
SET c._lock = true
REMOVE c._lock
WITH c, CASE
    WHEN c.status <> 'PRESUMED' THEN 'ILLEGAL'
    WHEN EXISTS { MATCH (:ApprovalRequest {kind: 'IDENTIFICATION', status: 'PENDING'})-[:ABOUT]->(c) }
        THEN 'DUPLICATE'
    ELSE 'OK' END AS outcome
CALL (c, outcome) {
  WITH c, outcome WHERE outcome = 'OK'
  CREATE (ap:ApprovalRequest {id: $id, kind: 'IDENTIFICATION', status: 'PENDING', reason: $reason,
      requestedAt: datetime(), requestedBy: $scope.user, requestedByOrg: $scope.org, updatedAt: datetime()})
  CREATE (ap)-[:ABOUT]->(c)
  SET c.updatedAt = datetime(), c.syncSeq = """ + CHANGE_SEQ + """
  WITH c
  OPTIONAL MATCH (u:User)
  WHERE u.role IN $approverRoles AND NOT coalesce(u.disabled, false) AND u.id <> coalesce($scope.user, '')
  WITH c, collect(u) AS recipients
  CREATE (a:Alert {id: randomUUID(), kind: 'APPROVAL_REQUESTED', urgent: false, subjectType: 'Case',
                   subjectId: c.id, createdAt: datetime()})
  WITH a, recipients, [] AS orgs
"""
    + ADD_RECIPIENTS
    + """
}
WITH outcome, c
OPTIONAL MATCH (ap:ApprovalRequest {id: $id})
RETURN outcome, c.status AS current, CASE WHEN ap IS NULL THEN null ELSE """
    + APPROVAL_PROJECTION
    + """ END AS request
"""
)

# A coordinator decides; never the person who asked. Approval moves the case to IDENTIFIED (it must still be
# PRESUMED). The requester hears of the decision.
DECIDE_IDENTIFICATION = (
    CHANGE_TICK
    + """
MATCH (ap:ApprovalRequest {id: $id, kind: 'IDENTIFICATION'})-[:ABOUT]->(c:Case)
WHERE """
    + CASE_VISIBLE
    + """
SET c._lock = true
REMOVE c._lock
WITH ap, c, CASE
    WHEN ap.status <> 'PENDING' THEN 'DECIDED'
    WHEN ap.requestedBy = $scope.user THEN 'SELF'
    WHEN $approve AND c.status <> 'PRESUMED' THEN 'ILLEGAL'
    ELSE 'OK' END AS outcome
CALL (ap, c, outcome) {
  WITH ap, c, outcome WHERE outcome = 'OK'
  SET ap.status = CASE WHEN $approve THEN 'APPROVED' ELSE 'REJECTED' END, ap.decidedAt = datetime(),
      ap.decidedBy = $scope.user, ap.decisionReason = $reason, ap.updatedAt = datetime()
  SET c.status = CASE WHEN $approve THEN 'IDENTIFIED' ELSE c.status END,
      c.statusReason = CASE WHEN $approve THEN $reason ELSE c.statusReason END,
      c.updatedAt = datetime(), c.syncSeq = """ + CHANGE_SEQ + """, c.version = coalesce(c.version, 0) + 1
  WITH ap, c
  OPTIONAL MATCH (u:User {id: ap.requestedBy})
  WHERE NOT coalesce(u.disabled, false)
  WITH c, collect(u) AS recipients
  CREATE (a:Alert {id: randomUUID(), kind: 'APPROVAL_DECIDED', urgent: false, subjectType: 'Case',
                   subjectId: c.id, createdAt: datetime()})
  WITH a, recipients, [] AS orgs
"""
    + ADD_RECIPIENTS
    + """
}
RETURN outcome, c.status AS current, """
    + APPROVAL_PROJECTION
    + """ AS request
"""
)

# The owner asks another organisation to take the case over; nothing moves until that organisation accepts.
REQUEST_TRANSFER = (
    CHANGE_TICK
    + """
MATCH (c:Case {id: $caseId})
WHERE """
    + CASE_VISIBLE
    + """
SET c._lock = true
REMOVE c._lock
WITH c
MATCH (c)-[:OWNED_BY]->(from:Organization)
OPTIONAL MATCH (to:Organization {code: $organizationCode})
WITH c, from, to, CASE
    WHEN to IS NULL THEN 'NOT_FOUND'
    WHEN $expectedVersion IS NOT NULL AND coalesce(c.version, 0) <> $expectedVersion THEN 'STALE'
    WHEN to = from THEN 'SAME_OWNER'
    WHEN EXISTS { MATCH (:ApprovalRequest {kind: 'TRANSFER', status: 'PENDING'})-[:ABOUT]->(c) } THEN 'DUPLICATE'
    ELSE 'OK' END AS outcome
CALL (c, to, outcome) {
  WITH c, to, outcome WHERE outcome = 'OK'
  CREATE (ap:ApprovalRequest {id: $id, kind: 'TRANSFER', status: 'PENDING', reason: $reason,
      requestedAt: datetime(), requestedBy: $scope.user, requestedByOrg: $scope.org, updatedAt: datetime()})
  CREATE (ap)-[:ABOUT]->(c)
  CREATE (ap)-[:TO_ORGANIZATION]->(to)
  SET c.updatedAt = datetime(), c.syncSeq = """ + CHANGE_SEQ + """
  WITH ap, to
  OPTIONAL MATCH (u:User)-[:MEMBER_OF]->(to)
  WHERE NOT coalesce(u.disabled, false) AND u.role IN $caseOwnerRoles
  WITH ap, to, collect(u) AS recipients
  CREATE (a:Alert {id: randomUUID(), kind: 'TRANSFER_REQUESTED', urgent: false, subjectType: 'ApprovalRequest',
                   subjectId: ap.id, createdAt: datetime()})
  WITH a, recipients, [to] AS orgs
"""
    + ADD_RECIPIENTS
    + """
}
WITH outcome, c
OPTIONAL MATCH (ap:ApprovalRequest {id: $id})
RETURN outcome, CASE WHEN ap IS NULL THEN null ELSE """
    + APPROVAL_PROJECTION
    + """ END AS request, """
    + CASE_PROJECTION
    + """ AS item
"""
)

# Only the organisation asked may answer; accepting moves the case (tombstones for the old owner), refusing
# leaves it where it is. The organisation that asked hears of the answer.
RESPOND_TO_TRANSFER = (
    CHANGE_TICK
    + """
MATCH (ap:ApprovalRequest {id: $id, kind: 'TRANSFER'})-[:ABOUT]->(c:Case)
MATCH (ap)-[:TO_ORGANIZATION]->(to:Organization)
WHERE """
    + APPROVAL_VISIBLE
    + """
SET c._lock = true
REMOVE c._lock
WITH ap, c, to
MATCH (c)-[:OWNED_BY]->(from:Organization)
WITH ap, c, to, from, CASE
    WHEN $scope.org IS NULL OR to.id <> $scope.org THEN 'WRONG_ORGANIZATION'
    WHEN ap.status <> 'PENDING' THEN 'DECIDED'
    ELSE 'OK' END AS outcome
CALL (ap, outcome) {
  WITH ap, outcome WHERE outcome = 'OK'
  SET ap.status = CASE WHEN $accept THEN 'APPROVED' ELSE 'REJECTED' END, ap.decidedAt = datetime(),
      ap.decidedBy = $scope.user, ap.decisionReason = $reason, ap.updatedAt = datetime()
}
CALL (c, from, to, outcome) {
  WITH c, from, to, outcome WHERE outcome = 'OK' AND $accept
"""
    + MOVE_CASE
    + """
}
CALL (c, from, outcome) {
  WITH c, from, outcome WHERE outcome = 'OK'
  SET c.updatedAt = datetime(), c.syncSeq = """ + CHANGE_SEQ + """
  WITH c, from
  OPTIONAL MATCH (u:User)-[:MEMBER_OF]->(from)
  WHERE NOT coalesce(u.disabled, false) AND u.role IN $caseOwnerRoles
  WITH c, from, collect(u) AS recipients
  CREATE (a:Alert {id: randomUUID(), kind: 'TRANSFER_DECIDED', urgent: false, subjectType: 'ApprovalRequest',
                   subjectId: $id, createdAt: datetime()})
  WITH a, recipients, [from] AS orgs
"""
    + ADD_RECIPIENTS
    + """
}
RETURN outcome, """
    + APPROVAL_PROJECTION
    + """ AS request
"""
)

APPROVALS_BY_CASE_IDS = (
    """
UNWIND $ids AS wanted
MATCH (ap:ApprovalRequest)-[:ABOUT]->(c:Case {id: wanted})
WHERE """
    + APPROVAL_VISIBLE
    + """
WITH ap ORDER BY ap.requestedAt DESC, ap.id DESC
RETURN """
    + APPROVAL_PROJECTION
    + """ AS item
"""
)

APPROVAL_BY_ID = (
    """
MATCH (ap:ApprovalRequest {id: $id})-[:ABOUT]->(c:Case)
WHERE """
    + APPROVAL_VISIBLE
    + """
RETURN """
    + APPROVAL_PROJECTION
    + """ AS item
"""
)

# Requests waiting for the caller: identifications for coordinators, transfers for the organisation asked.
PENDING_FOR_CALLER = (
    """
MATCH (ap:ApprovalRequest {status: 'PENDING'})-[:ABOUT]->(c:Case)
WHERE ($kind IS NULL OR ap.kind = $kind)
  AND ((ap.kind = 'IDENTIFICATION' AND 'APPROVE_IDENTIFICATION' IN $scope.permissions)
       OR (ap.kind = 'TRANSFER' AND EXISTS { MATCH (ap)-[:TO_ORGANIZATION]->(:Organization {id: $scope.org}) }))
WITH ap ORDER BY ap.requestedAt DESC, ap.id DESC LIMIT $limit
RETURN """
    + APPROVAL_PROJECTION
    + """ AS item
"""
)



def _recipient_roles() -> dict[str, list[str]]:
    """Who is told of a request, from the permissions (coordinators who approve, the receiver's case owners)."""
    return {"approverRoles": role_values_with(Permission.APPROVE_IDENTIFICATION),
            "caseOwnerRoles": role_values_with(Permission.MANAGE_CASES)}


async def request_identification(graph: Graph, scope: Scope, case_id: str, request_id: str,
                                 reason: str) -> Record | None:
    return await graph.write_one(REQUEST_IDENTIFICATION, {"caseId": case_id, "id": request_id, "reason": reason,
                                                          **scope.params(), **_recipient_roles()})


async def decide_identification(graph: Graph, scope: Scope, request_id: str, approve: bool,
                                reason: str) -> Record | None:
    return await graph.write_one(DECIDE_IDENTIFICATION, {"id": request_id, "approve": approve, "reason": reason,
                                                         **scope.params(), **_recipient_roles()})


async def request_transfer(graph: Graph, scope: Scope, case_id: str, request_id: str, organization_code: str,
                           reason: str | None, expected_version: int | None) -> Record | None:
    return await graph.write_one(REQUEST_TRANSFER, {
        "caseId": case_id, "id": request_id, "organizationCode": organization_code, "reason": reason,
        "expectedVersion": expected_version, **scope.params(), **_recipient_roles()})


async def respond_to_transfer(graph: Graph, scope: Scope, request_id: str, accept: bool,
                              reason: str | None) -> Record | None:
    return await graph.write_one(RESPOND_TO_TRANSFER, {"id": request_id, "accept": accept, "reason": reason,
                                                       **scope.params(), **_recipient_roles()})


async def approvals_by_case_ids(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return [row["item"] for row in await graph.read(APPROVALS_BY_CASE_IDS, {"ids": ids, **scope.params()})]


async def approval_by_id(graph: Graph, scope: Scope, request_id: str) -> Record | None:
    row = await graph.read_one(APPROVAL_BY_ID, {"id": request_id, **scope.params()})
    return None if row is None else row["item"]


async def pending_for_caller(graph: Graph, scope: Scope, kind: str | None, limit: int) -> list[Record]:
    return [row["item"] for row in await graph.read(PENDING_FOR_CALLER, {"kind": kind, "limit": limit,
                                                                         **scope.params()})]
