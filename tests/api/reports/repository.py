"""Test-only Cypher for reports: raw reads of what Neo4j holds, and moving time back."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

RAW_REPORTS = "MATCH (rep:Report) RETURN properties(rep) AS props"
RAW_MESSAGES = "MATCH (m:ReportMessage) RETURN properties(m) AS props"
RAW_TRANSMISSIONS = "MATCH (t:Transmission) RETURN properties(t) AS props"
BACKDATE_QUALIFICATION = """
MATCH (rep:Report {reference: $reference})
SET rep.qualifiedAt = datetime() - duration({days: $days})
"""
COUNT_REPORTS = "MATCH (rep:Report) RETURN count(rep) AS n"


async def raw_reports(graph: Graph) -> list[dict[str, Any]]:
    return [row["props"] for row in await graph.read(RAW_REPORTS)]


async def raw_messages(graph: Graph) -> list[dict[str, Any]]:
    return [row["props"] for row in await graph.read(RAW_MESSAGES)]


async def raw_transmissions(graph: Graph) -> list[dict[str, Any]]:
    return [row["props"] for row in await graph.read(RAW_TRANSMISSIONS)]


async def backdate_qualification(graph: Graph, reference: str, days: int) -> None:
    await graph.write(BACKDATE_QUALIFICATION, {"reference": reference, "days": days})


async def count_reports(graph: Graph) -> int:
    row = await graph.read_one(COUNT_REPORTS)
    return int(row["n"]) if row else 0

ALERT_KINDS = "MATCH (a:Alert) RETURN a.kind AS kind, a.subjectType AS subjectType ORDER BY a.kind"


async def alert_kinds(graph: Graph) -> list[tuple[str, str]]:
    return [(row["kind"], row["subjectType"]) for row in await graph.read(ALERT_KINDS)]
