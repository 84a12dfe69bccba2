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

# Another case opening in progress: its transaction holds the yearly case number (as OPEN_CASE does), so case
# openings started meanwhile wait for it, with their change time already taken.
HOLD_CASE_NUMBERS = """
MERGE (k:ReferenceItem {kind: 'CASE_SEQUENCE', code: toString(date().year)})
SET k._lock = true
REMOVE k._lock
RETURN k.code AS year
"""


async def hold_case_numbers(graph: Graph, seconds: float) -> None:
    """Hold the lock on this year's case numbers for ``seconds``, then let go (committing nothing new)."""
    async with graph.transaction() as tx:
        await tx.run(HOLD_CASE_NUMBERS)
        await asyncio.sleep(seconds)
