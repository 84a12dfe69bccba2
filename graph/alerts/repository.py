"""Cypher for alerts to partners: the transactional outbox, the dispatcher's leases, devices and webhooks.

An alert is one (:Alert) per event, linked to every user who should hear of it by [:FOR_USER {acknowledgedAt}].
Each way of reaching someone is one (:Delivery) in the outbox: PUSH to one registered (:Device), or WEBHOOK to
one organisation's (:WebhookEndpoint). Deliveries are written by the same statement as the change that causes
them, so a rolled-back change raises no alert, and a committed one can never lose its deliveries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.access.permissions import Permission, role_values_with
from graph.access.scope import Scope
from graph.db import Graph, Record


def recipient_roles() -> dict[str, list[str]]:
    """Who hears of what, as the ``$parameters`` every statement raising alerts takes (from the permissions)."""
    return {"authorityRoles": role_values_with(Permission.RECEIVE_AUTHORITY_ALERTS),
            "referralRoles": role_values_with(Permission.RECEIVE_REFERRAL_ALERTS),
            "receiverRoles": role_values_with(Permission.RECEIVE_INCOMING_REFERRALS),
            "nationalRoles": role_values_with(Permission.SEE_ALL_ORGANISATIONS),
            "referralStatusRoles": role_values_with(Permission.RECEIVE_REFERRAL_STATUS_ALERTS)}


# Expects ``a`` (the alert), ``recipients`` (users) and ``orgs`` (organisations a webhook may inform).
# Adds the users not yet told, one PUSH delivery per device of theirs, and one WEBHOOK delivery per
# organisation with an endpoint that has none for this alert yet. Safe to run again (escalation).
ADD_RECIPIENTS = """
CALL (a, recipients, orgs) {
  CALL (a, recipients) {
    UNWIND recipients AS u
    WITH DISTINCT a, u
    WHERE u IS NOT NULL AND NOT EXISTS { MATCH (a)-[:FOR_USER]->(u) }
    CREATE (a)-[:FOR_USER {createdAt: datetime()}]->(u)
    WITH a, u
    MATCH (u)-[:HAS_DEVICE]->(dev:Device)
    CREATE (x:Delivery {id: randomUUID(), alertId: a.id, channel: 'PUSH', status: 'PENDING', attempts: 0,
                        nextAttemptAt: datetime(), createdAt: datetime(), updatedAt: datetime()})
    CREATE (x)-[:OF_ALERT]->(a)
    CREATE (x)-[:TO_DEVICE]->(dev)
  }
  CALL (a, orgs) {
    UNWIND orgs AS o
    WITH DISTINCT a, o
    WHERE o IS NOT NULL AND EXISTS { MATCH (o)-[:HAS_WEBHOOK]->(:WebhookEndpoint) }
      AND NOT EXISTS { MATCH (a)<-[:OF_ALERT]-(:Delivery {channel: 'WEBHOOK'})-[:TO_ORGANIZATION]->(o) }
    CREATE (x:Delivery {id: randomUUID(), alertId: a.id, channel: 'WEBHOOK', status: 'PENDING', attempts: 0,
                        nextAttemptAt: datetime(), createdAt: datetime(), updatedAt: datetime()})
    CREATE (x)-[:OF_ALERT]->(a)
    CREATE (x)-[:TO_ORGANIZATION]->(o)
  }
}
"""

# Embedded in the referral-creation statement (graph/referrals), right after ``r`` and ``s`` are created:
# the receiving organisation's members holding RECEIVE_INCOMING_REFERRALS (all its members when none does) are
# found in the same query.
REFERRAL_RECEIVED_OUTBOX = (
    """
WITH r, s
CALL (r, s) {
  MATCH (s)-[:PROVIDED_BY]->(o:Organization)
  OPTIONAL MATCH (o)<-[:MEMBER_OF]-(u:User)
  WHERE NOT coalesce(u.disabled, false)
  WITH r, o, collect(u) AS members
  WITH r, o, CASE WHEN any(m IN members WHERE m.role IN $receiverRoles)
                  THEN [m IN members WHERE m.role IN $receiverRoles] ELSE members END AS recipients
  WHERE size(recipients) > 0 OR EXISTS { MATCH (o)-[:HAS_WEBHOOK]->(:WebhookEndpoint) }
  CREATE (a:Alert {id: $alertId, kind: 'REFERRAL_RECEIVED', urgent: r.urgency = 'URGENT', subjectType: 'Referral',
                   subjectId: r.id, createdAt: datetime()})
  WITH a, recipients, [o] AS orgs
"""
    + ADD_RECIPIENTS
    + """
}
"""
)

# Embedded in the referral-creation statement, after ``r`` and ``consent``: a referral made without a consent that
# counts (an emergency override) is told to the authority's coordinators at once.
EMERGENCY_OVERRIDE_OUTBOX = (
    """
WITH r, s, consent
CALL (r, consent) {
  WITH r, consent WHERE consent <> 'VALID'
  OPTIONAL MATCH (u:User)
  WHERE u.role IN $authorityRoles AND NOT coalesce(u.disabled, false)
  WITH r, collect(u) AS recipients
  CREATE (a:Alert {id: randomUUID(), kind: 'EMERGENCY_REFERRAL', urgent: true, subjectType: 'Referral',
                   subjectId: r.id, createdAt: datetime()})
  WITH a, recipients, [] AS orgs
"""
    + ADD_RECIPIENTS
    + """
}
"""
)

# Embedded in each referral transition, after ``r`` has its new status: the organisation that sent it hears of an
# acceptance, a decline or a completion; a cancellation is told to the receiving organisation and to the sender's
# other members. The caller is never told of their own act. Expects $alertId.
REFERRAL_STATUS_OUTBOX = (
    """
CALL (r) {
  MATCH (r)-[:FOR_CASE]->(:Case)-[:OWNED_BY]->(sender:Organization)
  MATCH (r)-[:TO_SERVICE]->(:Service)-[:PROVIDED_BY]->(provider:Organization)
  WITH r, CASE WHEN r.status = 'CANCELLED' THEN [provider, sender] ELSE [sender] END AS told
  OPTIONAL MATCH (u:User)-[:MEMBER_OF]->(m:Organization)
  WHERE m IN told AND NOT coalesce(u.disabled, false) AND u.id <> coalesce($scope.user, '')
    AND u.role IN $referralStatusRoles
  WITH r, told, collect(DISTINCT u) AS recipients
  CREATE (a:Alert {id: $alertId, kind: 'REFERRAL_' + r.status, urgent: false, subjectType: 'Referral',
                   subjectId: r.id, createdAt: datetime()})
  WITH a, recipients, told AS orgs
"""
    + ADD_RECIPIENTS
    + """
}
"""
)

# Embedded in report intake (graph/reports), after ``rep`` and its governorate ``g``: an URGENT report, or one
# where minors are at risk, reaches the authority's coordinators and, among the organisations with an active
# service covering that governorate, only those that may open the report (the one whose member submitted it):
# an alert never points to something its recipient cannot open. Only the report's opaque id travels.
URGENT_REPORT_OUTBOX = (
    """
WITH rep, g
CALL (rep, g) {
  WITH rep, g WHERE rep.urgency = 'URGENT' OR rep.minorsInvolved
  OPTIONAL MATCH (g)<-[:COVERS]-(:Service {status: 'ACTIVE'})-[:PROVIDED_BY]->(o:Organization)
  WHERE rep.submittedByOrg IS NOT NULL AND o.id = rep.submittedByOrg
  WITH rep, collect(DISTINCT o) AS orgs
  OPTIONAL MATCH (u:User)
  WHERE NOT coalesce(u.disabled, false)
    AND (u.role IN $authorityRoles OR EXISTS { MATCH (u)-[:MEMBER_OF]->(m:Organization) WHERE m IN orgs })
  WITH rep, orgs, collect(u) AS recipients
  CREATE (a:Alert {id: randomUUID(), kind: 'URGENT_REPORT', urgent: true, subjectType: 'Report',
                   subjectId: rep.id, createdAt: datetime()})
  WITH a, recipients, orgs
"""
    + ADD_RECIPIENTS
    + """
}
"""
)

# Embedded where an anonymous reporter writes (graph/reports), after ``rep``: the authority hears of it.
# Every statement embedding an outbox fragment takes ``**recipient_roles()`` among its parameters.
REPORTER_MESSAGE_OUTBOX = (
    """
WITH rep, m
CALL (rep) {
  OPTIONAL MATCH (u:User)
  WHERE u.role IN $authorityRoles AND NOT coalesce(u.disabled, false)
  WITH rep, collect(u) AS recipients
  CREATE (a:Alert {id: randomUUID(), kind: 'REPORTER_MESSAGE', urgent: false, subjectType: 'Report',
                   subjectId: rep.id, createdAt: datetime()})
  WITH a, recipients, [] AS orgs
"""
    + ADD_RECIPIENTS
    + """
}
"""
)

# Embedded in a court's acknowledgement (graph/transmissions), after ``t`` and ``pending``: the authority hears.
TRANSMISSION_ACKNOWLEDGED_OUTBOX = (
    """
WITH t, court, rep, pending
CALL (t, pending) {
  WITH t WHERE pending
  OPTIONAL MATCH (u:User)
  WHERE u.role IN $authorityRoles AND NOT coalesce(u.disabled, false)
  WITH t, collect(u) AS recipients
  CREATE (a:Alert {id: randomUUID(), kind: 'TRANSMISSION_ACKNOWLEDGED', urgent: false,
                   subjectType: 'Transmission', subjectId: t.id, createdAt: datetime()})
  WITH a, recipients, [] AS orgs
"""
    + ADD_RECIPIENTS
    + """
}
"""
)


# Embedded where a service's free capacity changes (graph/services): when it falls to the threshold or below
# (crossing it, so a service sitting at zero does not alert on every update), the coordinators hear of it.
# Expects ``s`` (the service) and ``before`` (its free capacity before the change), and $capacityThreshold.
CAPACITY_LOW_OUTBOX = (
    """
CALL (s, before) {
  WITH s, before
  WHERE before > $capacityThreshold AND s.capacityAvailable <= $capacityThreshold
  OPTIONAL MATCH (u:User)
  WHERE u.role IN $authorityRoles AND NOT coalesce(u.disabled, false)
  WITH s, collect(u) AS recipients
  CREATE (a:Alert {id: randomUUID(), kind: 'CAPACITY_LOW', urgent: false, subjectType: 'Service',
                   subjectId: s.id, createdAt: datetime()})
  WITH a, recipients, [] AS orgs
"""
    + ADD_RECIPIENTS
    + """
}
"""
)


# Qualified reports still not transmitted after the deadline: the authority hears of each once.
RAISE_OVERDUE_TRANSMISSIONS = (
    """
MATCH (rep:Report)
// unscoped: the alert worker (system): the recipients are chosen by permission
WHERE rep.status IN ['UNDER_REVIEW', 'LINKED_TO_CASE'] AND rep.qualifiedAt IS NOT NULL
  AND rep.qualifiedAt + duration({days: $deadlineDays}) < datetime()
  AND NOT EXISTS { MATCH (:Alert {subjectId: rep.id, kind: 'TRANSMISSION_OVERDUE'}) }
WITH rep ORDER BY rep.qualifiedAt, rep.id LIMIT $limit
SET rep._lock = true
REMOVE rep._lock
WITH rep
WHERE NOT EXISTS { MATCH (:Alert {subjectId: rep.id, kind: 'TRANSMISSION_OVERDUE'}) }
CALL () {
  OPTIONAL MATCH (n:User)
  WHERE n.role IN $nationalRoles AND NOT coalesce(n.disabled, false)
  RETURN collect(n) AS recipients
}
CREATE (a:Alert {id: randomUUID(), kind: 'TRANSMISSION_OVERDUE', urgent: false, subjectType: 'Report',
                 subjectId: rep.id, createdAt: datetime()})
WITH a, recipients, [] AS orgs
"""
    + ADD_RECIPIENTS
    + """
RETURN count(a) AS raised
"""
)


# Referrals still pending after the configured time: the sending organisation's coordinators and case workers
# and the authority hear of it, once (the referral is locked, then the absence of an earlier alert re-checked).
ESCALATE_UNANSWERED_REFERRALS = (
    """
MATCH (r:Referral {status: 'PENDING'})
// unscoped: the alert worker (system): the recipients are chosen by permission
WHERE r.createdAt <= $cutoff
  AND NOT EXISTS { MATCH (:Alert {subjectId: r.id, kind: 'REFERRAL_UNANSWERED'}) }
WITH r ORDER BY r.createdAt, r.id LIMIT $limit
SET r._lock = true
REMOVE r._lock
WITH r
WHERE r.status = 'PENDING' AND NOT EXISTS { MATCH (:Alert {subjectId: r.id, kind: 'REFERRAL_UNANSWERED'}) }
MATCH (r)-[:FOR_CASE]->(:Case)-[:OWNED_BY]->(sender:Organization)
CALL (sender) {
  OPTIONAL MATCH (u:User)-[:MEMBER_OF]->(sender)
  WHERE u.role IN $referralRoles AND NOT coalesce(u.disabled, false)
  RETURN collect(u) AS senders
}
CALL () {
  OPTIONAL MATCH (n:User)
  WHERE n.role IN $nationalRoles AND NOT coalesce(n.disabled, false)
  RETURN collect(n) AS authority
}
CREATE (a:Alert {id: randomUUID(), kind: 'REFERRAL_UNANSWERED', urgent: r.urgency = 'URGENT',
                 subjectType: 'Referral', subjectId: r.id, createdAt: datetime()})
WITH a, senders + authority AS recipients, [sender] AS orgs
"""
    + ADD_RECIPIENTS
    + """
RETURN count(a) AS raised
"""
)

# Urgent alerts nobody acknowledged in time reach the national roles (the same alert, so one id end to end).
ESCALATE_URGENT_ALERTS = (
    """
MATCH (a:Alert {urgent: true})
WHERE a.createdAt <= $cutoff AND a.escalatedAt IS NULL
  AND NOT EXISTS { MATCH (a)-[f:FOR_USER]->(:User) WHERE f.acknowledgedAt IS NOT NULL }
WITH a ORDER BY a.createdAt, a.id LIMIT $limit
SET a._lock = true
REMOVE a._lock
WITH a
WHERE a.escalatedAt IS NULL
SET a.escalatedAt = datetime()
WITH a
CALL () {
  OPTIONAL MATCH (n:User)
  WHERE n.role IN $nationalRoles AND NOT coalesce(n.disabled, false)
  RETURN collect(n) AS recipients
}
WITH a, recipients, [] AS orgs
"""
    + ADD_RECIPIENTS
    + """
RETURN count(a) AS escalated
"""
)

# The dispatcher's claim: due deliveries (or ones whose lease ran out: a dispatcher died) are locked by a write
# before their state is read again, so two dispatchers never both take one. One statement, one round trip.
CLAIM_DUE = """
CALL () {
  MATCH (d:Delivery {status: 'PENDING'})
  WHERE d.nextAttemptAt <= $now
  RETURN d.id AS candidate, d.nextAttemptAt AS due
  UNION
  MATCH (d:Delivery {status: 'SENDING'})
  WHERE d.leaseUntil <= $now
  RETURN d.id AS candidate, d.leaseUntil AS due
}
WITH candidate, due ORDER BY due, candidate LIMIT $batch
MATCH (d:Delivery {id: candidate})
SET d._lock = true
REMOVE d._lock
WITH d
WHERE (d.status = 'PENDING' AND d.nextAttemptAt <= $now) OR (d.status = 'SENDING' AND d.leaseUntil <= $now)
SET d.status = 'SENDING', d.leaseOwner = $owner, d.leaseUntil = $leaseUntil, d.claimedAt = $now
WITH d
MATCH (d)-[:OF_ALERT]->(a:Alert)
OPTIONAL MATCH (d)-[:TO_DEVICE]->(dev:Device)
OPTIONAL MATCH (d)-[:TO_ORGANIZATION]->(o:Organization)
OPTIONAL MATCH (o)-[:HAS_WEBHOOK]->(w:WebhookEndpoint)
RETURN d.id AS id, d.channel AS channel, d.attempts AS attempts, a.id AS alertId, a.kind AS kind,
       a.urgent AS urgent, a.subjectType AS subjectType, a.subjectId AS subjectId, a.createdAt AS createdAt,
       dev.token AS token, dev.tokenSealed AS tokenSealed, dev.tokenIndex AS tokenIndex,
       [(dev)-[:SEALED_WITH {field: 'token'}]->(dev_k:DataKey) | dev_k {.id, .kekId, .wrapped}][0] AS tokenKey,
       dev.locale AS locale, dev.platform AS platform,
       o.id AS organizationId, o.code AS organizationCode, w.url AS webhookUrl, w.secret AS webhookSecret,
       w.secretSealed AS webhookSecretSealed,
       [(w)-[:SEALED_WITH {field: 'secret'}]->(w_k:DataKey) | w_k {.id, .kekId, .wrapped}][0] AS webhookKey
"""

# Results of one batch. Only the holder of the lease may record them (a dispatcher whose lease ran out and
# was overtaken records nothing: the one that took over will).
RECORD_RESULTS = """
UNWIND $results AS res
MATCH (d:Delivery {id: res.id})
WHERE d.status = 'SENDING' AND d.leaseOwner = $owner
SET d.status = res.status, d.attempts = res.attempts, d.lastError = res.error,
    d.channel = coalesce(res.channel, d.channel),
    d.nextAttemptAt = coalesce(res.nextAttemptAt, d.nextAttemptAt), d.sentAt = res.sentAt,
    d.leaseOwner = null, d.leaseUntil = null, d.updatedAt = datetime()
RETURN count(d) AS recorded
"""

# Tokens FCM reported as no longer registered: the device goes, with the push deliveries still queued for it.
FORGET_DEAD_DEVICES = """
UNWIND $tokenIndexes AS tokenIndex
MATCH (dev:Device {tokenIndex: tokenIndex})
CALL (dev) {
  MATCH (dev)<-[:TO_DEVICE]-(x:Delivery {status: 'PENDING'})
  DETACH DELETE x
}
CALL (dev) {
  MATCH (dev)-[:SEALED_WITH]->(k:DataKey)
  DETACH DELETE k
}
DETACH DELETE dev
RETURN count(*) AS removed
"""

# A token another account holds stays theirs (``heldElsewhere``: nothing changes). A user keeps at most
# ``$keep`` + 1 devices: registering one more forgets the least recently registered (and its queued pushes).
REGISTER_DEVICE = """
MATCH (u:User {id: $scope.user})
WHERE NOT coalesce(u.disabled, false)
MERGE (dev:Device {tokenIndex: $tokenIndex})
ON CREATE SET dev.id = randomUUID(), dev.createdAt = datetime(), dev.tokenSealed = $tokenSealed, dev.fresh = true
SET dev._lock = true
REMOVE dev._lock
WITH u, dev, EXISTS { MATCH (dev)<-[:HAS_DEVICE]-(other:User) WHERE other <> u } AS heldElsewhere
CALL (u, dev, heldElsewhere) {
  WITH u, dev, heldElsewhere WHERE NOT heldElsewhere
  FOREACH (_ IN CASE WHEN dev.fresh THEN [1] ELSE [] END |
    CREATE (dev)-[:SEALED_WITH {field: 'token'}]->(:DataKey {id: $tokenKey.id, kekId: $tokenKey.kekId,
                                                              wrapped: $tokenKey.wrapped, createdAt: datetime()}))
  SET dev.platform = $platform, dev.locale = $locale, dev.updatedAt = datetime()
  REMOVE dev.fresh
  MERGE (u)-[:HAS_DEVICE]->(dev)
  WITH u, dev
  CALL (u, dev) {
    MATCH (u)-[:HAS_DEVICE]->(old:Device)
    WHERE old <> dev
    WITH old ORDER BY old.updatedAt DESC, old.id SKIP $keep
    OPTIONAL MATCH (old)<-[:TO_DEVICE]-(x:Delivery {status: 'PENDING'})
    OPTIONAL MATCH (old)-[:SEALED_WITH]->(k:DataKey)
    DETACH DELETE x, k, old
  }
}
RETURN heldElsewhere, dev {.id, .platform, .locale, registeredAt: dev.createdAt} AS device
"""

UNREGISTER_DEVICE = """
MATCH (:User {id: $scope.user})-[:HAS_DEVICE]->(dev:Device {tokenIndex: $tokenIndex})
CALL (dev) {
  MATCH (dev)<-[:TO_DEVICE]-(x:Delivery {status: 'PENDING'})
  DETACH DELETE x
}
CALL (dev) {
  MATCH (dev)-[:SEALED_WITH]->(k:DataKey)
  DETACH DELETE k
}
DETACH DELETE dev
RETURN count(*) AS removed
"""

ALERT_PROJECTION = """a {.id, .kind, .urgent, .subjectType, .subjectId, createdAt: a.createdAt,
    acknowledgedAt: f.acknowledgedAt, escalatedAt: a.escalatedAt,
    deliveries: [(a)<-[:OF_ALERT]-(x:Delivery)-[:TO_DEVICE]->(:Device)<-[:HAS_DEVICE]-(me) |
                 x {.id, .channel, .status, .attempts, sentAt: x.sentAt}]}"""

# The caller's own alerts, unacknowledged first, newest first.
LIST_MY_ALERTS = (
    """
MATCH (a:Alert)-[f:FOR_USER]->(me:User {id: $scope.user})
WHERE NOT $unreadOnly OR f.acknowledgedAt IS NULL
WITH a, f, me
ORDER BY CASE WHEN f.acknowledgedAt IS NULL THEN 0 ELSE 1 END, a.createdAt DESC, a.id DESC
LIMIT $limit
RETURN """
    + ALERT_PROJECTION
    + """ AS alert
"""
)

ACKNOWLEDGE_ALERT = (
    """
MATCH (a:Alert {id: $id})-[f:FOR_USER]->(me:User {id: $scope.user})
SET f.acknowledgedAt = coalesce(f.acknowledgedAt, datetime())
RETURN """
    + ALERT_PROJECTION
    + """ AS alert
"""
)

# Dead letters are the authority's to look at: national scope only, checked here as well as in the rules.
LIST_DEAD_LETTERS = """
MATCH (d:Delivery {status: 'DEAD'})-[:OF_ALERT]->(a:Alert)
WHERE $scope.national
WITH d, a ORDER BY d.updatedAt DESC, d.id DESC LIMIT $limit
RETURN d {.id, .channel, .attempts, .lastError, alertId: a.id, kind: a.kind, createdAt: d.createdAt,
          deadAt: d.updatedAt, organizationCode: [(d)-[:TO_ORGANIZATION]->(o:Organization) | o.code][0]} AS item
"""

# Webhook endpoints: national roles for any organisation, members for their own.
SET_WEBHOOK = """
MATCH (o:Organization {code: $code})
WHERE $scope.national OR o.id = $scope.org
MERGE (w:WebhookEndpoint {organizationId: o.id})
ON CREATE SET w.id = randomUUID(), w.createdAt = datetime()
MERGE (o)-[:HAS_WEBHOOK]->(w)
SET w.url = $url, w.secretSealed = $secretSealed, w.secretRotatedAt = datetime(), w.updatedAt = datetime()
REMOVE w.secret
WITH o, w
CALL (w) {
  MATCH (w)-[:SEALED_WITH {field: 'secret'}]->(old:DataKey)
  DETACH DELETE old
}
CREATE (w)-[:SEALED_WITH {field: 'secret'}]->(:DataKey {id: $secretKey.id, kekId: $secretKey.kekId,
                                                        wrapped: $secretKey.wrapped, createdAt: datetime()})
RETURN o.code AS organizationCode, w.url AS url
"""

ROTATE_WEBHOOK_KEY = """
MATCH (o:Organization {code: $code})-[:HAS_WEBHOOK]->(w:WebhookEndpoint)
WHERE $scope.national OR o.id = $scope.org
SET w.secretSealed = $secretSealed, w.secretRotatedAt = datetime(), w.updatedAt = datetime()
REMOVE w.secret
WITH o, w
CALL (w) {
  MATCH (w)-[:SEALED_WITH {field: 'secret'}]->(old:DataKey)
  DETACH DELETE old
}
CREATE (w)-[:SEALED_WITH {field: 'secret'}]->(:DataKey {id: $secretKey.id, kekId: $secretKey.kekId,
                                                        wrapped: $secretKey.wrapped, createdAt: datetime()})
RETURN o.code AS organizationCode, w.url AS url
"""

OUTBOX_BACKLOG = """
MATCH (d:Delivery)
WHERE d.status IN ['PENDING', 'SENDING']
RETURN count(d) AS backlog
"""


async def claim_due(graph: Graph, *, owner: str, now: dt.datetime, lease_until: dt.datetime,
                    batch: int) -> list[Record]:
    return await graph.write(CLAIM_DUE, {"owner": owner, "now": now, "leaseUntil": lease_until, "batch": batch})


async def record_results(graph: Graph, *, owner: str, results: list[dict[str, Any]]) -> int:
    row = await graph.write_one(RECORD_RESULTS, {"owner": owner, "results": results})
    return int(row["recorded"]) if row else 0


async def remove_devices_by_token(graph: Graph, token_indexes: list[str]) -> None:
    """Forget the devices of these token indexes (keyed hashes of tokens FCM no longer knows)."""
    await graph.write(FORGET_DEAD_DEVICES, {"tokenIndexes": token_indexes})


async def escalate_unanswered_referrals(graph: Graph, *, cutoff: dt.datetime, limit: int) -> int:
    row = await graph.write_one(ESCALATE_UNANSWERED_REFERRALS, {
        "cutoff": cutoff, "limit": limit, **recipient_roles()})
    return int(row["raised"]) if row else 0


async def raise_overdue_transmissions(graph: Graph, *, deadline_days: int, limit: int) -> int:
    row = await graph.write_one(RAISE_OVERDUE_TRANSMISSIONS, {
        "deadlineDays": deadline_days, "limit": limit, **recipient_roles()})
    return int(row["raised"]) if row else 0


async def escalate_urgent_alerts(graph: Graph, *, cutoff: dt.datetime, limit: int) -> int:
    row = await graph.write_one(ESCALATE_URGENT_ALERTS, {
        "cutoff": cutoff, "limit": limit, **recipient_roles()})
    return int(row["escalated"]) if row else 0


async def register_device(graph: Graph, scope: Scope, *, token_index: str, token_sealed: str,
                          token_key: dict[str, str], platform: str, locale: str, keep: int) -> Record | None:
    """The device, ``{"heldElsewhere": True}`` when another account holds the token, None for no such user."""
    row = await graph.write_one(REGISTER_DEVICE, {"tokenIndex": token_index, "tokenSealed": token_sealed,
                                                  "tokenKey": token_key, "platform": platform, "locale": locale,
                                                  "keep": keep, **scope.params()})
    if row is None:
        return None
    if row["heldElsewhere"]:
        return {"heldElsewhere": True}
    device: Record = row["device"]
    return device


async def unregister_device(graph: Graph, scope: Scope, token_index: str) -> bool:
    rows = await graph.write(UNREGISTER_DEVICE, {"tokenIndex": token_index, **scope.params()})
    return bool(rows and rows[0]["removed"])


async def list_my_alerts(graph: Graph, scope: Scope, *, unread_only: bool, limit: int) -> list[Record]:
    rows = await graph.read(LIST_MY_ALERTS, {"unreadOnly": unread_only, "limit": limit, **scope.params()})
    return [row["alert"] for row in rows]


async def acknowledge_alert(graph: Graph, scope: Scope, alert_id: str) -> Record | None:
    row = await graph.write_one(ACKNOWLEDGE_ALERT, {"id": alert_id, **scope.params()})
    return row["alert"] if row else None


async def list_dead_letters(graph: Graph, scope: Scope, *, limit: int) -> list[Record]:
    rows = await graph.read(LIST_DEAD_LETTERS, {"limit": limit, **scope.params()})
    return [row["item"] for row in rows]


async def set_webhook(graph: Graph, scope: Scope, *, code: str, url: str, secret_sealed: str,
                      secret_key: dict[str, str]) -> Record | None:
    return await graph.write_one(SET_WEBHOOK, {"code": code, "url": url, "secretSealed": secret_sealed,
                                               "secretKey": secret_key, **scope.params()})


async def rotate_webhook_secret(graph: Graph, scope: Scope, *, code: str, secret_sealed: str,
                                secret_key: dict[str, str]) -> Record | None:
    return await graph.write_one(ROTATE_WEBHOOK_KEY, {"code": code, "secretSealed": secret_sealed,
                                                      "secretKey": secret_key, **scope.params()})


async def outbox_backlog(graph: Graph) -> int:
    row = await graph.read_one(OUTBOX_BACKLOG)
    return int(row["backlog"]) if row else 0
