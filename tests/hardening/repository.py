"""Cypher the hardening tests use to read the store directly."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

RATE_COUNTERS = "MATCH (c:RateCounter) RETURN c {.*} AS counter"


async def rate_counters(graph: Graph) -> list[dict[str, Any]]:
    return [row["counter"] for row in await graph.read(RATE_COUNTERS)]
