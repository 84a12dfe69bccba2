"""The referral loop closes (alerts, reasons, timeline), screenings read back, approvals need someone else."""

from __future__ import annotations

from api.i18n import Language
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from tests.api.casework import repository as casework_db
from tests.api.casework.support import CHANGE_STATUS, RESPOND, gid, open_case_for, refer
from tests.api.consent import repository as db
from tests.api.consent.test_consent_gate import setting
from tests.support.graphql import ok, run

TIMELINE = """
query($id: ID!) { node(id: $id) { ... on Referral { status declineReason timeline { kind code byRole } } } }
"""
REQUEST = """
mutation($c: ID!, $why: String!) { requestIdentification(caseId: $c, reason: $why) { id status } }
"""
DECIDE = """
mutation($r: ID!, $ok: Boolean!, $why: String!) {
  decideIdentification(requestId: $r, approve: $ok, reason: $why) { id status decisionReason }
}
"""
TRANSFER = "mutation($c: ID!, $to: String!) { transferCase(caseId: $c, organizationCode: $to) { id owner { code } } }"
RESPOND_TRANSFER = """
mutation($r: ID!, $a: Boolean!, $why: String) { respondToTransfer(requestId: $r, accept: $a, reason: $why) { status } }
"""
APPROVALS = "query($id: ID!) { case(id: $id) { status owner { code } approvals { id kind status } } }"
SCREEN = """
mutation($c: ID!, $a: [ScreeningAnswer!]!) { recordScreening(caseId: $c, answers: $a) { id score } }
"""


async def test_the_sender_hears_each_answer_and_reads_the_timeline(graph: Graph, settings: Settings) -> None:
    s = await setting(graph, settings)
    referral = await refer(graph, settings, s.w.worker_a, s.case_id, s.shelter)
    declined = await ok(graph, settings, RESPOND, {"input": {"referralId": referral, "accept": False,
                                                             "reason": "SAFETY_RISK"}}, scope=s.partner)
    assert declined["respondToReferral"]["declineReason"] == "SAFETY_RISK"
    alerts = await db.alert_kinds_for(graph, s.w.worker_a_user)
    assert [(kind, gid("Referral", subject)) for kind, _, subject in alerts] == [("REFERRAL_DECLINED", referral)]
    node = (await ok(graph, settings, TIMELINE, {"id": referral}, scope=s.w.worker_a))["node"]
    assert node["timeline"] == [{"kind": "CREATED", "code": None, "byRole": "CASE_WORKER"},
                                {"kind": "DECLINED", "code": "SAFETY_RISK", "byRole": "PARTNER_AGENT"}]

    second = await refer(graph, settings, s.w.worker_a, s.case_id, s.shelter)
    await ok(graph, settings, RESPOND, {"input": {"referralId": second, "accept": True}}, scope=s.partner)
    await ok(graph, settings, """mutation($input: CompleteReferralInput!) { completeReferral(input: $input) { id } }""",
             {"input": {"referralId": second, "outcome": "housed"}}, scope=s.partner)
    kinds = [kind for kind, _, _ in await db.alert_kinds_for(graph, s.w.worker_a_user)]
    assert kinds == ["REFERRAL_DECLINED", "REFERRAL_ACCEPTED", "REFERRAL_COMPLETED"]
    # The provider is never told of its own answers.
    assert [k for k, _, _ in await db.alert_kinds_for(graph, s.partner.user_id or "")] == [
        "REFERRAL_RECEIVED", "REFERRAL_RECEIVED"]
    catalogue = (await ok(graph, settings, "{ catalogues(names: [DECLINE_REASONS]) { items { code label { ar } } } }",
                          scope=s.partner))["catalogues"][0]["items"]
    assert {"code": "VICTIM_REFUSED", "label": {"ar": "رفض الشخص المعني"}} in catalogue
    assert {i["code"] for i in catalogue} >= {"NOT_ELIGIBLE_AGE", "NOT_ELIGIBLE_SEX", "NOT_ELIGIBLE_LANGUAGE"}


async def test_screenings_read_back_on_the_case_newest_first(graph: Graph, settings: Settings) -> None:
    s = await setting(graph, settings)
    first = (await ok(graph, settings, SCREEN, {"c": s.case_id, "a": [{"indicator": "ISOLATION",
                                                                     "observed": True}]},
                      scope=s.w.worker_a))["recordScreening"]
    second = (await ok(graph, settings, SCREEN, {"c": s.case_id, "a": []}, scope=s.w.worker_a))["recordScreening"]
    case = (await ok(graph, settings, "query($id: ID!) { case(id: $id) { screenings { id score observed } } }",
                     {"id": s.case_id}, scope=s.w.worker_a))["case"]
    assert [x["id"] for x in case["screenings"]] == [second["id"], first["id"]]
    node = (await ok(graph, settings, "query($id: ID!) { node(id: $id) { ... on Screening { score } } }",
                     {"id": first["id"]}, scope=s.w.worker_a))["node"]
    assert node == {"score": first["score"]}
    hidden = await ok(graph, settings, "query($id: ID!) { node(id: $id) { id } }",
                      {"id": first["id"]}, scope=s.w.worker_b)
    assert hidden["node"] is None


async def test_identification_needs_another_coordinator(graph: Graph, settings: Settings) -> None:
    s = await setting(graph, settings)
    await ok(graph, settings, CHANGE_STATUS, {"input": {"caseId": s.case_id, "status": "PRESUMED"}},
             scope=s.w.worker_a)
    asked = (await ok(graph, settings, REQUEST, {"c": s.case_id, "why": "indicators confirmed"},
                      scope=s.coordinator))["requestIdentification"]
    assert asked["status"] == "PENDING"
    own = await run(graph, settings, DECIDE, {"r": asked["id"], "ok": True, "why": "looks right"},
                    scope=s.coordinator, language=Language.FR)
    assert own.codes == ["FORBIDDEN"]
    assert own.messages == ["Vous ne pouvez pas approuver votre propre demande : un autre coordinateur doit décider."]
    worker = await run(graph, settings, DECIDE, {"r": asked["id"], "ok": True, "why": "looks right"},
                       scope=s.w.worker_a)
    assert worker.codes == ["FORBIDDEN"]
    assert (await ok(graph, settings, APPROVALS, {"id": s.case_id}, scope=s.w.worker_a))["case"]["status"] == (
        "PRESUMED")

    other = Scope(user_id="u-c2", role=Role.COORDINATOR, organization_id=s.coordinator.organization_id)
    rejected = (await ok(graph, settings, DECIDE, {"r": asked["id"], "ok": False, "why": "needs an interview"},
                         scope=other))["decideIdentification"]
    assert rejected == {"id": asked["id"], "status": "REJECTED", "decisionReason": "needs an interview"}
    again = await run(graph, settings, DECIDE, {"r": asked["id"], "ok": True, "why": "changed my mind"}, scope=other)
    assert again.codes == ["CONFLICT"]
    assert [k for k, _, _ in await db.alert_kinds_for(graph, s.coordinator.user_id or "")] == ["APPROVAL_DECIDED"]

    renewed = (await ok(graph, settings, REQUEST, {"c": s.case_id, "why": "interview held"},
                        scope=s.w.worker_a))["requestIdentification"]
    approved = await ok(graph, settings, DECIDE, {"r": renewed["id"], "ok": True, "why": "interview confirms"},
                        scope=s.coordinator)
    assert approved["decideIdentification"]["status"] == "APPROVED"
    case = (await ok(graph, settings, APPROVALS, {"id": s.case_id}, scope=s.w.worker_a))["case"]
    assert case["status"] == "IDENTIFIED"
    assert [(a["id"], a["status"]) for a in case["approvals"]] == [(renewed["id"], "APPROVED"),
                                                                   (asked["id"], "REJECTED")]


async def test_a_transfer_waits_for_the_receiving_organisation(graph: Graph, settings: Settings) -> None:
    s = await setting(graph, settings)
    receiver_user = await casework_db.create_user(graph, s.w.org_b, "worker-b2", "CASE_WORKER")
    receiver = Scope(user_id=receiver_user, role=Role.CASE_WORKER, organization_id=s.w.org_b)
    asked = (await ok(graph, settings, TRANSFER, {"c": s.case_id, "to": "ORG-B"}, scope=s.w.worker_a))["transferCase"]
    assert asked["owner"] == {"code": "ORG-A"}
    [(kind, subject_type, request_local)] = await db.alert_kinds_for(graph, receiver_user)
    assert (kind, subject_type) == ("TRANSFER_REQUESTED", "ApprovalRequest")
    request = gid("ApprovalRequest", request_local)
    seen = (await ok(graph, settings, "query($id: ID!) { node(id: $id) { ... on ApprovalRequest { kind status "
                     "case { id } targetOrganization { code } } } }", {"id": request}, scope=receiver))["node"]
    assert seen == {"kind": "TRANSFER", "status": "PENDING", "case": None, "targetOrganization": {"code": "ORG-B"}}

    by_sender = await run(graph, settings, RESPOND_TRANSFER, {"r": request, "a": True}, scope=s.w.worker_a)
    assert by_sender.codes == ["FORBIDDEN"]
    assert by_sender.messages == ["Only the organisation asked may answer this transfer."]
    by_stranger = await run(graph, settings, RESPOND_TRANSFER, {"r": request, "a": True}, scope=s.partner)
    assert by_stranger.codes == ["FORBIDDEN"]  # partner agents do not take cases over
    third_org = await casework_db.create_organization(graph, "ORG-C", "TN-11")
    by_third = await run(graph, settings, RESPOND_TRANSFER, {"r": request, "a": True},
                         scope=Scope(user_id="u-x", role=Role.CASE_WORKER, organization_id=third_org))
    assert by_third.codes == ["NOT_FOUND"]
    case = (await ok(graph, settings, APPROVALS, {"id": s.case_id}, scope=s.w.worker_a))["case"]
    assert case["owner"] == {"code": "ORG-A"} and case["approvals"][0]["status"] == "PENDING"

    accepted = await ok(graph, settings, RESPOND_TRANSFER, {"r": request, "a": True}, scope=receiver)
    assert accepted["respondToTransfer"]["status"] == "APPROVED"
    moved = (await ok(graph, settings, APPROVALS, {"id": s.case_id}, scope=receiver))["case"]
    assert moved["owner"] == {"code": "ORG-B"}
    assert (await ok(graph, settings, APPROVALS, {"id": s.case_id}, scope=s.w.worker_a))["case"] is None
    told = [k for k, _, _ in await db.alert_kinds_for(graph, s.w.worker_a_user)]
    assert told == ["TRANSFER_DECIDED"]
    # The old owner can still open what the alert points to: its own request, not the case.
    answer = (await ok(graph, settings, "query($id: ID!) { node(id: $id) { ... on ApprovalRequest { status } } }",
                       {"id": request}, scope=s.w.worker_a))["node"]
    assert answer == {"status": "APPROVED"}


async def test_unknown_codes_name_the_valid_ones_and_cases_filter(graph: Graph, settings: Settings) -> None:
    s = await setting(graph, settings)
    wrong = await run(graph, settings, """mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }""",
                      {"input": {"victimId": gid("Victim", "00000000-0000-4000-8000-000000000000"),
                                 "governorate": "TN-11", "meansOfControl": ["CHAINS"]}}, scope=s.w.worker_a)
    assert wrong.codes == ["BAD_USER_INPUT"]
    assert wrong.messages[0].startswith("Unknown code in “meansOfControl”: CHAINS. Valid codes: DEBT_BONDAGE")
    await open_case_for(graph, settings, s.w.worker_a, governorate="TN-51", forms=["SEXUAL_EXPLOITATION"])
    query = """query($g: String, $f: String, $ref: String) {
        cases(governorate: $g, exploitationForm: $f, reference: $ref) { totalCount nodes { governorate } } }"""
    by_place = (await ok(graph, settings, query, {"g": "TN-51"}, scope=s.w.worker_a))["cases"]
    assert by_place == {"totalCount": 1, "nodes": [{"governorate": "TN-51"}]}
    by_form = (await ok(graph, settings, query, {"f": "FORCED_LABOUR"}, scope=s.w.worker_a))["cases"]
    assert by_form == {"totalCount": 1, "nodes": [{"governorate": "TN-11"}]}
    by_reference = (await ok(graph, settings, query, {"ref": "him-"}, scope=s.w.worker_a))["cases"]
    assert by_reference["totalCount"] == 2
    bad_form = await run(graph, settings, query, {"f": "NOPE"}, scope=s.w.worker_a)
    assert bad_form.codes == ["BAD_USER_INPUT"] and "FORCED_LABOUR" in bad_form.messages[0]
