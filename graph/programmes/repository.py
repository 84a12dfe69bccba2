"""Cypher for partner programmes: run by an NGO or an international organisation, linked to strategy actions,
with activities and results reported by the partner's own agents. Scoped by graph/access ``PROGRAMME_VISIBLE``:
a partner reaches only the programmes its organisation runs (anything else reads as not found)."""

from __future__ import annotations

from typing import Any

from graph.access.repository import PROGRAMME_VISIBLE
from graph.db import Graph, Record

PROGRAMME_PROJECTION = """prg {.id, .code, .titleFr, .titleAr, .titleEn, .objectives, .governorates, .fundingSource,
    .fundingAmount, .currency, .authoritySupport, .progressNote, .version,
    startDate: toString(prg.startDate), endDate: toString(prg.endDate), updatedAt: toString(prg.updatedAt),
    partner: [(prg)-[:RUN_BY]->(prg_o:Organization) | prg_o {.id, .code, .name, .kind}][0],
    actions: [(prg)-[:SUPPORTS_ACTION]->(prg_a:StrategyAction) | prg_a {.id, .code, .titleFr, .titleAr, .titleEn}],
    activities: [(prg)<-[:OF_PROGRAMME]-(act:ProgrammeActivity) | act {.id, .title, .description, .results,
                 .beneficiaries, .reportedByOrg, date: toString(act.date), reportedAt: toString(act.createdAt)}]}"""

CREATE_PROGRAMME = (
    """
OPTIONAL MATCH (o:Organization {code: $programme.partnerCode})
CALL () {
  UNWIND $programme.actionIds AS actionId
  OPTIONAL MATCH (ac:StrategyAction {id: actionId})
  RETURN collect(ac) AS actions, count(ac) = size($programme.actionIds) AS allActionsFound
}
WITH o, actions, CASE WHEN o IS NULL THEN 'UNKNOWN_ORGANIZATION'
                      WHEN NOT o.kind IN ['NGO', 'INTERNATIONAL_ORGANIZATION', 'SHELTER_OPERATOR'] THEN 'INVALID_KIND'
                      WHEN NOT allActionsFound THEN 'UNKNOWN_ACTION'
                      WHEN EXISTS { MATCH (:Programme {code: $programme.code}) } THEN 'DUPLICATE'
                      ELSE 'OK' END AS outcome
CALL (o, actions, outcome) {
  WITH o, actions, outcome WHERE outcome = 'OK'
  CREATE (prg:Programme {id: $programme.id, code: $programme.code, titleFr: $programme.titleFr,
      titleAr: $programme.titleAr, titleEn: $programme.titleEn, objectives: $programme.objectives,
      governorates: $programme.governorates, startDate: $programme.startDate, endDate: $programme.endDate,
      fundingSource: $programme.fundingSource, fundingAmount: $programme.fundingAmount,
      currency: $programme.currency, authoritySupport: $programme.authoritySupport, createdAt: datetime(),
      createdBy: $scope.user, updatedAt: datetime(), version: 1})-[:RUN_BY]->(o)
  FOREACH (ac IN actions | CREATE (prg)-[:SUPPORTS_ACTION]->(ac))
}
WITH outcome
OPTIONAL MATCH (prg:Programme {id: $programme.id})
RETURN outcome, CASE WHEN prg IS NULL THEN null ELSE """
    + PROGRAMME_PROJECTION
    + """ END AS programme
"""
)

# The partner updates its own programme's objectives, governorates and progress note.
UPDATE_PROGRAMME = (
    """
MATCH (prg:Programme {id: $id})
WHERE """
    + PROGRAMME_VISIBLE
    + """
SET prg._lock = true
REMOVE prg._lock
WITH prg, CASE WHEN $expectedVersion IS NOT NULL AND prg.version <> $expectedVersion THEN 'STALE' ELSE 'OK' END
     AS outcome
CALL (prg, outcome) {
  WITH prg, outcome WHERE outcome = 'OK'
  SET prg.objectives = coalesce($changes.objectives, prg.objectives),
      prg.governorates = coalesce($changes.governorates, prg.governorates),
      prg.progressNote = coalesce($changes.progressNote, prg.progressNote),
      prg.updatedAt = datetime(), prg.updatedBy = $scope.user, prg.version = prg.version + 1
}
RETURN outcome, """
    + PROGRAMME_PROJECTION
    + """ AS programme
"""
)

REPORT_ACTIVITY = (
    """
MATCH (prg:Programme {id: $id})
WHERE """
    + PROGRAMME_VISIBLE
    + """
SET prg._lock = true
REMOVE prg._lock
WITH prg
WHERE NOT EXISTS { MATCH (:ProgrammeActivity {id: $activity.id})-[:OF_PROGRAMME]->(other:Programme) WHERE other <> prg }
MERGE (act:ProgrammeActivity {id: $activity.id})
  ON CREATE SET act.title = $activity.title, act.description = $activity.description, act.results = $activity.results,
      act.beneficiaries = $activity.beneficiaries, act.date = $activity.date, act.reportedBy = $scope.user,
      act.reportedByOrg = $scope.org, act.createdAt = datetime(),
      prg.updatedAt = datetime(), prg.version = prg.version + 1
MERGE (act)-[:OF_PROGRAMME]->(prg)
WITH prg
RETURN """
    + PROGRAMME_PROJECTION
    + """ AS programme
"""
)

LIST_PROGRAMMES = (
    """
MATCH (prg:Programme)
WHERE """
    + PROGRAMME_VISIBLE
    + """
WITH prg ORDER BY prg.startDate DESC, prg.code LIMIT $limit
RETURN """
    + PROGRAMME_PROJECTION
    + """ AS programme
"""
)


async def create_programme(graph: Graph, programme: dict[str, Any], scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(CREATE_PROGRAMME, {"programme": programme, **scope})


async def update_programme(graph: Graph, programme_id: str, changes: dict[str, Any], expected_version: int | None,
                           scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(UPDATE_PROGRAMME, {"id": programme_id, "changes": changes,
                                                    "expectedVersion": expected_version, **scope})


async def report_activity(graph: Graph, programme_id: str, activity: dict[str, Any],
                          scope: dict[str, Any]) -> Record | None:
    row = await graph.write_one(REPORT_ACTIVITY, {"id": programme_id, "activity": activity, **scope})
    return row["programme"] if row else None


async def list_programmes(graph: Graph, limit: int, scope: dict[str, Any]) -> list[Record]:
    return [row["programme"] for row in await graph.read(LIST_PROGRAMMES, {"limit": limit, **scope})]
