"""Cypher for data keys: re-wrapping under a new key-encryption key, and retention purges (crypto-shredding)."""

from __future__ import annotations

from typing import Any

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
