"""Cypher for readiness: is Neo4j answering, and is every migration applied?"""

from __future__ import annotations

from graph.db import Graph

COUNT_APPLIED = "MATCH (m:Migration) WHERE m.version IN $versions RETURN count(m) AS applied"

SERVER_VERSION = "CALL dbms.components() YIELD name, versions RETURN name, versions[0] AS version"


async def applied_count(graph: Graph, versions: list[int]) -> int:
    row = await graph.read_one(COUNT_APPLIED, {"versions": versions})
    return int(row["applied"]) if row else 0


async def server_version(graph: Graph) -> str | None:
    row = await graph.read_one(SERVER_VERSION)
    return str(row["version"]) if row else None
