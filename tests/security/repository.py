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
