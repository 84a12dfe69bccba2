"""Cypher for seeding: the demo network (create-if-absent, idempotent) and the synthetic network (bulk CREATE).

Every statement takes a batch as ``$rows`` and ``UNWIND``s it. Node properties travel as one map per row
(``row.props``), built in ``seed/`` with exactly the property names of ARCHITECTURE.md.

Demo statements only create what is missing (matched by stable code or id) and never touch a record that
already exists, so running the demo seed again changes nothing, even after people have worked on the data.
"""

from __future__ import annotations

from typing import Any, LiteralString

from graph.assistance.repository import REFRESH_REACH, REFRESH_REACH_WHEN_CAPACITY_CROSSES_ZERO
from graph.db import Graph, Record

# ------------------------------------------------------------------------------------------------ demo

DEMO_CREATE_ORGANIZATIONS = """
UNWIND $rows AS row
OPTIONAL MATCH (existing:Organization {code: row.props.code})
WITH row WHERE existing IS NULL
MATCH (g:Governorate {code: row.governorate})
CREATE (o:Organization)
SET o = row.props
CREATE (o)-[:LOCATED_IN]->(g)
RETURN count(o) AS created
"""

DEMO_CREATE_PARTNERSHIPS = """
UNWIND $rows AS row
MATCH (a:Organization {code: row.source})
MATCH (b:Organization {code: row.target})
WITH a, b, row WHERE NOT EXISTS { MATCH (a)-[:PARTNERS_WITH]-(b) }
CREATE (a)-[p:PARTNERS_WITH {since: row.since, agreement: row.agreement}]->(b)
RETURN count(p) AS created
"""

DEMO_CREATE_SERVICES = (
    """
UNWIND $rows AS row
OPTIONAL MATCH (existing:Service {id: row.props.id})
WITH row WHERE existing IS NULL
MATCH (o:Organization {code: row.organization})
MATCH (g:Governorate {code: row.governorate})
CREATE (s:Service)
SET s = row.props
CREATE (s)-[:PROVIDED_BY]->(o), (s)-[:LOCATED_IN]->(g)
WITH s, row
CALL (s, row) {
  UNWIND row.covers AS code
  MATCH (area:Governorate {code: code})
  CREATE (s)-[:COVERS]->(area)
}
WITH s
"""
    + REFRESH_REACH
    + """
RETURN count(s) AS created
"""
)

DEMO_CREATE_CASES = """
UNWIND $rows AS row
// unscoped: the demo seed (system)
OPTIONAL MATCH (existing:Case {id: row.case.id})
WITH row WHERE existing IS NULL
MATCH (o:Organization {code: row.organization})
MATCH (g:Governorate {code: row.governorate})
MERGE (v:Victim {id: row.victim.id})
ON CREATE SET v = row.victim
CREATE (c:Case)
SET c = row.case
CREATE (c)-[:CONCERNS]->(v), (c)-[:OWNED_BY]->(o), (c)-[:LOCATED_IN]->(g)
RETURN count(c) AS created
"""

DEMO_CREATE_REFERRALS = """
UNWIND $rows AS row
// unscoped: the demo seed (system)
OPTIONAL MATCH (existing:Referral {id: row.props.id})
WITH row WHERE existing IS NULL
MATCH (c:Case {id: row.case})
MATCH (s:Service {id: row.service})
CREATE (r:Referral)
SET r = row.props
CREATE (r)-[:FOR_CASE]->(c), (r)-[:TO_SERVICE]->(s)
RETURN count(r) AS created
"""

DEMO_CREATE_CONSENTS = """
UNWIND $rows AS row
// unscoped: the demo seed (system)
OPTIONAL MATCH (existing:Consent {id: row.props.id})
WITH row WHERE existing IS NULL
MATCH (v:Victim {id: row.victim})
MATCH (o:Organization {code: row.organization})
CREATE (k:Consent)
SET k = row.props
CREATE (k)-[:GIVEN_BY]->(v), (k)-[:GRANTS_TO]->(o)
RETURN count(k) AS created
"""

# ------------------------------------------------------------------------------------------- synthetic

SYNTHETIC_PRESENT = """
MATCH (o:Organization) WHERE o.code STARTS WITH 'SYN-'
RETURN count(o) > 0 AS present
"""

# Synthetic rows carry instants as epoch seconds (packing Python datetimes costs far more than the
# conversion in Cypher); optional instants are null and stay unset.
SYNTHETIC_CREATE_ORGANIZATIONS = """
UNWIND $rows AS row
MATCH (g:Governorate {code: row.governorate})
CREATE (o:Organization {id: row.id, code: row.code, name: row.name, nameAr: row.nameAr, nameEn: row.nameEn,
  kind: row.kind, contactEmail: row.contactEmail, contactPhone: row.contactPhone,
  createdAt: datetime({epochSeconds: row.createdAt}), updatedAt: datetime({epochSeconds: row.createdAt}),
  version: 1})
CREATE (o)-[:LOCATED_IN]->(g)
"""

SYNTHETIC_CREATE_PARTNERSHIPS = """
UNWIND $rows AS row
MATCH (a:Organization {id: row.source})
MATCH (b:Organization {id: row.target})
CREATE (a)-[:PARTNERS_WITH {since: date(datetime({epochSeconds: row.since})), agreement: row.agreement}]->(b)
"""

SYNTHETIC_CREATE_SERVICES = (
    """
UNWIND $rows AS row
MATCH (o:Organization {id: row.organization})
MATCH (g:Governorate {code: row.governorate})
CREATE (s:Service {id: row.id, name: row.name, description: row.description, category: row.category,
  status: row.status, sexes: row.sexes, minAge: row.minAge, maxAge: row.maxAge, acceptsMinors: row.acceptsMinors,
  nationalitiesOnly: row.nationalitiesOnly, nationalitiesExcluded: row.nationalitiesExcluded,
  exploitationForms: row.exploitationForms, languages: row.languages,
  location: point({latitude: row.latitude, longitude: row.longitude}), schedule: row.schedule, free: row.free,
  capacityUnit: row.capacityUnit, capacityMaximum: row.capacityMaximum, capacityAvailable: row.capacityMaximum,
  capacityUpdatedAt: datetime({epochSeconds: row.createdAt}),
  createdAt: datetime({epochSeconds: row.createdAt}), updatedAt: datetime({epochSeconds: row.createdAt}),
  version: 1})
CREATE (s)-[:PROVIDED_BY]->(o), (s)-[:LOCATED_IN]->(g)
WITH s, row
CALL (s, row) {
  UNWIND row.covers AS code
  MATCH (area:Governorate {code: code})
  CREATE (s)-[:COVERS]->(area)
}
WITH s
"""
    + REFRESH_REACH
    + """
"""
)

# One row = a victim, their case, the consents they gave and the referrals made for the case.
SYNTHETIC_CREATE_CASES = """
UNWIND $rows AS row
// unscoped: the synthetic seed (system)
MATCH (o:Organization {id: row.organization})
MATCH (g:Governorate {code: row.governorate})
CREATE (v:Victim {id: row.victimId, alias: row.alias, sex: row.sex, ageBand: row.ageBand, birthYear: row.birthYear,
  birthDatePrecision: row.birthDatePrecision, minor: row.minor, nationality: row.nationality,
  languages: row.languages, specialNeeds: row.specialNeeds,
  createdAt: datetime({epochSeconds: row.openedAt}), updatedAt: datetime({epochSeconds: row.openedAt}), version: 1})
CREATE (c:Case {id: row.caseId, reference: row.reference, status: row.status,
  exploitationForms: row.exploitationForms, labourSector: row.labourSector, meansOfControl: row.meansOfControl,
  openedAt: datetime({epochSeconds: row.openedAt}),
  closedAt: CASE WHEN row.closedAt IS NULL THEN null ELSE datetime({epochSeconds: row.closedAt}) END,
  createdAt: datetime({epochSeconds: row.openedAt}), updatedAt: datetime({epochSeconds: row.updatedAt}),
  version: 1})
CREATE (c)-[:CONCERNS]->(v), (c)-[:OWNED_BY]->(o), (c)-[:LOCATED_IN]->(g)
FOREACH (k IN row.consents |
  CREATE (consent:Consent {id: k.id, purpose: k.purpose, grantedAt: datetime({epochSeconds: k.grantedAt}),
    expiresAt: datetime({epochSeconds: k.expiresAt}),
    revokedAt: CASE WHEN k.revokedAt IS NULL THEN null ELSE datetime({epochSeconds: k.revokedAt}) END})
  CREATE (consent)-[:GIVEN_BY]->(v), (consent)-[:GRANTS_TO]->(o)
)
WITH c, row
CALL (c, row) {
  UNWIND row.referrals AS f
  MATCH (s:Service {id: f.service})
  CREATE (r:Referral {id: f.id, status: f.status, urgency: f.urgency, note: f.note,
    declineReason: f.declineReason, outcome: f.outcome, createdAt: datetime({epochSeconds: f.createdAt}),
    respondedAt: CASE WHEN f.respondedAt IS NULL THEN null ELSE datetime({epochSeconds: f.respondedAt}) END,
    completedAt: CASE WHEN f.completedAt IS NULL THEN null ELSE datetime({epochSeconds: f.completedAt}) END,
    cancelledAt: CASE WHEN f.cancelledAt IS NULL THEN null ELSE datetime({epochSeconds: f.cancelledAt}) END,
    updatedAt: datetime({epochSeconds: f.updatedAt}), version: 1})
  CREATE (r)-[:FOR_CASE]->(c), (r)-[:TO_SERVICE]->(s)
}
"""

SYNTHETIC_SET_CAPACITY = (
    """
UNWIND $rows AS row
MATCH (s:Service {id: row.id})
WITH s, row, s.capacityAvailable AS before
SET s.capacityAvailable = row.available
WITH s, before
"""
    + REFRESH_REACH_WHEN_CAPACITY_CROSSES_ZERO
)


async def _created(graph: Graph, query: LiteralString, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    result = await graph.write_one(query, {"rows": rows})
    return int(result["created"]) if result else 0


async def demo_create_organizations(graph: Graph, rows: list[dict[str, Any]]) -> int:
    return await _created(graph, DEMO_CREATE_ORGANIZATIONS, rows)


async def demo_create_partnerships(graph: Graph, rows: list[dict[str, Any]]) -> int:
    return await _created(graph, DEMO_CREATE_PARTNERSHIPS, rows)


async def demo_create_services(graph: Graph, rows: list[dict[str, Any]]) -> int:
    return await _created(graph, DEMO_CREATE_SERVICES, rows)


async def demo_create_cases(graph: Graph, rows: list[dict[str, Any]]) -> int:
    return await _created(graph, DEMO_CREATE_CASES, rows)


async def demo_create_referrals(graph: Graph, rows: list[dict[str, Any]]) -> int:
    return await _created(graph, DEMO_CREATE_REFERRALS, rows)


async def demo_create_consents(graph: Graph, rows: list[dict[str, Any]]) -> int:
    return await _created(graph, DEMO_CREATE_CONSENTS, rows)


async def synthetic_present(graph: Graph) -> bool:
    row = await graph.read_one(SYNTHETIC_PRESENT)
    return bool(row and row["present"])


async def synthetic_create_organizations(graph: Graph, rows: list[dict[str, Any]]) -> None:
    await graph.write(SYNTHETIC_CREATE_ORGANIZATIONS, {"rows": rows})


async def synthetic_create_partnerships(graph: Graph, rows: list[dict[str, Any]]) -> None:
    await graph.write(SYNTHETIC_CREATE_PARTNERSHIPS, {"rows": rows})


async def synthetic_create_services(graph: Graph, rows: list[dict[str, Any]]) -> None:
    await graph.write(SYNTHETIC_CREATE_SERVICES, {"rows": rows})


async def synthetic_create_cases(graph: Graph, rows: list[dict[str, Any]]) -> None:
    await graph.write(SYNTHETIC_CREATE_CASES, {"rows": rows})


async def synthetic_set_capacity(graph: Graph, rows: list[dict[str, Any]]) -> None:
    await graph.write(SYNTHETIC_SET_CAPACITY, {"rows": rows})


# ------------------------------------------------------------------------------------------- benchmark
# What `make bench` (seed/bench.py) needs to choose its inputs and give its referral targets room.

BENCH_BUSIEST_ORGANIZATION = """
MATCH (o:Organization)
// unscoped: the benchmark picks its inputs (system)
RETURN o.id AS id, o.code AS code, COUNT { (o)<-[:OWNED_BY]-(:Case) } AS cases
ORDER BY cases DESC, code
LIMIT 1
"""

BENCH_SAMPLE_CASES = """
MATCH (c:Case) WHERE c.status <> 'CLOSED'
// unscoped: the benchmark picks its inputs (system)
WITH c, rand() AS r ORDER BY r LIMIT $limit
RETURN c.id AS id
"""

BENCH_SAMPLE_SERVICES = """
MATCH (s:Service {status: 'ACTIVE'})
WITH s, rand() AS r ORDER BY r LIMIT $limit
RETURN s.id AS id
"""

# The (case, service) pairs of $pairs that no pending or accepted referral links yet: a referral may be made.
BENCH_FREE_PAIRS = """
UNWIND $pairs AS pair
// unscoped: the benchmark picks its inputs (system)
MATCH (c:Case {id: pair.case})
MATCH (s:Service {id: pair.service})
WHERE NOT EXISTS {
  MATCH (c)<-[:FOR_CASE]-(x:Referral)-[:TO_SERVICE]->(s) WHERE x.status IN ['PENDING', 'ACCEPTED']
}
RETURN pair.case AS case, pair.service AS service
"""

BENCH_MAKE_ROOM = (
    """
UNWIND $ids AS id
MATCH (s:Service {id: id})
WITH s, s.capacityAvailable AS before
SET s.capacityMaximum = coalesce(s.capacityMaximum, 0) + $room,
    s.capacityAvailable = coalesce(s.capacityAvailable, 0) + $room
WITH s, before
"""
    + REFRESH_REACH_WHEN_CAPACITY_CROSSES_ZERO
)


async def bench_busiest_organization(graph: Graph) -> Record | None:
    """The organisation owning the most cases (its case workers have the fullest caseload)."""
    return await graph.read_one(BENCH_BUSIEST_ORGANIZATION)


async def bench_sample_cases(graph: Graph, limit: int) -> list[str]:
    return [row["id"] for row in await graph.read(BENCH_SAMPLE_CASES, {"limit": limit})]


async def bench_sample_services(graph: Graph, limit: int) -> list[str]:
    return [row["id"] for row in await graph.read(BENCH_SAMPLE_SERVICES, {"limit": limit})]


async def bench_free_pairs(graph: Graph, pairs: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(row["case"], row["service"]) for row in await graph.read(BENCH_FREE_PAIRS, {"pairs": pairs})]


async def bench_make_room(graph: Graph, service_ids: list[str], room: int) -> None:
    await graph.write(BENCH_MAKE_ROOM, {"ids": service_ids, "room": room})


# The victim of each benchmark pair's case consents to referral to the service's organisation (issue 13: a
# referral needs it), so the benchmark measures referrals as they are made in practice.
BENCH_REFERRAL_CONSENTS = """
// unscoped: seeds
UNWIND $pairs AS pair
MATCH (:Case {id: pair.case})-[:CONCERNS]->(v:Victim)
MATCH (:Service {id: pair.service})-[:PROVIDED_BY]->(o:Organization)
CREATE (k:Consent {id: randomUUID(), purpose: 'REFERRAL', grantedAt: datetime(), createdAt: datetime(),
                   updatedAt: datetime(), version: 1})
CREATE (k)-[:GIVEN_BY]->(v)
CREATE (k)-[:GRANTS_TO]->(o)
"""


async def bench_referral_consents(graph: Graph, pairs: list[tuple[str, str]]) -> None:
    await graph.write(BENCH_REFERRAL_CONSENTS, {"pairs": [{"case": c, "service": s} for c, s in pairs]})


# Demo: every referral's victim consents to referral to the receiving organisation (issue 13), once.
DEMO_REFERRAL_CONSENTS = """
// unscoped: seeds
MATCH (r:Referral)-[:FOR_CASE]->(:Case)-[:CONCERNS]->(v:Victim)
MATCH (r)-[:TO_SERVICE]->(:Service)-[:PROVIDED_BY]->(o:Organization)
WITH DISTINCT v, o, min(r.createdAt) AS first
WHERE NOT EXISTS { MATCH (x:Consent {purpose: 'REFERRAL'})-[:GIVEN_BY]->(v)
                   WHERE EXISTS { MATCH (x)-[:GRANTS_TO]->(o) } }
CREATE (k:Consent {id: randomUUID(), purpose: 'REFERRAL', grantedAt: first - duration('PT1H'),
                   createdAt: datetime(), updatedAt: datetime(), version: 1})
CREATE (k)-[:GIVEN_BY]->(v)
CREATE (k)-[:GRANTS_TO]->(o)
RETURN count(k) AS created
"""


async def demo_referral_consents(graph: Graph) -> int:
    row = await graph.write_one(DEMO_REFERRAL_CONSENTS)
    return int(row["created"]) if row else 0
