"""Cypher for delta sync: what changed for a caller since a (updatedAt, id) cursor, and tombstones.

One query: one branch per entity type (each through the graph/access fragments, each limited), merged and cut
to one page ordered by (updatedAt in milliseconds, key). The key is the entity's id, or the tombstone's own id.
"""

from __future__ import annotations

from typing import LiteralString

from graph.access.repository import CASE_VISIBLE, NETWORK_VISIBLE, REFERRAL_VISIBLE, REPORT_VISIBLE
from graph.access.scope import Scope
from graph.cases.repository import CASE_PROJECTION
from graph.db import Graph, Record
from graph.guidelines.repository import GUIDELINE_VERSION_PROJECTION
from graph.organizations.repository import ORGANIZATION_PROJECTION
from graph.referrals.repository import REFERRAL_PROJECTION
from graph.services.repository import SERVICE_PROJECTION
from graph.victims.repository import VICTIM_PROJECTION, VICTIM_WORKABLE

REPORT_PROJECTION = """rep {.id, .reference, .channel, .status, .place, .occurredOn, .exploitationForms, .indicators,
    .personsAtRisk, .minorsInvolved, .urgency, .reporterAgreesToShareIdentity,
    receivedAt: toString(rep.receivedAt), updatedAt: toString(rep.updatedAt),
    qualifiedAt: toString(rep.qualifiedAt), version: coalesce(rep.version, 0),
    governorate: [(rep)-[:LOCATED_IN]->(rep_g:Governorate) | rep_g.code][0],
    linkedCaseId: [(rep)-[:LINKED_TO]->(rep_c:Case) | rep_c.id][0],
    hasNarrative: rep.narrativeSealed IS NOT NULL, hasReporterContact: rep.reporterContactSealed IS NOT NULL}"""


def _after(variable: str, key: str) -> str:
    """The keyset condition after the cursor; the first comparison lets the updatedAt index narrow the scan."""
    return (
        variable + ".updatedAt >= datetime({epochMillis: $afterMillis})"
        " AND (" + variable + ".updatedAt.epochMillis > $afterMillis"
        " OR (" + variable + ".updatedAt.epochMillis = $afterMillis AND " + key + " > $afterId))"
    )


CHANGES = (
    """
CALL () {
  MATCH (c:Case)
  WHERE 'CASE' IN $types AND """
    + _after("c", "c.id")
    + " AND "
    + CASE_VISIBLE
    + """
  WITH c ORDER BY c.updatedAt.epochMillis, c.id LIMIT $limit
  RETURN 'CASE' AS type, c.updatedAt.epochMillis AS millis, c.id AS key, """
    + CASE_PROJECTION
    + """ AS record, null AS tombstone
  UNION ALL
  MATCH (v:Victim)
  WHERE 'VICTIM' IN $types AND """
    + _after("v", "v.id")
    + " AND "
    + VICTIM_WORKABLE
    + """
  WITH v ORDER BY v.updatedAt.epochMillis, v.id LIMIT $limit
  RETURN 'VICTIM' AS type, v.updatedAt.epochMillis AS millis, v.id AS key, """
    + VICTIM_PROJECTION
    + """ AS record, null AS tombstone
  UNION ALL
  MATCH (r:Referral)
  WHERE 'REFERRAL' IN $types AND """
    + _after("r", "r.id")
    + " AND "
    + REFERRAL_VISIBLE
    + """
  WITH r ORDER BY r.updatedAt.epochMillis, r.id LIMIT $limit
  RETURN 'REFERRAL' AS type, r.updatedAt.epochMillis AS millis, r.id AS key, """
    + REFERRAL_PROJECTION
    + """ AS record, null AS tombstone
  UNION ALL
  MATCH (s:Service)
  WHERE 'SERVICE' IN $types AND """
    + _after("s", "s.id")
    + " AND "
    + NETWORK_VISIBLE
    + """
  WITH s ORDER BY s.updatedAt.epochMillis, s.id LIMIT $limit
  RETURN 'SERVICE' AS type, s.updatedAt.epochMillis AS millis, s.id AS key, """
    + SERVICE_PROJECTION
    + """ AS record, null AS tombstone
  UNION ALL
  MATCH (o:Organization)
  WHERE 'ORGANIZATION' IN $types AND """
    + _after("o", "o.id")
    + " AND "
    + NETWORK_VISIBLE
    + """
  WITH o ORDER BY o.updatedAt.epochMillis, o.id LIMIT $limit
  RETURN 'ORGANIZATION' AS type, o.updatedAt.epochMillis AS millis, o.id AS key, """
    + ORGANIZATION_PROJECTION
    + """ AS record, null AS tombstone
  UNION ALL
  MATCH (rep:Report)
  WHERE 'REPORT' IN $types AND """
    + _after("rep", "rep.id")
    + " AND "
    + REPORT_VISIBLE
    + """
  WITH rep ORDER BY rep.updatedAt.epochMillis, rep.id LIMIT $limit
  RETURN 'REPORT' AS type, rep.updatedAt.epochMillis AS millis, rep.id AS key, """
    + REPORT_PROJECTION
    + """ AS record, null AS tombstone
  UNION ALL
  MATCH (gv:GuidelineVersion {status: 'PUBLISHED'})
  WHERE 'GUIDELINE' IN $types AND """
    + _after("gv", "gv.id")
    + """
  WITH gv ORDER BY gv.updatedAt.epochMillis, gv.id LIMIT $limit
  RETURN 'GUIDELINE' AS type, gv.updatedAt.epochMillis AS millis, gv.id AS key, """
    + GUIDELINE_VERSION_PROJECTION
    + """ AS record, null AS tombstone
  UNION ALL
  MATCH (t:Tombstone)
  WHERE t.entityType IN $types AND t.at >= datetime({epochMillis: $afterMillis})
    AND (t.at.epochMillis > $afterMillis OR (t.at.epochMillis = $afterMillis AND t.id > $afterId))
    AND (t.organizationId IS NULL OR (t.organizationId = $scope.org AND NOT $scope.national))
  WITH t ORDER BY t.at.epochMillis, t.id LIMIT $limit
  RETURN t.entityType AS type, t.at.epochMillis AS millis, t.id AS key, null AS record,
         t {.entityType, .entityId, at: t.at} AS tombstone
}
WITH type, millis, key, record, tombstone
ORDER BY millis, key
LIMIT $limit
RETURN type, millis, key, record, tombstone
"""
)


async def changes(graph: Graph, scope: Scope, *, types: list[str], after_millis: int, after_id: str,
                  limit: int) -> list[Record]:
    return await graph.read(CHANGES, {"types": types, "afterMillis": after_millis, "afterId": after_id,
                                      "limit": limit, **scope.params()})


# Client-generated ids: a retried creation finds the record it already made (when the caller may see it).
VISIBLE_VICTIM = (
    "MATCH (v:Victim {id: $id}) WHERE " + VICTIM_WORKABLE + " RETURN " + VICTIM_PROJECTION + " AS item"
)
VISIBLE_CASE = "MATCH (c:Case {id: $id}) WHERE " + CASE_VISIBLE + " RETURN " + CASE_PROJECTION + " AS item"
VISIBLE_REFERRAL = (
    "MATCH (r:Referral {id: $id}) WHERE " + REFERRAL_VISIBLE + " RETURN " + REFERRAL_PROJECTION + " AS item"
)
VISIBLE_REPORT = "MATCH (rep:Report {id: $id}) WHERE " + REPORT_VISIBLE + " RETURN " + REPORT_PROJECTION + " AS item"

_VISIBLE: dict[str, LiteralString] = {"Victim": VISIBLE_VICTIM, "Case": VISIBLE_CASE, "Referral": VISIBLE_REFERRAL,
                                      "Report": VISIBLE_REPORT}


async def visible_by_id(graph: Graph, scope: Scope, label: str, entity_id: str) -> Record | None:
    """The record of that label and id when the caller may see it (the primary, so a retry sees its own write)."""
    row = await graph.write_one(_VISIBLE[label], {"id": entity_id, **scope.params()})
    return None if row is None else dict(row["item"])
