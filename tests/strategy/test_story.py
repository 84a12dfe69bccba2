"""Done when, through the API on the demo data: the dashboard's computed indicators move when a case, a training
and a campaign event are recorded; a new guideline version reaches a mobile client through changes(); a
certificate is issued and verified."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from seed.demo import demo_id, load_demo
from tests.api.casework.support import open_case_for
from tests.strategy.test_guidelines import APPROVE, CHANGES, DRAFT, PUBLISH, draft_input
from tests.strategy.test_training import ATTENDANCE, CREATE_SESSION, ENROL, ISSUE, VERIFY
from tests.support.graphql import ok

STRATEGIES = "query { strategies { id code startYear endYear } }"
COURSES = "query { courses { id code } }"
CAMPAIGNS = "query { campaigns { id code reach impact { governorate during withCode } } }"
EVENT = """
mutation($input: RecordCampaignEventInput!) { recordCampaignEvent(input: $input) { id participants } }
"""
SUBMIT = "mutation($input: SubmitReportInput!) { submitReport(input: $input) { reference } }"
DASHBOARD = """
query($id: ID!) {
  strategyDashboard(strategyId: $id) {
    period
    axes { code objectives { indicators { indicator { code measure } actual target } } }
    actionsOverdue { code leadAgency { code } }
    campaigns { code impact { governorate during withCode } }
  }
}
"""


def actuals(dashboard: dict) -> dict[str, float | None]:
    return {i["indicator"]["code"]: i["actual"] for a in dashboard["axes"] for o in a["objectives"]
            for i in o["indicators"]}


@pytest.mark.timeout(900)  # the whole demo network is loaded first
async def test_the_demo_strategy_fills_itself_and_the_authority_s_work_reaches_the_field(graph: Graph,
                                                                                         settings: Settings) -> None:
    await load_demo(graph)
    coordinator = Scope(str(uuid.uuid4()), Role.COORDINATOR, demo_id("organization", "INLTP"))
    second_coordinator = Scope(str(uuid.uuid4()), Role.COORDINATOR, demo_id("organization", "INLTP"))
    caseworker = Scope(str(uuid.uuid4()), Role.CASE_WORKER, demo_id("organization", "DEMO-AMAL"))
    partner = Scope(str(uuid.uuid4()), Role.PARTNER_AGENT, demo_id("organization", "DEMO-OIMD"))
    analyst = Scope(str(uuid.uuid4()), Role.ANALYST, demo_id("organization", "INLTP"))
    today = dt.date.today()

    [strategy] = (await ok(graph, settings, STRATEGIES, scope=analyst))["strategies"]
    assert strategy["code"] == "SNLTP-DEMO"
    before = (await ok(graph, settings, DASHBOARD, {"id": strategy["id"]}, scope=analyst))["strategyDashboard"]
    assert before["period"] == today.year
    assert [a["code"] for a in before["axes"]] == ["PREVENTION", "PROTECTION", "PROSECUTION", "PARTNERSHIP"]
    assert before["actionsOverdue"] == [{"code": "P2-A1", "leadAgency": {"code": "DEMO-MAS"}}]
    start = actuals(before)

    # A case is opened, an official is trained, a campaign event and a report prompted by the campaign recorded.
    await open_case_for(graph, settings, caseworker, governorate="TN-61")
    [course] = (await ok(graph, settings, COURSES, scope=partner))["courses"]
    session = (await ok(graph, settings, CREATE_SESSION, {"input": {
        "courseId": course["id"], "organiserCode": "DEMO-OIMD", "place": "Tunis", "governorate": "TN-11",
        "startDate": today.isoformat(), "endDate": today.isoformat(), "hours": 6, "capacity": 20}},
        scope=coordinator))["createTrainingSession"]
    enrolment = (await ok(graph, settings, ENROL, {"input": {
        "sessionId": session["id"], "fullName": "Inspectrice Démo", "institution": "Inspection du travail de Tunis",
        "sector": "LABOUR_INSPECTION", "sex": "FEMALE", "governorate": "TN-11"}}, scope=partner))["enrolParticipant"]
    await ok(graph, settings, ATTENDANCE, {"input": {"enrolmentId": enrolment["id"], "attended": True,
                                                     "preScore": 50, "postScore": 80}}, scope=partner)
    [campaign] = (await ok(graph, settings, CAMPAIGNS, scope=partner))["campaigns"]
    await ok(graph, settings, EVENT, {"input": {"campaignId": campaign["id"], "kind": "OUTREACH",
                                                "date": today.isoformat(), "governorate": "TN-51",
                                                "participants": 40}}, scope=partner)
    await ok(graph, settings, SUBMIT, {"input": {
        "channel": "PUBLIC", "narrative": "Une voisine travaille sans salaire depuis deux ans.",
        "governorate": "TN-51", "campaignCode": "tawa-demo"}})

    after = (await ok(graph, settings, DASHBOARD, {"id": strategy["id"]}, scope=analyst))["strategyDashboard"]
    moved = actuals(after)
    assert moved["R1-IDENTIFIED"] == (start["R1-IDENTIFIED"] or 0) + 1
    assert moved["P2-TRAINED"] == (start["P2-TRAINED"] or 0) + 1
    assert moved["P1-REACH"] == (start["P1-REACH"] or 0) + 40
    assert moved["C1-AGREEMENTS"] == start["C1-AGREEMENTS"]
    [effect] = after["campaigns"]
    sousse = next(i for i in effect["impact"] if i["governorate"] == "TN-51")
    assert sousse["withCode"] == 1
    assert sousse["during"] == 1 + next(i for i in before["campaigns"][0]["impact"]
                                        if i["governorate"] == "TN-51")["during"]

    # The certificate is issued and anyone can verify it.
    issued = (await ok(graph, settings, ISSUE, {"id": enrolment["id"]}, scope=coordinator))["issueCertificate"]
    verified = (await ok(graph, settings, VERIFY, {"code": issued["code"]}))["verifyCertificate"]
    assert verified["nameOnCertificate"] == "Inspectrice Démo"
    assert verified["startDate"] == today.isoformat()

    # A new guideline version reaches a mobile client through changes().
    cursor = (await ok(graph, settings, CHANGES, {}, scope=caseworker))["changes"]["nextCursor"]
    draft = (await ok(graph, settings, DRAFT, {"input": draft_input()}, scope=coordinator))["draftGuideline"]
    await ok(graph, settings, APPROVE, {"id": draft["id"]}, scope=second_coordinator)
    await ok(graph, settings, PUBLISH, {"input": {"guidelineVersionId": draft["id"],
                                                  "effectiveDate": today.isoformat()}}, scope=coordinator)
    delta = (await ok(graph, settings, CHANGES, {"since": cursor}, scope=caseworker))["changes"]
    assert [(g["actorType"], g["version"]) for g in delta["guidelines"]] == [("LABOUR_INSPECTOR", 2)]
