"""A 50-case caseload page with nested owner, victim, referrals, services and their organisations."""

from __future__ import annotations

from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.audit.repository import APPEND_EVENTS
from graph.db import Graph, count_round_trips
from tests.api.casework import repository as db
from tests.api.casework.support import open_case_for, refer, world
from tests.support.graphql import ok

AUDIT_APPEND = APPEND_EVENTS.strip().splitlines()[0][:80]  # how the round-trip counter names the audit append

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
    # One statement answers the whole selection (owner, victims, referrals, services, their organisations); then the
    # one audit append recording the read (the page's case and victim ids).
    assert counter.count == 2, counter.queries
    assert counter.queries[1].startswith(AUDIT_APPEND), counter.queries

    rest = await ok(graph, settings, CASELOAD, {"first": 50, "after": page["pageInfo"]["endCursor"]},
                    scope=w.worker_a)
    assert len(rest["cases"]["nodes"]) == 5 and rest["cases"]["pageInfo"]["hasNextPage"] is False
    references = [n["reference"] for n in page["nodes"] + rest["cases"]["nodes"]]
    assert len(set(references)) == 55


ONE_CASE = """
query($id: ID!) {
  case(id: $id) {
    id reference status openedAt updatedAt
    victim { alias sex ageBand createdAt }
    referrals { id status urgency createdAt service { name } }
  }
}
"""


async def test_one_case_with_its_referrals_is_one_round_trip_plus_the_audit(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    services = [await db.create_service(graph, w.provider, name=f"s{i}") for i in range(2)]
    _, case_id = await open_case_for(graph, settings, w.worker_a)
    first = await refer(graph, settings, w.worker_a, case_id, services[0])
    second = await refer(graph, settings, w.worker_a, case_id, services[1])
    async with count_round_trips() as counter:
        data = await ok(graph, settings, ONE_CASE, {"id": case_id}, scope=w.worker_a)
    assert counter.count == 2, counter.queries
    assert counter.queries[1].startswith(AUDIT_APPEND), counter.queries
    case = data["case"]
    assert [r["id"] for r in case["referrals"]] == [second, first]  # newest first
    assert [r["service"]["name"] for r in case["referrals"]] == ["s1", "s0"]
    assert {r["status"] for r in case["referrals"]} == {"PENDING"}


OPENED = """
mutation($input: OpenCaseInput!) { openCase(input: $input) { id openedAt updatedAt victim { createdAt } } }
"""
REGISTER = "mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id createdAt } }"


async def test_instants_read_by_selection_match_the_full_read(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    victim = (await ok(graph, settings, REGISTER, {"input": {"alias": "V"}}, scope=w.worker_a))["registerVictim"]
    opened = (await ok(graph, settings, OPENED, {"input": {"victimId": victim["id"], "governorate": "TN-11"}},
                       scope=w.worker_a))["openCase"]
    read = (await ok(graph, settings, ONE_CASE, {"id": opened["id"]}, scope=w.worker_a))["case"]
    assert (read["openedAt"], read["updatedAt"]) == (opened["openedAt"], opened["updatedAt"])
    assert read["victim"]["createdAt"] == opened["victim"]["createdAt"] == victim["createdAt"]
    page = await ok(graph, settings, "{ cases(first: 5) { nodes { openedAt victim { createdAt } } } }",
                    scope=w.worker_a)
    assert page["cases"]["nodes"] == [{"openedAt": opened["openedAt"],
                                       "victim": {"createdAt": victim["createdAt"]}}]


async def test_a_caseload_never_shows_another_organisations_cases_through_nested_paths(
        graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    shared = await db.create_service(graph, w.provider, name="shared shelter")
    _, case_a = await open_case_for(graph, settings, w.worker_a)
    referral_a = await refer(graph, settings, w.worker_a, case_a, shared)
    worker_b = await db.create_user(graph, w.org_b, "worker-b", "CASE_WORKER")
    scope_b = Scope(user_id=worker_b, role=Role.CASE_WORKER, organization_id=w.org_b)
    _, case_b = await open_case_for(graph, settings, scope_b, alias="B")
    referral_b = await refer(graph, settings, scope_b, case_b, shared)

    page_a = (await ok(graph, settings, CASELOAD, {"first": 50}, scope=w.worker_a))["cases"]
    assert page_a["totalCount"] == 1
    [node] = page_a["nodes"]
    assert node["owner"] == {"code": "ORG-A"} and node["victim"]["alias"] == "V"
    assert [r["service"]["name"] for r in node["referrals"]] == ["shared shelter"]
    full = ONE_CASE.replace("referrals { id", "referrals { id case { id }")
    mine = (await ok(graph, settings, full, {"id": case_a}, scope=w.worker_a))["case"]
    assert [r["id"] for r in mine["referrals"]] == [referral_a]
    assert mine["referrals"][0]["case"] == {"id": case_a}
    # Another organisation's case, even one referred to the same service, stays invisible by id.
    assert (await ok(graph, settings, ONE_CASE, {"id": case_b}, scope=w.worker_a))["case"] is None

    # The provider receives both referrals but owns no case: its caseload is empty, the cases stay hidden.
    provider = (await ok(graph, settings, CASELOAD, {"first": 50}, scope=w.partner))["cases"]
    assert provider["totalCount"] == 0 and provider["nodes"] == []
    assert (await ok(graph, settings, ONE_CASE, {"id": case_a}, scope=w.partner))["case"] is None

    # A national coordinator sees both, each with only its own referral and victim.
    national = (await ok(graph, settings, ONE_CASE, {"id": case_b}, scope=w.coordinator))["case"]
    assert [r["id"] for r in national["referrals"]] == [referral_b]
    assert national["victim"]["alias"] == "B"


SAME_BOTH_WAYS = """
fragment whole on Case {
  reference status owner { code name services { name } }
  victim { alias } referrals { id status service { name category organization { code } } }
}
query($id: ID!) { case(id: $id) { ...whole } node(id: $id) { ...whole } }
"""


async def test_the_single_statement_and_the_loaders_answer_the_same(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    services = [await db.create_service(graph, w.provider, name=f"s{i}") for i in range(2)]
    _, case_id = await open_case_for(graph, settings, w.worker_a)
    for service in services:
        await refer(graph, settings, w.worker_a, case_id, service)
    # node(id) reads the case with its full projection and resolves what is nested through the DataLoaders.
    async with count_round_trips() as counter:
        data = await ok(graph, settings, SAME_BOTH_WAYS, {"id": case_id}, scope=w.worker_a)
    assert data["case"] == data["node"]
    assert [r["service"]["organization"]["code"] for r in data["case"]["referrals"]] == ["PROVIDER", "PROVIDER"]
    assert data["case"]["owner"]["code"] == "ORG-A"
    assert counter.count > 2, counter.queries  # the loaders' batches besides the one statement and the audit
