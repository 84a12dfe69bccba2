"""Writes on another organisation's records: each is refused with its exact code and leaves the graph unchanged.

Every caller is a real member (User in its organisation, live Session). The world holds one owner's case, victim,
consent, screening and referrals, a transmission to the Sfax court, a device and a webhook; each attempt below is
made by someone of the wrong organisation, and the whole graph (every node and relationship but the audit trail)
is compared before and after.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from api.graphql.relay import to_global_id
from api.protection import protection_for
from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph
from seed.reference import court_id
from tests.api.casework import repository as casework_db
from tests.api.reports.test_public_reports import REPORTS, submit_public
from tests.support import principals
from tests.support.graphql import ok, run
from tests.support.principals import Member
from tests.support.repository import graph_snapshot

REGISTER_VICTIM = "mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id } }"
OPEN_CASE = "mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }"
CREATE_REFERRAL = "mutation($input: CreateReferralInput!) { createReferral(input: $input) { id status } }"
RESPOND = "mutation($input: RespondToReferralInput!) { respondToReferral(input: $input) { id status } }"
COMPLETE = "mutation($input: CompleteReferralInput!) { completeReferral(input: $input) { id status } }"
CANCEL = "mutation($input: CancelReferralInput!) { cancelReferral(input: $input) { id status } }"
CHANGE_STATUS = "mutation($input: ChangeCaseStatusInput!) { changeCaseStatus(input: $input) { id status } }"
ASSIGN = "mutation($c: ID!, $u: ID!) { assignCase(caseId: $c, userId: $u) { id assignedUserId } }"
RECORD_CONSENT = "mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id valid } }"
REVOKE_CONSENT = "mutation($id: ID!) { revokeConsent(consentId: $id) { id valid } }"
SCREENING = """
mutation($c: ID!, $answers: [ScreeningAnswer!]!) { recordScreening(caseId: $c, answers: $answers) { level } }
"""
REPORT_STATUS = "mutation($id: ID!, $s: ReportStatus!) { changeReportStatus(reportId: $id, status: $s) { status } }"
TRANSMIT = """
mutation($r: ID!, $include: [PackageField!]!) { transmitReport(reportId: $r, include: $include) { id courtCode } }
"""
ACK = "mutation($id: ID!) { acknowledgeTransmission(id: $id) { status } }"
FOLLOW_UP = """
mutation($id: ID!, $n: String!, $s: CourtStatus!) {
  recordCourtFollowUp(id: $id, courtCaseNumber: $n, courtStatus: $s) { status courtCaseNumber }
}
"""
REGISTER_DEVICE = """
mutation($t: String!) { registerDevice(token: $t, platform: ANDROID, locale: fr) { id } }
"""
UNREGISTER_DEVICE = "mutation($t: String!) { unregisterDevice(token: $t) }"
SET_WEBHOOK = "mutation($o: String!, $u: String!) { setWebhook(organizationCode: $o, url: $u) { secret } }"
ROTATE_WEBHOOK = "mutation($o: String!) { rotateWebhookSecret(organizationCode: $o) { secret } }"

WEBHOOK_URL = "http://127.0.0.1:9/himaya-hook"
DEVICE_TOKEN = "device-token-of-worker-a-0123456789"


@dataclass
class Crossing:
    """The owner's records and the members of other organisations who will try to write to them."""

    settings: Settings
    owner: Member
    owner_colleague: Member
    other_worker: Member
    provider_agent: Member
    other_provider_agent: Member
    sfax_officer: Member
    tunis_officer: Member
    coordinator: Member
    case_id: str
    victim_id: str
    consent_id: str
    pending_referral: str
    accepted_referral: str
    transmission_id: str


@pytest.fixture
async def crossing(graph: Graph, settings: Settings) -> Crossing:
    settings = settings.model_copy(update={"webhook_allow_loopback_for_tests": True})
    protection_for(settings.state_dir).intake.reset()
    owner_org = await principals.organization(graph, "OWNER-NGO", "TN-11")
    other_org = await principals.organization(graph, "OTHER-NGO", "TN-11")
    provider = await principals.organization(graph, "PROVIDER-NGO", "TN-11")
    other_provider = await principals.organization(graph, "OTHER-PROVIDER", "TN-11")
    authority = await principals.organization(graph, "INLTP", "TN-11", kind="NATIONAL_AUTHORITY")
    owner = await principals.member(graph, owner_org, Role.CASE_WORKER, "owner.worker")
    colleague = await principals.member(graph, owner_org, Role.CASE_WORKER, "owner.colleague")
    other_worker = await principals.member(graph, other_org, Role.CASE_WORKER, "other.worker")
    agent = await principals.member(graph, provider, Role.PARTNER_AGENT, "provider.agent")
    other_agent = await principals.member(graph, other_provider, Role.PARTNER_AGENT, "other.agent")
    coordinator = await principals.member(graph, authority, Role.COORDINATOR, "national.coordinator")
    sfax = await principals.member(graph, court_id("TPI-SFAX"), Role.JUDICIAL_OFFICER, "judge.sfax")
    tunis = await principals.member(graph, court_id("TPI-TUNIS"), Role.JUDICIAL_OFFICER, "judge.tunis")
    shelter = await casework_db.create_service(graph, provider, name="shelter", capacityAvailable=5)
    clinic = await casework_db.create_service(graph, provider, name="clinic", category="MEDICAL")
    await casework_db.create_service(graph, other_provider, name="other shelter")

    victim = (await ok(graph, settings, REGISTER_VICTIM, {"input": {"alias": "V-OWN"}},
                       scope=owner.scope))["registerVictim"]["id"]
    case = (await ok(graph, settings, OPEN_CASE, {"input": {"victimId": victim, "governorate": "TN-11"}},
                     scope=owner.scope))["openCase"]["id"]
    consent = (await ok(graph, settings, RECORD_CONSENT, {"input": {
        "victimId": victim, "organizationCode": "PROVIDER-NGO", "purpose": "REFERRAL"}},
        scope=owner.scope))["recordConsent"]["id"]
    await ok(graph, settings, SCREENING, {"c": case, "answers": [{"indicator": "DEBT_BONDAGE", "observed": True}]},
             scope=owner.scope)
    pending = (await ok(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": case, "serviceId": to_global_id("Service", shelter)}}, scope=owner.scope))["createReferral"]["id"]
    accepted = (await ok(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": case, "serviceId": to_global_id("Service", clinic)}}, scope=owner.scope))["createReferral"]["id"]
    await ok(graph, settings, RESPOND, {"input": {"referralId": accepted, "accept": True}}, scope=agent.scope)

    await submit_public(graph, settings)
    [report] = (await ok(graph, settings, REPORTS, scope=coordinator.scope))["reports"]["nodes"]
    await ok(graph, settings, REPORT_STATUS, {"id": report["id"], "s": "UNDER_REVIEW"}, scope=coordinator.scope)
    sent = (await ok(graph, settings, TRANSMIT, {"r": report["id"], "include": ["GOVERNORATE"]},
                     scope=coordinator.scope))["transmitReport"]
    assert sent["courtCode"] == "TPI-SFAX"
    await ok(graph, settings, ACK, {"id": sent["id"]}, scope=sfax.scope)

    await ok(graph, settings, REGISTER_DEVICE, {"t": DEVICE_TOKEN}, scope=owner.scope)
    await ok(graph, settings, SET_WEBHOOK, {"o": "PROVIDER-NGO", "u": WEBHOOK_URL}, scope=agent.scope)
    return Crossing(settings=settings, owner=owner, owner_colleague=colleague, other_worker=other_worker,
                    provider_agent=agent, other_provider_agent=other_agent, sfax_officer=sfax, tunis_officer=tunis,
                    coordinator=coordinator,
                    case_id=case, victim_id=victim, consent_id=consent, pending_referral=pending,
                    accepted_referral=accepted, transmission_id=sent["id"])


@dataclass(frozen=True)
class Attempt:
    name: str
    caller: str  # a Member field of Crossing
    query: str
    variables: Any  # a function of the Crossing
    code: str


ATTEMPTS = [
    Attempt("changeCaseStatus of another organisation's case", "other_worker", CHANGE_STATUS,
            lambda c: {"input": {"caseId": c.case_id, "status": "CLOSED", "reason": "taken over"}}, "NOT_FOUND"),
    Attempt("assignCase of another organisation's case to oneself", "other_worker", ASSIGN,
            lambda c: {"c": c.case_id, "u": to_global_id("User", c.other_worker.user_id)}, "NOT_FOUND"),
    Attempt("assignCase of one's case to a member of another organisation", "owner", ASSIGN,
            lambda c: {"c": c.case_id, "u": to_global_id("User", c.other_worker.user_id)}, "BAD_USER_INPUT"),
    Attempt("cancelReferral of another organisation's referral", "other_worker", CANCEL,
            lambda c: {"input": {"referralId": c.pending_referral, "reason": "no"}}, "NOT_FOUND"),
    Attempt("respondToReferral addressed to another provider", "other_provider_agent", RESPOND,
            lambda c: {"input": {"referralId": c.pending_referral, "accept": True}}, "NOT_FOUND"),
    Attempt("respondToReferral (decline) addressed to another provider", "other_provider_agent", RESPOND,
            lambda c: {"input": {"referralId": c.pending_referral, "accept": False, "reason": "NO_CAPACITY"}},
            "NOT_FOUND"),
    Attempt("respondToReferral by a case worker of another organisation", "other_worker", RESPOND,
            lambda c: {"input": {"referralId": c.pending_referral, "accept": True}}, "NOT_FOUND"),
    Attempt("completeReferral accepted by another provider", "other_provider_agent", COMPLETE,
            lambda c: {"input": {"referralId": c.accepted_referral, "outcome": "done"}}, "NOT_FOUND"),
    Attempt("cancelReferral by the receiving provider (not the owner)", "provider_agent", CANCEL,
            lambda c: {"input": {"referralId": c.pending_referral, "reason": "no"}}, "FORBIDDEN"),
    Attempt("recordConsent for another organisation's victim", "other_worker", RECORD_CONSENT,
            lambda c: {"input": {"victimId": c.victim_id, "organizationCode": "OTHER-NGO", "purpose": "REFERRAL"}},
            "NOT_FOUND"),
    Attempt("revokeConsent of another organisation's victim", "other_worker", REVOKE_CONSENT,
            lambda c: {"id": c.consent_id}, "NOT_FOUND"),
    Attempt("recordScreening on another organisation's case", "other_worker", SCREENING,
            lambda c: {"c": c.case_id, "answers": [{"indicator": "DEBT_BONDAGE", "observed": True}]}, "NOT_FOUND"),
    Attempt("acknowledgeTransmission addressed to another court", "tunis_officer", ACK,
            lambda c: {"id": c.transmission_id}, "NOT_FOUND"),
    Attempt("recordCourtFollowUp on another court's transmission", "tunis_officer", FOLLOW_UP,
            lambda c: {"id": c.transmission_id, "n": "2026/1", "s": "DISMISSED"}, "NOT_FOUND"),
    Attempt("setWebhook on another organisation's endpoint", "other_provider_agent", SET_WEBHOOK,
            lambda c: {"o": "PROVIDER-NGO", "u": "http://127.0.0.1:9/thief"}, "NOT_FOUND"),
    Attempt("rotateWebhookSecret of another organisation", "other_provider_agent", ROTATE_WEBHOOK,
            lambda c: {"o": "PROVIDER-NGO"}, "NOT_FOUND"),
]


async def test_writes_across_organisations_are_refused_and_change_nothing(graph: Graph, crossing: Crossing) -> None:
    """One world, every attempt in turn (the world is costly to build): each answer and the graph after it."""
    wrong: list[str] = []
    for attempt in ATTEMPTS:
        caller: Member = getattr(crossing, attempt.caller)
        before = await graph_snapshot(graph)
        result = await run(graph, crossing.settings, attempt.query, attempt.variables(crossing), scope=caller.scope)
        if result.codes != [attempt.code] or result.data is not None:
            wrong.append(f"{attempt.name}: answered {result.codes} {result.data}, expected {attempt.code}")
        if await graph_snapshot(graph) != before:
            wrong.append(f"{attempt.name}: the graph changed")
    assert not wrong, "\n".join(wrong)
    assert len(ATTEMPTS) == 16


async def test_unregistering_someone_elses_device_says_false_and_keeps_it(graph: Graph, crossing: Crossing) -> None:
    before = await graph_snapshot(graph)
    for thief in (crossing.other_worker, crossing.owner_colleague):
        result = await ok(graph, crossing.settings, UNREGISTER_DEVICE, {"t": DEVICE_TOKEN}, scope=thief.scope)
        assert result == {"unregisterDevice": False}
    assert await graph_snapshot(graph) == before
    mine = await ok(graph, crossing.settings, UNREGISTER_DEVICE, {"t": DEVICE_TOKEN}, scope=crossing.owner.scope)
    assert mine == {"unregisterDevice": True}
    assert await graph_snapshot(graph) != before


async def test_the_rightful_callers_can_make_the_same_writes(graph: Graph, crossing: Crossing) -> None:
    """The refusals above come from the organisation, not from a broken mutation: the right caller succeeds."""
    s = crossing.settings
    completed = await ok(graph, s, COMPLETE, {"input": {"referralId": crossing.accepted_referral, "outcome": "done"}},
                         scope=crossing.provider_agent.scope)
    assert completed["completeReferral"]["status"] == "COMPLETED"
    responded = await ok(graph, s, RESPOND, {"input": {"referralId": crossing.pending_referral, "accept": True}},
                         scope=crossing.provider_agent.scope)
    assert responded["respondToReferral"]["status"] == "ACCEPTED"
    revoked = await ok(graph, s, REVOKE_CONSENT, {"id": crossing.consent_id}, scope=crossing.owner.scope)
    assert revoked["revokeConsent"]["valid"] is False
    assigned = await ok(graph, s, ASSIGN, {"c": crossing.case_id,
                                           "u": to_global_id("User", crossing.owner_colleague.user_id)},
                        scope=crossing.owner.scope)
    assert assigned["assignCase"]["assignedUserId"] == to_global_id("User", crossing.owner_colleague.user_id)
    followed = await ok(graph, s, FOLLOW_UP, {"id": crossing.transmission_id, "n": "2026/7", "s": "PROSECUTION"},
                        scope=crossing.sfax_officer.scope)
    assert followed["recordCourtFollowUp"]["courtCaseNumber"] == "2026/7"
    rotated = await ok(graph, s, ROTATE_WEBHOOK, {"o": "PROVIDER-NGO"}, scope=crossing.provider_agent.scope)
    assert rotated["rotateWebhookSecret"]["secret"].startswith("whsec_")
    closed = await ok(graph, s, CHANGE_STATUS, {"input": {"caseId": crossing.case_id, "status": "CLOSED",
                                                          "reason": "done"}}, scope=crossing.owner.scope)
    assert closed["changeCaseStatus"]["status"] == "CLOSED"
