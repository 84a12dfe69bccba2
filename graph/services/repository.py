"""Cypher for services: listing, batched lookups, creation, capacity and status changes."""

from __future__ import annotations

from typing import Any

from graph.access.repository import NETWORK_VISIBLE
from graph.access.scope import Scope
from graph.alerts.repository import CAPACITY_LOW_OUTBOX, recipient_roles
from graph.assistance.repository import REFRESH_REACH, REFRESH_REACH_WHEN_CAPACITY_CROSSES_ZERO
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record

# What every query returns for a service bound to ``s`` (inner variables are prefixed ``s_``).
SERVICE_PROJECTION = """s {.id, .name, .description, .category, .status, .sexes, .minAge, .maxAge, .acceptsMinors,
    .nationalitiesOnly, .nationalitiesExcluded, .exploitationForms, .languages, .schedule, .free,
    .capacityUnit, .capacityMaximum, .capacityAvailable, .capacityUpdatedAt, .version,
    latitude: s.location.latitude, longitude: s.location.longitude,
    organizationId: [(s)-[:PROVIDED_BY]->(s_o:Organization) | s_o.id][0],
    serviceArea: [(s)-[:COVERS]->(s_a:Governorate) | s_a.code],
    governorate: [(s)-[:LOCATED_IN]->(s_g:Governorate) | s_g {.code, .slug, .nameFr, .nameAr, .nameEn,
        lat: s_g.centroid.latitude, lon: s_g.centroid.longitude,
        adjacent: [(s_g)-[:ADJACENT_TO]-(s_h:Governorate) | s_h.code]}][0]}"""

SERVICE_FILTER = (
    NETWORK_VISIBLE
    + """ AND ($category IS NULL OR s.category = $category) AND ($status IS NULL OR s.status = $status)
    AND ($governorate IS NULL OR EXISTS { MATCH (s)-[:COVERS]->(:Governorate {code: $governorate}) })"""
)

# One round trip: the total and the page, ordered by (name, id), with one extra row of lookahead.
LIST_SERVICES = (
    """
CALL () {
  MATCH (s:Service)
  WHERE """
    + SERVICE_FILTER
    + """
  RETURN count(s) AS total
}
CALL () {
  MATCH (s:Service)
  WHERE """
    + SERVICE_FILTER
    + """
    AND ($afterName IS NULL OR s.name > $afterName OR (s.name = $afterName AND s.id > $afterId))
  WITH s ORDER BY s.name, s.id LIMIT $limit
  RETURN collect("""
    + SERVICE_PROJECTION
    + """) AS rows
}
RETURN total, rows
"""
)

SERVICES_BY_ID = (
    """
UNWIND $ids AS wanted
MATCH (s:Service {id: wanted})
WHERE """
    + NETWORK_VISIBLE
    + """
RETURN """
    + SERVICE_PROJECTION
    + """ AS service
"""
)

SERVICES_BY_ORGANIZATION = (
    """
UNWIND $ids AS wanted
MATCH (s:Service)-[:PROVIDED_BY]->(:Organization {id: wanted})
WHERE """
    + NETWORK_VISIBLE
    + """
WITH wanted, s ORDER BY s.name, s.id
RETURN wanted AS id, collect("""
    + SERVICE_PROJECTION
    + """) AS services
"""
)

# One round trip: says what was missing or refused, and creates the service only when nothing was.
CREATE_SERVICE = (
    CHANGE_TICK
    + """
OPTIONAL MATCH (o:Organization {code: $organizationCode})
OPTIONAL MATCH (g:Governorate {code: $governorate})
WITH o, g, COLLECT { MATCH (a:Governorate) WHERE a.code IN $serviceArea RETURN a } AS area
WITH o, g, area, o IS NOT NULL AND ($scope.national OR ('MANAGE_SERVICES' IN $scope.permissions AND o.id = $scope.org))
     AS allowed
OPTIONAL CALL (o, g, area, allowed) {
  WITH o, g, area WHERE allowed AND g IS NOT NULL AND size(area) = size($serviceArea)
  CREATE (s:Service {id: randomUUID(), name: $name, description: $description, category: $category,
                     status: 'ACTIVE', sexes: $sexes, minAge: $minAge, maxAge: $maxAge,
                     acceptsMinors: $acceptsMinors, nationalitiesOnly: $nationalitiesOnly,
                     nationalitiesExcluded: $nationalitiesExcluded, exploitationForms: $exploitationForms,
                     languages: $languages, location: point({latitude: $latitude, longitude: $longitude}),
                     schedule: $schedule, free: $free, capacityUnit: $capacityUnit,
                     capacityMaximum: $capacityMaximum, capacityAvailable: $capacityMaximum,
                     capacityUpdatedAt: datetime(), createdAt: datetime(), updatedAt: datetime(),
    syncSeq: """ + CHANGE_SEQ + """, version: 1})
  CREATE (s)-[:PROVIDED_BY]->(o)
  CREATE (s)-[:LOCATED_IN]->(g)
  FOREACH (covered IN area | CREATE (s)-[:COVERS]->(covered))
  WITH s
"""
    + REFRESH_REACH
    + """
  RETURN s
}
RETURN o IS NOT NULL AS organizationFound, allowed, g IS NOT NULL AS governorateFound,
       [a IN area | a.code] AS knownArea,
       CASE WHEN s IS NULL THEN null ELSE """
    + SERVICE_PROJECTION
    + """ END AS service
"""
)

# The caller's organisation condition is part of the MATCH: a service they may not manage is not found.
MANAGED_SERVICE = """MATCH (s:Service {id: $id})-[:PROVIDED_BY]->(o:Organization)
WHERE $scope.national OR ('MANAGE_SERVICES' IN $scope.permissions AND o.id = $scope.org)
"""

# Locked before the version is compared, so an ``expectedVersion`` check cannot race another update.
UPDATE_CAPACITY = (
    CHANGE_TICK
    + MANAGED_SERVICE
    + """SET s._lock = true
REMOVE s._lock
WITH s, $available <= s.capacityMaximum AS fits, s.capacityAvailable AS before,
     ($expectedVersion IS NULL OR coalesce(s.version, 0) = $expectedVersion) AS current
FOREACH (_ IN CASE WHEN fits AND current THEN [1] ELSE [] END |
  SET s.capacityAvailable = $available, s.capacityUpdatedAt = datetime(), s.updatedAt = datetime(),
    s.syncSeq = """ + CHANGE_SEQ + """,
      s.version = coalesce(s.version, 0) + 1)
WITH s, fits, current, before
"""
    + REFRESH_REACH_WHEN_CAPACITY_CROSSES_ZERO
    + CAPACITY_LOW_OUTBOX
    + """
RETURN fits, current, """
    + SERVICE_PROJECTION
    + """ AS service
"""
)

SET_STATUS = (
    CHANGE_TICK
    + MANAGED_SERVICE
    + """SET s.status = $status, s.updatedAt = datetime(),
    s.syncSeq = """ + CHANGE_SEQ + """, s.version = coalesce(s.version, 0) + 1
WITH s
"""
    + REFRESH_REACH
    + """
RETURN """
    + SERVICE_PROJECTION
    + """ AS service
"""
)


async def list_services(graph: Graph, scope: Scope, *, category: str | None, status: str | None,
                        governorate: str | None, after: tuple[str, str] | None,
                        limit: int) -> tuple[list[Record], int]:
    row = await graph.read_one(LIST_SERVICES, {
        **scope.params(), "category": category, "status": status, "governorate": governorate,
        "afterName": after[0] if after else None, "afterId": after[1] if after else None, "limit": limit,
    })
    assert row is not None
    return list(row["rows"]), int(row["total"])


async def services_by_id(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, Record]:
    rows = await graph.read(SERVICES_BY_ID, {**scope.params(), "ids": ids})
    return {row["service"]["id"]: dict(row["service"]) for row in rows}


async def services_by_organization(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, list[Record]]:
    rows = await graph.read(SERVICES_BY_ORGANIZATION, {**scope.params(), "ids": ids})
    return {row["id"]: list(row["services"]) for row in rows}


async def create_service(graph: Graph, scope: Scope, fields: dict[str, Any]) -> Record:
    """Returns the flags organizationFound, allowed, governorateFound, knownArea and the service (or None)."""
    row = await graph.write_one(CREATE_SERVICE, {**scope.params(), **fields})
    assert row is not None
    return row


async def update_capacity(graph: Graph, scope: Scope, service_id: str, available: int,
                          expected_version: int | None = None,
                          capacity_threshold: int = 1) -> tuple[bool, bool, Record] | None:
    """Returns (fits under the maximum, version as expected, service), or None when the caller may not manage it."""
    row = await graph.write_one(UPDATE_CAPACITY, {**scope.params(), "id": service_id, "available": available,
                                                  "expectedVersion": expected_version,
                                                  "capacityThreshold": capacity_threshold,
                                                  **recipient_roles()})
    return None if row is None else (bool(row["fits"]), bool(row["current"]), dict(row["service"]))


async def set_status(graph: Graph, scope: Scope, service_id: str, status: str) -> Record | None:
    row = await graph.write_one(SET_STATUS, {**scope.params(), "id": service_id, "status": status})
    return None if row is None else dict(row["service"])
