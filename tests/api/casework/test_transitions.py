"""Case and referral lifecycles: legal moves pass, illegal ones are refused with CONFLICT in the caller's language."""

from __future__ import annotations

from api.i18n import Language
from api.settings import Settings
from graph.db import Graph
from tests.api.casework import repository as db
from tests.api.casework.support import (
    CANCEL,
    CHANGE_STATUS,
    COMPLETE,
    CREATE_REFERRAL,
    RESPOND,
    gid,
    open_case_for,
    refer,
    world,
)
from tests.support.graphql import ok, run

REQUEST_IDENTIFICATION = """
mutation($c: ID!, $why: String!) { requestIdentification(caseId: $c, reason: $why) { id status } }
"""
DECIDE_IDENTIFICATION = """
mutation($r: ID!, $ok: Boolean!, $why: String!) {
  decideIdentification(requestId: $r, approve: $ok, reason: $why) { id status decisionReason }
}
"""


async def test_case_lifecycle(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    _, case_id = await open_case_for(graph, settings, w.worker_a)
    skip = await run(graph, settings, CHANGE_STATUS, {"input": {"caseId": case_id, "status": "ASSISTED"}},
                     scope=w.worker_a, language=Language.FR)
    assert skip.codes == ["CONFLICT"]
    assert skip.messages == ["Le dossier ne peut pas passer de l'état REPORTED à l'état ASSISTED."]
    data = await ok(graph, settings, CHANGE_STATUS, {"input": {"caseId": case_id, "status": "PRESUMED"}},
                    scope=w.worker_a)
    assert data["changeCaseStatus"]["status"] == "PRESUMED"
    # Identification is a legal status: it needs a coordinator's approval, never a direct move.
    direct = await run(graph, settings, CHANGE_STATUS, {"input": {"caseId": case_id, "status": "IDENTIFIED"}},
                       scope=w.worker_a)
    assert direct.codes == ["FORBIDDEN"]
    assert direct.messages == ["Moving to IDENTIFIED needs a coordinator's approval: use requestIdentification."]
    asked = await ok(graph, settings, REQUEST_IDENTIFICATION, {"c": case_id, "why": "indicators confirmed"},
                     scope=w.worker_a)
    decided = await ok(graph, settings, DECIDE_IDENTIFICATION, {"r": asked["requestIdentification"]["id"],
                                                                "ok": True, "why": "file reviewed"},
                       scope=w.coordinator)
    assert decided["decideIdentification"]["status"] == "APPROVED"
    assert (await ok(graph, settings, "query($id: ID!) { case(id: $id) { status } }", {"id": case_id},
                     scope=w.worker_a))["case"]["status"] == "IDENTIFIED"
    back = await run(graph, settings, CHANGE_STATUS, {"input": {"caseId": case_id, "status": "REPORTED"}},
                     scope=w.worker_a, language=Language.AR)
    assert back.codes == ["CONFLICT"]
    assert back.messages == ["لا يمكن نقل الملف من الحالة IDENTIFIED إلى الحالة REPORTED."]
    no_reason = await run(graph, settings, CHANGE_STATUS, {"input": {"caseId": case_id, "status": "CLOSED"}},
                          scope=w.worker_a)
    assert no_reason.codes == ["BAD_USER_INPUT"]
    closed = await ok(graph, settings, CHANGE_STATUS, {"input": {"caseId": case_id, "status": "CLOSED",
                                                                 "reason": "victim returned home"}},
                      scope=w.worker_a)
    assert closed["changeCaseStatus"]["closeReason"] == "victim returned home"
    again = await run(graph, settings, CHANGE_STATUS, {"input": {"caseId": case_id, "status": "CLOSED",
                                                                 "reason": "twice"}}, scope=w.worker_a)
    assert again.codes == ["CONFLICT"]


async def test_closing_from_any_open_state(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    _, case_id = await open_case_for(graph, settings, w.worker_a)
    data = await ok(graph, settings, CHANGE_STATUS, {"input": {"caseId": case_id, "status": "CLOSED",
                                                               "reason": "duplicate report"}}, scope=w.worker_a)
    assert data["changeCaseStatus"]["status"] == "CLOSED"


async def test_referral_lifecycle(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    shelter = await db.create_service(graph, w.provider)
    _, case_id = await open_case_for(graph, settings, w.worker_a)
    referral = await refer(graph, settings, w.worker_a, case_id, shelter)
    duplicate = await run(graph, settings, CREATE_REFERRAL, {"input": {"caseId": case_id,
                                                                       "serviceId": gid("Service", shelter)}},
                          scope=w.worker_a)
    assert duplicate.codes == ["CONFLICT"]
    early = await run(graph, settings, COMPLETE, {"input": {"referralId": referral, "outcome": "x"}},
                      scope=w.partner)
    assert early.codes == ["CONFLICT"]
    assert early.messages == ["The referral cannot move from PENDING to COMPLETED."]
    # The sending organisation may not answer for the service.
    sender_accepts = await run(graph, settings, RESPOND, {"input": {"referralId": referral, "accept": True}},
                               scope=w.worker_a)
    assert sender_accepts.codes == ["FORBIDDEN"]
    await ok(graph, settings, RESPOND, {"input": {"referralId": referral, "accept": False, "reason": "OTHER"}},
             scope=w.partner)
    for query, variables in [
        (RESPOND, {"referralId": referral, "accept": True}),
        (COMPLETE, {"referralId": referral, "outcome": "x"}),
        (CANCEL, {"referralId": referral, "reason": "x"}),
    ]:
        refused = await run(graph, settings, query, {"input": variables}, scope=w.coordinator)
        assert refused.codes == ["CONFLICT"]
    assert await db.referral_statuses(graph) == {"DECLINED": 1}


async def test_no_referral_for_closed_case_or_inactive_service(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    closed_service = await db.create_service(graph, w.provider, status="INACTIVE")
    open_service = await db.create_service(graph, w.provider)
    _, case_id = await open_case_for(graph, settings, w.worker_a)
    inactive = await run(graph, settings, CREATE_REFERRAL, {"input": {"caseId": case_id,
                                                                      "serviceId": gid("Service", closed_service)}},
                         scope=w.worker_a)
    assert inactive.codes == ["CONFLICT"]
    await ok(graph, settings, CHANGE_STATUS, {"input": {"caseId": case_id, "status": "CLOSED", "reason": "done"}},
             scope=w.worker_a)
    closed = await run(graph, settings, CREATE_REFERRAL, {"input": {"caseId": case_id,
                                                                    "serviceId": gid("Service", open_service)}},
                       scope=w.worker_a)
    assert closed.codes == ["CONFLICT"]
    assert await db.count(graph, "Referral") == 0
