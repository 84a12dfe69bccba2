"""Cypher used only by the security tests: organizations to join, and raw reads of what was stored."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

CREATE_ORGANIZATION = """
CREATE (o:Organization {id: $id, code: $code, name: $code, kind: 'NGO', createdAt: datetime(), updatedAt: datetime()})
RETURN o.id AS id
"""

USER_NODE = "MATCH (u:User {username: $username}) RETURN properties(u) AS props"

SESSIONS_OF_USER = """
MATCH (s:Session {userId: $userId})
RETURN properties(s) AS props
ORDER BY s.createdAt
"""

EVERY_STRING_PROPERTY = """
MATCH (n)
UNWIND keys(n) AS key
WITH n[key] AS value
WHERE valueType(value) STARTS WITH 'STRING'
RETURN collect(value) AS values
"""


async def create_organization(graph: Graph, org_id: str, code: str) -> None:
    await graph.write(CREATE_ORGANIZATION, {"id": org_id, "code": code})


async def user_node(graph: Graph, username: str) -> dict[str, Any] | None:
    row = await graph.read_one(USER_NODE, {"username": username})
    return row["props"] if row else None


async def sessions_of_user(graph: Graph, user_id: str) -> list[dict[str, Any]]:
    return [row["props"] for row in await graph.read(SESSIONS_OF_USER, {"userId": user_id})]


async def every_string_property(graph: Graph) -> list[str]:
    row = await graph.read_one(EVERY_STRING_PROPERTY)
    return list(row["values"]) if row else []

# A stray audit event at the next sequence number: the next append breaks the unique constraint on
# AuditEvent.seq (graph/migrations/versions/0030_audit_log.cypher), as a corrupted or raced audit log would.
PLANT_STRAY_AUDIT_EVENT = """
MERGE (h:AuditHead {id: 'main'}) ON CREATE SET h.seq = 0, h.lastHash = $genesis
CREATE (e:AuditEvent {seq: h.seq + 1, action: 'stray', hash: 'stray'})
RETURN e.seq AS seq
"""
REMOVE_STRAY_AUDIT_EVENT = "MATCH (e:AuditEvent {action: 'stray'}) DELETE e"
AUDIT_EVENTS_OF_ACTION = "MATCH (e:AuditEvent {action: $action}) RETURN e.outcome AS outcome ORDER BY e.seq"

# A uniqueness constraint no migration has: a second identity with the same name index cannot be written.
CREATE_IDENTITY_NAME_CONSTRAINT = """
CREATE CONSTRAINT test_identity_name_once IF NOT EXISTS FOR (i:Identity) REQUIRE i.nameIndex IS UNIQUE
"""
DROP_IDENTITY_NAME_CONSTRAINT = "DROP CONSTRAINT test_identity_name_once IF EXISTS"
COUNT_LABELS = """
UNWIND $labels AS label
CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS count }
RETURN label, count
"""


async def plant_stray_audit_event(graph: Graph, genesis: str) -> None:
    await graph.write(PLANT_STRAY_AUDIT_EVENT, {"genesis": genesis})


async def remove_stray_audit_event(graph: Graph) -> None:
    await graph.write(REMOVE_STRAY_AUDIT_EVENT)


async def audit_outcomes(graph: Graph, action: str) -> list[str]:
    return [row["outcome"] for row in await graph.read(AUDIT_EVENTS_OF_ACTION, {"action": action})]


async def schema_statement(graph: Graph, statement: str) -> None:
    async with graph.driver.session(database=graph.database) as session:
        result = await session.run(statement)  # type: ignore[arg-type]
        await result.consume()


async def count_labels(graph: Graph, labels: list[str]) -> dict[str, int]:
    return {row["label"]: int(row["count"]) for row in await graph.read(COUNT_LABELS, {"labels": labels})}

EXPIRE_SESSIONS_OF_USER = """
MATCH (s:Session {userId: $userId})
SET s.expiresAt = datetime() - duration({seconds: 1})
RETURN count(s) AS sessions
"""


async def expire_sessions_of_user(graph: Graph, user_id: str) -> int:
    row = await graph.write_one(EXPIRE_SESSIONS_OF_USER, {"userId": user_id})
    return int(row["sessions"]) if row else 0
