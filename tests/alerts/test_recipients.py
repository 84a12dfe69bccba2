"""Who hears of each kind of alert: the exact set of users, among real members of every kind of organisation.

The network: the authority (two coordinators, an admin, an analyst), an NGO with an active service covering
Sfax (a partner agent and a case worker), an NGO whose service covers only Tunis, an NGO without services,
a court, and one disabled coordinator. Each alert is raised through the API and its recipients compared
with the set written out here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from api.graphql.relay import to_global_id
from api.protection import protection_for
from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph
from seed.reference import court_id
from tests.alerts import repository as alerts_db
from tests.api.casework import repository as casework_db
from tests.api.reports.test_public_reports import REPORTS, SEND, submit_public
from tests.support import principals
from tests.support.graphql import ok
from tests.support.principals import Member
from tests.support.repository import disable_user

STATUS = "mutation($id: ID!, $s: ReportStatus!) { changeReportStatus(reportId: $id, status: $s) { status } }"
TRANSMIT = "mutation($r: ID!) { transmitReport(reportId: $r, include: [GOVERNORATE]) { id } }"
ACK = "mutation($id: ID!) { acknowledgeTransmission(id: $id) { status } }"
CAPACITY = "mutation($id: ID!, $n: Int!) { updateServiceCapacity(serviceId: $id, available: $n) { id } }"
REGISTER = "mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id } }"
OPEN_CASE = "mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }"
REFER = "mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }"
CONSENT = "mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }"
RESPOND = "mutation($input: RespondToReferralInput!) { respondToReferral(input: $input) { status } }"


@dataclass
class People:
    coordinator: Member
    second_coordinator: Member
    disabled_coordinator: Member
    admin: Member
    analyst: Member
    sfax_agent: Member
    sfax_worker: Member
    tunis_agent: Member
    serviceless_worker: Member
    judge: Member
    sfax_service: str
    tunis_service: str


@pytest.fixture
async def people(graph: Graph, settings: Settings) -> People:
    protection_for(settings.state_dir).intake.reset()
    authority = await principals.organization(graph, "INLTP", "TN-11", kind="NATIONAL_AUTHORITY")
    sfax_ngo = await principals.organization(graph, "SFAX-NGO", "TN-61")
    tunis_ngo = await principals.organization(graph, "TUNIS-NGO", "TN-11")
    serviceless = await principals.organization(graph, "NO-SERVICE-NGO", "TN-61")
    sfax_service = await casework_db.create_service(graph, sfax_ngo, governorate="TN-61", capacityAvailable=5)
    tunis_service = await casework_db.create_service(graph, tunis_ngo, governorate="TN-11")
    disabled = await principals.member(graph, authority, Role.COORDINATOR, "disabled.coordinator")
    await disable_user(graph, disabled.user_id)
    return People(
        coordinator=await principals.member(graph, authority, Role.COORDINATOR),
        second_coordinator=await principals.member(graph, authority, Role.COORDINATOR),
        disabled_coordinator=disabled,
        admin=await principals.member(graph, authority, Role.ADMIN),
        analyst=await principals.member(graph, authority, Role.ANALYST),
        sfax_agent=await principals.member(graph, sfax_ngo, Role.PARTNER_AGENT),
        sfax_worker=await principals.member(graph, sfax_ngo, Role.CASE_WORKER),
        tunis_agent=await principals.member(graph, tunis_ngo, Role.PARTNER_AGENT),
        serviceless_worker=await principals.member(graph, serviceless, Role.CASE_WORKER),
        judge=await principals.member(graph, court_id("TPI-SFAX"), Role.JUDICIAL_OFFICER),
        sfax_service=sfax_service, tunis_service=tunis_service,
    )


async def _recipients(graph: Graph, kind: str) -> list[set[str]]:
    return [set(alert["users"]) for alert in await alerts_db.alerts(graph) if alert["kind"] == kind]


def _ids(*members: Member) -> set[str]:
    return {m.user_id for m in members}


async def test_an_urgent_public_report_reaches_the_coordinators_only(
        graph: Graph, settings: Settings, people: People) -> None:
    """The covering NGO cannot open an anonymous report, so it is not sent an alert pointing to one (issue 13)."""
    await submit_public(graph, settings, urgency="URGENT", governorate="TN-61")
    assert await _recipients(graph, "URGENT_REPORT") == [_ids(people.coordinator, people.second_coordinator)]


async def test_a_report_with_minors_is_urgent_too_and_a_priority_one_alerts_nobody(
        graph: Graph, settings: Settings, people: People) -> None:
    await submit_public(graph, settings, urgency="PRIORITY", minorsInvolved=False)
    assert await _recipients(graph, "URGENT_REPORT") == []
    await submit_public(graph, settings, urgency="PRIORITY", minorsInvolved=True, place="Ailleurs")
    assert await _recipients(graph, "URGENT_REPORT") == [_ids(people.coordinator, people.second_coordinator)]


async def test_a_reporter_message_reaches_the_coordinators_only(graph: Graph, settings: Settings,
                                                               people: People) -> None:
    payload = await submit_public(graph, settings)
    assert (await ok(graph, settings, SEND, {"receipt": payload["receipt"], "body": "Il y a du nouveau."}))[
        "sendReporterMessage"] is True
    assert await _recipients(graph, "REPORTER_MESSAGE") == [_ids(people.coordinator, people.second_coordinator)]


async def test_a_court_acknowledgement_reaches_the_coordinators_only(graph: Graph, settings: Settings,
                                                                    people: People) -> None:
    await submit_public(graph, settings)
    [report] = (await ok(graph, settings, REPORTS, scope=people.coordinator.scope))["reports"]["nodes"]
    await ok(graph, settings, STATUS, {"id": report["id"], "s": "UNDER_REVIEW"}, scope=people.coordinator.scope)
    sent = (await ok(graph, settings, TRANSMIT, {"r": report["id"]}, scope=people.coordinator.scope))
    await ok(graph, settings, ACK, {"id": sent["transmitReport"]["id"]}, scope=people.judge.scope)
    assert await _recipients(graph, "TRANSMISSION_ACKNOWLEDGED") == [
        _ids(people.coordinator, people.second_coordinator)]


async def test_capacity_low_reaches_the_coordinators_only(graph: Graph, settings: Settings, people: People) -> None:
    service = to_global_id("Service", people.sfax_service)
    await ok(graph, settings, CAPACITY, {"id": service, "n": 1}, scope=people.sfax_agent.scope)
    assert await _recipients(graph, "CAPACITY_LOW") == [_ids(people.coordinator, people.second_coordinator)]


async def test_accepting_a_referral_alerts_at_the_configured_threshold(graph: Graph, settings: Settings,
                                                                       people: People) -> None:
    """The acceptance path honours HIMAYA_CAPACITY_LOW_THRESHOLD (here 4: 5 free, one accepted, 4 left)."""
    configured = settings.model_copy(update={"capacity_low_threshold": 4})
    victim = (await ok(graph, configured, REGISTER, {"input": {"alias": "R"}},
                       scope=people.sfax_worker.scope))["registerVictim"]["id"]
    case = (await ok(graph, configured, OPEN_CASE, {"input": {"victimId": victim, "governorate": "TN-61"}},
                     scope=people.sfax_worker.scope))["openCase"]["id"]
    await ok(graph, configured, CONSENT, {"input": {"victimId": victim, "organizationCode": "SFAX-NGO",
                                                    "purpose": "REFERRAL"}}, scope=people.sfax_worker.scope)
    referral = (await ok(graph, configured, REFER, {"input": {
        "caseId": case, "serviceId": to_global_id("Service", people.sfax_service)}},
        scope=people.sfax_worker.scope))["createReferral"]["id"]
    accepted = await ok(graph, configured, RESPOND, {"input": {"referralId": referral, "accept": True}},
                        scope=people.sfax_agent.scope)
    assert accepted["respondToReferral"]["status"] == "ACCEPTED"
    assert await casework_db.capacity(graph, people.sfax_service) == 4
    assert await _recipients(graph, "CAPACITY_LOW") == [_ids(people.coordinator, people.second_coordinator)]
