"""Cypher the ops tests use: what the database holds, and emptying it."""

from __future__ import annotations

from graph.db import Graph

COUNTS = """
MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->()
RETURN nodes, count(r) AS relationships
"""

LABEL_COUNTS = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"

DELETE_EVERYTHING = "MATCH (n) DETACH DELETE n"


async def counts(graph: Graph) -> tuple[int, int, list[tuple[str, int]]]:
    row = await graph.read_one(COUNTS)
    assert row is not None
    labels = [(str(r["label"]), int(r["n"])) for r in await graph.read(LABEL_COUNTS)]
    return int(row["nodes"]), int(row["relationships"]), labels


async def delete_everything(graph: Graph) -> None:
    await graph.write(DELETE_EVERYTHING)
