"""A 50-case caseload page with nested owner, victim, referrals, services and their organisations."""

from __future__ import annotations

from api.settings import Settings
from graph.db import Graph, count_round_trips
from tests.api.casework import repository as db
from tests.api.casework.support import open_case_for, refer, world
from tests.support.graphql import ok

CASELOAD = """
query($first: Int, $after: String) {
  cases(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      reference status owner { code } victim { alias sex }
      referrals { status service { name organization { code } } }
    }
  }
}
"""


async def test_fifty_case_page_takes_a_constant_number_of_round_trips(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    services = [await db.create_service(graph, w.provider, name=f"s{i}") for i in range(3)]
    for i in range(55):
        _, case_id = await open_case_for(graph, settings, w.worker_a)
        await refer(graph, settings, w.worker_a, case_id, services[i % 3])
    async with count_round_trips() as counter:
        data = await ok(graph, settings, CASELOAD, {"first": 50}, scope=w.worker_a)
    page = data["cases"]
    assert page["totalCount"] == 55 and page["pageInfo"]["hasNextPage"] is True
    assert len(page["nodes"]) == 50
    assert all(n["owner"] == {"code": "ORG-A"} and n["referrals"][0]["service"]["organization"]["code"] == "PROVIDER"
               for n in page["nodes"])
    # The page (victims inline), referrals by case, owner organisations, services, provider organisations, and the
    # one audit append recording the read (the page's case and victim ids).
    assert counter.count == 6, counter.queries

    rest = await ok(graph, settings, CASELOAD, {"first": 50, "after": page["pageInfo"]["endCursor"]},
                    scope=w.worker_a)
    assert len(rest["cases"]["nodes"]) == 5 and rest["cases"]["pageInfo"]["hasNextPage"] is False
    references = [n["reference"] for n in page["nodes"] + rest["cases"]["nodes"]]
    assert len(set(references)) == 55
