"""Campaigns (partners record events, reports carry campaign codes) and partner programmes (scoped to the partner)."""

from __future__ import annotations

import datetime as dt

from api.settings import Settings
from graph.db import Graph
from tests.strategy import repository as db
from tests.strategy.support import title, world
from tests.support.graphql import ok, run

CREATE_CAMPAIGN = """
mutation($input: CreateCampaignInput!) {
  createCampaign(input: $input) { id code languages governorates partners { code } materials { kind quantity } reach }
}
"""
CAMPAIGNS = "query { campaigns { code reach events { kind participants } impact { governorate during withCode } } }"
EVENT = """
mutation($input: RecordCampaignEventInput!) { recordCampaignEvent(input: $input) { id kind participants } }
"""
SUBMIT = "mutation($input: SubmitReportInput!) { submitReport(input: $input) { reference } }"
CREATE_PROGRAMME = """
mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { id code partner { code } version } }
"""
UPDATE_PROGRAMME = """
mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { id objectives progressNote version } }
"""
REPORT_ACTIVITY = """
mutation($input: ReportProgrammeActivityInput!) {
  reportProgrammeActivity(input: $input) { id beneficiaries activities { title results beneficiaries } }
}
"""
PROGRAMMES = "query { programmes { code objectives beneficiaries } }"


def campaign_input(**overrides: object) -> dict:
    today = dt.date.today()
    return {"code": "TAWA-T", "title": title("Tawa"), "objective": "Make the hotline known",
            "startDate": (today - dt.timedelta(days=5)).isoformat(),
            "endDate": (today + dt.timedelta(days=5)).isoformat(), "governorates": ["TN-61", "TN-11"],
            "languages": ["aeb", "fr"], "audiences": ["DOMESTIC_WORKERS"], "channels": ["RADIO"],
            "partnerCodes": ["NGO-A"], "materials": [{"kind": "posters", "quantity": 500}], "reach": 1000,
            **overrides}


async def test_partners_record_events_of_their_campaigns_only_and_reports_name_campaigns(graph: Graph,
                                                                                         settings: Settings) -> None:
    w = await world(graph)
    created = (await ok(graph, settings, CREATE_CAMPAIGN, {"input": campaign_input()},
                        scope=w.coordinator))["createCampaign"]
    assert created["languages"] == ["aeb", "fr"]
    assert created["partners"] == [{"code": "NGO-A"}]
    assert created["materials"] == [{"kind": "posters", "quantity": 500}]
    bad = await run(graph, settings, CREATE_CAMPAIGN, {"input": campaign_input(code="X1", languages=["Tunisian"])},
                    scope=w.coordinator)
    assert bad.codes == ["BAD_USER_INPUT"]
    assert (await run(graph, settings, CREATE_CAMPAIGN, {"input": campaign_input(code="X2", governorates=["TN-99"])},
                      scope=w.coordinator)).codes == ["BAD_USER_INPUT"]

    today = dt.date.today().isoformat()
    event = {"campaignId": created["id"], "kind": "SCHOOL_VISIT", "date": today, "governorate": "TN-61",
             "participants": 60, "clientId": "8d1c1e4e-0c1b-4f55-9d5e-2b6a1f0c9a11"}
    assert (await ok(graph, settings, EVENT, {"input": event}, scope=w.worker_a))["recordCampaignEvent"][
        "participants"] == 60
    await ok(graph, settings, EVENT, {"input": event}, scope=w.worker_a)  # a retry from the phone: recorded once
    stranger = await run(graph, settings, EVENT, {"input": {**event, "clientId": None}}, scope=w.partner_b)
    assert stranger.codes == ["NOT_FOUND"]
    late = await run(graph, settings, EVENT, {"input": {**event, "clientId": None, "date": "2001-01-01"}},
                     scope=w.worker_a)
    assert late.codes == ["BAD_USER_INPUT"]
    assert await db.count(graph, "CampaignEvent") == 1
    assert (await ok(graph, settings, CAMPAIGNS, scope=w.partner_b))["campaigns"] == []

    await ok(graph, settings, SUBMIT, {"input": {"channel": "PUBLIC", "narrative": "Heard it on the radio.",
                                                 "governorate": "TN-61", "campaignCode": " tawa-t "}})
    await ok(graph, settings, SUBMIT, {"input": {"channel": "PUBLIC", "narrative": "Something else.",
                                                 "governorate": "TN-61"}})
    bad_code = await run(graph, settings, SUBMIT, {"input": {"channel": "PUBLIC", "narrative": "x",
                                                             "governorate": "TN-61", "campaignCode": "<script>"}})
    assert bad_code.codes == ["BAD_USER_INPUT"]
    [campaign] = (await ok(graph, settings, CAMPAIGNS, scope=w.partner_a))["campaigns"]
    assert campaign["reach"] == 1060
    assert campaign["impact"] == [{"governorate": "TN-11", "during": 0, "withCode": 0},
                                  {"governorate": "TN-61", "during": 2, "withCode": 1}]


async def test_a_partner_edits_only_its_own_programme(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    today = dt.date.today()
    programme = (await ok(graph, settings, CREATE_PROGRAMME, {"input": {
        "code": "PRG-A", "title": title("Shelter South"), "partnerCode": "NGO-A",
        "startDate": today.isoformat(), "endDate": (today + dt.timedelta(days=365)).isoformat(),
        "objectives": ["Open 20 places"], "governorates": ["TN-82"], "fundingSource": "Donor",
        "fundingAmount": 50000, "currency": "EUR", "authoritySupport": "Referrals"}},
        scope=w.coordinator))["createProgramme"]
    assert programme["partner"] == {"code": "NGO-A"}
    ministry = await run(graph, settings, CREATE_PROGRAMME, {"input": {
        "code": "PRG-M", "title": title("Not a partner"), "partnerCode": "MIN-SOC", "startDate": today.isoformat(),
        "endDate": today.isoformat()}}, scope=w.coordinator)
    assert ministry.codes == ["BAD_USER_INPUT"]

    other = await run(graph, settings, UPDATE_PROGRAMME, {"input": {"programmeId": programme["id"],
                                                                    "objectives": ["Hijacked"]}}, scope=w.partner_b)
    assert other.codes == ["NOT_FOUND"]
    assert other.messages == ["Programme not found."]
    activity = {"programmeId": programme["id"], "title": "Outreach", "date": today.isoformat(),
                "results": "12 people referred", "beneficiaries": 12}
    assert (await run(graph, settings, REPORT_ACTIVITY, {"input": activity}, scope=w.partner_b)).codes == [
        "NOT_FOUND"]
    stored = await db.properties(graph, "Programme", programme["id"])
    assert stored["objectives"] == ["Open 20 places"]
    assert stored["version"] == 1
    assert await db.count(graph, "ProgrammeActivity") == 0
    assert (await ok(graph, settings, PROGRAMMES, scope=w.partner_b))["programmes"] == []

    updated = (await ok(graph, settings, UPDATE_PROGRAMME, {"input": {
        "programmeId": programme["id"], "objectives": ["Open 20 places", "Train staff"],
        "progressNote": "8 places open", "expectedVersion": 1}}, scope=w.partner_a))["updateProgramme"]
    assert updated["version"] == 2
    stale = await run(graph, settings, UPDATE_PROGRAMME, {"input": {"programmeId": programme["id"],
                                                                    "progressNote": "x", "expectedVersion": 1}},
                      scope=w.partner_a)
    assert stale.codes == ["CONFLICT"]
    reported = (await ok(graph, settings, REPORT_ACTIVITY, {"input": activity}, scope=w.partner_a))
    assert reported["reportProgrammeActivity"]["beneficiaries"] == 12
    assert (await ok(graph, settings, PROGRAMMES, scope=w.partner_a))["programmes"] == [
        {"code": "PRG-A", "objectives": ["Open 20 places", "Train staff"], "beneficiaries": 12}]
