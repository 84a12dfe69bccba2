"""Cypher used only by the strategy, training, campaign and programme tests."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

ALERTS_OF_KIND = """
MATCH (a:Alert {kind: $kind})
RETURN a.subjectId AS subjectId, [(a)-[:FOR_USER]->(u:User) | u.id] AS users,
       [(a)<-[:OF_ALERT]-(d:Delivery) | d.channel] AS channels
"""

MAKE_ACTION_LATE = "MATCH (ac:StrategyAction {id: $id}) SET ac.dueDate = date() - duration({days: 3})"

NODE_PROPERTIES = "MATCH (n) WHERE $label IN labels(n) AND n.id = $id RETURN properties(n) AS props"

COUNT_LABEL = "MATCH (n) WHERE $label IN labels(n) RETURN count(n) AS n"

SET_ORG_ACTOR_TYPES = "MATCH (o:Organization {id: $id}) SET o.actorTypes = $types"

ADD_DEVICE = """
MATCH (u:User {id: $user})
CREATE (u)-[:HAS_DEVICE]->(:Device {id: randomUUID(), token: $token, platform: 'ANDROID', locale: 'fr',
                                    createdAt: datetime(), updatedAt: datetime()})
"""


async def alerts_of_kind(graph: Graph, kind: str) -> list[dict[str, Any]]:
    return await graph.read(ALERTS_OF_KIND, {"kind": kind})


async def make_action_late(graph: Graph, action_id: str) -> None:
    await graph.write(MAKE_ACTION_LATE, {"id": action_id})


async def properties(graph: Graph, label: str, node_id: str) -> dict[str, Any]:
    row = await graph.read_one(NODE_PROPERTIES, {"label": label, "id": node_id})
    assert row is not None
    return dict(row["props"])


async def count(graph: Graph, label: str) -> int:
    row = await graph.read_one(COUNT_LABEL, {"label": label})
    return int(row["n"]) if row else 0


async def add_device(graph: Graph, user: str, token: str) -> None:
    await graph.write(ADD_DEVICE, {"user": user, "token": token})
