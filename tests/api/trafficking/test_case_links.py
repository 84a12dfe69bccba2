"""Done when: two cases from different NGOs sharing a recruiter's phone show up linked for the coordinator."""

from __future__ import annotations

from api.settings import Settings
from graph.db import Graph
from tests.api.casework.support import world
from tests.api.trafficking import repository as db
from tests.api.trafficking.support import (
    CASE_FILE,
    CASE_LINKS,
    PHONE_B,
    PHONE_E164,
    case_mentioning,
    case_with_recruiter,
)
from tests.support.graphql import ok, run

CONFIRM = """
mutation($a: ID!, $b: ID!, $r: String!) { confirmCaseLink(caseId: $a, otherCaseId: $b, reason: $r) { decision } }
"""
DISMISS = """
mutation($a: ID!, $b: ID!, $r: String!) { dismissCaseLink(caseId: $a, otherCaseId: $b, reason: $r) { decision } }
"""


async def test_a_recruiters_phone_links_two_ngos_cases_for_the_coordinator(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    case_a, perpetrator = await case_with_recruiter(graph, settings, w.worker_a)
    case_b = await case_mentioning(graph, settings, w.worker_b, [{"kind": "PHONE", "value": PHONE_B}])
    assert await db.count(graph, "Identifier") == 1, "the same phone, written two ways, is one node"

    links = (await ok(graph, settings, CASE_LINKS, {"c": case_a}, scope=w.coordinator))["caseLinks"]
    assert links["detailsVisible"] is True
    assert links["linkedCases"] == 1
    [link] = links["links"]
    assert link["caseId"] == case_b
    assert link["case"]["owner"]["code"] == "ORG-B"
    assert link["decision"] == "SUGGESTED"
    [path] = link["paths"]
    assert path["evidence"] == "PHONE"
    assert [s["type"] for s in path["steps"]] == ["Case", "Perpetrator", "Identifier", "Case"]
    assert [s["id"] for s in path["steps"]][0::3] == [case_a, case_b]
    assert path["steps"][1] == {"type": "Perpetrator", "id": perpetrator, "label": "Recruteur A"}
    assert path["steps"][2]["label"] == "PHONE"
    assert path["relationships"] == ["INVOLVES", "USES", "MENTIONS"]
    assert PHONE_E164 not in repr(links)

    # Seen from case B the path runs the other way.
    back = (await ok(graph, settings, CASE_LINKS, {"c": case_b}, scope=w.coordinator))["caseLinks"]
    assert [ln["caseId"] for ln in back["links"]] == [case_a]
    assert back["links"][0]["paths"][0]["relationships"] == ["MENTIONS", "USES", "INVOLVES"]

    confirmed = await ok(graph, settings, CONFIRM, {"a": case_b, "b": case_a, "r": "same recruiter phone"},
                         scope=w.coordinator)
    assert confirmed["confirmCaseLink"]["decision"] == "CONFIRMED"
    again = (await ok(graph, settings, CASE_LINKS, {"c": case_a}, scope=w.coordinator))["caseLinks"]
    assert again["links"][0]["decision"] == "CONFIRMED"
    assert again["links"][0]["decisionReason"] == "same recruiter phone"
    audited = [e for e in await db.audit_actions(graph) if e["action"] == "confirmCaseLink"]
    assert [(e["outcome"], sorted(e["target"])) for e in audited] == [("OK", sorted([case_a, case_b]))]

    dismissed = await ok(graph, settings, DISMISS, {"a": case_a, "b": case_b, "r": "homonym, different person"},
                         scope=w.coordinator)
    assert dismissed["dismissCaseLink"]["decision"] == "DISMISSED"
    final = (await ok(graph, settings, CASE_LINKS, {"c": case_b}, scope=w.coordinator))["caseLinks"]
    assert final["links"][0]["decision"] == "DISMISSED"


async def test_an_ngo_sees_only_how_many_other_cases_share_its_evidence(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    case_a, _ = await case_with_recruiter(graph, settings, w.worker_a)
    for _ in range(3):
        await case_mentioning(graph, settings, w.worker_b, [{"kind": "PHONE", "value": PHONE_B}])

    links = (await ok(graph, settings, CASE_LINKS, {"c": case_a}, scope=w.worker_a))["caseLinks"]
    assert links["detailsVisible"] is False
    assert links["links"] == []
    assert links["linkedCases"] == 3
    [evidence] = links["evidence"]
    assert (evidence["evidenceType"], evidence["kind"], evidence["otherCases"]) == ("Identifier", "PHONE", 3)
    own = (await ok(graph, settings, CASE_FILE, {"id": case_a}, scope=w.worker_a))["case"]
    assert own["identifiers"][0]["otherCases"] == 3
    assert own["identifiers"][0]["value"] == PHONE_E164

    refused = await run(graph, settings, CONFIRM, {"a": case_a, "b": case_a, "r": "trying it"}, scope=w.worker_a)
    assert refused.codes == ["FORBIDDEN"]
    same = await run(graph, settings, CONFIRM, {"a": case_a, "b": case_a, "r": "one case"}, scope=w.coordinator)
    assert same.codes == ["BAD_USER_INPUT"]
    assert (await run(graph, settings, CASE_LINKS, {"c": case_a}, scope=w.analyst)).codes == ["FORBIDDEN"]


async def test_shared_perpetrators_and_addresses_link_cases(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    case_a, perpetrator = await case_with_recruiter(graph, settings, w.coordinator)
    case_b = await case_mentioning(graph, settings, w.coordinator,
                                   [{"kind": "ADDRESS", "value": "Rue de Marseille 14, Tunis"}])
    case_c = await case_mentioning(graph, settings, w.coordinator,
                                   [{"kind": "ADDRESS", "value": "rue de marseille, 14 TUNIS"}])
    involve = """
    mutation($c: ID!, $p: ID!) { involvePerpetrator(caseId: $c, perpetratorId: $p, role: TRANSPORTER) { id } }
    """
    await ok(graph, settings, involve, {"c": case_b, "p": perpetrator}, scope=w.coordinator)

    links = (await ok(graph, settings, CASE_LINKS, {"c": case_b}, scope=w.coordinator))["caseLinks"]
    by_case = {ln["caseId"]: sorted(p["evidence"] for p in ln["paths"]) for ln in links["links"]}
    assert by_case == {case_a: ["PERPETRATOR"], case_c: ["ADDRESS"]}
