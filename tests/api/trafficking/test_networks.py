"""Suspected networks: the synthetic network's planted clusters are found, ranked, and national only."""

from __future__ import annotations

from api.graphql.relay import to_global_id
from api.links.rules import recompute_networks
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from seed.synthetic import load_synthetic
from seed.synthetic_trafficking import load_synthetic_trafficking
from tests.support.graphql import ok, run

NETWORKS = """
query($first: Int, $min: Int!) { suspectedNetworks(first: $first, minSize: $min) { computedAt total
  networks { id size sharedIdentifiers sharedPerpetrators governorates latestActivityAt
             cases { id owner { code } } } } }
"""
RECOMPUTE = "mutation { recomputeSuspectedNetworks }"
COORDINATOR = Scope(user_id="c", role=Role.COORDINATOR, organization_id=None)


async def test_the_synthetic_networks_clusters_are_found(graph: Graph, settings: Settings) -> None:
    await load_synthetic(graph, scale=0.002, seed=3, progress=False)
    # load_synthetic already planted a network (scale 0.002: 1); plant more, as a second seed would.
    planted = await load_synthetic_trafficking(graph, scale=0.02, seed=4, progress=False,
                                               state_dir=settings.state_dir)
    assert len(planted) >= 5
    found = await recompute_networks(graph)
    assert found >= len(planted)
    assert (await ok(graph, settings, RECOMPUTE, scope=COORDINATOR))["recomputeSuspectedNetworks"] == found

    data = (await ok(graph, settings, NETWORKS, {"first": 100, "min": 2}, scope=COORDINATOR))["suspectedNetworks"]
    assert data["total"] == found and data["computedAt"]
    clusters = [{c["id"] for c in n["cases"]} for n in data["networks"]]
    for network in planted:
        members = {to_global_id("Case", i) for i in network.case_ids}
        assert any(members <= cluster for cluster in clusters), "every planted network is inside one cluster"
    sizes = [n["size"] for n in data["networks"]]
    assert sizes == sorted(sizes, reverse=True)
    assert all(n["sharedIdentifiers"] + n["sharedPerpetrators"] >= 1 for n in data["networks"])
    assert any(len(n["governorates"]) > 1 for n in data["networks"]), "networks cross governorates"
    assert any(len({c["owner"]["code"] for c in n["cases"]}) > 1 for n in data["networks"]), "and organisations"
    big = (await ok(graph, settings, NETWORKS, {"first": 100, "min": 4}, scope=COORDINATOR))["suspectedNetworks"]
    assert all(n["size"] >= 4 for n in big["networks"])

    worker = Scope(user_id="w", role=Role.CASE_WORKER, organization_id="org")
    assert (await run(graph, settings, NETWORKS, {"min": 2}, scope=worker)).codes == ["FORBIDDEN"]
    assert (await run(graph, settings, RECOMPUTE, scope=worker)).codes == ["FORBIDDEN"]
    assert (await run(graph, settings, NETWORKS, {"min": 1}, scope=COORDINATOR)).codes == ["BAD_USER_INPUT"]
