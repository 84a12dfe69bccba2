"""Cypher for trafficking routes: a case's events (recruitment, transit, exploitation) with place and date."""

from __future__ import annotations

from typing import Any

from graph.access.repository import CASE_VISIBLE
from graph.access.scope import Scope
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record

ROUTE_EVENT_PROJECTION = """e {.id, .type, .country, .place, .occurredOn, createdAt: e.createdAt,
    governorate: [(e)-[:LOCATED_IN]->(e_g:Governorate) | e_g.code][0]}"""

# In order: by date where known (partial dates sort as text: 2025 < 2025-03 < 2025-03-14), then by stage.
ROUTE_ORDER = """ORDER BY caseId, coalesce(e.occurredOn, '9999'),
  CASE e.type WHEN 'RECRUITMENT' THEN 0 WHEN 'TRANSIT' THEN 1 ELSE 2 END, e.createdAt, e.id"""

ADD_ROUTE_EVENT = (
    CHANGE_TICK
    + """
MATCH (c:Case {id: $caseId})
WHERE """
    + CASE_VISIBLE
    + """
OPTIONAL MATCH (g:Governorate {code: $event.governorate})
WITH c, g WHERE $event.governorate IS NULL OR g IS NOT NULL
CREATE (e:RouteEvent {id: $event.id, type: $event.type, country: $event.country, place: $event.place,
                      occurredOn: $event.occurredOn, createdAt: datetime(), createdBy: $scope.user,
                      createdByOrg: $scope.org})
CREATE (c)-[:HAS_ROUTE_EVENT]->(e)
FOREACH (_ IN CASE WHEN g IS NULL THEN [] ELSE [1] END | CREATE (e)-[:LOCATED_IN]->(g))
SET c.updatedAt = datetime(), c.syncSeq = """ + CHANGE_SEQ + """
WITH c, e
RETURN c.id AS caseId, """
    + ROUTE_EVENT_PROJECTION
    + """ AS event
"""
)

ROUTES_OF_CASES = (
    """
UNWIND $ids AS wanted
MATCH (c:Case {id: wanted})
WHERE """
    + CASE_VISIBLE
    + """
MATCH (c)-[:HAS_ROUTE_EVENT]->(e:RouteEvent)
WITH c.id AS caseId, e
"""
    + ROUTE_ORDER
    + """
RETURN caseId, """
    + ROUTE_EVENT_PROJECTION
    + """ AS event
"""
)

ROUTE_EVENT_BY_ID = (
    """
MATCH (c:Case)-[:HAS_ROUTE_EVENT]->(e:RouteEvent {id: $id})
WHERE """
    + CASE_VISIBLE
    + """
RETURN c.id AS caseId, """
    + ROUTE_EVENT_PROJECTION
    + """ AS event
"""
)


async def add_route_event(graph: Graph, scope: Scope, case_id: str, event: dict[str, Any]) -> Record | None:
    return await graph.write_one(ADD_ROUTE_EVENT, {"caseId": case_id, "event": event, **scope.params()})


async def routes_of_cases(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return await graph.read(ROUTES_OF_CASES, {"ids": ids, **scope.params()})


async def route_event_by_id(graph: Graph, scope: Scope, event_id: str) -> Record | None:
    return await graph.read_one(ROUTE_EVENT_BY_ID, {"id": event_id, **scope.params()})
