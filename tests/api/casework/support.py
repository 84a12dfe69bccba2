"""Helpers for casework tests: run the schema as a given user, and build victims, cases and referrals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.graphql.relay import to_global_id
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from tests.api.casework import repository as db
from tests.support import principals
from tests.support.consent import consent_to_refer
from tests.support.graphql import ok


def gid(type_name: str, local: str) -> str:
    return to_global_id(type_name, local)


@dataclass
class World:
    """Two case-owning organisations, a provider, and one user of each role we need."""

    org_a: str
    org_b: str
    provider: str
    worker_a: Scope
    worker_b: Scope
    partner: Scope
    coordinator: Scope
    analyst: Scope
    worker_a_user: str


async def world(graph: Graph) -> World:
    """Every caller is a real member (User in its organisation, live Session): logic that reads the User works."""
    org_a = await db.create_organization(graph, "ORG-A", "TN-11")
    org_b = await db.create_organization(graph, "ORG-B", "TN-51")
    provider = await db.create_organization(graph, "PROVIDER", "TN-11")
    authority = await db.create_organization(graph, "INLTP", "TN-11", kind="NATIONAL_AUTHORITY")
    worker_a = await principals.member(graph, org_a, Role.CASE_WORKER, "worker-a")
    return World(
        org_a=org_a, org_b=org_b, provider=provider, worker_a_user=worker_a.user_id,
        worker_a=worker_a.scope,
        worker_b=(await principals.member(graph, org_b, Role.CASE_WORKER)).scope,
        partner=(await principals.member(graph, provider, Role.PARTNER_AGENT)).scope,
        coordinator=(await principals.member(graph, authority, Role.COORDINATOR)).scope,
        analyst=(await principals.member(graph, authority, Role.ANALYST)).scope,
    )


REGISTER_VICTIM = """
mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id alias sex minor languages } }
"""
OPEN_CASE = """
mutation($input: OpenCaseInput!) { openCase(input: $input) { id reference status governorate victim { id } } }
"""
CREATE_REFERRAL = """
mutation($input: CreateReferralInput!) { createReferral(input: $input) { id status urgency } }
"""
RESPOND = """
mutation($input: RespondToReferralInput!) { respondToReferral(input: $input) { id status declineReason } }
"""
COMPLETE = """
mutation($input: CompleteReferralInput!) { completeReferral(input: $input) { id status outcome } }
"""
CANCEL = """
mutation($input: CancelReferralInput!) { cancelReferral(input: $input) { id status cancelReason } }
"""
CHANGE_STATUS = """
mutation($input: ChangeCaseStatusInput!) { changeCaseStatus(input: $input) { id status closeReason } }
"""


async def open_case_for(graph: Graph, settings: Settings, scope: Scope, *, governorate: str = "TN-11",
                        forms: list[str] | None = None, **victim: Any) -> tuple[str, str]:
    """Register a victim and open a case for it; returns (victim global id, case global id)."""
    data = await ok(graph, settings, REGISTER_VICTIM, {"input": {"alias": "V", **victim}}, scope=scope)
    victim_id = data["registerVictim"]["id"]
    data = await ok(graph, settings, OPEN_CASE, {"input": {
        "victimId": victim_id, "governorate": governorate, "exploitationForms": forms or []}}, scope=scope)
    return victim_id, data["openCase"]["id"]


async def refer(graph: Graph, settings: Settings, scope: Scope, case_id: str, service_id: str) -> str:
    """Record the victim's REFERRAL consent to the provider, then refer."""
    await consent_to_refer(graph, settings, scope, case_id, service_id)
    data = await ok(graph, settings, CREATE_REFERRAL, {"input": {"caseId": case_id,
                                                                 "serviceId": gid("Service", service_id)}},
                    scope=scope)
    return str(data["createReferral"]["id"])
