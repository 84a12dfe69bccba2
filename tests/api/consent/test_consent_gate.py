"""Consent governs sharing: no referral without a REFERRAL consent that holds (or an audited emergency override),
and the receiver sees the need-to-know profile only while the consent holds, through every path."""

from __future__ import annotations

from dataclasses import dataclass

from api.graphql.relay import from_global_id
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.consents.repository import note_expired_consents
from graph.db import Graph
from tests.api.casework import repository as casework_db
from tests.api.casework.support import CREATE_REFERRAL, World, gid, open_case_for, world
from tests.api.consent import repository as db
from tests.support.consent import consent_to_refer
from tests.support.graphql import ok, run

REVOKE = "mutation($id: ID!) { revokeConsent(consentId: $id) { id valid } }"
PROFILE = "sharedProfile { sex ageBand minor languages specialNeeds exploitationForms governorate }"
RECEIVED = "{ referrals(direction: RECEIVED) { nodes { id case { id } " + PROFILE + " } } }"
NODE = "query($id: ID!) { node(id: $id) { ... on Referral { id case { id } " + PROFILE + " } } }"
CHANGES = """
query($since: String) { changes(since: $since, types: [REFERRAL]) { nextCursor referrals { id """ + PROFILE + """ } } }
"""
EXPECTED_PROFILE = {"sex": "FEMALE", "ageBand": "18-24", "minor": False, "languages": ["ar"],
                    "specialNeeds": ["wheelchair"], "exploitationForms": ["FORCED_LABOUR"], "governorate": "TN-11"}


@dataclass
class Setting:
    w: World
    shelter: str
    case_id: str
    partner: Scope
    coordinator: Scope


async def setting(graph: Graph, settings: Settings) -> Setting:
    w = await world(graph)
    shelter = await casework_db.create_service(graph, w.provider, name="Shelter")
    _, case_id = await open_case_for(graph, settings, w.worker_a, sex="FEMALE", ageBand="18-24", languages=["ar"],
                                     specialNeeds=["wheelchair"], forms=["FORCED_LABOUR"])
    partner = await casework_db.create_user(graph, w.provider, "partner-p", "PARTNER_AGENT")
    authority = w.coordinator.organization_id
    assert authority is not None
    coordinator = await casework_db.create_user(graph, authority, "coord-c", "COORDINATOR")
    return Setting(w=w, shelter=shelter, case_id=case_id,
                   partner=Scope(user_id=partner, role=Role.PARTNER_AGENT, organization_id=w.provider),
                   coordinator=Scope(user_id=coordinator, role=Role.COORDINATOR, organization_id=authority))


async def _refer(graph: Graph, settings: Settings, s: Setting, **extra: object) -> list[str]:
    result = await run(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": s.case_id, "serviceId": gid("Service", s.shelter), **extra}}, scope=s.w.worker_a)
    return result.codes if result.errors else ["OK"]


async def test_a_referral_needs_a_referral_consent_that_holds(graph: Graph, settings: Settings) -> None:
    s = await setting(graph, settings)
    none = await run(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": s.case_id, "serviceId": gid("Service", s.shelter)}}, scope=s.w.worker_a)
    assert none.codes == ["FORBIDDEN"]
    assert none.messages == ["The victim has given this organisation no consent for referral: record a REFERRAL "
                             "consent first (or, in an emergency, a justified override)."]

    await consent_to_refer(graph, settings, s.w.worker_a, s.case_id, s.shelter, purpose="PROSECUTION")
    wrong = await run(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": s.case_id, "serviceId": gid("Service", s.shelter)}}, scope=s.w.worker_a)
    assert wrong.codes == ["FORBIDDEN"]
    assert wrong.messages == ["The consent given to this organisation does not cover referral (purpose REFERRAL "
                              "is needed)."]

    consent = await consent_to_refer(graph, settings, s.w.worker_a, s.case_id, s.shelter)
    await db.expire_consent(graph, from_global_id(consent)[1])
    expired = await run(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": s.case_id, "serviceId": gid("Service", s.shelter)}}, scope=s.w.worker_a)
    assert expired.codes == ["FORBIDDEN"]
    assert expired.messages == ["The victim's referral consent for this organisation has expired: record a new "
                                "consent."]

    revocable = await consent_to_refer(graph, settings, s.w.worker_a, s.case_id, s.shelter)
    await ok(graph, settings, REVOKE, {"id": revocable}, scope=s.w.worker_a)
    revoked = await run(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": s.case_id, "serviceId": gid("Service", s.shelter)}}, scope=s.w.worker_a)
    assert revoked.codes == ["FORBIDDEN"]
    assert revoked.messages == ["The victim withdrew their referral consent for this organisation: no referral "
                                "without a new consent."]
    assert await casework_db.count(graph, "Referral") == 0
    assert await db.alert_kinds_for(graph, s.partner.user_id or "") == []

    # A consent to another organisation does not count either.
    other_case = (await open_case_for(graph, settings, s.w.worker_a))[1]
    victim_id = (await ok(graph, settings, "query($id: ID!) { case(id: $id) { victim { id } } }",
                          {"id": other_case}, scope=s.w.worker_a))["case"]["victim"]["id"]
    await ok(graph, settings, """mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }""",
             {"input": {"victimId": victim_id, "organizationCode": "ORG-B", "purpose": "REFERRAL"}},
             scope=s.w.worker_a)
    elsewhere = await run(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": other_case, "serviceId": gid("Service", s.shelter)}}, scope=s.w.worker_a)
    assert elsewhere.codes == ["FORBIDDEN"]

    await consent_to_refer(graph, settings, s.w.worker_a, s.case_id, s.shelter)
    assert await _refer(graph, settings, s) == ["OK"]


async def test_the_receiver_sees_the_profile_only_while_the_consent_holds(graph: Graph, settings: Settings) -> None:
    s = await setting(graph, settings)
    consent = await consent_to_refer(graph, settings, s.w.worker_a, s.case_id, s.shelter)
    referral = (await ok(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": s.case_id, "serviceId": gid("Service", s.shelter)}}, scope=s.w.worker_a))["createReferral"]["id"]
    [(kind, subject_type, subject)] = await db.alert_kinds_for(graph, s.partner.user_id or "")
    assert (kind, subject_type, gid("Referral", subject)) == ("REFERRAL_RECEIVED", "Referral", referral)

    listed = (await ok(graph, settings, RECEIVED, scope=s.partner))["referrals"]["nodes"]
    assert listed == [{"id": referral, "case": None, "sharedProfile": EXPECTED_PROFILE}]
    node = (await ok(graph, settings, NODE, {"id": referral}, scope=s.partner))["node"]  # the alert's subject
    assert node == {"id": referral, "case": None, "sharedProfile": EXPECTED_PROFILE}
    synced = (await ok(graph, settings, CHANGES, scope=s.partner))["changes"]
    assert synced["referrals"] == [{"id": referral, "sharedProfile": EXPECTED_PROFILE}]
    # Nothing about who the person is travels: no alias, no nationality, no identity field exists on the profile.
    unknown = await run(graph, settings, "{ referrals { nodes { sharedProfile { alias } } } }", scope=s.partner)
    assert unknown.codes == ["GRAPHQL_VALIDATION_FAILED"]

    await ok(graph, settings, REVOKE, {"id": consent}, scope=s.w.worker_a)
    listed = (await ok(graph, settings, RECEIVED, scope=s.partner))["referrals"]["nodes"]
    assert listed == [{"id": referral, "case": None, "sharedProfile": None}]
    node = (await ok(graph, settings, NODE, {"id": referral}, scope=s.partner))["node"]
    assert node == {"id": referral, "case": None, "sharedProfile": None}
    # The device that synced before gets the referral again, without the profile.
    again = (await ok(graph, settings, CHANGES, {"since": synced["nextCursor"]}, scope=s.partner))["changes"]
    assert again["referrals"] == [{"id": referral, "sharedProfile": None}]
    # The sender still sees its own case's profile.
    mine = (await ok(graph, settings, NODE, {"id": referral}, scope=s.w.worker_a))["node"]
    assert mine["sharedProfile"] == EXPECTED_PROFILE


async def test_an_expired_consent_cuts_the_profile_off_and_devices_hear_of_it(graph: Graph,
                                                                              settings: Settings) -> None:
    s = await setting(graph, settings)
    consent = await consent_to_refer(graph, settings, s.w.worker_a, s.case_id, s.shelter,
                                     expiresAt="2099-01-01T00:00:00+00:00")
    referral = (await ok(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": s.case_id, "serviceId": gid("Service", s.shelter)}}, scope=s.w.worker_a))["createReferral"]["id"]
    synced = (await ok(graph, settings, CHANGES, scope=s.partner))["changes"]
    assert synced["referrals"][0]["sharedProfile"] == EXPECTED_PROFILE
    await db.expire_consent(graph, from_global_id(consent)[1])
    node = (await ok(graph, settings, NODE, {"id": referral}, scope=s.partner))["node"]
    assert node["sharedProfile"] is None
    assert await note_expired_consents(graph) == 1  # the worker's sweep touches the referral once
    assert await note_expired_consents(graph) == 0
    again = (await ok(graph, settings, CHANGES, {"since": synced["nextCursor"]}, scope=s.partner))["changes"]
    assert again["referrals"] == [{"id": referral, "sharedProfile": None}]


async def test_an_emergency_override_is_limited_audited_and_told_to_coordinators(graph: Graph,
                                                                                 settings: Settings) -> None:
    s = await setting(graph, settings)
    override = {"reasonCode": "IMMINENT_DANGER", "reason": "locked in, employer threatens her tonight"}
    admin = Scope(user_id="u-admin", role=Role.ADMIN, organization_id=s.w.org_a)
    refused = await run(graph, settings, CREATE_REFERRAL, {"input": {
        "caseId": s.case_id, "serviceId": gid("Service", s.shelter), "emergencyOverride": override}}, scope=admin)
    assert refused.codes == ["FORBIDDEN"]
    assert refused.messages == ["Your role may not make an emergency referral without consent."]
    short = await _refer(graph, settings, s, emergencyOverride={"reasonCode": "IMMINENT_DANGER", "reason": "now"})
    assert short == ["BAD_USER_INPUT"]
    assert await casework_db.count(graph, "Referral") == 0

    made = (await ok(graph, settings, """mutation($input: CreateReferralInput!) {
        createReferral(input: $input) { id status emergencyOverride overrideReasonCode timeline { kind code } } }""",
        {"input": {"caseId": s.case_id, "serviceId": gid("Service", s.shelter), "urgency": "URGENT",
                   "emergencyOverride": override}}, scope=s.w.worker_a))["createReferral"]
    assert made["emergencyOverride"] is True and made["overrideReasonCode"] == "IMMINENT_DANGER"
    assert made["timeline"] == [{"kind": "CREATED", "code": "EMERGENCY_OVERRIDE"}]
    kinds = [k for k, _, _ in await db.alert_kinds_for(graph, s.coordinator.user_id or "")]
    assert kinds == ["EMERGENCY_REFERRAL"]
    [entry] = await db.audit_of_action(graph, "referral.emergencyOverride")
    assert entry["actorId"] == s.w.worker_a_user and made["id"] in entry["target"]
    assert entry["reason"] == "IMMINENT_DANGER: locked in, employer threatens her tonight"
    # The receiver may prepare while the emergency referral is open, and no longer once it is withdrawn.
    node = (await ok(graph, settings, NODE, {"id": made["id"]}, scope=s.partner))["node"]
    assert node["sharedProfile"] == EXPECTED_PROFILE
    await ok(graph, settings, """mutation($input: CancelReferralInput!) { cancelReferral(input: $input) { id } }""",
             {"input": {"referralId": made["id"], "reason": "placed with family"}}, scope=s.w.worker_a)
    node = (await ok(graph, settings, NODE, {"id": made["id"]}, scope=s.partner))["node"]
    assert node["sharedProfile"] is None
