"""Cypher for identifiers: shared nodes keyed by a blind index (HMAC of the normalised value), value sealed.

Two cases that mention the same phone meet at one ``(:Identifier)``; its value is stored only sealed under the
identifier's own data key, and its blind index never leaves the database (no projection returns it).
"""

from __future__ import annotations

from typing import Any

from graph.access.repository import CASE_VISIBLE, IDENTIFIER_VISIBLE, PERPETRATOR_VISIBLE
from graph.access.scope import Scope
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record, Transaction

# Expects ``row`` ({id, kind, platform, blindIndex, sealed, key}); yields ``i``. The first mention creates the node
# and its data key; later mentions (any organisation) find the same node and leave its value alone.
MERGE_IDENTIFIER = """
// unscoped: a fragment; the statements embedding it match the case or perpetrator within the caller's scope
MERGE (i:Identifier {blindIndex: row.blindIndex})
ON CREATE SET i.id = row.id, i.kind = row.kind, i.platform = row.platform, i.valueSealed = row.sealed,
              i.createdAt = datetime(), i.updatedAt = datetime(), i.fresh = true
WITH *, coalesce(i.fresh, false) AS fresh
REMOVE i.fresh
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
  CREATE (i)-[:SEALED_WITH]->(:DataKey {id: row.key.id, kekId: row.key.kekId, wrapped: row.key.wrapped,
                                         createdAt: datetime()}))
"""

# Other cases an identifier appears in (directly, or through a perpetrator using it), without naming them.
OTHER_CASES = """COUNT {
    // unscoped: a count only; the other cases are never named
    MATCH (o:Case)-[:MENTIONS]->(i) WHERE o <> c RETURN o AS o
    UNION
    MATCH (o:Case)-[:INVOLVES]->(:Perpetrator)-[:USES]->(i) WHERE o <> c RETURN o AS o
  }"""

IDENTIFIER_PROJECTION = "i {.id, .kind, .platform, .valueSealed, createdAt: i.createdAt}"
KEY_PROJECTION = "CASE WHEN dk IS NULL THEN null ELSE {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} END"

ATTACH_TO_CASE = (
    CHANGE_TICK
    + """
MATCH (c:Case {id: $caseId})
WHERE """
    + CASE_VISIBLE
    + """
UNWIND $rows AS row
"""
    + MERGE_IDENTIFIER
    + """
MERGE (c)-[m:MENTIONS]->(i)
ON CREATE SET m.addedAt = datetime(), m.addedBy = $scope.user, m.addedByOrg = $scope.org
SET c.updatedAt = datetime(), c.syncSeq = """ + CHANGE_SEQ + """
RETURN i.id AS id
"""
)

ATTACH_TO_PERPETRATOR = (
    """
MATCH (p:Perpetrator {id: $perpetratorId})
WHERE """
    + PERPETRATOR_VISIBLE
    + """
UNWIND $rows AS row
"""
    + MERGE_IDENTIFIER
    + """
MERGE (p)-[u:USES]->(i)
ON CREATE SET u.addedAt = datetime(), u.addedBy = $scope.user, u.addedByOrg = $scope.org
SET p.updatedAt = datetime()
RETURN i.id AS id
"""
)

# The identifiers of visible cases: mentioned directly, and used by the case's perpetrators.
IDENTIFIERS_OF_CASES = (
    """
UNWIND $ids AS wanted
MATCH (c:Case {id: wanted})
WHERE """
    + CASE_VISIBLE
    + """
CALL (c) {
  MATCH (c)-[:MENTIONS]->(i:Identifier)
  RETURN i, null AS perpetratorId
  UNION
  MATCH (c)-[:INVOLVES]->(p:Perpetrator)-[:USES]->(i:Identifier)
  RETURN i, p.id AS perpetratorId
}
OPTIONAL MATCH (i)-[:SEALED_WITH]->(dk:DataKey)
RETURN c.id AS ownerId, perpetratorId, """
    + IDENTIFIER_PROJECTION
    + """ AS identifier, """
    + KEY_PROJECTION
    + """ AS key, """
    + OTHER_CASES
    + """ AS otherCases
ORDER BY i.kind, i.createdAt, i.id
"""
)

# The identifiers visible perpetrators use; counted against every case involving the perpetrator.
IDENTIFIERS_OF_PERPETRATORS = (
    """
UNWIND $ids AS wanted
MATCH (p:Perpetrator {id: wanted})
WHERE """
    + PERPETRATOR_VISIBLE
    + """
MATCH (p)-[:USES]->(i:Identifier)
OPTIONAL MATCH (i)-[:SEALED_WITH]->(dk:DataKey)
RETURN p.id AS ownerId, """
    + IDENTIFIER_PROJECTION
    + """ AS identifier, """
    + KEY_PROJECTION
    + """ AS key,
       COUNT { MATCH (o:Case)-[:MENTIONS]->(i) WHERE NOT EXISTS { MATCH (o)-[:INVOLVES]->(p) } RETURN o AS o
               UNION
               MATCH (o:Case)-[:INVOLVES]->(:Perpetrator)-[:USES]->(i) WHERE NOT EXISTS { MATCH (o)-[:INVOLVES]->(p) }
               RETURN o AS o } AS otherCases
ORDER BY i.kind, i.createdAt, i.id
"""
)

IDENTIFIER_BY_ID = (
    """
MATCH (i:Identifier {id: $id})
WHERE """
    + IDENTIFIER_VISIBLE
    + """
OPTIONAL MATCH (i)-[:SEALED_WITH]->(dk:DataKey)
RETURN """
    + IDENTIFIER_PROJECTION
    + """ AS identifier, """
    + KEY_PROJECTION
    + """ AS key,
       COUNT { MATCH (o:Case)-[:MENTIONS]->(i) RETURN o AS o
               UNION MATCH (o:Case)-[:INVOLVES]->(:Perpetrator)-[:USES]->(i) RETURN o AS o } AS cases
"""
)


async def attach_to_case(tx: Transaction, scope: Scope, case_id: str, rows: list[dict[str, Any]]) -> list[str]:
    found = await tx.run(ATTACH_TO_CASE, {"caseId": case_id, "rows": rows, **scope.params()})
    return [row["id"] for row in found]


async def attach_to_perpetrator(tx: Transaction, scope: Scope, perpetrator_id: str,
                                rows: list[dict[str, Any]]) -> list[str]:
    found = await tx.run(ATTACH_TO_PERPETRATOR, {"perpetratorId": perpetrator_id, "rows": rows, **scope.params()})
    return [row["id"] for row in found]


async def identifiers_of_cases(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return await graph.read(IDENTIFIERS_OF_CASES, {"ids": ids, **scope.params()})


async def identifiers_of_perpetrators(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return await graph.read(IDENTIFIERS_OF_PERPETRATORS, {"ids": ids, **scope.params()})


async def identifier_by_id(graph: Graph, scope: Scope, identifier_id: str) -> Record | None:
    return await graph.read_one(IDENTIFIER_BY_ID, {"id": identifier_id, **scope.params()})
