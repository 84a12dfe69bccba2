"""The network repositories: every query compiles, courts stay organisations, the taxonomy stays in sync."""

from __future__ import annotations

import json

import pytest

from api.organizations.types import OrganizationKind
from api.reference.catalogues import REFERENCE_DIR
from api.services.types import ServiceCategory
from graph.access.scope import Role, Scope
from graph.assistance import repository as assistance
from graph.changefeed import repository as changefeed
from graph.db import Graph
from graph.network import repository as network
from graph.organizations import repository as organizations
from graph.services import repository as services
from tests.api.network import repository as probe

QUERIES = {
    f"{module.__name__}.{name}": getattr(module, name)
    for module in (organizations, services, network)
    for name in dir(module)
    if name.isupper() and isinstance(getattr(module, name), str) and "RETURN" in getattr(module, name)
    # Fragments compile only inside the statements they join: the reach and change-sequence fragments imported
    # here, and the halves of a statement assembled around a selection-aware projection.
    and not hasattr(assistance, name) and not hasattr(changefeed, name) and not name.endswith(("_HEAD", "_TAIL"))
}
COORDINATOR = Scope(user_id="u-1", role=Role.COORDINATOR, organization_id=None)


@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_every_query_compiles(graph: Graph, name: str) -> None:
    await graph.read("EXPLAIN " + QUERIES[name])


def test_service_category_enum_is_exactly_the_taxonomy() -> None:
    codes = [item["code"] for item in json.loads((REFERENCE_DIR / "service_categories.json").read_text())["items"]]
    assert [c.value for c in ServiceCategory] == codes


async def test_courts_are_judicial_bodies_readable_as_organizations(graph: Graph) -> None:
    kinds = await probe.organization_codes(graph)
    assert kinds["TPI-TUNIS"] == OrganizationKind.JUDICIAL_BODY.value
    court = await organizations.organization_by_code(graph, COORDINATOR, "TPI-TUNIS")
    assert court is not None
    assert court["governorate"]["code"] == "TN-11"


async def test_partnership_is_stored_once_and_read_both_ways(graph: Graph) -> None:
    for code in ("ALPHA", "BETA"):
        await organizations.create_organization(graph, {
            "code": code, "name": code, "nameAr": None, "nameEn": None, "kind": "NGO", "governorate": "TN-11",
            "contactEmail": None, "contactPhone": None})
    first = await organizations.add_partnership(graph, "ALPHA", "BETA", None, None)
    again = await organizations.add_partnership(graph, "BETA", "ALPHA", None, None)
    assert first is not None and again is not None
    assert (first[0], again[0]) == (False, True)
    assert await probe.partnership_edges(graph, "ALPHA", "BETA") == 1
    assert await probe.partnership_edges(graph, "BETA", "ALPHA") == 0
    alpha, beta = first[1]["id"], again[1]["id"]
    partners = await organizations.partners_by_organization(graph, COORDINATOR, [alpha, beta])
    assert [p["organization"]["code"] for p in partners[alpha]] == ["BETA"]
    assert [p["organization"]["code"] for p in partners[beta]] == ["ALPHA"]


async def test_network_reads_need_a_role_inside_cypher_too(graph: Graph) -> None:
    anonymous = Scope(user_id=None, role=None, organization_id=None)
    rows, total = await organizations.list_organizations(graph, anonymous, kind=None, governorate=None, after=None,
                                                         limit=10)
    assert (rows, total) == ([], 0)
    assert await organizations.organization_by_code(graph, anonymous, "TPI-TUNIS") is None
