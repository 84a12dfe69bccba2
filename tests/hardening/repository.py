"""Cypher the hardening tests use to read the store directly."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

RATE_COUNTERS = "MATCH (c:RateCounter) RETURN c {.*} AS counter"


async def rate_counters(graph: Graph) -> list[dict[str, Any]]:
    return [row["counter"] for row in await graph.read(RATE_COUNTERS)]

EVERY_VALUE = """
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
"""

LEGACY_SECRETS = """
MATCH (u:User {id: $userId})
MATCH (c:Case {id: $caseId})
MATCH (r:Referral {id: $referralId})
MATCH (o:Organization {code: $orgCode})
SET u.totpSecret = $totp, c.closeReason = $reason, r.note = $note
REMOVE u.totpSecretSealed, c.closeReasonSealed, r.noteSealed
MERGE (w:WebhookEndpoint {organizationId: o.id})
  ON CREATE SET w.id = randomUUID(), w.createdAt = datetime()
MERGE (o)-[:HAS_WEBHOOK]->(w)
SET w.url = 'https://hooks.example.org/x', w.secret = $webhookSecret
CREATE (u)-[:HAS_DEVICE]->(:Device {id: randomUUID(), token: $token, platform: 'ANDROID', locale: 'fr',
                                    createdAt: datetime(), updatedAt: datetime()})
CREATE (:ProtectionMeasure {id: randomUUID(), kind: 'RELOCATION', status: 'ACTIVE', responsibleBody: 'Garde',
                            note: $measureNote, createdAt: datetime(), updatedAt: datetime()})
"""

KEK_IDS = "MATCH (k:DataKey) RETURN collect(DISTINCT k.kekId) AS keks, count(k) AS keys"


async def every_value(graph: Graph) -> str:
    """Every property of every node, as one string to search for plaintext."""
    return str([row for row in await graph.read(EVERY_VALUE) if "AuditEvent" not in row["labels"]])


async def write_legacy_secrets(graph: Graph, params: dict[str, Any]) -> None:
    await graph.write(LEGACY_SECRETS, params)


async def kek_ids(graph: Graph) -> tuple[list[str], int]:
    row = await graph.read_one(KEK_IDS)
    assert row is not None
    return list(row["keks"]), int(row["keys"])

ALL_EVENTS = "MATCH (e:AuditEvent) RETURN properties(e) AS event ORDER BY e.seq"

REWRITE_EVENT = """
MATCH (e:AuditEvent {seq: $seq})
SET e = $event
"""

REWRITE_HEAD = """
MATCH (h:AuditHead {id: 'main'})
SET h.seq = $seq, h.lastHash = $hash
"""


async def all_events(graph: Graph) -> list[dict[str, Any]]:
    return [row["event"] for row in await graph.read(ALL_EVENTS)]


async def rewrite_event(graph: Graph, event: dict[str, Any]) -> None:
    await graph.write(REWRITE_EVENT, {"seq": event["seq"], "event": event})


async def rewrite_head(graph: Graph, seq: int, head_hash: str) -> None:
    await graph.write(REWRITE_HEAD, {"seq": seq, "hash": head_hash})
