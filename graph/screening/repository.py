"""Cypher for screenings (indicators observed for a case) and the guideline catalogue."""

from __future__ import annotations

from typing import Any

from graph.access.repository import CASE_VISIBLE
from graph.access.scope import Scope
from graph.db import Graph, Record

CASE_SUBJECT = (
    "MATCH (c:Case {id: $case_id}) WHERE " + CASE_VISIBLE + """
RETURN c.id AS id, [(c)-[:CONCERNS]->(v:Victim) | v.minor][0] AS minor
"""
)

RECORD_SCREENING = (
    "MATCH (c:Case {id: $case_id}) WHERE " + CASE_VISIBLE + """
CREATE (scr:Screening {id: $screening.id, observed: $screening.observed, score: $screening.score,
                       level: $screening.level, minor: $screening.minor, recordedBy: $scope.user,
                       recordedAt: datetime()})-[:SCREENS]->(c)
RETURN scr.id AS id, toString(scr.recordedAt) AS recordedAt
"""
)

INDICATORS = """
MATCH (n:ReferenceItem {kind: 'INDICATOR'})
RETURN n.code AS code, n.labelFr AS labelFr, n.labelAr AS labelAr, n.labelEn AS labelEn, n.data AS data,
       n.version AS version
ORDER BY n.code
"""

# The version in force: the latest published one whose effective date has come (graph/guidelines), else the
# reference file's.
GUIDELINES = """
MATCH (n:ReferenceItem {kind: 'GUIDELINE'})
WHERE $actor_type IS NULL OR n.code = $actor_type
WITH n, COLLECT { MATCH (gv:GuidelineVersion {actorType: n.code, status: 'PUBLISHED'}) WHERE gv.effectiveDate <= date()
                  RETURN gv ORDER BY gv.version DESC LIMIT 1 }[0] AS gv
RETURN n.code AS code, coalesce(gv.titleFr, n.labelFr) AS labelFr, coalesce(gv.titleAr, n.labelAr) AS labelAr,
       coalesce(gv.titleEn, n.labelEn) AS labelEn, coalesce(gv.data, n.data) AS data, n.version AS version,
       gv.version AS publishedVersion, toString(gv.effectiveDate) AS effectiveDate
ORDER BY n.code
"""


async def case_subject(graph: Graph, scope: Scope, case_id: str) -> Record | None:
    return await graph.read_one(CASE_SUBJECT, {"case_id": case_id, **scope.params()})


async def record_screening(graph: Graph, scope: Scope, case_id: str, screening: dict[str, Any]) -> Record | None:
    return await graph.write_one(RECORD_SCREENING, {"case_id": case_id, "screening": screening, **scope.params()})


async def indicators(graph: Graph) -> list[Record]:
    return await graph.read(INDICATORS)


async def guidelines(graph: Graph, actor_type: str | None) -> list[Record]:
    return await graph.read(GUIDELINES, {"actor_type": actor_type})
