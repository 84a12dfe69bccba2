"""Cypher for retention: each kind of personal data with its period, counted (dry run) or erased in batches.

Sealed fields are erased by removing their ciphertext (a report keeps its own data key for what remains); the
identity of a victim is crypto-shredded (graph/protected). A report's clock starts when it reached a final state
(transmitted or closed as unfounded), taken as its last update.
"""

from __future__ import annotations

from typing import LiteralString

from graph.db import Graph

_FINAL_REPORT = """rep.status IN ['TRANSMITTED', 'CLOSED_UNFOUNDED']
  AND coalesce(rep.updatedAt, rep.receivedAt) < datetime() - duration({days: $days})"""

COUNT_IDENTITIES = """
// unscoped: the retention purge is a system job over every organisation
MATCH (v:Victim)-[:HAS_IDENTITY]->(i:Identity)-[:SEALED_WITH]->(:DataKey)
WHERE EXISTS { MATCH (v)<-[:CONCERNS]-(:Case) }
  AND ALL(c IN [(v)<-[:CONCERNS]-(c:Case) | c]
          WHERE c.status = 'CLOSED' AND c.closedAt IS NOT NULL AND c.closedAt < datetime() - duration({days: $days}))
RETURN count(i) AS count
"""

COUNT_NARRATIVES = "MATCH (rep:Report) WHERE rep.narrativeSealed IS NOT NULL AND " + _FINAL_REPORT + """
// unscoped: the retention purge is a system job over every organisation
RETURN count(rep) AS count
"""

PURGE_NARRATIVES = "MATCH (rep:Report) WHERE rep.narrativeSealed IS NOT NULL AND " + _FINAL_REPORT + """
// unscoped: the retention purge is a system job over every organisation
WITH rep LIMIT $limit
REMOVE rep.narrativeSealed
SET rep.narrativeErasedAt = datetime()
RETURN count(rep) AS count
"""

COUNT_CONTACTS = "MATCH (rep:Report) WHERE rep.reporterContactSealed IS NOT NULL AND " + _FINAL_REPORT + """
// unscoped: the retention purge is a system job over every organisation
RETURN count(rep) AS count
"""

PURGE_CONTACTS = "MATCH (rep:Report) WHERE rep.reporterContactSealed IS NOT NULL AND " + _FINAL_REPORT + """
// unscoped: the retention purge is a system job over every organisation
WITH rep LIMIT $limit
REMOVE rep.reporterContactSealed
SET rep.reporterContactErasedAt = datetime()
RETURN count(rep) AS count
"""

COUNT_MESSAGES = """
// unscoped: the retention purge is a system job over every organisation
MATCH (m:ReportMessage)
WHERE m.createdAt < datetime() - duration({days: $days})
RETURN count(m) AS count
"""

PURGE_MESSAGES = """
// unscoped: the retention purge is a system job over every organisation
MATCH (m:ReportMessage)
WHERE m.createdAt < datetime() - duration({days: $days})
WITH m LIMIT $limit
DETACH DELETE m
RETURN count(*) AS count
"""

COUNT_IDEMPOTENCY = """
MATCH (r:IdempotencyRecord)
WHERE r.expiresAt < datetime() OR r.createdAt < datetime() - duration({days: $days})
RETURN count(r) AS count
"""

PURGE_IDEMPOTENCY = """
MATCH (r:IdempotencyRecord)
WHERE r.expiresAt < datetime() OR r.createdAt < datetime() - duration({days: $days})
WITH r LIMIT $limit
DETACH DELETE r
RETURN count(*) AS count
"""

STATEMENTS: dict[str, tuple[LiteralString, LiteralString | None]] = {
    "identities": (COUNT_IDENTITIES, None),  # erased by graph/protected (crypto-shredding)
    "reportNarratives": (COUNT_NARRATIVES, PURGE_NARRATIVES),
    "reporterContacts": (COUNT_CONTACTS, PURGE_CONTACTS),
    "messages": (COUNT_MESSAGES, PURGE_MESSAGES),
    "idempotencyAnswers": (COUNT_IDEMPOTENCY, PURGE_IDEMPOTENCY),
}


async def count(graph: Graph, kind: str, days: int) -> int:
    row = await graph.read_one(STATEMENTS[kind][0], {"days": days})
    return int(row["count"]) if row else 0


async def purge(graph: Graph, kind: str, days: int, limit: int) -> int:
    statement = STATEMENTS[kind][1]
    assert statement is not None
    row = await graph.write_one(statement, {"days": days, "limit": limit})
    return int(row["count"]) if row else 0
