"""Cypher for data keys: re-wrapping under a new key-encryption key, and retention purges (crypto-shredding)."""

from __future__ import annotations

from typing import Any, LiteralString

from graph.db import Graph, Record

KEYS_WRAPPED_BY_OTHER_KEK = """
MATCH (dk:DataKey) WHERE dk.kekId <> $active
RETURN dk.id AS id, dk.kekId AS kekId, dk.wrapped AS wrapped
LIMIT $limit
"""

# Only rows still wrapped by the KEK we read them under are replaced, so a concurrent rotation never loses a key.
REWRAP = """
UNWIND $rows AS row
MATCH (dk:DataKey {id: row.id}) WHERE dk.kekId = row.oldKekId
SET dk.kekId = row.kekId, dk.wrapped = row.wrapped, dk.rewrappedAt = datetime()
RETURN count(dk) AS rewrapped
"""

# Identities of victims whose every case closed more than the retention period ago lose their data key.
PURGE_EXPIRED_IDENTITIES = """
MATCH (v:Victim)-[:HAS_IDENTITY]->(i:Identity)-[:SEALED_WITH]->(dk:DataKey)
// unscoped: the retention job (system): erases keys, reads nothing out
WHERE EXISTS { MATCH (v)<-[:CONCERNS]-(:Case) }
  AND ALL(c IN [(v)<-[:CONCERNS]-(c:Case) | c]
          WHERE c.status = 'CLOSED' AND c.closedAt IS NOT NULL
            AND c.closedAt < datetime() - duration({days: $retention_days}))
WITH i, dk LIMIT $limit
DETACH DELETE dk
REMOVE i.nameIndex, i.documentIndex, i.phoneIndex
SET i.shreddedAt = datetime(), i.shreddedBy = 'retention-purge'
RETURN count(i) AS purged
"""


async def keys_wrapped_by_other_kek(graph: Graph, active: str, limit: int) -> list[Record]:
    return await graph.read(KEYS_WRAPPED_BY_OTHER_KEK, {"active": active, "limit": limit})


async def rewrap(graph: Graph, rows: list[dict[str, Any]]) -> int:
    row = await graph.write_one(REWRAP, {"rows": rows})
    return int(row["rewrapped"]) if row else 0


async def purge_expired_identities(graph: Graph, retention_days: int, limit: int) -> int:
    row = await graph.write_one(PURGE_EXPIRED_IDENTITIES, {"retention_days": retention_days, "limit": limit})
    return int(row["purged"]) if row else 0


# ------------------------------------------------------------------ secrets stored before they were sealed
# Each pair reads a batch of nodes still holding a plaintext value, then replaces the value by its sealed form
# and a data key of its own, only where the plaintext is still the one read (a concurrent change wins).

LEGACY_TOTP = """
MATCH (u:User) WHERE u.totpSecret IS NOT NULL
RETURN u.id AS id, u.id AS subject, u.totpSecret AS plain
LIMIT $limit
"""

SEAL_LEGACY_TOTP = """
UNWIND $rows AS row
MATCH (u:User {id: row.id}) WHERE u.totpSecret = row.plain
SET u.totpSecretSealed = row.sealed
REMOVE u.totpSecret
CREATE (u)-[:SEALED_WITH {field: 'totpSecret'}]->(:DataKey {id: row.key.id, kekId: row.key.kekId,
                                                           wrapped: row.key.wrapped, createdAt: datetime()})
RETURN count(u) AS sealed
"""

LEGACY_WEBHOOK_SECRETS = """
MATCH (o:Organization)-[:HAS_WEBHOOK]->(w:WebhookEndpoint) WHERE w.secret IS NOT NULL
RETURN w.id AS id, 'webhook:' + o.code AS subject, w.secret AS plain
LIMIT $limit
"""

SEAL_LEGACY_WEBHOOK_SECRETS = """
UNWIND $rows AS row
MATCH (w:WebhookEndpoint {id: row.id}) WHERE w.secret = row.plain
SET w.secretSealed = row.sealed
REMOVE w.secret
CREATE (w)-[:SEALED_WITH {field: 'secret'}]->(:DataKey {id: row.key.id, kekId: row.key.kekId,
                                                       wrapped: row.key.wrapped, createdAt: datetime()})
RETURN count(w) AS sealed
"""

LEGACY_DEVICE_TOKENS = """
MATCH (dev:Device) WHERE dev.token IS NOT NULL
RETURN dev.id AS id, null AS subject, dev.token AS plain
LIMIT $limit
"""

SEAL_LEGACY_DEVICE_TOKENS = """
UNWIND $rows AS row
MATCH (dev:Device {id: row.id}) WHERE dev.token = row.plain
SET dev.tokenSealed = row.sealed, dev.tokenIndex = row.index
REMOVE dev.token
CREATE (dev)-[:SEALED_WITH {field: 'token'}]->(:DataKey {id: row.key.id, kekId: row.key.kekId,
                                                        wrapped: row.key.wrapped, createdAt: datetime()})
RETURN count(dev) AS sealed
"""

LEGACY_REFERRAL_NOTES = """
// unscoped: the start-up re-seal job (system): seals legacy plaintext in place, returns nothing to a caller
MATCH (r:Referral) WHERE r.note IS NOT NULL
RETURN r.id AS id, r.id AS subject, r.note AS plain
LIMIT $limit
"""

SEAL_LEGACY_REFERRAL_NOTES = """
// unscoped: the start-up re-seal job (system): seals legacy plaintext in place, returns nothing to a caller
UNWIND $rows AS row
MATCH (r:Referral {id: row.id}) WHERE r.note = row.plain
SET r.noteSealed = row.sealed
REMOVE r.note
CREATE (r)-[:SEALED_WITH {field: 'note'}]->(:DataKey {id: row.key.id, kekId: row.key.kekId,
                                                     wrapped: row.key.wrapped, createdAt: datetime()})
RETURN count(r) AS sealed
"""

LEGACY_CLOSE_REASONS = """
// unscoped: the start-up re-seal job (system): seals legacy plaintext in place, returns nothing to a caller
MATCH (c:Case) WHERE c.closeReason IS NOT NULL
RETURN c.id AS id, c.id AS subject, c.closeReason AS plain
LIMIT $limit
"""

SEAL_LEGACY_CLOSE_REASONS = """
// unscoped: the start-up re-seal job (system): seals legacy plaintext in place, returns nothing to a caller
UNWIND $rows AS row
MATCH (c:Case {id: row.id}) WHERE c.closeReason = row.plain
SET c.closeReasonSealed = row.sealed
REMOVE c.closeReason
CREATE (c)-[:SEALED_WITH {field: 'closeReason'}]->(:DataKey {id: row.key.id, kekId: row.key.kekId,
                                                            wrapped: row.key.wrapped, createdAt: datetime()})
RETURN count(c) AS sealed
"""

LEGACY_STATUS_REASONS = """
// unscoped: the start-up re-seal job (system): seals legacy plaintext in place, returns nothing to a caller
MATCH (c:Case) WHERE c.statusReason IS NOT NULL
RETURN c.id AS id, c.id AS subject, c.statusReason AS plain
LIMIT $limit
"""

SEAL_LEGACY_STATUS_REASONS = """
// unscoped: the start-up re-seal job (system): seals legacy plaintext in place, returns nothing to a caller
UNWIND $rows AS row
MATCH (c:Case {id: row.id}) WHERE c.statusReason = row.plain
SET c.statusReasonSealed = row.sealed
REMOVE c.statusReason
CREATE (c)-[:SEALED_WITH {field: 'statusReason'}]->(:DataKey {id: row.key.id, kekId: row.key.kekId,
                                                             wrapped: row.key.wrapped, createdAt: datetime()})
RETURN count(c) AS sealed
"""

# (field name, read statement, seal statement) for each kind of secret stored before sealing.
LEGACY_MEASURE_NOTES = """
// unscoped: the start-up re-seal job (system): seals legacy plaintext in place, returns nothing to a caller
MATCH (m:ProtectionMeasure) WHERE m.note IS NOT NULL
RETURN m.id AS id, m.id AS subject, m.note AS plain
LIMIT $limit
"""

SEAL_LEGACY_MEASURE_NOTES = """
// unscoped: the start-up re-seal job (system): seals legacy plaintext in place, returns nothing to a caller
UNWIND $rows AS row
MATCH (m:ProtectionMeasure {id: row.id}) WHERE m.note = row.plain
SET m.noteSealed = row.sealed
REMOVE m.note
CREATE (m)-[:SEALED_WITH {field: 'note'}]->(:DataKey {id: row.key.id, kekId: row.key.kekId,
                                                     wrapped: row.key.wrapped, createdAt: datetime()})
RETURN count(m) AS sealed
"""

LEGACY_FIELDS: tuple[tuple[str, LiteralString, LiteralString], ...] = (
    ("totpSecret", LEGACY_TOTP, SEAL_LEGACY_TOTP),
    ("secret", LEGACY_WEBHOOK_SECRETS, SEAL_LEGACY_WEBHOOK_SECRETS),
    ("token", LEGACY_DEVICE_TOKENS, SEAL_LEGACY_DEVICE_TOKENS),
    ("note", LEGACY_REFERRAL_NOTES, SEAL_LEGACY_REFERRAL_NOTES),
    ("note", LEGACY_MEASURE_NOTES, SEAL_LEGACY_MEASURE_NOTES),
    ("closeReason", LEGACY_CLOSE_REASONS, SEAL_LEGACY_CLOSE_REASONS),
    ("statusReason", LEGACY_STATUS_REASONS, SEAL_LEGACY_STATUS_REASONS),
)


async def legacy_plaintext(graph: Graph, query: LiteralString, limit: int) -> list[Record]:
    return await graph.read(query, {"limit": limit})


async def seal_legacy(graph: Graph, statement: LiteralString, rows: list[dict[str, Any]]) -> int:
    row = await graph.write_one(statement, {"rows": rows})
    return int(row["sealed"]) if row else 0
