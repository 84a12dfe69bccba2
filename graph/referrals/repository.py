"""Cypher for referrals of a case to a service, and the capacity they reserve and release."""

from __future__ import annotations

import uuid
from typing import Any

from graph.access.repository import CASE_VISIBLE, CONSENT_VALID, REFERRAL_PROFILE_VISIBLE, REFERRAL_VISIBLE
from graph.access.scope import Scope
from graph.alerts.repository import (
    CAPACITY_LOW_OUTBOX,
    EMERGENCY_OVERRIDE_OUTBOX,
    REFERRAL_RECEIVED_OUTBOX,
    REFERRAL_STATUS_OUTBOX,
    recipient_roles,
)
from graph.assistance.repository import REFRESH_REACH_WHEN_CAPACITY_CROSSES_ZERO
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record

REFERRAL_PROJECTION = """r {.id, .status, .urgency, .note, .noteSealed, .declineReason, .outcome, .cancelReason,
    noteKey: [(r)-[:SEALED_WITH {field: 'note'}]->(r_k:DataKey) | r_k {.id, .kekId, .wrapped}][0],
    .createdBy, .respondedBy, .completedBy, .cancelledBy, .emergencyOverride, .overrideReasonCode,
    createdAt: r.createdAt, respondedAt: r.respondedAt, completedAt: r.completedAt,
    cancelledAt: r.cancelledAt, updatedAt: r.updatedAt, version: coalesce(r.version, 0),
    caseId: [(r)-[:FOR_CASE]->(r_c:Case) | r_c.id][0],
    serviceId: [(r)-[:TO_SERVICE]->(r_s:Service) | r_s.id][0]}"""

# The case is locked first so two concurrent requests cannot both open a referral to the same service.
# The victim's consent to the receiving organisation is read in the same statement: a REFERRAL consent that still
# counts, or else (with $override) an emergency referral, recorded as such and told to the coordinators.
# The alert to the receiving organisation is written to the outbox by this same statement (graph/alerts).
CREATE_REFERRAL = (
    CHANGE_TICK
    + """
MATCH (c:Case {id: $caseId})
WHERE """
    + CASE_VISIBLE
    + """
SET c._lock = true
REMOVE c._lock
WITH c
OPTIONAL MATCH (s:Service {id: $serviceId})
OPTIONAL MATCH (s)-[:PROVIDED_BY]->(o:Organization)
OPTIONAL MATCH (c)-[:CONCERNS]->(v:Victim)
WITH c, s, [(k:Consent)-[:GIVEN_BY]->(v) WHERE o IS NOT NULL AND EXISTS { MATCH (k)-[:GRANTS_TO]->(o) } | k]
         AS given
WITH c, s, given, [k IN given WHERE k.purpose = 'REFERRAL'] AS forReferral
WITH c, s, given, forReferral,
     [k IN forReferral WHERE NOT any(x IN forReferral WHERE x.grantedAt > k.grantedAt)][0] AS latest
WITH c, s, CASE
    WHEN any(k IN forReferral WHERE """
    + CONSENT_VALID
    + """) THEN 'VALID'
    WHEN latest IS NULL AND size(given) > 0 THEN 'WRONG_PURPOSE'
    WHEN latest IS NULL THEN 'NONE'
    WHEN latest.revokedAt IS NOT NULL THEN 'REVOKED'
    ELSE 'EXPIRED' END AS consent
WITH c, s, consent, CASE
    WHEN s IS NULL THEN 'SERVICE_NOT_FOUND'
    WHEN c.status = 'CLOSED' THEN 'CASE_CLOSED'
    WHEN s.status <> 'ACTIVE' THEN 'SERVICE_INACTIVE'
    WHEN consent <> 'VALID' AND NOT $override THEN 'NO_CONSENT'
    WHEN EXISTS { MATCH (c)<-[:FOR_CASE]-(x:Referral)-[:TO_SERVICE]->(s) WHERE x.status IN ['PENDING', 'ACCEPTED'] }
        THEN 'DUPLICATE'
    ELSE 'OK' END AS outcome
CALL (c, s, consent, outcome) {
  WITH c, s, consent, outcome WHERE outcome = 'OK'
  CREATE (r:Referral {id: $id, status: 'PENDING', urgency: $urgency, noteSealed: $noteSealed, createdAt: datetime(),
      createdBy: $scope.user, updatedAt: datetime(), syncSeq: """ + CHANGE_SEQ + """, version: 1,
      emergencyOverride: consent <> 'VALID',
      overrideReasonCode: CASE WHEN consent <> 'VALID' THEN $overrideCode END,
      overrideReason: CASE WHEN consent <> 'VALID' THEN $overrideReason END})
  FOREACH (k IN CASE WHEN $noteKey IS NULL THEN [] ELSE [$noteKey] END |
    CREATE (r)-[:SEALED_WITH {field: 'note'}]->(:DataKey {id: k.id, kekId: k.kekId, wrapped: k.wrapped,
                                                          createdAt: datetime()}))
  CREATE (r)-[:FOR_CASE]->(c)
  CREATE (r)-[:TO_SERVICE]->(s)
  CREATE (r)-[:HAS_STEP]->(:ReferralStep {id: randomUUID(), kind: 'CREATED', at: datetime(), by: $scope.user,
      byRole: $scope.role, byOrg: $scope.org, code: CASE WHEN consent <> 'VALID' THEN 'EMERGENCY_OVERRIDE' END})
"""
    + EMERGENCY_OVERRIDE_OUTBOX
    + REFERRAL_RECEIVED_OUTBOX
    + """
}
WITH outcome, consent
OPTIONAL MATCH (r:Referral {id: $id})
RETURN outcome, consent, """
    + REFERRAL_PROJECTION
    + """ AS referral
"""
)

# One statement per transition. The service, then the referral, are locked by writing to them before anything
# is read, so concurrent acceptances of referrals to one service run one after another and the capacity check
# sees the latest number: with one unit left, exactly one acceptance wins and the count never goes below zero.
TRANSITION_REFERRAL = (
    CHANGE_TICK
    + """
MATCH (r:Referral {id: $id})-[:TO_SERVICE]->(s:Service)
WHERE """
    + REFERRAL_VISIBLE
    + """
SET s._lock = true
SET r._lock = true
REMOVE s._lock, r._lock
WITH r, s, r.status AS previous,
     ($scope.national OR EXISTS { MATCH (s)-[:PROVIDED_BY]->(:Organization {id: $scope.org}) }) AS isProvider,
     ($scope.national OR EXISTS { MATCH (r)-[:FOR_CASE]->(:Case)-[:OWNED_BY]->(:Organization {id: $scope.org}) })
         AS isSender
WITH r, s, previous, CASE
    WHEN ($actor = 'PROVIDER' AND NOT isProvider) OR ($actor = 'SENDER' AND NOT isSender) THEN 'FORBIDDEN'
    WHEN NOT previous IN $from THEN 'ILLEGAL'
    WHEN $reserve AND coalesce(s.capacityAvailable, 0) < 1 THEN 'NO_CAPACITY'
    ELSE 'OK' END AS outcome
WITH r, s, previous, outcome, s.capacityAvailable AS before,
     outcome = 'OK' AND $reserve AS reserving,
     outcome = 'OK' AND $release AND previous = 'ACCEPTED' AS releasing
CALL (r, s, outcome, reserving, releasing) {
  WITH r, s, outcome, reserving, releasing WHERE outcome = 'OK'
  SET r += $fields, r.status = $to, r.updatedAt = datetime(),
    r.syncSeq = """ + CHANGE_SEQ + """, r.version = coalesce(r.version, 0) + 1
  CREATE (r)-[:HAS_STEP]->(:ReferralStep {id: randomUUID(), kind: $to, at: datetime(), by: $scope.user,
      byRole: $scope.role, byOrg: $scope.org, code: $stepCode})
  WITH r, s, reserving, releasing
"""
    + REFERRAL_STATUS_OUTBOX
    + """
  WITH s, reserving, releasing WHERE reserving OR releasing
  SET s.capacityAvailable = CASE
          WHEN reserving THEN s.capacityAvailable - 1
          WHEN s.capacityMaximum IS NOT NULL AND coalesce(s.capacityAvailable, 0) + 1 > s.capacityMaximum
              THEN s.capacityMaximum
          ELSE coalesce(s.capacityAvailable, 0) + 1 END,
      s.capacityUpdatedAt = datetime(), s.updatedAt = datetime(),
    s.syncSeq = """ + CHANGE_SEQ + """, s.version = coalesce(s.version, 0) + 1
}
WITH r, s, previous, outcome, coalesce(before, 0) AS before
"""
    + REFRESH_REACH_WHEN_CAPACITY_CROSSES_ZERO
    + CAPACITY_LOW_OUTBOX
    + """
RETURN outcome, previous, s.capacityAvailable AS capacityAvailable, """
    + REFERRAL_PROJECTION
    + """ AS referral
"""
)

REFERRAL_FILTER = (
    REFERRAL_VISIBLE
    + """ AND ($status IS NULL OR r.status = $status)
    AND ($direction IS NULL
         OR ($direction = 'SENT'
             AND EXISTS { MATCH (r)-[:FOR_CASE]->(:Case)-[:OWNED_BY]->(:Organization {id: $scope.org}) })
         OR ($direction = 'RECEIVED'
             AND EXISTS { MATCH (r)-[:TO_SERVICE]->(:Service)-[:PROVIDED_BY]->(:Organization {id: $scope.org}) }))"""
)

LIST_REFERRALS = (
    """
CALL () {
  MATCH (r:Referral)
  WHERE """
    + REFERRAL_FILTER
    + """
  RETURN count(r) AS total
}
CALL () {
  MATCH (r:Referral)
  WHERE """
    + REFERRAL_FILTER
    + """
    AND ($afterMillis IS NULL OR r.createdAt.epochMillis < $afterMillis
         OR (r.createdAt.epochMillis = $afterMillis AND r.id < $afterId))
  WITH r ORDER BY r.createdAt.epochMillis DESC, r.id DESC LIMIT $limit
  RETURN collect({item: """
    + REFERRAL_PROJECTION
    + """, cursorMillis: r.createdAt.epochMillis}) AS rows
}
RETURN total, rows
"""
)

REFERRALS_BY_CASE_IDS = (
    """
UNWIND $ids AS wanted
MATCH (r:Referral)-[:FOR_CASE]->(:Case {id: wanted})
WHERE """
    + REFERRAL_VISIBLE
    + """
WITH r ORDER BY r.createdAt DESC, r.id DESC
RETURN """
    + REFERRAL_PROJECTION
    + """ AS item
"""
)


async def create_referral(graph: Graph, scope: Scope, fields: dict[str, Any]) -> Record | None:
    """{outcome, referral} or None when the case is not visible."""
    return await graph.write_one(CREATE_REFERRAL, {"noteSealed": None, "noteKey": None, **fields, **scope.params(),
                                                   **recipient_roles()})


async def transition_referral(
    graph: Graph, scope: Scope, referral_id: str, *, actor: str, allowed_from: list[str], to: str,
    fields: dict[str, Any], reserve: bool = False, release: bool = False, step_code: str | None = None,
    capacity_threshold: int = 0,
) -> Record | None:
    """{outcome, previous, capacityAvailable, referral} or None when the referral is not visible.

    A reservation that brings the free capacity to ``capacity_threshold`` or below tells the coordinators
    (HIMAYA_CAPACITY_LOW_THRESHOLD); a release only raises it, so the threshold cannot be crossed then.
    """
    return await graph.write_one(TRANSITION_REFERRAL, {
        "id": referral_id, "actor": actor, "from": allowed_from, "to": to, "fields": fields,
        "reserve": reserve, "release": release, "capacityThreshold": capacity_threshold,
        "stepCode": step_code, "alertId": str(uuid.uuid4()), **scope.params(), **recipient_roles()})


async def list_referrals(
    graph: Graph, scope: Scope, *, status: str | None, direction: str | None, after: tuple[int, str] | None,
    limit: int,
) -> tuple[int, list[Record]]:
    params = {"status": status, "direction": direction, "afterMillis": after[0] if after else None,
              "afterId": after[1] if after else None, "limit": limit, **scope.params()}
    row = await graph.read_one(LIST_REFERRALS, params)
    assert row is not None
    return row["total"], row["rows"]


async def referrals_by_case_ids(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return [row["item"] for row in await graph.read(REFERRALS_BY_CASE_IDS, {"ids": ids, **scope.params()})]


REFERRAL_BY_ID = (
    """
MATCH (r:Referral {id: $id})
WHERE """
    + REFERRAL_VISIBLE
    + """
RETURN """
    + REFERRAL_PROJECTION
    + """ AS item
"""
)


async def referral_by_id(graph: Graph, scope: Scope, referral_id: str) -> Record | None:
    row = await graph.read_one(REFERRAL_BY_ID, {"id": referral_id, **scope.params()})
    return None if row is None else row["item"]


# The need-to-know profile behind each referral, for the callers REFERRAL_PROFILE_VISIBLE lets see it: never
# identity, alias or nationality; only what a service needs to decide and prepare.
PROFILES_BY_REFERRAL_IDS = (
    """
UNWIND $ids AS wanted
MATCH (r:Referral {id: wanted})-[:FOR_CASE]->(c:Case)-[:CONCERNS]->(v:Victim)
MATCH (r)-[:TO_SERVICE]->(:Service)-[:PROVIDED_BY]->(o:Organization)
WHERE """
    + REFERRAL_VISIBLE
    + " AND "
    + REFERRAL_PROFILE_VISIBLE
    + """
RETURN r.id AS referralId, {sex: v.sex, ageBand: v.ageBand, minor: coalesce(v.minor, false),
       languages: coalesce(v.languages, []), specialNeeds: coalesce(v.specialNeeds, []),
       exploitationForms: coalesce(c.exploitationForms, []),
       governorate: [(c)-[:LOCATED_IN]->(c_g:Governorate) | c_g.code][0]} AS profile
"""
)

# Each referral's timeline, oldest first: who (user id, role, organisation), when, what.
STEPS_BY_REFERRAL_IDS = (
    """
UNWIND $ids AS wanted
MATCH (r:Referral {id: wanted})-[:HAS_STEP]->(st:ReferralStep)
WHERE """
    + REFERRAL_VISIBLE
    + """
WITH r, st ORDER BY st.at, st.id
RETURN r.id AS referralId, collect(st {.id, .kind, .by, .byRole, .byOrg, .code, at: st.at}) AS steps
"""
)


async def profiles_by_referral_ids(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, Record]:
    rows = await graph.read(PROFILES_BY_REFERRAL_IDS, {"ids": ids, **scope.params()})
    return {row["referralId"]: row["profile"] for row in rows}


async def steps_by_referral_ids(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, list[Record]]:
    rows = await graph.read(STEPS_BY_REFERRAL_IDS, {"ids": ids, **scope.params()})
    return {row["referralId"]: row["steps"] for row in rows}
