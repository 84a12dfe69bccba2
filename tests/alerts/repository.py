"""Test-only Cypher for the alert tests: a small network, and reading the outbox back."""

from __future__ import annotations

from typing import Any

from api.protection import default_sealer
from graph.assistance.repository import REFRESH_REACH
from graph.db import Graph

CREATE_ORGANIZATION = """
MATCH (g:Governorate {code: $governorate})
CREATE (o:Organization {id: randomUUID(), code: $code, name: $code, nameAr: $code, nameEn: $code, kind: $kind,
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
MATCH (g:Governorate {code: 'TN-11'})
CREATE (s:Service {id: randomUUID(), name: 'Shelter', category: 'SHELTER', status: 'ACTIVE', sexes: [],
    acceptsMinors: true, nationalitiesOnly: [], nationalitiesExcluded: [], exploitationForms: [], languages: [],
    location: g.centroid, free: true, capacityUnit: 'BED', capacityMaximum: 10, capacityAvailable: 5,
    capacityUpdatedAt: datetime(), createdAt: datetime(), updatedAt: datetime(), version: 1})
CREATE (s)-[:PROVIDED_BY]->(o)
CREATE (s)-[:LOCATED_IN]->(g)
CREATE (s)-[:COVERS]->(g)
WITH s
"""
    + REFRESH_REACH
    + """
RETURN s.id AS id
"""
)

ALERTS = """
MATCH (a:Alert)
RETURN a.id AS id, a.kind AS kind, a.subjectId AS subjectId,
       [(a)-[:FOR_USER]->(u:User) | u.id] AS users ORDER BY a.createdAt
"""

DELIVERIES = """
MATCH (d:Delivery)-[:OF_ALERT]->(a:Alert)
RETURN d.id AS id, d.alertId AS alertId, d.channel AS channel, d.status AS status, d.attempts AS attempts,
       d.lastError AS lastError, d.leaseOwner AS leaseOwner, a.kind AS kind
ORDER BY d.createdAt, d.id
"""

DEVICE_TOKENS = """
MATCH (:User {id: $user})-[:HAS_DEVICE]->(d:Device)
RETURN d.token AS token, d.tokenSealed AS sealed, d.tokenIndex AS tokenIndex,
       [(d)-[:SEALED_WITH {field: 'token'}]->(k:DataKey) | k {.id, .kekId, .wrapped}][0] AS key
"""

AGE_REFERRALS = "MATCH (r:Referral) SET r.createdAt = r.createdAt - duration({minutes: $minutes})"

AGE_ALERTS = "MATCH (a:Alert) SET a.createdAt = a.createdAt - duration({minutes: $minutes})"

ADD_DEVICES = """
MATCH (u:User {id: $user})
UNWIND $tokens AS token
CREATE (u)-[:HAS_DEVICE]->(:Device {id: randomUUID(), token: token, platform: 'ANDROID', locale: 'fr',
                                    createdAt: datetime(), updatedAt: datetime()})
"""


async def create_organization(graph: Graph, code: str, kind: str = "NGO", governorate: str = "TN-11") -> str:
    row = await graph.write_one(CREATE_ORGANIZATION, {"code": code, "kind": kind, "governorate": governorate})
    assert row is not None
    return str(row["id"])


async def create_user(graph: Graph, org: str, username: str, role: str) -> str:
    row = await graph.write_one(CREATE_USER, {"org": org, "username": username, "role": role})
    assert row is not None
    return str(row["id"])


async def create_service(graph: Graph, org: str) -> str:
    row = await graph.write_one(CREATE_SERVICE, {"org": org})
    assert row is not None
    return str(row["id"])


async def alerts(graph: Graph) -> list[dict[str, Any]]:
    return await graph.read(ALERTS)


async def deliveries(graph: Graph) -> list[dict[str, Any]]:
    return await graph.read(DELIVERIES)


async def device_tokens(graph: Graph, user: str) -> list[str]:
    """The user's device tokens, opened (they are stored sealed)."""
    sealer = default_sealer()
    rows = await graph.read(DEVICE_TOKENS, {"user": user})
    return sorted(row["token"] or sealer.open_field(row["key"], row["tokenIndex"], "token", row["sealed"]) or ""
                  for row in rows)


async def age_referrals(graph: Graph, minutes: int) -> None:
    await graph.write(AGE_REFERRALS, {"minutes": minutes})


async def age_alerts(graph: Graph, minutes: int) -> None:
    await graph.write(AGE_ALERTS, {"minutes": minutes})


async def add_devices(graph: Graph, user: str, tokens: list[str]) -> None:
    await graph.write(ADD_DEVICES, {"user": user, "tokens": tokens})
