"""Cypher used only by the audit and matrix tests: callers to act as, tampering with the chain, reading it raw."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

CREATE_CALLERS = """
CREATE (o:Organization {id: $organizationId, code: $code, name: $code, kind: 'NGO', createdAt: datetime(),
                        updatedAt: datetime(), version: 1})
WITH o
UNWIND $users AS user
CREATE (u:User {id: user.id, username: user.username, role: user.role, disabled: false, createdAt: datetime(),
                updatedAt: datetime(), version: 1})
CREATE (u)-[:MEMBER_OF]->(o)
"""

SET_EVENT_PROPERTIES = """
MATCH (e:AuditEvent {seq: $seq})
SET e += $properties
"""

DELETE_EVENT = """
MATCH (e:AuditEvent {seq: $seq})
DETACH DELETE e
"""

ALL_EVENTS = """
MATCH (e:AuditEvent)
RETURN properties(e) AS event
ORDER BY e.seq
"""

ALL_PROPERTIES_EXCEPT_AUDIT = """
MATCH (n)
WHERE NOT n:AuditEvent AND NOT n:AuditHead
RETURN count(n) AS nodes
"""


async def create_callers(graph: Graph, organization_id: str, code: str, users: list[dict[str, str]]) -> None:
    await graph.write(CREATE_CALLERS, {"organizationId": organization_id, "code": code, "users": users})


async def set_event_properties(graph: Graph, seq: int, properties: dict[str, Any]) -> None:
    await graph.write(SET_EVENT_PROPERTIES, {"seq": seq, "properties": properties})


async def delete_event(graph: Graph, seq: int) -> None:
    await graph.write(DELETE_EVENT, {"seq": seq})


async def all_events(graph: Graph) -> list[dict[str, Any]]:
    return [row["event"] for row in await graph.read(ALL_EVENTS)]


async def count_other_nodes(graph: Graph) -> int:
    row = await graph.read_one(ALL_PROPERTIES_EXCEPT_AUDIT)
    return int(row["nodes"]) if row else 0
