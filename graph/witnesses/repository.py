"""Cypher for protected persons (witnesses, whistleblowers), their risk assessment and protection measures.

A protected person's identity (name, contact) is sealed on the node under its own data key (graph/protected/);
only national roles and the recording organisation may open it. Measures carry a status, the responsible body and
a review date; the worker raises PROTECTION_REVIEW_DUE through the alerts outbox when a review comes due.
"""

from __future__ import annotations

from typing import Any

from graph.access.permissions import Permission, role_values_with
from graph.access.repository import CASE_VISIBLE, PROTECTED_IDENTITY_VISIBLE, PROTECTED_PERSON_VISIBLE, REPORT_VISIBLE
from graph.access.scope import Scope
from graph.alerts.repository import ADD_RECIPIENTS
from graph.db import Graph, Record

PROTECTED_PERSON_PROJECTION = """pp {.id, .role, .alias, .riskLevel, .riskFactors, riskAssessedAt: pp.riskAssessedAt,
    createdAt: pp.createdAt, updatedAt: pp.updatedAt, recordedByOrg: pp.recordedByOrg,
    caseIds: [(pp)-[:PROTECTED_IN]->(pc:Case) | pc.id], reportIds: [(pp)-[:PROTECTED_IN]->(pr:Report) | pr.id],
    measures: [(pp)-[:HAS_MEASURE]->(pm:ProtectionMeasure) | pm {.id, .kind, .status, .responsibleBody,
               .reviewDue, .note, .noteSealed, createdAt: pm.createdAt, updatedAt: pm.updatedAt,
               noteKey: [(pm)-[:SEALED_WITH {field: 'note'}]->(pm_k:DataKey) | pm_k {.id, .kekId, .wrapped}][0]}]}"""

_CREATE = """
CREATE (pp:ProtectedPerson {id: $id, role: $fields.role, alias: $fields.alias, riskLevel: $fields.riskLevel,
    riskFactors: $fields.riskFactors, riskAssessedAt: datetime(), fullNameSealed: $sealed.fullName,
    contactSealed: $sealed.contact, recordedBy: $scope.user, recordedByOrg: $scope.org, createdAt: datetime(),
    updatedAt: datetime(), version: 1})
CREATE (pp)-[:SEALED_WITH]->(:DataKey {id: $key.id, kekId: $key.kekId, wrapped: $key.wrapped, createdAt: datetime()})
CREATE (pp)-[:PROTECTED_IN]->(target)
RETURN """ + PROTECTED_PERSON_PROJECTION + " AS person"

RECORD_FOR_CASE = (
    "MATCH (c:Case {id: $targetId}) WHERE " + CASE_VISIBLE + "\nWITH c AS target" + _CREATE
)
RECORD_FOR_REPORT = (
    "MATCH (rep:Report {id: $targetId}) WHERE " + REPORT_VISIBLE + "\nWITH rep AS target" + _CREATE
)

ADD_MEASURE = (
    "MATCH (pp:ProtectedPerson {id: $personId}) WHERE " + PROTECTED_IDENTITY_VISIBLE + """
CREATE (m:ProtectionMeasure {id: $measure.id, kind: $measure.kind, status: $measure.status,
    responsibleBody: $measure.responsibleBody, reviewDue: $measure.reviewDue, noteSealed: $measure.noteSealed,
    createdBy: $scope.user, createdAt: datetime(), updatedAt: datetime()})
FOREACH (k IN CASE WHEN $measure.noteKey IS NULL THEN [] ELSE [$measure.noteKey] END |
  CREATE (m)-[:SEALED_WITH {field: 'note'}]->(:DataKey {id: k.id, kekId: k.kekId, wrapped: k.wrapped,
                                                        createdAt: datetime()}))
CREATE (pp)-[:HAS_MEASURE]->(m)
SET pp.updatedAt = datetime()
RETURN """ + PROTECTED_PERSON_PROJECTION + " AS person"
)

UPDATE_MEASURE = (
    "MATCH (pp:ProtectedPerson)-[:HAS_MEASURE]->(m:ProtectionMeasure {id: $measureId}) WHERE "
    + PROTECTED_IDENTITY_VISIBLE + """
SET m.status = coalesce($status, m.status), m.reviewDue = coalesce($reviewDue, m.reviewDue),
    m.updatedAt = datetime(), m.updatedBy = $scope.user, pp.updatedAt = datetime()
RETURN """ + PROTECTED_PERSON_PROJECTION + " AS person"
)

ASSESS_RISK = (
    "MATCH (pp:ProtectedPerson {id: $personId}) WHERE " + PROTECTED_IDENTITY_VISIBLE + """
SET pp.riskLevel = $riskLevel, pp.riskFactors = $riskFactors, pp.riskAssessedAt = datetime(),
    pp.updatedAt = datetime()
RETURN """ + PROTECTED_PERSON_PROJECTION + " AS person"
)

PROTECTED_PERSONS_OF_CASES = (
    """
UNWIND $ids AS wanted
MATCH (c:Case {id: wanted})
WHERE """ + CASE_VISIBLE + """
MATCH (pp:ProtectedPerson)-[:PROTECTED_IN]->(c)
WHERE """ + PROTECTED_PERSON_VISIBLE + """
RETURN c.id AS ownerId, """ + PROTECTED_PERSON_PROJECTION + """ AS person
ORDER BY pp.createdAt, pp.id
"""
)

PROTECTED_PERSONS_OF_REPORTS = (
    """
UNWIND $ids AS wanted
MATCH (rep:Report {id: wanted})
WHERE """ + REPORT_VISIBLE + """
MATCH (pp:ProtectedPerson)-[:PROTECTED_IN]->(rep)
WHERE """ + PROTECTED_PERSON_VISIBLE + """
RETURN rep.id AS ownerId, """ + PROTECTED_PERSON_PROJECTION + """ AS person
ORDER BY pp.createdAt, pp.id
"""
)

PROTECTED_PERSON_BY_ID = (
    "MATCH (pp:ProtectedPerson {id: $id}) WHERE " + PROTECTED_PERSON_VISIBLE
    + "\nRETURN " + PROTECTED_PERSON_PROJECTION + " AS person"
)

READ_IDENTITY = (
    "MATCH (pp:ProtectedPerson {id: $id}) WHERE " + PROTECTED_IDENTITY_VISIBLE + """
OPTIONAL MATCH (pp)-[:SEALED_WITH]->(dk:DataKey)
RETURN {fullName: pp.fullNameSealed, contact: pp.contactSealed} AS sealed,
       CASE WHEN dk IS NULL THEN null ELSE {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} END AS key
"""
)

# Measures whose review falls within the notice period (or is past) and that no alert announced for this review
# date yet: the national roles and the recording organisation's coordinators and case workers hear of it, with only
# the protected person's opaque id in the alert (never a name). Raised once per measure and review date.
RAISE_REVIEWS_DUE = (
    """
// unscoped: the alert worker (system) picks the measures due; recipients by permission and organisation
MATCH (m:ProtectionMeasure)
WHERE m.status IN ['PLANNED', 'ACTIVE'] AND m.reviewDue IS NOT NULL
  AND m.reviewDue <= date() + duration({days: $noticeDays})
MATCH (pp:ProtectedPerson)-[:HAS_MEASURE]->(m)
WHERE NOT EXISTS { MATCH (a:Alert {subjectId: pp.id, kind: 'PROTECTION_REVIEW_DUE'})
                   WHERE a.measureId = m.id AND a.reviewDue = m.reviewDue }
WITH m, pp ORDER BY m.reviewDue, m.id LIMIT $limit
SET m._lock = true
REMOVE m._lock
WITH m, pp
WHERE NOT EXISTS { MATCH (a:Alert {subjectId: pp.id, kind: 'PROTECTION_REVIEW_DUE'})
                   WHERE a.measureId = m.id AND a.reviewDue = m.reviewDue }
CALL (pp) {
  OPTIONAL MATCH (n:User)
  WHERE NOT coalesce(n.disabled, false)
    AND (n.role IN $nationalRoles
         OR (n.role IN $protectionRoles
             AND EXISTS { MATCH (n)-[:MEMBER_OF]->(:Organization {id: pp.recordedByOrg}) }))
  RETURN collect(n) AS recipients
}
CREATE (a:Alert {id: randomUUID(), kind: 'PROTECTION_REVIEW_DUE', urgent: m.reviewDue < date(),
                 subjectType: 'ProtectedPerson', subjectId: pp.id, measureId: m.id, reviewDue: m.reviewDue,
                 createdAt: datetime()})
WITH a, recipients, [] AS orgs
"""
    + ADD_RECIPIENTS
    + """
RETURN count(a) AS raised
"""
)


async def record(graph: Graph, scope: Scope, target: str, target_id: str, params: dict[str, Any]) -> Record | None:
    query = RECORD_FOR_CASE if target == "Case" else RECORD_FOR_REPORT
    row = await graph.write_one(query, {"targetId": target_id, **params, **scope.params()})
    return None if row is None else row["person"]


async def add_measure(graph: Graph, scope: Scope, person_id: str, measure: dict[str, Any]) -> Record | None:
    row = await graph.write_one(ADD_MEASURE, {"personId": person_id, "measure": measure, **scope.params()})
    return None if row is None else row["person"]


async def update_measure(graph: Graph, scope: Scope, measure_id: str, status: str | None,
                         review_due: Any) -> Record | None:
    row = await graph.write_one(UPDATE_MEASURE, {"measureId": measure_id, "status": status, "reviewDue": review_due,
                                                 **scope.params()})
    return None if row is None else row["person"]


async def assess_risk(graph: Graph, scope: Scope, person_id: str, level: str, factors: list[str]) -> Record | None:
    row = await graph.write_one(ASSESS_RISK, {"personId": person_id, "riskLevel": level, "riskFactors": factors,
                                              **scope.params()})
    return None if row is None else row["person"]


async def of_cases(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return await graph.read(PROTECTED_PERSONS_OF_CASES, {"ids": ids, **scope.params()})


async def of_reports(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return await graph.read(PROTECTED_PERSONS_OF_REPORTS, {"ids": ids, **scope.params()})


async def by_id(graph: Graph, scope: Scope, person_id: str) -> Record | None:
    row = await graph.read_one(PROTECTED_PERSON_BY_ID, {"id": person_id, **scope.params()})
    return None if row is None else row["person"]


async def read_identity(graph: Graph, scope: Scope, person_id: str) -> Record | None:
    return await graph.read_one(READ_IDENTITY, {"id": person_id, **scope.params()})


async def raise_reviews_due(graph: Graph, *, notice_days: int, limit: int) -> int:
    row = await graph.write_one(RAISE_REVIEWS_DUE, {"noticeDays": notice_days, "limit": limit,
                                                    "nationalRoles": role_values_with(Permission.SEE_ALL_ORGANISATIONS),
                                                    "protectionRoles": role_values_with(
                                                        Permission.RECEIVE_PROTECTION_ALERTS)})
    return int(row["raised"]) if row else 0
