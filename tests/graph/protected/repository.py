"""Test-only Cypher: read what Neo4j holds about identities and data keys."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

EVERYTHING = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
DATA_KEYS = "MATCH (dk:DataKey) RETURN properties(dk) AS props"


async def everything(graph: Graph) -> list[dict[str, Any]]:
    return await graph.read(EVERYTHING)


async def data_keys(graph: Graph) -> list[dict[str, Any]]:
    return [row["props"] for row in await graph.read(DATA_KEYS)]

CLOSE_CASES_LONG_AGO = """
MATCH (c:Case)-[:CONCERNS]->(v:Victim {alias: $alias})
SET c.status = 'CLOSED', c.closedAt = datetime() - duration({days: $days})
"""


async def close_cases_long_ago(graph: Graph, alias: str, days: int) -> None:
    await graph.write(CLOSE_CASES_LONG_AGO, {"alias": alias, "days": days})
