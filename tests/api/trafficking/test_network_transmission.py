"""A reviewed suspected network goes to one court as one package: its cases, confirmed links and the crime."""

from __future__ import annotations

import base64
import io
from typing import Any

from pypdf import PdfReader

from api.links.rules import recompute_networks
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from seed.reference import court_id
from tests.api.casework.support import World, world
from tests.api.trafficking import repository as db
from tests.api.trafficking.support import PHONE_B, PHONE_E164, RECRUITER_NAME, case_mentioning, case_with_recruiter
from tests.support.graphql import ok, run

NETWORKS = "{ suspectedNetworks(first: 10) { networks { id size confirmedLinks cases { id reference } } } }"
CONFIRM = """
mutation($a: ID!, $b: ID!, $r: String!) { confirmCaseLink(caseId: $a, otherCaseId: $b, reason: $r) { decision } }
"""
TRANSMIT = """
mutation($n: ID!, $court: String!, $r: String!, $include: [PackageField!]) {
  transmitNetwork(networkId: $n, courtCode: $court, reason: $r, include: $include) {
    id networkId courtCode status includedFields caseReferences contentHash } }
"""
INBOX = "{ networkTransmissions { id courtCode status caseReferences } }"
DOCUMENT = "query($id: ID!) { networkTransmissionDocument(id: $id) { contentBase64 contentHash } }"
ACKNOWLEDGE = "mutation($id: ID!) { acknowledgeNetworkTransmission(id: $id) { status acknowledgedAt } }"
NODE = "query($id: ID!) { node(id: $id) { ... on NetworkTransmission { courtCode caseReferences } } }"
SFAX = Scope(user_id="judge-sfax", role=Role.JUDICIAL_OFFICER, organization_id=court_id("TPI-SFAX"))
TUNIS = Scope(user_id="judge-tunis", role=Role.JUDICIAL_OFFICER, organization_id=court_id("TPI-TUNIS"))
REASON = "same recruiter phone in two governorates"


async def _network(graph: Graph, settings: Settings) -> tuple[World, str, str, str]:
    w = await world(graph)
    case_a, _ = await case_with_recruiter(graph, settings, w.worker_a)
    case_b = await case_mentioning(graph, settings, w.worker_b, [{"kind": "PHONE", "value": PHONE_B}])
    await recompute_networks(graph)
    [network] = (await ok(graph, settings, NETWORKS, scope=w.coordinator))["suspectedNetworks"]["networks"]
    return w, str(network["id"]), case_a, case_b


async def test_a_confirmed_network_reaches_its_court_as_one_package(graph: Graph, settings: Settings) -> None:
    w, network, case_a, case_b = await _network(graph, settings)
    coordinator = w.coordinator
    # Suggested links only: nothing is sent until a coordinator confirms one.
    unconfirmed = await run(graph, settings, TRANSMIT, {"n": network, "court": "TPI-SFAX", "r": REASON},
                            scope=coordinator)
    assert unconfirmed.codes == ["CONFLICT"]
    assert await db.count(graph, "NetworkTransmission") == 0
    await ok(graph, settings, CONFIRM, {"a": case_a, "b": case_b, "r": REASON}, scope=coordinator)

    sent = (await ok(graph, settings, TRANSMIT, {"n": network, "court": "TPI-SFAX", "r": REASON,
                                                 "include": ["PERPETRATORS", "IDENTIFIERS", "ROUTE"]},
                     scope=coordinator))["transmitNetwork"]
    assert sent["courtCode"] == "TPI-SFAX" and sent["status"] == "SENT" and sent["networkId"] == network
    assert len(sent["caseReferences"]) == 2
    assert sent["includedFields"] == ["NETWORK", "GOVERNORATES", "CASES", "CASE_LINKS", "PERPETRATORS",
                                      "IDENTIFIERS", "ROUTE"]
    store = await db.everything(graph)
    assert RECRUITER_NAME not in store and PHONE_E164 not in store, "the package is sealed like the rest"

    # The court it was addressed to reads it, prints it and acknowledges it; another court sees nothing.
    inbox = (await ok(graph, settings, INBOX, scope=SFAX))["networkTransmissions"]
    assert [t["id"] for t in inbox] == [sent["id"]]
    document = (await ok(graph, settings, DOCUMENT, {"id": sent["id"]}, scope=SFAX))["networkTransmissionDocument"]
    assert document["contentHash"] == sent["contentHash"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(base64.b64decode(
        document["contentBase64"]))).pages)
    assert "Réseau présumé" in text and "Liens confirmés entre dossiers" in text
    for reference in sent["caseReferences"]:
        assert reference in text
    assert RECRUITER_NAME in text and PHONE_E164 in text, "the court sees the perpetrator and the phone"
    assert (await ok(graph, settings, INBOX, scope=TUNIS))["networkTransmissions"] == []
    other = await run(graph, settings, DOCUMENT, {"id": sent["id"]}, scope=TUNIS)
    assert other.codes == ["NOT_FOUND"]
    assert (await ok(graph, settings, NODE, {"id": sent["id"]}, scope=TUNIS))["node"] is None
    assert (await ok(graph, settings, NODE, {"id": sent["id"]}, scope=SFAX))["node"]["courtCode"] == "TPI-SFAX"
    assert (await run(graph, settings, ACKNOWLEDGE, {"id": sent["id"]}, scope=TUNIS)).codes == ["NOT_FOUND"]
    acknowledged = (await ok(graph, settings, ACKNOWLEDGE, {"id": sent["id"]}, scope=SFAX))
    assert acknowledged["acknowledgeNetworkTransmission"]["status"] == "ACKNOWLEDGED"
    again = await run(graph, settings, ACKNOWLEDGE, {"id": sent["id"]}, scope=SFAX)
    assert again.codes == ["CONFLICT"]


async def test_bad_network_transmissions_are_refused_and_send_nothing(graph: Graph, settings: Settings) -> None:
    w, network, case_a, case_b = await _network(graph, settings)
    coordinator = w.coordinator
    await ok(graph, settings, CONFIRM, {"a": case_a, "b": case_b, "r": REASON}, scope=coordinator)
    cases: list[tuple[dict[str, Any], Scope, str]] = [
        ({"n": network, "court": "TPI-SFAX", "r": REASON, "include": ["VICTIM_PROFILE"]}, coordinator,
         "BAD_USER_INPUT"),  # a victim's profile needs their own PROSECUTION consent, report by report
        ({"n": network, "court": "TPI-SFAX", "r": REASON, "include": ["PROTECTED_PERSONS"]}, coordinator,
         "BAD_USER_INPUT"),
        ({"n": network, "court": "NO-SUCH-COURT", "r": REASON}, coordinator, "BAD_USER_INPUT"),
        ({"n": network, "court": "TPI-SFAX", "r": "short"}, coordinator, "BAD_USER_INPUT"),
        ({"n": "5d0e0f6a-0000-4000-8000-000000000000", "court": "TPI-SFAX", "r": REASON}, coordinator, "NOT_FOUND"),
        ({"n": network, "court": "TPI-SFAX", "r": REASON}, w.worker_a, "FORBIDDEN"),
        ({"n": network, "court": "TPI-SFAX", "r": REASON}, SFAX, "FORBIDDEN"),
    ]
    for variables, scope, code in cases:
        result = await run(graph, settings, TRANSMIT, variables, scope=scope)
        assert result.codes == [code], (variables, result.errors)
        assert result.data is None
    assert await db.count(graph, "NetworkTransmission") == 0


