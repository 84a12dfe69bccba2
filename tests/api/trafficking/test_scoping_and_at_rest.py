"""Another organisation's perpetrators and identifiers: nothing beyond a count, through any path. Nothing plaintext
in Neo4j, and no blind index in any response."""

from __future__ import annotations

import json

from api.graphql.relay import to_global_id
from api.settings import Settings
from graph.db import Graph
from tests.api.casework.support import world
from tests.api.trafficking import repository as db
from tests.api.trafficking.support import (
    CASE_FILE,
    CASE_LINKS,
    PHONE_A,
    PHONE_B,
    PHONE_E164,
    RECRUITER_NAME,
    case_mentioning,
    case_with_recruiter,
)
from tests.support.graphql import ok, run

NODE = """
query($id: ID!) { node(id: $id) { id ... on Perpetrator { alias identifiers { value } }
                                  ... on Identifier { kind value otherCases } } }
"""
IDENTITY = """
query($p: ID!, $r: String!) { perpetratorIdentity(perpetratorId: $p, reason: $r) { fullName documentNumber } }
"""
INVOLVE = """
mutation($c: ID!, $p: ID!) { involvePerpetrator(caseId: $c, perpetratorId: $p, role: EXPLOITER) { id } }
"""
ADD_TO_PERPETRATOR = """
mutation($p: ID!, $ids: [IdentifierInput!]!) { addPerpetratorIdentifiers(perpetratorId: $p, identifiers: $ids) {
  id identifiers { value } } }
"""
ERASE = "mutation($p: ID!, $r: String!) { erasePerpetratorIdentity(perpetratorId: $p, reason: $r) }"
SECRETS = [RECRUITER_NAME, "09876543", PHONE_E164, "98765432", "98 765 432", "recruteur.sfax@example.tn",
           "Recruteur.Sfax@Example.TN", "123TU4567", "123 TU 4567", "jobs_europe_tn", "TN5910006035183598478831",
           "Rue de Marseille 14"]


async def test_another_organisations_values_never_reach_a_case_worker(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    case_a, perpetrator = await case_with_recruiter(graph, settings, w.worker_a)
    case_b = await case_mentioning(graph, settings, w.worker_b, [{"kind": "PHONE", "value": PHONE_B}])
    file_a = (await ok(graph, settings, CASE_FILE, {"id": case_a}, scope=w.worker_a))["case"]
    identifier = file_a["identifiers"][0]["id"]
    assert file_a["identifiers"][0]["perpetratorId"] == perpetrator
    assert file_a["perpetrators"][0]["perpetrator"]["identifiers"][0]["value"] == PHONE_E164

    # Root, nested and node paths from organisation B to A's case, perpetrator and identity.
    assert (await ok(graph, settings, CASE_FILE, {"id": case_a}, scope=w.worker_b))["case"] is None
    assert (await ok(graph, settings, NODE, {"id": perpetrator}, scope=w.worker_b))["node"] is None
    assert (await run(graph, settings, IDENTITY, {"p": perpetrator, "r": "curious about it"},
                      scope=w.worker_b)).codes == ["NOT_FOUND"]
    assert (await run(graph, settings, CASE_LINKS, {"c": case_a}, scope=w.worker_b)).codes == ["NOT_FOUND"]
    assert (await run(graph, settings, INVOLVE, {"c": case_b, "p": perpetrator}, scope=w.worker_b)).codes == [
        "NOT_FOUND"]
    assert (await run(graph, settings, ADD_TO_PERPETRATOR, {"p": perpetrator, "ids": [
        {"kind": "EMAIL", "value": "x@example.tn"}]}, scope=w.worker_b)).codes == ["NOT_FOUND"]

    # B reaches the shared phone only through its own case: the value it entered, and a count.
    own = (await ok(graph, settings, CASE_FILE, {"id": case_b}, scope=w.worker_b))["case"]
    assert own["perpetrators"] == []
    assert [(i["id"], i["value"], i["otherCases"]) for i in own["identifiers"]] == [(identifier, PHONE_E164, 1)]
    links = (await ok(graph, settings, CASE_LINKS, {"c": case_b}, scope=w.worker_b))["caseLinks"]
    seen = json.dumps([own, links, (await ok(graph, settings, NODE, {"id": identifier}, scope=w.worker_b))])
    for leaked in (case_a, perpetrator, "Recruteur A", RECRUITER_NAME, "RECRUITER", file_a["reference"]):
        assert leaked not in seen
    assert links["linkedCases"] == 1 and links["links"] == []

    # A third organisation's worker sees not even the identifier.
    outsider = w.partner
    assert (await ok(graph, settings, NODE, {"id": identifier}, scope=outsider))["node"] is None
    assert (await ok(graph, settings, NODE, {"id": identifier}, scope=w.coordinator))["node"]["value"] == PHONE_E164

    # The owner reads the identity with a reason (audited); the authority can erase it for good.
    read = (await ok(graph, settings, IDENTITY, {"p": perpetrator, "r": "prepare the complaint"},
                     scope=w.worker_a))["perpetratorIdentity"]
    assert read == {"fullName": RECRUITER_NAME, "documentNumber": "09876543"}
    actions = [(e["action"], e["outcome"]) for e in await db.audit_actions(graph)]
    assert ("perpetratorIdentity", "OK") in actions
    assert ("perpetratorIdentity", "ERROR:NOT_FOUND") in actions
    assert ("read:caseIdentifiers", "OK") in actions
    assert (await run(graph, settings, ERASE, {"p": perpetrator, "r": "court order"}, scope=w.worker_a)).codes == [
        "FORBIDDEN"]
    await ok(graph, settings, ERASE, {"p": perpetrator, "r": "court order 2026/12"}, scope=w.coordinator)
    gone = (await ok(graph, settings, IDENTITY, {"p": perpetrator, "r": "after erasure"}, scope=w.coordinator))
    assert gone["perpetratorIdentity"] == {"fullName": None, "documentNumber": None}
    assert RECRUITER_NAME not in repr(await db.everything(graph))


async def test_no_plaintext_identifier_in_neo4j_and_no_blind_index_in_responses(graph: Graph,
                                                                                 settings: Settings) -> None:
    w = await world(graph)
    case_a, perpetrator = await case_with_recruiter(graph, settings, w.worker_a, phone=PHONE_A)
    case_b = await case_mentioning(graph, settings, w.worker_b, [
        {"kind": "PHONE", "value": PHONE_B}, {"kind": "EMAIL", "value": "Recruteur.Sfax@Example.TN"},
        {"kind": "VEHICLE_PLATE", "value": "123 TU 4567"},
        {"kind": "ONLINE_ACCOUNT", "platform": "FACEBOOK", "value": "@Jobs_Europe_TN"},
        {"kind": "BANK_ACCOUNT", "value": "TN59 1000 6035 1835 9847 8831"},
        {"kind": "ADDRESS", "value": "Rue de Marseille 14, Tunis"}])

    dump = await db.everything(graph)
    for value in SECRETS:
        assert value not in dump, value
    file_b = (await ok(graph, settings, CASE_FILE, {"id": case_b}, scope=w.worker_b))["case"]
    assert sorted(i["value"] for i in file_b["identifiers"]) == sorted([
        PHONE_E164, "recruteur.sfax@example.tn", "TUN:123TU4567", "jobs_europe_tn", "TN5910006035183598478831",
        "Rue de Marseille 14, Tunis"])

    responses = [file_b]
    for scope in (w.worker_a, w.worker_b, w.coordinator):
        for case in (case_a, case_b):
            responses.append(await run(graph, settings, CASE_FILE, {"id": case}, scope=scope))
            responses.append(await run(graph, settings, CASE_LINKS, {"c": case}, scope=scope))
        for item in file_b["identifiers"]:
            responses.append(await run(graph, settings, NODE, {"id": item["id"]}, scope=scope))
        responses.append(await run(graph, settings, NODE, {"id": perpetrator}, scope=scope))
    text = repr(responses)
    indexes = await db.blind_indexes(graph)
    assert len(indexes) == 7
    for index in indexes:
        assert index not in text
    assert to_global_id("Identifier", "x") not in text
