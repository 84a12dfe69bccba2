"""Cypher for audit anchoring: the stored hashes at the sequence numbers a signed checkpoint names."""

from __future__ import annotations

from graph.db import Graph

HASHES_AT = """
UNWIND $seqs AS wanted
OPTIONAL MATCH (e:AuditEvent {seq: wanted})
RETURN wanted AS seq, e.hash AS hash
"""


async def hashes_at(graph: Graph, seqs: list[int]) -> dict[int, str | None]:
    rows = await graph.read(HASHES_AT, {"seqs": seqs})
    return {int(row["seq"]): row["hash"] for row in rows}
