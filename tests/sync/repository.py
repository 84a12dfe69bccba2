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

# Another transaction on these cases in progress (a slow one, as under load): it holds their nodes, so a change
# to one of them started meanwhile waits for it, with its change time already taken.
HOLD_CASES = """
MATCH (c:Case) WHERE c.id IN $ids
SET c._lock = true
REMOVE c._lock
RETURN count(c) AS held
"""


async def hold_cases(graph: Graph, ids: list[str], seconds: float, held: asyncio.Event) -> None:
    """Hold the locks of these cases for ``seconds`` (``held`` is set once they are taken), then let go."""
    async with graph.transaction() as tx:
        await tx.run(HOLD_CASES, {"ids": ids})
        held.set()
        await asyncio.sleep(seconds)
