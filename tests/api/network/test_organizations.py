"""Organisations over GraphQL: pages, look-ups, creation, partnerships, access and round trips."""

from __future__ import annotations

import itertools

import pytest

from api.common import cursors
from api.common.cursors import MAX_PAGE_SIZE
from api.i18n import Language
from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph, count_round_trips
from tests.api.network import repository as probe
from tests.api.network.support import (
    ADD_PARTNERSHIP,
    CREATE_ORGANIZATION,
    error_code,
    execute,
    make_organization,
    make_service,
    ok,
    partner,
    scope_of,
)

PAGE = """
query($first: Int, $after: String, $kind: OrganizationKind, $governorate: String) {
  organizations(first: $first, after: $after, kind: $kind, governorate: $governorate) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code kind } }
  }
}
"""

NESTED_PAGE = """
query($first: Int) {
  organizations(first: $first, kind: NGO) {
    edges { node { code name governorate { code } services { name capacity { available } }
                   partners { since organization { code name } } } }
  }
}
"""

ONE = "query($code: String!) { organization(code: $code) { id code name names { fr ar en } kind } }"


async def test_pages_chain_in_code_order_with_a_total(graph: Graph, settings: Settings) -> None:
    for code in ("DELTA", "ALPHA", "ECHO", "CHARLIE", "BRAVO"):
        await make_organization(graph, settings, code)
    seen: list[str] = []
    after = None
    for _ in range(3):
        data = await ok(graph, settings, PAGE, {"first": 2, "after": after, "kind": "NGO"})
        page = data["organizations"]
        assert page["totalCount"] == 5
        seen += [edge["node"]["code"] for edge in page["edges"]]
        after = page["pageInfo"]["endCursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
    assert seen == ["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO"]
    assert page["pageInfo"]["hasNextPage"] is False
    everyone = await ok(graph, settings, PAGE, {"first": MAX_PAGE_SIZE})
    assert everyone["organizations"]["totalCount"] == 5 + 28  # the courts of the reference data
    courts = await ok(graph, settings, PAGE, {"kind": "JUDICIAL_BODY", "governorate": "TN-61"})
    assert {e["node"]["code"] for e in courts["organizations"]["edges"]} == {"TPI-SFAX", "TPI-SFAX-2"}


@pytest.mark.parametrize("first", [MAX_PAGE_SIZE + 1, 0, -3])
async def test_page_size_out_of_bounds_is_bad_input(graph: Graph, settings: Settings, first: int) -> None:
    result = await execute(graph, settings, PAGE, {"first": first})
    assert error_code(result) == "BAD_USER_INPUT"
    assert result.data is None


@pytest.mark.parametrize("after", ["%%%not-a-cursor", "eHl6", cursors.encode("organization", "x")[:-2] + "!!",
                                   cursors.encode("service", "x", "y")])
async def test_bad_cursor_is_bad_input(graph: Graph, settings: Settings, after: str) -> None:
    result = await execute(graph, settings, PAGE, {"after": after})
    assert error_code(result) == "BAD_USER_INPUT"


async def test_organization_by_code_speaks_the_callers_language(graph: Graph, settings: Settings) -> None:
    await make_organization(graph, settings, "INLTP", name="Instance nationale", kind="NATIONAL_AUTHORITY")
    arabic = await ok(graph, settings, ONE, {"code": "INLTP"}, language=Language.AR)
    assert arabic["organization"]["name"] == "جهة INLTP"
    french = await ok(graph, settings, ONE, {"code": "INLTP"}, language=Language.FR)
    assert french["organization"]["name"] == "Instance nationale"
    assert french["organization"]["kind"] == "NATIONAL_AUTHORITY"
    assert (await ok(graph, settings, ONE, {"code": "NOPE"}))["organization"] is None


@pytest.mark.parametrize("query", [
    PAGE, ONE, "{ services { totalCount } }", "{ organizationNetwork(code: \"TPI-TUNIS\") { partners { since } } }",
    "{ coverageGaps(category: SHELTER) { governorate { code } } }",
    "{ partnershipPath(fromCode: \"TPI-TUNIS\", toCode: \"TPI-SFAX\") { code } }",
])
async def test_anonymous_callers_must_sign_in(graph: Graph, settings: Settings, query: str) -> None:
    result = await execute(graph, settings, query, {"code": "TPI-TUNIS"}, scope=scope_of(None))
    assert error_code(result) == "UNAUTHENTICATED"


async def test_create_organization(graph: Graph, settings: Settings) -> None:
    data = await ok(graph, settings, CREATE_ORGANIZATION, {"input": {
        "code": "TAMSS", "name": "Association Tamss", "kind": "NGO", "governorate": "TN-31",
        "contactEmail": "contact@tamss.tn", "contactPhone": "+216 71 000 000"}}, scope=scope_of(Role.ADMIN))
    created = data["createOrganization"]
    assert created["code"] == "TAMSS"
    assert created["name"] == "Association Tamss"  # English missing: falls back to the French name
    assert created["governorate"] == {"code": "TN-31"}
    assert created["contact"] == {"email": "contact@tamss.tn", "phone": "+216 71 000 000"}


@pytest.mark.parametrize(("changes", "role", "code"), [
    ({}, Role.CASE_WORKER, "FORBIDDEN"),
    ({}, Role.PARTNER_AGENT, "FORBIDDEN"),
    ({}, None, "UNAUTHENTICATED"),
    ({"code": "lower"}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"code": "X' OR 1=1 //"}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"name": "   "}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"governorate": "TN-99"}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"contactEmail": "not an email"}, Role.COORDINATOR, "BAD_USER_INPUT"),
    ({"code": "TPI-TUNIS"}, Role.COORDINATOR, "CONFLICT"),
])
async def test_refused_organizations_write_nothing(graph: Graph, settings: Settings, changes: dict[str, str],
                                                   role: Role | None, code: str) -> None:
    before = await probe.organization_codes(graph)
    result = await execute(graph, settings, CREATE_ORGANIZATION, {"input": {
        "code": "NEWORG", "name": "New", "kind": "NGO", "governorate": "TN-11", **changes}}, scope=scope_of(role))
    assert error_code(result) == code
    assert await probe.organization_codes(graph) == before


async def test_partnerships(graph: Graph, settings: Settings) -> None:
    for code in ("ALPHA", "BRAVO", "CHARLIE"):
        await make_organization(graph, settings, code)
    await partner(graph, settings, "ALPHA", "BRAVO")
    await partner(graph, settings, "CHARLIE", "ALPHA", since=None)
    query = "{ organization(code: \"ALPHA\") { partners { since agreement organization { code } } } }"
    partners = (await ok(graph, settings, query))["organization"]["partners"]
    assert partners == [{"since": "2024-03-01", "agreement": "MoU", "organization": {"code": "BRAVO"}},
                        {"since": None, "agreement": "MoU", "organization": {"code": "CHARLIE"}}]
    cases = [("BRAVO", "ALPHA", Role.COORDINATOR, "CONFLICT"), ("ALPHA", "ALPHA", Role.COORDINATOR, "BAD_USER_INPUT"),
             ("ALPHA", "NOPE", Role.COORDINATOR, "NOT_FOUND"), ("ALPHA", "' OR 1=1 //", Role.ADMIN, "NOT_FOUND"),
             ("BRAVO", "CHARLIE", Role.PARTNER_AGENT, "FORBIDDEN")]
    for a, b, role, code in cases:
        result = await execute(graph, settings, ADD_PARTNERSHIP, {"input": {"organizationCode": a, "partnerCode": b}},
                               scope=scope_of(role))
        assert error_code(result) == code, (a, b)
    assert await probe.partnership_edges(graph, "BRAVO", "CHARLIE") == 0
    assert await probe.partnership_edges(graph, "ALPHA", "BRAVO") == 1
    future = await execute(graph, settings, ADD_PARTNERSHIP, {"input": {
        "organizationCode": "BRAVO", "partnerCode": "CHARLIE", "since": "2999-01-01"}})
    assert error_code(future) == "BAD_USER_INPUT"


async def test_a_page_of_fifty_with_services_and_partners_is_two_round_trips(graph: Graph,
                                                                               settings: Settings) -> None:
    codes = [f"ORG-{i:02d}" for i in range(50)]
    for code in codes:
        await make_organization(graph, settings, code)
        await make_service(graph, settings, code, name=f"Shelter of {code}")
    for a, b in itertools.pairwise(codes):
        await partner(graph, settings, a, b)
    async with count_round_trips() as small:
        data = await ok(graph, settings, NESTED_PAGE, {"first": 5})
    async with count_round_trips() as full:
        data = await ok(graph, settings, NESTED_PAGE, {"first": 50})
    edges = data["organizations"]["edges"]
    assert len(edges) == 50
    assert edges[1]["node"]["services"] == [{"name": "Shelter of ORG-01", "capacity": {"available": 10}}]
    assert [p["organization"]["code"] for p in edges[1]["node"]["partners"]] == ["ORG-00", "ORG-02"]
    # The page with its governorates and services in one statement, the partnerships through their loader.
    assert full.count == small.count == 2
    # Each service's organisation comes in the same statement as the page.
    with_owner = NESTED_PAGE.replace("capacity { available }", "organization { code }")
    async with count_round_trips() as owners:
        data = await ok(graph, settings, with_owner, {"first": 50})
    assert data["organizations"]["edges"][7]["node"]["services"][0]["organization"] == {"code": "ORG-07"}
    assert owners.count == 2
    # Without partners (the organisations page of the benchmark): one round trip.
    page = NESTED_PAGE.replace("partners { since organization { code name } }", "")
    async with count_round_trips() as single:
        data = await ok(graph, settings, page, {"first": 50})
    assert data["organizations"]["edges"][1]["node"]["services"] == [
        {"name": "Shelter of ORG-01", "capacity": {"available": 10}}]
    assert single.count == 1


@pytest.mark.parametrize("text", probe.INJECTION_STRINGS)
async def test_injection_strings_in_arguments_are_just_text(graph: Graph, settings: Settings, text: str) -> None:
    before = await probe.organization_codes(graph)
    assert (await ok(graph, settings, ONE, {"code": text}))["organization"] is None
    page = await ok(graph, settings, PAGE, {"governorate": text})
    assert page["organizations"]["totalCount"] == 0
    path = await ok(graph, settings, "query($a: String!) { partnershipPath(fromCode: $a, toCode: \"TPI-SFAX\") "
                                     "{ code } }", {"a": text})
    assert path["partnershipPath"] is None
    network = await ok(graph, settings, "query($c: String!) { organizationNetwork(code: $c) { partners { since } } }",
                       {"c": text})
    assert network["organizationNetwork"] is None
    gaps = await execute(graph, settings, "query($l: String) { coverageGaps(category: SHELTER, language: $l) "
                                          "{ governorate { code } } }", {"l": text})
    assert error_code(gaps) == "BAD_USER_INPUT"
    services = await ok(graph, settings, "query($g: String) { services(governorate: $g) { totalCount } }",
                        {"g": text})
    assert services["services"]["totalCount"] == 0
    assert await probe.organization_codes(graph) == before


CURSORS_ONLY = """
query($after: String) {
  organizations(first: 2, after: $after, kind: NGO) { pageInfo { hasNextPage endCursor } edges { cursor } }
}
"""


async def test_a_page_that_selects_no_organisation_field_still_pages_by_code(graph: Graph,
                                                                            settings: Settings) -> None:
    for code in ("ORG-P1", "ORG-P2", "ORG-P3"):
        await make_organization(graph, settings, code)
    everything = await ok(graph, settings, "{ organizations(first: 50, kind: NGO) { edges { cursor node { code } } } }")
    first = (await ok(graph, settings, CURSORS_ONLY))["organizations"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [e["cursor"] for e in first["edges"]] == [e["cursor"] for e in everything["organizations"]["edges"][:2]]
    rest = await ok(graph, settings, "query($after: String) { organizations(first: 50, after: $after, kind: NGO) "
                                     "{ edges { node { code } } } }", {"after": first["pageInfo"]["endCursor"]})
    assert [e["node"]["code"] for e in rest["organizations"]["edges"]] == [
        e["node"]["code"] for e in everything["organizations"]["edges"][2:]]
