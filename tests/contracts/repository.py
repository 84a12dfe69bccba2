"""Test-only Cypher for contract tests: reading and ageing Idempotency-Key records."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

IDEMPOTENCY_RECORDS = "MATCH (r:IdempotencyRecord) RETURN properties(r) AS props"

EXPIRE_IDEMPOTENCY_RECORDS = """
MATCH (r:IdempotencyRecord)
SET r.expiresAt = datetime() - duration({hours: 1})
"""


async def idempotency_records(graph: Graph) -> list[dict[str, Any]]:
    return [row["props"] for row in await graph.read(IDEMPOTENCY_RECORDS)]


async def expire_idempotency_records(graph: Graph) -> None:
    await graph.write(EXPIRE_IDEMPOTENCY_RECORDS)
