"""Test-only Cypher for the seed tests: reading back what the seeders wrote."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

REFERRAL_STATUSES = "MATCH (r:Referral) RETURN r.status AS status, count(*) AS count"

ORGANIZATION_KINDS = "MATCH (o:Organization) RETURN DISTINCT o.kind AS kind"

RELATIONSHIP_COUNTS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count"

CAPACITIES = """
MATCH (s:Service)
RETURN s.id AS id, s.capacityMaximum AS maximum, s.capacityAvailable AS available,
       COUNT { (s)<-[:TO_SERVICE]-(:Referral {status: 'ACCEPTED'}) } AS accepted
"""

SYNTHETIC_KEYS = """
MATCH (o:Organization) WHERE o.code STARTS WITH 'SYN-'
WITH collect(o.id + ' ' + o.code) AS orgs
MATCH (s:Service)-[:PROVIDED_BY]->(:Organization) WHERE s.description CONTAINS 'synthétiques'
WITH orgs, collect(s.id) AS services
MATCH (c:Case) WHERE c.reference STARTS WITH 'SYN-'
WITH orgs, services, collect(c.id + ' ' + c.reference) AS cases
MATCH (r:Referral)
RETURN orgs, services, cases, collect(r.id) AS referrals
"""

ORPHANS = """
RETURN COUNT { MATCH (c:Case) WHERE NOT (c)-[:CONCERNS]->(:Victim) OR NOT (c)-[:OWNED_BY]->(:Organization)
                 OR NOT (c)-[:LOCATED_IN]->(:Governorate) } AS cases,
       COUNT { MATCH (r:Referral) WHERE NOT (r)-[:FOR_CASE]->(:Case)
                 OR NOT (r)-[:TO_SERVICE]->(:Service) } AS referrals,
       COUNT { MATCH (s:Service) WHERE NOT (s)-[:PROVIDED_BY]->(:Organization) OR NOT (s)-[:LOCATED_IN]->(:Governorate)
                 OR NOT (s)-[:COVERS]->(:Governorate) } AS services,
       COUNT { MATCH (k:Consent) WHERE NOT (k)-[:GIVEN_BY]->(:Victim)
                 OR NOT (k)-[:GRANTS_TO]->(:Organization) } AS consents
"""

CONTACT_PHONES = "MATCH (o:Organization) WHERE o.contactPhone IS NOT NULL RETURN o.contactPhone AS phone"

USERS = "MATCH (u:User)-[:MEMBER_OF]->(o:Organization) RETURN u.username AS username, u.role AS role, o.code AS org"


async def referral_statuses(graph: Graph) -> dict[str, int]:
    return {row["status"]: row["count"] for row in await graph.read(REFERRAL_STATUSES)}


async def organization_kinds(graph: Graph) -> set[str]:
    return {row["kind"] for row in await graph.read(ORGANIZATION_KINDS)}


async def relationship_counts(graph: Graph) -> dict[str, int]:
    return {row["type"]: row["count"] for row in await graph.read(RELATIONSHIP_COUNTS)}


async def capacities(graph: Graph) -> list[dict[str, Any]]:
    return await graph.read(CAPACITIES)


async def synthetic_keys(graph: Graph) -> dict[str, list[str]]:
    row = await graph.read_one(SYNTHETIC_KEYS)
    assert row is not None
    return {key: sorted(values) for key, values in row.items()}


async def orphans(graph: Graph) -> dict[str, int]:
    row = await graph.read_one(ORPHANS)
    assert row is not None
    return dict(row)


async def contact_phones(graph: Graph) -> list[str]:
    return [row["phone"] for row in await graph.read(CONTACT_PHONES)]


async def users(graph: Graph) -> list[dict[str, Any]]:
    return await graph.read(USERS)
