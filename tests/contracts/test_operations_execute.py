"""Every persisted operation runs against a real graph, as a user of the app that sends it, and answers what the
app relies on (each answer checked by value, not only for the absence of errors)."""

from __future__ import annotations

import uuid

from api.contracts.operations import registry
from api.settings import Settings
from graph.db import Graph
from tests.api.casework import repository as casework_db
from tests.api.casework.support import gid
from tests.contracts.support import apps, authority_work, done
from tests.support.consent import consent_to_refer
from tests.support.graphql import ok

UNDER_REVIEW = "mutation($id: ID!) { changeReportStatus(reportId: $id, status: UNDER_REVIEW) { status } }"
LINK = "mutation($r: ID!, $c: ID!) { linkReportToCase(reportId: $r, caseId: $c) { status } }"
TRANSMIT = """
mutation($r: ID!) { transmitReport(reportId: $r, include: [GOVERNORATE, INDICATORS], courtCode: "TPI-TUNIS") { id } }
"""


async def test_every_persisted_operation_runs_for_its_app(graph: Graph, settings: Settings) -> None:
    world = await apps(graph, settings)
    service = await casework_db.create_service(graph, world.provider_id, name="Shelter", capacityAvailable=3)
    executed: set[str] = set()
    answers: dict[str, object] = {}  # the values each operation answered, compared with EXPECTED at the end

    async def as_worker(name: str, variables: dict[str, object] | None = None) -> dict[str, object]:
        executed.add(name)
        return await done(graph, settings, name, variables, scope=world.worker)

    # --- outreach-worker app
    catalogue = await as_worker("IndicatorCatalogue")
    indicators = [i["code"] for i in catalogue["indicatorCatalogue"]][:2]  # type: ignore[index]
    assert indicators
    guidelines = await as_worker("Guidelines")
    assert guidelines["guidelines"]
    victim = (await as_worker("RegisterVictim", {"input": {"alias": "Amal", "sex": "FEMALE",
                                                           "clientId": str(uuid.uuid4())}}))["registerVictim"]
    case = (await as_worker("OpenCase", {"input": {"victimId": victim["id"], "governorate": "TN-11",  # type: ignore
                                                   "clientId": str(uuid.uuid4())}}))["openCase"]
    case_id = case["id"]  # type: ignore[index]
    caseload = await as_worker("MyCaseload", {"first": 10})
    assert caseload["cases"]["totalCount"] == 1  # type: ignore[index]
    screening = (await as_worker("RecordScreening", {"caseId": case_id, "answers": [
        {"indicator": code, "observed": True} for code in indicators]}))["recordScreening"]
    answers["RecordScreening"] = (sorted(d["code"] for d in screening["drivers"]), screening["minor"])  # type: ignore
    found = (await as_worker("FindAssistance", {"caseId": case_id, "categories": ["SHELTER"]}))["findAssistance"]
    answers["FindAssistance"] = [(m["service"]["name"], m["service"]["category"], m["availableCapacity"],  # type: ignore
                                  m["needsConsent"], m["service"]["organization"]["code"]) for m in found]  # type: ignore
    excluded = await as_worker("AssistanceExclusions", {"caseId": case_id, "categories": ["SHELTER", "MEDICAL"]})
    answers["AssistanceExclusions"] = excluded["assistanceExclusions"]
    await consent_to_refer(graph, settings, world.worker, case_id, service)
    referral = (await as_worker("CreateReferral", {"input": {"caseId": case_id, "serviceId": gid("Service", service),
                                                             "urgency": "URGENT"}}))["createReferral"]
    report = (await as_worker("SubmitReport", {"input": {
        "channel": "PARTNER_APP", "narrative": "Des personnes enfermées dans un atelier.", "governorate": "TN-11",
        "clientId": str(uuid.uuid4())}}))["submitReport"]
    changes = await as_worker("SyncChanges", {"first": 100})
    assert changes["changes"]["cases"]  # type: ignore[index]

    # --- partner app
    async def as_partner(name: str, variables: dict[str, object]) -> dict[str, object]:
        executed.add(name)
        return await done(graph, settings, name, variables, scope=world.partner)

    inbox = await as_partner("ReferralsToRespond", {"first": 20})
    assert inbox["referrals"]["totalCount"] == 1  # type: ignore[index]
    accepted = (await as_partner("RespondToReferral", {"input": {"referralId": referral["id"],  # type: ignore
                                                                 "accept": True}}))["respondToReferral"]
    answers["RespondToReferral"] = (accepted["status"], accepted["service"]["capacity"]["available"])  # type: ignore
    completed = (await as_partner("CompleteReferral", {"input": {"referralId": referral["id"],  # type: ignore
                                                                 "outcome": "housed"}}))["completeReferral"]
    answers["CompleteReferral"] = (completed["status"], completed["outcome"],  # type: ignore
                                   completed["service"]["capacity"]["available"])  # type: ignore
    capacity = (await as_partner("UpdateServiceCapacity", {"serviceId": gid("Service", service),
                                                           "available": 2}))["updateServiceCapacity"]
    answers["UpdateServiceCapacity"] = capacity["capacity"]["available"]  # type: ignore
    alerts = (await as_worker("MyAlerts", {"first": 10}))["alerts"]
    answers["MyAlerts"] = sorted(a["kind"] for a in alerts)  # type: ignore

    # --- partner app: the authority's own work (training, campaigns, programmes) they take part in
    setup = await authority_work(graph, settings, world.coordinator, "SHELTER-ORG")
    sessions = await as_partner("TrainingSessions", {"first": 10})
    [enrolment] = sessions["trainingSessions"][0]["enrolments"]  # type: ignore[index]
    attendance = (await as_partner("RecordAttendance", {"input": {
        "enrolmentId": enrolment["id"], "attended": True, "preScore": 40, "postScore": 75,
        "satisfaction": 4}}))["recordAttendance"]
    answers["RecordAttendance"] = {k: v for k, v in attendance.items() if k != "id"}  # type: ignore
    campaigns = await as_partner("Campaigns", {"first": 10})
    assert [c["id"] for c in campaigns["campaigns"]] == [setup["campaign"]]  # type: ignore[attr-defined]
    event = (await as_partner("RecordCampaignEvent", {"input": {
        "campaignId": setup["campaign"], "kind": "OUTREACH", "date": setup["today"], "governorate": "TN-11",
        "participants": 25, "clientId": str(uuid.uuid4())}}))["recordCampaignEvent"]
    answers["RecordCampaignEvent"] = (event["kind"], event["date"], event["governorate"],  # type: ignore
                                      event["participants"])  # type: ignore
    programmes = await as_partner("Programmes", {"first": 10})
    assert [p["id"] for p in programmes["programmes"]] == [setup["programme"]]  # type: ignore[attr-defined]
    activity = (await as_partner("ReportProgrammeActivity", {"input": {
        "programmeId": setup["programme"], "title": "Outreach", "date": setup["today"], "beneficiaries": 9,
        "clientId": str(uuid.uuid4())}}))["reportProgrammeActivity"]
    answers["ReportProgrammeActivity"] = (activity["beneficiaries"], [  # type: ignore
        (a["title"], a["date"], a["beneficiaries"]) for a in activity["activities"]])  # type: ignore
    guidelines_delta = await as_worker("SyncGuidelines", {"first": 100})
    assert guidelines_delta["changes"]["guidelines"] == []  # type: ignore[index]

    # --- court app: the coordinator transmits the report first
    report_id = report["reportId"]  # type: ignore[index]
    await ok(graph, settings, UNDER_REVIEW, {"id": report_id}, scope=world.coordinator)
    await ok(graph, settings, LINK, {"r": report_id, "c": case_id}, scope=world.coordinator)
    sent = (await ok(graph, settings, TRANSMIT, {"r": report_id}, scope=world.coordinator))["transmitReport"]

    async def as_officer(name: str, variables: dict[str, object]) -> dict[str, object]:
        executed.add(name)
        return await done(graph, settings, name, variables, scope=world.officer)

    inbox = await as_officer("Transmissions", {"first": 10})
    assert [t["id"] for t in inbox["transmissions"]] == [sent["id"]]  # type: ignore[attr-defined]
    acknowledged = (await as_officer("AcknowledgeTransmission", {"id": sent["id"]}))["acknowledgeTransmission"]
    answers["AcknowledgeTransmission"] = (acknowledged["status"], acknowledged["acknowledgedAt"] is not None)  # type: ignore
    followed = (await as_officer("RecordCourtFollowUp", {"id": sent["id"], "courtCaseNumber": "2026/77",
                                                         "courtStatus": "INVESTIGATION_OPENED"}))["recordCourtFollowUp"]
    answers["RecordCourtFollowUp"] = (followed["status"], followed["courtCaseNumber"],  # type: ignore
                                      followed["courtStatus"])  # type: ignore
    document = await as_officer("TransmissionDocument", {"id": sent["id"]})
    assert document["transmissionDocument"]["contentType"] == "application/pdf"  # type: ignore[index]

    assert executed == {op.name for op in registry().values()}
    assert answers == {
        "RecordScreening": (sorted(indicators), False),
        "FindAssistance": [("Shelter", "SHELTER", 3, True, "SHELTER-ORG")],
        "AssistanceExclusions": [],
        "RespondToReferral": ("ACCEPTED", 2),
        "CompleteReferral": ("COMPLETED", "housed", 3),
        "UpdateServiceCapacity": 2,
        "MyAlerts": ["REFERRAL_ACCEPTED", "REFERRAL_COMPLETED"],
        "RecordAttendance": {"attended": True, "preScore": 40, "postScore": 75, "learningGain": 35,
                             "satisfaction": 4},
        "RecordCampaignEvent": ("OUTREACH", setup["today"], "TN-11", 25),
        "ReportProgrammeActivity": (9, [("Outreach", setup["today"], 9)]),
        "AcknowledgeTransmission": ("ACKNOWLEDGED", True),
        "RecordCourtFollowUp": ("FOLLOWED_UP", "2026/77", "INVESTIGATION_OPENED"),
    }
