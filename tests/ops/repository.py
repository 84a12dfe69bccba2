"""Cypher the ops tests use: what the database holds, and emptying it."""

from __future__ import annotations

from typing import Any

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

# A TOTP seed as an older version stored it: in clear on the User node.
PLANT_LEGACY_TOTP = """
CREATE (u:User {id: randomUUID(), username: $username, role: 'ADMIN', disabled: false, totpSecret: $secret})
RETURN u.id AS id
"""
USER_BY_NAME = "MATCH (u:User {username: $username}) RETURN properties(u) AS props"
DATA_KEYS = "MATCH (k:DataKey) RETURN k.id AS id, k.kekId AS kekId ORDER BY k.id"


async def plant_legacy_totp(graph: Graph, username: str, secret: str) -> str:
    row = await graph.write_one(PLANT_LEGACY_TOTP, {"username": username, "secret": secret})
    assert row is not None
    return str(row["id"])


async def user_by_name(graph: Graph, username: str) -> dict[str, Any]:
    row = await graph.read_one(USER_BY_NAME, {"username": username})
    assert row is not None
    props: dict[str, Any] = row["props"]
    return props


async def data_keys(graph: Graph) -> list[dict[str, Any]]:
    return await graph.read(DATA_KEYS)
