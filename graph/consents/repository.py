"""Cypher for consents a victim gives to an organisation (revocable, optionally expiring)."""

from __future__ import annotations

from typing import Any

from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.victims.repository import VICTIM_WORKABLE

CONSENT_PROJECTION = """k {.id, .purpose, grantedAt: k.grantedAt, expiresAt: k.expiresAt,
    revokedAt: k.revokedAt, revokeReason: k.revokeReason,
    valid: k.revokedAt IS NULL AND (k.expiresAt IS NULL OR k.expiresAt > datetime()),
    victimId: [(k)-[:GIVEN_BY]->(k_v:Victim) | k_v.id][0],
    organizationId: [(k)-[:GRANTS_TO]->(k_o:Organization) | k_o.id][0]}"""

RECORD_CONSENT = (
    """
MATCH (v:Victim {id: $victimId})
WHERE """
    + VICTIM_WORKABLE
    + """
OPTIONAL MATCH (o:Organization {code: $organizationCode})
CALL (v, o) {
  WITH v, o WHERE o IS NOT NULL
  CREATE (k:Consent {id: $id, purpose: $purpose, grantedAt: datetime(), expiresAt: $expiresAt,
      createdBy: $scope.user, createdAt: datetime(), updatedAt: datetime(), version: 1})
  CREATE (k)-[:GIVEN_BY]->(v)
  CREATE (k)-[:GRANTS_TO]->(o)
}
WITH o
OPTIONAL MATCH (k:Consent {id: $id})
RETURN o IS NOT NULL AS organizationFound, """
    + CONSENT_PROJECTION
    + """ AS consent
"""
)

REVOKE_CONSENT = (
    """
MATCH (k:Consent {id: $id})-[:GIVEN_BY]->(v:Victim)
WHERE """
    + VICTIM_WORKABLE
    + """
SET k._lock = true
REMOVE k._lock
WITH k, k.revokedAt IS NOT NULL AS alreadyRevoked
CALL (k, alreadyRevoked) {
  WITH k, alreadyRevoked WHERE NOT alreadyRevoked
  SET k.revokedAt = datetime(), k.revokedBy = $scope.user, k.updatedAt = datetime(),
      k.version = coalesce(k.version, 0) + 1
}
RETURN alreadyRevoked, """
    + CONSENT_PROJECTION
    + """ AS consent
"""
)

CONSENTS_BY_VICTIM_IDS = (
    """
UNWIND $ids AS wanted
MATCH (k:Consent)-[:GIVEN_BY]->(v:Victim {id: wanted})
WHERE """
    + VICTIM_WORKABLE
    + """
WITH k ORDER BY k.grantedAt DESC, k.id
RETURN """
    + CONSENT_PROJECTION
    + """ AS consent
"""
)


async def record_consent(graph: Graph, scope: Scope, fields: dict[str, Any]) -> Record | None:
    """{organizationFound, consent} or None when the victim is not visible."""
    return await graph.write_one(RECORD_CONSENT, {**fields, **scope.params()})


async def revoke_consent(graph: Graph, scope: Scope, consent_id: str) -> Record | None:
    """{alreadyRevoked, consent} or None when the consent is not visible."""
    return await graph.write_one(REVOKE_CONSENT, {"id": consent_id, **scope.params()})


async def consents_by_victim_ids(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return [row["consent"] for row in await graph.read(CONSENTS_BY_VICTIM_IDS, {"ids": ids, **scope.params()})]
