"""Capacity falling to the threshold tells the coordinators once, in the same statement as the change."""

from __future__ import annotations

from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from tests.api.network.support import make_organization, make_service
from tests.api.reports import repository as db
from tests.support.graphql import ok

CAPACITY = "mutation($id: ID!, $n: Int!) { updateServiceCapacity(serviceId: $id, available: $n) { id } }"


async def test_capacity_low_alert_is_raised_when_the_threshold_is_crossed(graph: Graph, settings: Settings) -> None:
    coordinator = Scope(user_id="c", role=Role.COORDINATOR, organization_id=None)
    await make_organization(graph, settings, "TAMSS")
    service = await make_service(graph, settings, "TAMSS", maximum=8)
    await ok(graph, settings, CAPACITY, {"id": service["id"], "n": 3}, scope=coordinator)
    assert await db.alert_kinds(graph) == []
    await ok(graph, settings, CAPACITY, {"id": service["id"], "n": 1}, scope=coordinator)
    await ok(graph, settings, CAPACITY, {"id": service["id"], "n": 0}, scope=coordinator)  # already low: no repeat
    assert await db.alert_kinds(graph) == [("CAPACITY_LOW", "Service")]
