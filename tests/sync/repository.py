"""Test-only Cypher for sync tests: many victims at once, and reading tombstones."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

# Victims registered by an organisation in one statement: they share one updatedAt, so paging relies on the id.
MANY_VICTIMS = """
UNWIND range(1, $count) AS n
CREATE (v:Victim {id: randomUUID(), alias: 'V-' + toString(n), sex: 'UNKNOWN', birthDatePrecision: 'UNKNOWN',
    minor: false, languages: [], specialNeeds: [], registeredByOrg: $org, createdAt: datetime(),
    updatedAt: datetime(), version: 1})
RETURN collect(v.id) AS ids
"""

TOMBSTONES = "MATCH (t:Tombstone) RETURN t.entityType AS type, t.entityId AS id, t.organizationId AS org"


async def many_victims(graph: Graph, org: str, count: int) -> list[str]:
    row = await graph.write_one(MANY_VICTIMS, {"org": org, "count": count})
    assert row is not None
    return list(row["ids"])


async def tombstones(graph: Graph) -> list[dict[str, Any]]:
    return await graph.read(TOMBSTONES)
