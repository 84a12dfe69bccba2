"""The whole casework flow: open a case, find assistance, refer, accept, complete."""

from __future__ import annotations

from api.i18n import Language
from api.settings import Settings
from graph.db import Graph
from tests.api.casework import repository as db
from tests.api.casework.support import COMPLETE, CREATE_REFERRAL, RESPOND, gid, open_case_for, world
from tests.support.consent import consent_to_refer
from tests.support.graphql import ok

FIND = """
query($caseId: ID!) {
  findAssistance(caseId: $caseId, categories: [SHELTER]) {
    score distanceKm availableCapacity needsConsent reasons service { id name organization { code } }
  }
}
"""


async def test_open_find_refer_accept_complete(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    shelter = await db.create_service(graph, w.provider, name="Tunis shelter", capacityAvailable=2,
                                      languages=["ar", "fr"])
    _, case_id = await open_case_for(graph, settings, w.worker_a, sex="FEMALE", languages=["ar"],
                                     forms=["FORCED_LABOUR"])

    data = await ok(graph, settings, FIND, {"caseId": case_id}, scope=w.worker_a)
    [match] = data["findAssistance"]
    assert match["service"]["id"] == gid("Service", shelter)
    assert match["service"]["organization"]["code"] == "PROVIDER"
    assert match["availableCapacity"] == 2
    assert match["needsConsent"] is True
    assert "Located in Tunis" in match["reasons"]
    assert "Speaks Arabic" in match["reasons"]
    assert "The victim's consent for Org PROVIDER is needed" in match["reasons"]

    french = await ok(graph, settings, FIND, {"caseId": case_id}, scope=w.worker_a, language=Language.FR)
    assert "Parle : arabe" in french["findAssistance"][0]["reasons"]

    await consent_to_refer(graph, settings, w.worker_a, case_id, shelter)
    data = await ok(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": case_id, "serviceId": gid("Service", shelter), "urgency": "URGENT", "note": "needs a bed"}},
        scope=w.worker_a)
    referral = data["createReferral"]
    assert referral["status"] == "PENDING" and referral["urgency"] == "URGENT"

    data = await ok(graph, settings, RESPOND, {"input": {"referralId": referral["id"], "accept": True}},
                    scope=w.partner)
    assert data["respondToReferral"]["status"] == "ACCEPTED"
    assert await db.capacity(graph, shelter) == 1

    data = await ok(graph, settings, COMPLETE, {"input": {"referralId": referral["id"], "outcome": "housed"}},
                    scope=w.partner)
    assert data["completeReferral"] == {"id": referral["id"], "status": "COMPLETED", "outcome": "housed"}
    assert await db.capacity(graph, shelter) == 2

    listing = await ok(graph, settings, """{ referrals(direction: RECEIVED) { totalCount nodes { status
        service { name } case { reference } } } }""", scope=w.partner)
    assert listing["referrals"]["totalCount"] == 1
    node = listing["referrals"]["nodes"][0]
    # The provider sees the referral and its service, but not the case of another organisation.
    assert node == {"status": "COMPLETED", "service": {"name": "Tunis shelter"}, "case": None}
