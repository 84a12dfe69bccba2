"""findAssistance and assistanceExclusions: each eligibility rule, ranking, reasons and consent."""

from __future__ import annotations

import pytest

from api.i18n import Language
from api.settings import Settings
from graph.db import Graph
from tests.api.casework import repository as db
from tests.api.casework.support import gid, open_case_for, world
from tests.support.graphql import ok

FIND = """
query($caseId: ID!, $first: Int) {
  findAssistance(caseId: $caseId, categories: [SHELTER, MEDICAL], first: $first) {
    score distanceKm needsConsent reasons service { id name }
  }
}
"""
EXCLUDED = """
query($caseId: ID!) {
  assistanceExclusions(caseId: $caseId, categories: [SHELTER, MEDICAL]) { codes reasons service { id name } }
}
"""
VICTIM = {"sex": "FEMALE", "birthYear": 1995, "nationality": "ER", "languages": ["ti"]}


# Each row: the service attributes that should exclude this victim, and the exclusion code.
@pytest.mark.parametrize(("overrides", "code", "reason"), [
    ({"status": "TEMPORARILY_CLOSED"}, "active", "not taking anyone now"),
    ({"capacityAvailable": 0}, "capacity", "full"),
    ({"sexes": ["MALE"]}, "sex", "does not take women"),
    ({"minAge": 40}, "minAge", "only from age 40"),
    ({"maxAge": 17}, "maxAge", "only up to age 17"),
    ({"nationalitiesExcluded": ["ER"]}, "nationalityExcluded", "does not take nationals of Eritrea"),
    ({"nationalitiesOnly": ["TN"]}, "nationalityOnly", "only for nationals of Tunisia"),
    ({"languages": ["fr", "ar"]}, "language", "no Tigrinya"),
    ({"exploitationForms": ["SEXUAL_EXPLOITATION"]}, "exploitation", "does not handle Forced labour or services"),
    ({"governorate": "TN-83", "covers": ["TN-83"]}, "area", "does not serve Tunis"),
])
async def test_each_rule_excludes_what_it_should(graph: Graph, settings: Settings, overrides: dict[str, object],
                                                 code: str, reason: str) -> None:
    w = await world(graph)
    fits = await db.create_service(graph, w.provider, name="fits")
    left_out = await db.create_service(graph, w.provider, name="left out", **overrides)
    _, case_id = await open_case_for(graph, settings, w.worker_a, forms=["FORCED_LABOUR"], **VICTIM)

    found = await ok(graph, settings, FIND, {"caseId": case_id}, scope=w.worker_a)
    assert [m["service"]["id"] for m in found["findAssistance"]] == [gid("Service", fits)]
    excluded = await ok(graph, settings, EXCLUDED, {"caseId": case_id}, scope=w.worker_a)
    [row] = excluded["assistanceExclusions"]
    assert row["service"]["id"] == gid("Service", left_out)
    assert row["codes"] == [code]
    assert row["reasons"] == [reason]


async def test_minors_need_services_that_accept_them(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    await db.create_service(graph, w.provider, name="adults only", acceptsMinors=False)
    children = await db.create_service(graph, w.provider, name="children", acceptsMinors=True)
    _, case_id = await open_case_for(graph, settings, w.worker_a, ageBand="12-14")
    found = await ok(graph, settings, FIND, {"caseId": case_id}, scope=w.worker_a)
    assert [m["service"]["id"] for m in found["findAssistance"]] == [gid("Service", children)]
    excluded = await ok(graph, settings, EXCLUDED, {"caseId": case_id}, scope=w.worker_a, language=Language.AR)
    assert excluded["assistanceExclusions"][0]["codes"] == ["minors"]
    assert excluded["assistanceExclusions"][0]["reasons"] == ["لا يستقبل القصّر"]


async def test_ranking_is_stable_nearest_and_best_first(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    # Same place, same capacity: ties are broken by service id, so twins keep a stable order.
    twins = sorted([await db.create_service(graph, w.provider, name=f"twin {i}") for i in range(3)])
    neighbour = await db.create_service(graph, w.provider, name="Ariana", governorate="TN-12", covers=["TN-12"])
    covering = await db.create_service(graph, w.provider, name="Sfax, covers Tunis", governorate="TN-61",
                                       covers=["TN-61", "TN-11"])
    far_other_category = await db.create_service(graph, w.provider, name="Medical Sousse", category="MEDICAL",
                                                 governorate="TN-51", covers=["TN-51", "TN-11"])
    _, case_id = await open_case_for(graph, settings, w.worker_a)
    first = await ok(graph, settings, FIND, {"caseId": case_id}, scope=w.worker_a)
    order = [m["service"]["id"] for m in first["findAssistance"]]
    assert order == [gid("Service", s) for s in [*twins, neighbour, far_other_category, covering]]
    scores = [m["score"] for m in first["findAssistance"]]
    assert scores == sorted(scores, reverse=True)
    assert first["findAssistance"][3]["reasons"][0] == "In the neighbouring governorate of Ariana"
    assert first["findAssistance"][5]["reasons"][0] == "Serves Tunis"
    for _ in range(3):
        again = await ok(graph, settings, FIND, {"caseId": case_id}, scope=w.worker_a)
        assert again == first
    top_two = await ok(graph, settings, FIND, {"caseId": case_id, "first": 2}, scope=w.worker_a)
    assert [m["service"]["id"] for m in top_two["findAssistance"]] == order[:2]


async def test_consent_is_needed_not_excluding_and_counts_once_given(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    await db.create_service(graph, w.provider, name="shelter")
    victim_id, case_id = await open_case_for(graph, settings, w.worker_a)
    before = await ok(graph, settings, FIND, {"caseId": case_id}, scope=w.worker_a)
    [match] = before["findAssistance"]
    assert match["needsConsent"] is True

    consent = await ok(graph, settings, """mutation($input: RecordConsentInput!) {
        recordConsent(input: $input) { id valid organization { code } } }""",
                       {"input": {"victimId": victim_id, "organizationCode": "PROVIDER", "purpose": "REFERRAL"}},
                       scope=w.worker_a)
    assert consent["recordConsent"]["valid"] is True
    after = await ok(graph, settings, FIND, {"caseId": case_id}, scope=w.worker_a)
    assert after["findAssistance"][0]["needsConsent"] is False
    assert "Consent on file for Org PROVIDER" in after["findAssistance"][0]["reasons"]
    assert after["findAssistance"][0]["score"] > match["score"]

    revoked = await ok(graph, settings, "mutation($id: ID!) { revokeConsent(consentId: $id) { valid revokedAt } }",
                       {"id": consent["recordConsent"]["id"]}, scope=w.worker_a)
    assert revoked["revokeConsent"]["valid"] is False
    again = await ok(graph, settings, FIND, {"caseId": case_id}, scope=w.worker_a)
    assert again["findAssistance"][0]["needsConsent"] is True
