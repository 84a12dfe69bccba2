"""Cypher the fault harness uses to check what survived: records by id, and how complete each one is."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

PRESENT = """
UNWIND $ids AS wanted
OPTIONAL MATCH (n {id: wanted})
WITH wanted, n
RETURN wanted AS id,
       n IS NOT NULL AS present,
       CASE
         WHEN n IS NULL THEN false
         WHEN n:Report THEN EXISTS { MATCH (n)-[:SEALED_WITH]->(:DataKey) } AND EXISTS { MATCH (n)-[:LOCATED_IN]->() }
         WHEN n:Case THEN EXISTS { MATCH (n)-[:OWNED_BY]->(:Organization) } AND EXISTS { MATCH (n)-[:CONCERNS]->() }
         WHEN n:Referral THEN EXISTS { MATCH (n)-[:FOR_CASE]->(:Case) } AND EXISTS { MATCH (n)-[:TO_SERVICE]->() }
              AND EXISTS { MATCH (a:Alert {subjectId: n.id}) }
         WHEN n:Consent THEN EXISTS { MATCH (n)-[:GIVEN_BY]->(:Victim) } AND EXISTS { MATCH (n)-[:GRANTS_TO]->() }
         ELSE true END AS complete
"""

DELIVERIES = "MATCH (d:Delivery) RETURN d.id AS id, d.status AS status, d.channel AS channel"

CONSENT_COUNT = "MATCH (c:Consent) RETURN count(c) AS consents"


async def presence(graph: Graph, ids: list[str]) -> dict[str, tuple[bool, bool]]:
    rows = await graph.read(PRESENT, {"ids": ids})
    return {str(row["id"]): (bool(row["present"]), bool(row["complete"])) for row in rows}


async def deliveries(graph: Graph) -> list[dict[str, Any]]:
    return await graph.read(DELIVERIES)


async def consent_count(graph: Graph) -> int:
    row = await graph.read_one(CONSENT_COUNT)
    return int(row["consents"]) if row else 0
