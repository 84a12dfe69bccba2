"""Cypher for the tamper-evident audit log: appending one hash-chained event, reading the chain back.

Appends are serialized by the single ``(:AuditHead {id: 'main'})`` node. The statement first writes to
the head (which takes its write lock), then reads the head's sequence number and last hash: a caller
that computed its event's hash for another head creates nothing and gets the current head back, to
compute again. Reading, checking and extending the chain is therefore one statement, and two appends
can never share a sequence number or a previous hash.
"""

from __future__ import annotations

from typing import Any

from graph.db import Graph, Record

APPEND_EVENT = """
MERGE (h:AuditHead {id: 'main'})
  ON CREATE SET h.seq = 0, h.lastHash = $genesis
SET h.lockedAt = $event.at
WITH h, h.seq = $expectedSeq AND h.lastHash = $event.prevHash AS fits
FOREACH (_ IN CASE WHEN fits THEN [1] ELSE [] END |
  CREATE (e:AuditEvent)
  SET e = $event
  SET h.seq = $event.seq, h.lastHash = $event.hash
)
RETURN fits AS written, h.seq AS seq, h.lastHash AS lastHash
"""

READ_HEAD = """
MATCH (h:AuditHead {id: 'main'})
RETURN h.seq AS seq, h.lastHash AS lastHash
"""

EVENTS_AFTER = """
MATCH (e:AuditEvent)
WHERE e.seq > $after
RETURN properties(e) AS event
ORDER BY e.seq
LIMIT $limit
"""

COUNT_EVENTS = """
MATCH (e:AuditEvent)
RETURN count(e) AS events
"""

EVENTS_OF_ACTION = """
MATCH (e:AuditEvent)
WHERE e.action = $action
RETURN properties(e) AS event
ORDER BY e.seq
"""


async def append(graph: Graph, event: dict[str, Any], *, expected_seq: int, genesis: str) -> Record:
    """Create the event if the head is still at ``expected_seq`` with ``event['prevHash']``; the head after."""
    row = await graph.write_one(APPEND_EVENT, {"event": event, "expectedSeq": expected_seq, "genesis": genesis})
    assert row is not None  # MERGE always yields the head
    return row


async def head(graph: Graph) -> Record | None:
    return await graph.read_one(READ_HEAD)


async def events_after(graph: Graph, after: int, limit: int) -> list[dict[str, Any]]:
    """The next ``limit`` events by sequence number, as stored (every property)."""
    return [row["event"] for row in await graph.read(EVENTS_AFTER, {"after": after, "limit": limit})]


async def count(graph: Graph) -> int:
    row = await graph.read_one(COUNT_EVENTS)
    return int(row["events"]) if row else 0


async def events_of_action(graph: Graph, action: str) -> list[dict[str, Any]]:
    return [row["event"] for row in await graph.read(EVENTS_OF_ACTION, {"action": action})]
