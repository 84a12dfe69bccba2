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


# Several chained events in one statement (the reads of one request): written only if the head is still where
# the caller computed the first event's prevHash from, exactly like APPEND_EVENT.
APPEND_EVENTS = """
MERGE (h:AuditHead {id: 'main'})
  ON CREATE SET h.seq = 0, h.lastHash = $genesis
SET h.lockedAt = $events[0].at
WITH h, h.seq = $expectedSeq AND h.lastHash = $events[0].prevHash AS fits
FOREACH (event IN CASE WHEN fits THEN $events ELSE [] END |
  CREATE (e:AuditEvent)
  SET e = event
)
FOREACH (_ IN CASE WHEN fits THEN [1] ELSE [] END |
  SET h.seq = $events[size($events) - 1].seq, h.lastHash = $events[size($events) - 1].hash
)
RETURN fits AS written, h.seq AS seq, h.lastHash AS lastHash
"""

# The audit trail, newest first, filtered; keyset pages on the sequence number.
SEARCH_EVENTS = """
MATCH (e:AuditEvent)
WHERE ($before IS NULL OR e.seq < $before)
  AND ($actor IS NULL OR e.actorId = $actor)
  AND ($action IS NULL OR e.action = $action OR e.action STARTS WITH $action + ':')
  AND ($subject IS NULL OR $subject IN e.target)
  AND ($since IS NULL OR e.at >= $since)
  AND ($until IS NULL OR e.at < $until)
WITH e ORDER BY e.seq DESC LIMIT $limit
// unscoped: the audit trail's readers (ADMIN, DATA_PROTECTION_OFFICER) see who acted: the account's username only
OPTIONAL MATCH (u:User {id: e.actorId})
RETURN properties(e) AS event, u.username AS actorUsername
ORDER BY e.seq DESC
"""


async def append_many(graph: Graph, events: list[dict[str, Any]], *, expected_seq: int, genesis: str) -> Record:
    row = await graph.write_one(APPEND_EVENTS, {"events": events, "expectedSeq": expected_seq, "genesis": genesis})
    assert row is not None
    return row


async def search(graph: Graph, *, actor: str | None, action: str | None, subject: str | None, since: str | None,
                 until: str | None, before: int | None, limit: int) -> list[dict[str, Any]]:
    """Events newest first; ``at`` is compared as ISO-8601 UTC text (how it is stored)."""
    rows = await graph.read(SEARCH_EVENTS, {"actor": actor, "action": action, "subject": subject, "since": since,
                                            "until": until, "before": before, "limit": limit})
    return [{**row["event"], "actorUsername": row["actorUsername"]} for row in rows]
