"""Services over GraphQL: creation, one-tap capacity, status, pages and who may change what."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from api.common import cursors
from api.graphql.relay import to_global_id
from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph, count_round_trips
from tests.api.network import repository as probe
from tests.api.network.support import CREATE_SERVICE, error_code, execute, make_organization, make_service, ok, scope_of

CAPACITY = """
mutation($id: ID!, $available: Int!) {
  updateServiceCapacity(serviceId: $id, available: $available) { id capacity { maximum available updatedAt } }
}
"""

STATUS = "mutation($id: ID!, $status: ServiceStatus!) { setServiceStatus(serviceId: $id, status: $status) { status } }"

SERVICES = """
query($first: Int, $after: String, $category: ServiceCategory, $governorate: String, $status: ServiceStatus) {
  services(first: $first, after: $after, category: $category, governorate: $governorate, status: $status) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id name category status } }
  }
}
"""


async def test_create_service_starts_active_with_all_capacity_free(graph: Graph, settings: Settings) -> None:
    await make_organization(graph, settings, "TAMSS")
    service = await make_service(graph, settings, "TAMSS", name="Foyer", maximum=12, languages=["fr", "ar"])
    assert service["status"] == "ACTIVE"
    assert service["capacity"]["unit"] == "BED"
    assert service["capacity"]["maximum"] == service["capacity"]["available"] == 12
    assert service["capacity"]["updatedAt"] is not None
    assert service["serviceArea"] == ["TN-11"]
    assert service["governorate"] == {"code": "TN-11"}
    assert service["organization"] == {"code": "TAMSS"}
    assert service["languages"] == ["ar", "fr"]
    assert service["eligibility"] == {"sexes": [], "minAge": None, "maxAge": None, "acceptsMinors": False,
                                      "nationalitiesOnly": [], "nationalitiesExcluded": [], "exploitationForms": []}


async def test_partner_agents_create_services_for_their_own_organisation_only(graph: Graph,
                                                                            settings: Settings) -> None:
    mine = await make_organization(graph, settings, "MINE")
    await make_organization(graph, settings, "OTHER")
    agent = scope_of(Role.PARTNER_AGENT, mine["localId"])
    base = {"name": "Aide", "category": "LEGAL_AID", "governorate": "TN-12", "latitude": 36.86, "longitude": 10.19,
            "capacityMaximum": 3, "eligibility": {"sexes": ["FEMALE"], "minAge": 18, "nationalitiesExcluded": ["TN"],
                                                  "exploitationForms": ["FORCED_LABOUR"]}}
    created = await ok(graph, settings, CREATE_SERVICE, {"input": {**base, "organizationCode": "MINE"}}, scope=agent)
    assert created["createService"]["eligibility"]["sexes"] == ["FEMALE"]
    refused = await execute(graph, settings, CREATE_SERVICE, {"input": {**base, "organizationCode": "OTHER"}},
                            scope=agent)
    assert error_code(refused) == "FORBIDDEN"
    assert await probe.service_count(graph) == 1


@pytest.mark.parametrize(("changes", "role", "code"), [
    ({}, Role.CASE_WORKER, "FORBIDDEN"),
    ({}, None, "UNAUTHENTICATED"),
    ({"organizationCode": "NOPE"}, Role.COORDINATOR, "NOT_FOUND"),
    ({"governorate": "TN-99"}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"serviceArea": ["TN-11", "TN-98"]}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"serviceArea": ["' OR 1=1 //"]}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"languages": ["french"]}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"languages": ["zz"]}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"eligibility": {"nationalitiesOnly": ["XX"]}}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"eligibility": {"nationalitiesOnly": ["SY"], "nationalitiesExcluded": ["SY"]}}, Role.COORDINATOR,
     "BAD_USER_INPUT"),
    ({"eligibility": {"exploitationForms": ["NOT_A_FORM"]}}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"eligibility": {"minAge": 30, "maxAge": 18}}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"eligibility": {"minAge": -1}}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"latitude": 95.0}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"capacityMaximum": -5}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"name": ""}, Role.COORDINATOR, "BAD_USER_INPUT"),
])
async def test_refused_services_write_nothing(graph: Graph, settings: Settings, changes: dict[str, Any],
                                              role: Role | None, code: str) -> None:
    await make_organization(graph, settings, "TAMSS")
    result = await execute(graph, settings, CREATE_SERVICE, {"input": {
        "organizationCode": "TAMSS", "name": "Foyer", "category": "SHELTER", "governorate": "TN-11",
        "latitude": 36.8, "longitude": 10.18, "capacityMaximum": 4, **changes}}, scope=scope_of(role))
    assert error_code(result) == code
    assert await probe.service_count(graph) == 0


async def test_update_capacity_in_one_round_trip_plus_its_audit_event(graph: Graph, settings: Settings) -> None:
    await make_organization(graph, settings, "TAMSS")
    service = await make_service(graph, settings, "TAMSS", maximum=8)
    before = await probe.service_properties(graph, service["localId"])
    async with count_round_trips() as trips:
        data = await ok(graph, settings, CAPACITY, {"id": service["id"], "available": 3})
    # One statement changes the capacity; every mutation then appends its audit event (one more).
    assert trips.count == 2
    assert "AuditHead" in trips.queries[1]
    assert data["updateServiceCapacity"]["capacity"]["available"] == 3
    after = await probe.service_properties(graph, service["localId"])
    assert after["capacityAvailable"] == 3
    assert after["version"] == before["version"] + 1
    assert after["capacityUpdatedAt"] > before["capacityUpdatedAt"]
    full = await ok(graph, settings, CAPACITY, {"id": service["id"], "available": 8})
    assert full["updateServiceCapacity"]["capacity"] == {**full["updateServiceCapacity"]["capacity"], "available": 8}


async def test_capacity_changes_by_the_providers_agent_only(graph: Graph, settings: Settings) -> None:
    mine = await make_organization(graph, settings, "MINE")
    other = await make_organization(graph, settings, "OTHER")
    service = await make_service(graph, settings, "MINE", maximum=8)
    own_agent = scope_of(Role.PARTNER_AGENT, mine["localId"])
    other_agent = scope_of(Role.PARTNER_AGENT, other["localId"])
    done = await ok(graph, settings, CAPACITY, {"id": service["id"], "available": 0}, scope=own_agent)
    assert done["updateServiceCapacity"]["capacity"]["available"] == 0
    before = await probe.service_properties(graph, service["localId"])
    unknown = await execute(graph, settings, CAPACITY, {"id": to_global_id("Service", "00000000-0000-4000-8000-"
                                                                           "000000000000"), "available": 1})
    elsewhere = await execute(graph, settings, CAPACITY, {"id": service["id"], "available": 1}, scope=other_agent)
    assert error_code(unknown) == error_code(elsewhere) == "NOT_FOUND"
    assert unknown.errors is not None and elsewhere.errors is not None
    assert unknown.errors[0].message == elsewhere.errors[0].message
    status = await execute(graph, settings, STATUS, {"id": service["id"], "status": "INACTIVE"}, scope=other_agent)
    assert error_code(status) == "NOT_FOUND"
    assert await probe.service_properties(graph, service["localId"]) == before


@pytest.mark.parametrize(("available", "role", "code"), [
    (-1, Role.COORDINATOR, "BAD_USER_INPUT"),
    (9, Role.COORDINATOR, "BAD_USER_INPUT"),
    (2, None, "UNAUTHENTICATED"),
    (2, Role.CASE_WORKER, "FORBIDDEN"),
    (2, Role.ANALYST, "FORBIDDEN"),
])
async def test_refused_capacity_updates_write_nothing(graph: Graph, settings: Settings, available: int,
                                                      role: Role | None, code: str) -> None:
    await make_organization(graph, settings, "TAMSS")
    service = await make_service(graph, settings, "TAMSS", maximum=8)
    before = await probe.service_properties(graph, service["localId"])
    result = await execute(graph, settings, CAPACITY, {"id": service["id"], "available": available},
                           scope=scope_of(role))
    assert error_code(result) == code
    assert await probe.service_properties(graph, service["localId"]) == before


async def test_malformed_service_id_is_bad_input(graph: Graph, settings: Settings) -> None:
    result = await execute(graph, settings, CAPACITY, {"id": "' OR 1=1 //", "available": 1})
    assert error_code(result) == "BAD_USER_INPUT"
    wrong_type = await execute(graph, settings, CAPACITY, {"id": to_global_id("Organization", "00000000-0000-4000-"
                                                                             "8000-000000000000"), "available": 1})
    assert error_code(wrong_type) == "NOT_FOUND"


async def test_set_status(graph: Graph, settings: Settings) -> None:
    await make_organization(graph, settings, "TAMSS")
    service = await make_service(graph, settings, "TAMSS")
    data = await ok(graph, settings, STATUS, {"id": service["id"], "status": "TEMPORARILY_CLOSED"})
    assert data["setServiceStatus"]["status"] == "TEMPORARILY_CLOSED"
    assert (await probe.service_properties(graph, service["localId"]))["version"] == 2


async def test_service_pages_chain_by_name_then_id_in_one_round_trip(graph: Graph, settings: Settings) -> None:
    await make_organization(graph, settings, "TAMSS")
    for name in ("Beta", "Alpha", "Beta", "Gamma", "Beta"):
        await make_service(graph, settings, "TAMSS", name=name)
    await make_service(graph, settings, "TAMSS", name="Clinique", category="MEDICAL", governorate="TN-61",
                       latitude=34.74, longitude=10.76)
    seen: list[str] = []
    ids: set[str] = set()
    after = None
    while True:
        async with count_round_trips() as trips:
            data = await ok(graph, settings, SERVICES, {"first": 2, "after": after, "category": "SHELTER"})
        assert trips.count == 1
        page = data["services"]
        assert page["totalCount"] == 5
        seen += [e["node"]["name"] for e in page["edges"]]
        ids |= {e["node"]["id"] for e in page["edges"]}
        after = page["pageInfo"]["endCursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
    assert seen == ["Alpha", "Beta", "Beta", "Beta", "Gamma"]
    assert len(ids) == 5
    sfax = await ok(graph, settings, SERVICES, {"governorate": "TN-61"})
    assert [e["node"]["name"] for e in sfax["services"]["edges"]] == ["Clinique"]
    closed = await ok(graph, settings, SERVICES, {"status": "INACTIVE"})
    assert closed["services"]["totalCount"] == 0


@pytest.mark.parametrize("after", [base64.urlsafe_b64encode(b"not json").decode(), cursors.encode("service", 1, 2),
                                   cursors.encode("service", "a"), cursors.encode("case", 1, "x"), "@@"])
async def test_bad_service_cursor_is_bad_input(graph: Graph, settings: Settings, after: str) -> None:
    assert error_code(await execute(graph, settings, SERVICES, {"after": after})) == "BAD_USER_INPUT"


async def test_oversized_service_page_is_bad_input(graph: Graph, settings: Settings) -> None:
    assert error_code(await execute(graph, settings, SERVICES, {"first": 1000})) == "BAD_USER_INPUT"
