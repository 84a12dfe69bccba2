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


SCREENING_PROJECTION = """scr {.id, .observed, .score, .level, .minor, .recordedBy, recordedAt: scr.recordedAt,
    caseId: c.id}"""

# Screenings of each case the caller may see, newest first.
SCREENINGS_BY_CASE_IDS = (
    """
UNWIND $ids AS wanted
MATCH (scr:Screening)-[:SCREENS]->(c:Case {id: wanted})
WHERE """
    + CASE_VISIBLE
    + """
WITH c, scr ORDER BY scr.recordedAt DESC, scr.id DESC
RETURN """
    + SCREENING_PROJECTION
    + """ AS item
"""
)

SCREENING_BY_ID = (
    """
MATCH (scr:Screening {id: $id})-[:SCREENS]->(c:Case)
WHERE """
    + CASE_VISIBLE
    + """
RETURN """
    + SCREENING_PROJECTION
    + """ AS item
"""
)


async def screenings_by_case_ids(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return [row["item"] for row in await graph.read(SCREENINGS_BY_CASE_IDS, {"ids": ids, **scope.params()})]


async def screening_by_id(graph: Graph, scope: Scope, screening_id: str) -> Record | None:
    row = await graph.read_one(SCREENING_BY_ID, {"id": screening_id, **scope.params()})
    return None if row is None else row["item"]
