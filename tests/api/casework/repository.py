"""Test-only Cypher for casework tests: building a small network directly, and reading it back."""

from __future__ import annotations

from typing import Any

from graph.assistance.repository import REFRESH_REACH, REFRESH_REACH_WHEN_CAPACITY_CROSSES_ZERO
from graph.db import Graph

CREATE_ORGANIZATION = """
MATCH (g:Governorate {code: $governorate})
CREATE (o:Organization {id: randomUUID(), code: $code, name: $name, nameAr: $name, nameEn: $name, kind: $kind,
    createdAt: datetime(), updatedAt: datetime(), version: 1})
CREATE (o)-[:LOCATED_IN]->(g)
RETURN o.id AS id
"""

CREATE_USER = """
MATCH (o:Organization {id: $org})
CREATE (u:User {id: randomUUID(), username: $username, role: $role, disabled: false, createdAt: datetime()})
CREATE (u)-[:MEMBER_OF]->(o)
RETURN u.id AS id
"""

CREATE_SERVICE = (
    """
MATCH (o:Organization {id: $org})
MATCH (home:Governorate {code: $governorate})
CREATE (s:Service {id: randomUUID(), name: $name, category: $category, status: $status, sexes: $sexes,
    minAge: $minAge, maxAge: $maxAge, acceptsMinors: $acceptsMinors, nationalitiesOnly: $nationalitiesOnly,
    nationalitiesExcluded: $nationalitiesExcluded, exploitationForms: $exploitationForms, languages: $languages,
    location: CASE WHEN $lat IS NULL THEN null ELSE point({latitude: $lat, longitude: $lon}) END, free: true,
    capacityUnit: 'BED', capacityMaximum: $capacityMaximum, capacityAvailable: $capacityAvailable,
    capacityUpdatedAt: datetime(), createdAt: datetime(), updatedAt: datetime(), version: 1})
CREATE (s)-[:PROVIDED_BY]->(o)
CREATE (s)-[:LOCATED_IN]->(home)
WITH s
CALL (s) {
  UNWIND $covers AS code
  MATCH (g:Governorate {code: code})
  CREATE (s)-[:COVERS]->(g)
}
"""
    + REFRESH_REACH
    + """
RETURN s.id AS id
"""
)

SERVICE_CAPACITY = "MATCH (s:Service {id: $id}) RETURN s.capacityAvailable AS available"

# As the real statements do, the reach follows the capacity in the same statement.
SET_CAPACITY = (
    """
MATCH (s:Service {id: $id})
WITH s, s.capacityAvailable AS before
SET s.capacityAvailable = $available
WITH s, before
"""
    + REFRESH_REACH_WHEN_CAPACITY_CROSSES_ZERO
)

GOVERNORATE_CENTROID = """
MATCH (g:Governorate {code: $code}) RETURN g.centroid.latitude AS lat, g.centroid.longitude AS lon
"""

COUNT_LABEL = "MATCH (n) WHERE $label IN labels(n) RETURN count(n) AS count"

REFERRAL_STATUSES = "MATCH (r:Referral) RETURN r.status AS status, count(*) AS count"


async def create_organization(graph: Graph, code: str, governorate: str = "TN-11", kind: str = "NGO") -> str:
    row = await graph.write_one(CREATE_ORGANIZATION, {"code": code, "name": f"Org {code}", "governorate": governorate,
                                                      "kind": kind})
    assert row is not None
    return str(row["id"])


async def create_user(graph: Graph, org: str, username: str, role: str) -> str:
    row = await graph.write_one(CREATE_USER, {"org": org, "username": username, "role": role})
    assert row is not None
    return str(row["id"])


async def create_service(graph: Graph, org: str, **overrides: Any) -> str:
    params: dict[str, Any] = {
        "name": "Service", "category": "SHELTER", "status": "ACTIVE", "sexes": [], "minAge": None, "maxAge": None,
        "acceptsMinors": True, "nationalitiesOnly": [], "nationalitiesExcluded": [], "exploitationForms": [],
        "languages": [], "lat": None, "lon": None, "capacityMaximum": 10, "capacityAvailable": 5,
        "governorate": "TN-11", "covers": None,
    }
    params.update(overrides)
    if params["covers"] is None:
        params["covers"] = [params["governorate"]]
    if params["lat"] is None:
        centroid = await graph.read_one(GOVERNORATE_CENTROID, {"code": params["governorate"]})
        assert centroid is not None
        params["lat"], params["lon"] = centroid["lat"], centroid["lon"]
    row = await graph.write_one(CREATE_SERVICE, {**params, "org": org})
    assert row is not None
    return str(row["id"])


async def capacity(graph: Graph, service_id: str) -> int:
    row = await graph.read_one(SERVICE_CAPACITY, {"id": service_id})
    assert row is not None
    return int(row["available"])


async def set_capacity(graph: Graph, service_id: str, available: int) -> None:
    await graph.write(SET_CAPACITY, {"id": service_id, "available": available})


async def count(graph: Graph, label: str) -> int:
    row = await graph.read_one(COUNT_LABEL, {"label": label})
    assert row is not None
    return int(row["count"])


async def referral_statuses(graph: Graph) -> dict[str, int]:
    return {row["status"]: row["count"] for row in await graph.read(REFERRAL_STATUSES)}


PENDING_REFERRALS_OF_OPEN_SERVICES = """
MATCH (r:Referral {status: 'PENDING'})-[:TO_SERVICE]->(s:Service {status: 'ACTIVE'})
RETURN r.id AS referralId, s.id AS serviceId ORDER BY r.id LIMIT 1
"""

REACHED = "RETURN EXISTS { MATCH (:AssistanceArea)-[:OFFERS]->(:Service {id: $id}) } AS reached"


async def pending_referrals_of_open_services(graph: Graph) -> list[dict[str, Any]]:
    return [dict(row) for row in await graph.read(PENDING_REFERRALS_OF_OPEN_SERVICES)]


async def reached(graph: Graph, service_id: str) -> bool:
    """Whether the service is in the reach of findAssistance anywhere."""
    row = await graph.read_one(REACHED, {"id": service_id})
    assert row is not None
    return bool(row["reached"])
