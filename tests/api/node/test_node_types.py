"""node(id) for Referral, Report, Transmission and Service: the rightful callers get the object with its fields;
a caller whose role may read the type but who may not see this one gets exactly what an id that never existed
gets (null, no error); a role that never reads the type is refused; anonymous callers must sign in."""

from __future__ import annotations

import uuid

from api.graphql.relay import from_global_id, to_global_id
from graph.db import Graph
from tests.security.test_cross_org_writes import Crossing, crossing
from tests.support.graphql import ok, run

__all__ = ["crossing"]

NODE = """
query($id: ID!) { node(id: $id) { id __typename
  ... on Referral { referralStatus: status urgency }
  ... on Report { channel reportStatus: status }
  ... on Transmission { courtCode transmissionStatus: status includedFields }
  ... on Service { name category } } }
"""
REPORT_OF = "query($id: ID!) { node(id: $id) { ... on Transmission { reportId } } }"
SERVICES = "{ services(first: 50) { nodes { id name } } }"
HIDDEN = None  # null, no error: the same answer as for an id that never existed
REFUSED = "FORBIDDEN"


def _never_existed(global_id: str) -> str:
    type_name, _ = from_global_id(global_id)
    return to_global_id(type_name, str(uuid.uuid4()))


async def _answers(graph: Graph, c: Crossing, global_id: str, expected: dict[str, object],
                   seen: dict[str, object]) -> None:
    """Each caller's answer for the object (and for an id of its type that never existed), against ``expected``:
    "SEEN", HIDDEN or REFUSED per Crossing member."""
    wrong: list[str] = []
    for who, outcome in expected.items():
        scope = getattr(c, who).scope
        result = await run(graph, c.settings, NODE, {"id": global_id}, scope=scope)
        missing = await run(graph, c.settings, NODE, {"id": _never_existed(global_id)}, scope=scope)
        if outcome == "SEEN":
            got: object = (result.codes, result.data)
            want: object = ([], {"node": seen})
        elif outcome is HIDDEN:
            got, want = (result.codes, result.data, missing.codes, missing.data), ([], {"node": None}) * 2
        else:
            got, want = (result.codes, result.data), ([REFUSED], {"node": None})
        if got != want:
            wrong.append(f"{who}: {got} instead of {want}")
    anonymous = await run(graph, c.settings, NODE, {"id": global_id})
    if (anonymous.codes, anonymous.data) != (["UNAUTHENTICATED"], {"node": None}):
        wrong.append(f"anonymous: {anonymous.codes} {anonymous.data}")
    assert not wrong, "\n".join(wrong)


async def test_a_referral_is_seen_by_its_case_owner_and_its_provider_only(graph: Graph, crossing: Crossing) -> None:
    c = crossing
    await _answers(graph, c, c.pending_referral, {
        "owner": "SEEN", "provider_agent": "SEEN", "other_worker": HIDDEN, "other_provider_agent": HIDDEN,
        "tunis_officer": REFUSED, "sfax_officer": REFUSED,
    }, {"id": c.pending_referral, "__typename": "Referral", "referralStatus": "PENDING", "urgency": "ROUTINE"})


async def test_a_transmission_is_seen_by_the_court_it_went_to_only(graph: Graph, crossing: Crossing) -> None:
    c = crossing
    await _answers(graph, c, c.transmission_id, {
        "sfax_officer": "SEEN", "tunis_officer": HIDDEN, "owner": REFUSED, "provider_agent": REFUSED,
    }, {"id": c.transmission_id, "__typename": "Transmission", "courtCode": "TPI-SFAX",
        "transmissionStatus": "ACKNOWLEDGED", "includedFields": ["REFERENCE", "GOVERNORATE"]})


async def test_a_public_report_is_seen_by_the_authority_only(graph: Graph, crossing: Crossing) -> None:
    c = crossing
    report_id = (await ok(graph, c.settings, REPORT_OF, {"id": c.transmission_id},
                          scope=c.sfax_officer.scope))["node"]["reportId"]
    await _answers(graph, c, report_id, {
        "coordinator": "SEEN", "owner": HIDDEN, "other_worker": HIDDEN, "provider_agent": HIDDEN,
        "sfax_officer": REFUSED, "tunis_officer": REFUSED,
    }, {"id": report_id, "__typename": "Report", "channel": "PUBLIC", "reportStatus": "TRANSMITTED"})


async def test_a_service_is_seen_by_network_readers(graph: Graph, crossing: Crossing) -> None:
    c = crossing
    services = (await ok(graph, c.settings, SERVICES, scope=c.owner.scope))["services"]["nodes"]
    shelter = next(s for s in services if s["name"] == "shelter")
    await _answers(graph, c, shelter["id"], {
        "owner": "SEEN", "other_worker": "SEEN", "provider_agent": "SEEN", "other_provider_agent": "SEEN",
        "coordinator": "SEEN",
    }, {"id": shelter["id"], "__typename": "Service", "name": "shelter", "category": "SHELTER"})
