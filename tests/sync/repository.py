"""Test-only Cypher for sync tests: many victims at once, and reading tombstones."""

from __future__ import annotations

import asyncio
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

# Another transaction of the organisation in progress (a slow one, as under load): it holds the organisation's
# node, so a case opening started meanwhile, which links its new case to its owner after taking its change
# time, waits for it and commits late with an early time.
HOLD_ORGANIZATION = """
MATCH (o:Organization {id: $org})
SET o._lock = true
REMOVE o._lock
RETURN o.id AS id
"""


async def hold_organization(graph: Graph, org: str, seconds: float) -> None:
    """Hold the lock on the organisation's node for ``seconds``, then let go (committing nothing new)."""
    async with graph.transaction() as tx:
        await tx.run(HOLD_ORGANIZATION, {"org": org})
        await asyncio.sleep(seconds)
