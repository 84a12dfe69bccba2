"""Reports raise alerts in the same statement as the change: urgent intake, reporter messages, acknowledgement."""

from __future__ import annotations

from api.settings import Settings
from graph.db import Graph
from tests.api.reports import repository as db
from tests.api.reports.conftest import ReportWorld
from tests.api.reports.test_public_reports import SEND, submit_public
from tests.api.reports.test_triage_and_transmission import ACK, TRANSMIT, _under_review
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
