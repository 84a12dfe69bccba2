"""node(id): every type by its global id, scoped exactly like its own query."""

from __future__ import annotations

from api.graphql.relay import to_global_id
from api.settings import Settings
from graph.db import Graph
from tests.api.casework.support import world
from tests.support.graphql import ok, run

NODE = """
query($id: ID!) { node(id: $id) { id __typename
  ... on Case { reference status } ... on Victim { alias } ... on Organization { code } } }
"""
REGISTER = "mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id } }"
OPEN_CASE = "mutation($input: OpenCaseInput!) { openCase(input: $input) { id reference } }"


async def test_node_returns_visible_objects_and_null_for_others(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    victim = (await ok(graph, settings, REGISTER, {"input": {"alias": "V-A"}}, scope=w.worker_a))["registerVictim"]
    case = (await ok(graph, settings, OPEN_CASE, {"input": {"victimId": victim["id"], "governorate": "TN-11"}},
                     scope=w.worker_a))["openCase"]

    mine = (await ok(graph, settings, NODE, {"id": case["id"]}, scope=w.worker_a))["node"]
    assert mine == {"id": case["id"], "__typename": "Case", "reference": case["reference"], "status": "REPORTED"}
    assert (await ok(graph, settings, NODE, {"id": victim["id"]}, scope=w.worker_a))["node"]["alias"] == "V-A"
    org = (await ok(graph, settings, NODE, {"id": to_global_id("Organization", w.org_b)}, scope=w.worker_a))["node"]
    assert org["__typename"] == "Organization" and org["code"] == "ORG-B"

    # Another organisation's case worker gets exactly what a non-existent id gets.
    for hidden in (case["id"], victim["id"]):
        assert (await ok(graph, settings, NODE, {"id": hidden}, scope=w.worker_b))["node"] is None
    missing = to_global_id("Case", "00000000-0000-4000-8000-000000000000")
    assert (await ok(graph, settings, NODE, {"id": missing}, scope=w.worker_a))["node"] is None

    assert (await run(graph, settings, NODE, {"id": "garbage"}, scope=w.worker_a)).codes == ["BAD_USER_INPUT"]
    assert (await run(graph, settings, NODE, {"id": case["id"]})).codes == ["UNAUTHENTICATED"]
