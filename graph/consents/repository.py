"""Cypher for consents a victim gives to an organisation (revocable, optionally expiring)."""

from __future__ import annotations

from typing import Any

from graph.access.scope import Scope
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record
from graph.victims.repository import VICTIM_WORKABLE

CONSENT_PROJECTION = """k {.id, .purpose, grantedAt: k.grantedAt, expiresAt: k.expiresAt,
    revokedAt: k.revokedAt, revokeReason: k.revokeReason,
    valid: k.revokedAt IS NULL AND (k.expiresAt IS NULL OR k.expiresAt > datetime()),
    victimId: [(k)-[:GIVEN_BY]->(k_v:Victim) | k_v.id][0],
    organizationId: [(k)-[:GRANTS_TO]->(k_o:Organization) | k_o.id][0]}"""

# The referrals a consent ``k`` governs are touched, so the receiving organisation's devices fetch them again and
# drop the profile the consent no longer covers (delta sync follows ``syncSeq``: the statements embedding this
# start with CHANGE_TICK).
TOUCH_REFERRALS_OF_CONSENT = """
// unscoped: a fragment; it follows a consent the statement reached through the caller's scope
CALL (k) {
  MATCH (k)-[:GRANTS_TO]->(o:Organization)
  MATCH (k)-[:GIVEN_BY]->(v:Victim)<-[:CONCERNS]-(:Case)<-[:FOR_CASE]-(r:Referral)
  WHERE EXISTS { MATCH (r)-[:TO_SERVICE]->(:Service)-[:PROVIDED_BY]->(o) }
  SET r.updatedAt = datetime(), r.syncSeq = """ + CHANGE_SEQ + """
}
"""

# Consents that expired since last noted: their referrals are touched once (run by the worker).
NOTE_EXPIRED_CONSENTS = (
    CHANGE_TICK
    + """
// unscoped: the system worker notes expiries for every organisation
MATCH (k:Consent)
WHERE k.expiresAt IS NOT NULL AND k.expiresAt <= datetime() AND k.expiryNotedAt IS NULL
WITH k LIMIT $limit
SET k.expiryNotedAt = datetime()
WITH k
"""
    + TOUCH_REFERRALS_OF_CONSENT
    + """
RETURN count(k) AS noted
"""
)

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
    CHANGE_TICK
    + """
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
  WITH k
"""
    + TOUCH_REFERRALS_OF_CONSENT
    + """
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


async def note_expired_consents(graph: Graph, limit: int = 1000) -> int:
    """Touch the referrals of consents that expired since the last run; how many consents were noted."""
    row = await graph.write_one(NOTE_EXPIRED_CONSENTS, {"limit": limit})
    return int(row["noted"]) if row else 0
