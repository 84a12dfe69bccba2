"""Reports raise alerts in the same statement as the change: urgent intake, reporter messages, acknowledgement."""

from __future__ import annotations

from api.alerts.dispatcher import raise_overdue_transmissions
from api.settings import Settings
from graph.db import Graph
from tests.api.reports import repository as db
from tests.api.reports.conftest import ReportWorld
from tests.api.reports.test_public_reports import SEND, submit_public
from tests.api.reports.test_triage_and_transmission import ACK, LINK, OPEN_CASE, REGISTER, TRANSMIT, _under_review
from tests.support.graphql import ok


async def test_only_urgent_or_minor_reports_raise_an_urgent_alert(graph: Graph, settings: Settings,
                                                                  world: ReportWorld) -> None:
    await submit_public(graph, settings, urgency="ROUTINE")
    assert await db.alert_kinds(graph) == []
    await submit_public(graph, settings, urgency="URGENT")
    await submit_public(graph, settings, urgency="ROUTINE", minorsInvolved=True)
    assert await db.alert_kinds(graph) == [("URGENT_REPORT", "Report"), ("URGENT_REPORT", "Report")]


async def test_reporter_messages_and_court_acknowledgements_alert_the_authority(graph: Graph, settings: Settings,
                                                                                 world: ReportWorld) -> None:
    report_id, receipt = await _under_review(graph, settings, world)
    await ok(graph, settings, SEND, {"receipt": receipt, "body": "Nouvelle information."})
    sent = (await ok(graph, settings, TRANSMIT, {"r": report_id, "include": ["GOVERNORATE"]},
                     scope=world.coordinator))["transmitReport"]
    await ok(graph, settings, ACK, {"id": sent["id"]}, scope=world.sfax_officer)
    assert await db.alert_kinds(graph) == [("REPORTER_MESSAGE", "Report"),
                                           ("TRANSMISSION_ACKNOWLEDGED", "Transmission")]


async def test_an_overdue_transmission_alerts_the_authority_once(graph: Graph, settings: Settings,
                                                                 world: ReportWorld) -> None:
    report_id, _ = await _under_review(graph, settings, world)
    victim = await ok(graph, settings, REGISTER, {"input": {"alias": "V-LATE"}}, scope=world.coordinator)
    case = await ok(graph, settings, OPEN_CASE, {"input": {"victimId": victim["registerVictim"]["id"],
                                                           "governorate": "TN-61"}}, scope=world.coordinator)
    linked = await ok(graph, settings, LINK, {"r": report_id, "c": case["openCase"]["id"]}, scope=world.coordinator)
    assert await raise_overdue_transmissions(graph, settings) == 0
    reference = (await db.raw_reports(graph))[0]["reference"]
    await db.backdate_qualification(graph, reference, settings.transmission_deadline_days + 1)
    assert await raise_overdue_transmissions(graph, settings) == 1
    assert await raise_overdue_transmissions(graph, settings) == 0
    assert ("TRANSMISSION_OVERDUE", "Report") in await db.alert_kinds(graph)
    assert linked["linkReportToCase"]["status"] == "LINKED_TO_CASE"
