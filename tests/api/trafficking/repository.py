"""Test-only Cypher for the trafficking graph: read the store as it is."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

EVERYTHING = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
EVERY_RELATIONSHIP = "MATCH ()-[r]->() RETURN type(r) AS type, properties(r) AS props"
BLIND_INDEXES = """
MATCH (i:Identifier) RETURN i.blindIndex AS value
UNION
MATCH (p:Perpetrator) WHERE p.nameIndex IS NOT NULL RETURN p.nameIndex AS value
"""
AUDIT_ACTIONS = """
MATCH (e:AuditEvent) RETURN e.action AS action, e.outcome AS outcome, e.target AS target ORDER BY e.seq
"""
COUNT_LABEL = "MATCH (n) WHERE $label IN labels(n) RETURN count(n) AS n"
ALERTS = "MATCH (a:Alert) RETURN properties(a) AS props"
AGE_MEASURE_REVIEW = "MATCH (m:ProtectionMeasure) SET m.reviewDue = date() - duration({days: $days})"


async def everything(graph: Graph) -> str:
    nodes = await graph.read(EVERYTHING)
    relationships = await graph.read(EVERY_RELATIONSHIP)
    return repr(nodes) + repr(relationships)


async def blind_indexes(graph: Graph) -> list[str]:
    return [row["value"] for row in await graph.read(BLIND_INDEXES)]


async def audit_actions(graph: Graph) -> list[dict[str, Any]]:
    return await graph.read(AUDIT_ACTIONS)


async def count(graph: Graph, label: str) -> int:
    row = await graph.read_one(COUNT_LABEL, {"label": label})
    return int(row["n"]) if row else 0


async def alerts(graph: Graph) -> list[dict[str, Any]]:
    return [row["props"] for row in await graph.read(ALERTS)]


async def age_measure_reviews(graph: Graph, days: int) -> None:
    await graph.write(AGE_MEASURE_REVIEW, {"days": days})
