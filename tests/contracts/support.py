"""Helpers for contract tests: persisted operations by name, and a small world of the apps' users."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from api.contracts.operations import PersistedOperation, registry
from api.protection import protection_for
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from seed.reference import court_id
from tests.api.casework import repository as casework_db
from tests.support import principals
from tests.support.graphql import Result, ok, run


def operation(name: str) -> PersistedOperation:
    [found] = [op for op in registry().values() if op.name == name]
    return found


async def execute(graph: Graph, settings: Settings, name: str, variables: dict[str, Any] | None = None, *,
                  scope: Scope) -> Result:
    return await run(graph, settings, operation(name).document, variables, scope=scope)


async def done(graph: Graph, settings: Settings, name: str, variables: dict[str, Any] | None = None, *,
               scope: Scope) -> dict[str, Any]:
    result = await execute(graph, settings, name, variables, scope=scope)
    assert not result.errors, (name, result.errors)
    assert result.data is not None
    return result.data


@dataclass
class Apps:
    """One user per app (outreach worker, partner agent, court officer) and a coordinator."""

    worker: Scope
    partner: Scope
    officer: Scope
    coordinator: Scope
    provider_id: str
    org_id: str


async def apps(graph: Graph, settings: Settings) -> Apps:
    protection_for(settings.state_dir).intake.reset()
    org = await casework_db.create_organization(graph, "NGO-TUNIS", "TN-11")
    provider = await casework_db.create_organization(graph, "SHELTER-ORG", "TN-11")
    authority = await casework_db.create_organization(graph, "INLTP", "TN-11", kind="NATIONAL_AUTHORITY")
    worker = await casework_db.create_user(graph, org, "worker", "CASE_WORKER")
    partner = await casework_db.create_user(graph, provider, "partner", "PARTNER_AGENT")
    coordinator = await casework_db.create_user(graph, authority, "coordinator", "COORDINATOR")
    return Apps(worker=Scope(user_id=worker, role=Role.CASE_WORKER, organization_id=org),
                partner=Scope(user_id=partner, role=Role.PARTNER_AGENT, organization_id=provider),
                officer=(await principals.member(graph, court_id("TPI-TUNIS"), Role.JUDICIAL_OFFICER)).scope,
                coordinator=Scope(user_id=coordinator, role=Role.COORDINATOR, organization_id=authority),
                provider_id=provider, org_id=org)


AUTHORITY_WORK = """
mutation($course: CreateCourseInput!, $campaign: CreateCampaignInput!) {
  createCourse(input: $course) { id }
  createCampaign(input: $campaign) { id }
}
"""
SESSION_AND_PROGRAMME = """
mutation($session: CreateTrainingSessionInput!, $programme: CreateProgrammeInput!) {
  createTrainingSession(input: $session) { id }
  createProgramme(input: $programme) { id }
}
"""
ENROL = "mutation($input: EnrolParticipantInput!) { enrolParticipant(input: $input) { id } }"


async def authority_work(graph: Graph, settings: Settings, coordinator: Scope, partner_code: str) -> dict[str, str]:
    """A course with a session, a campaign and a programme that the partner organisation takes part in."""
    today = dt.date.today().isoformat()
    labels = {"fr": "Formation", "ar": "تكوين", "en": "Training"}
    made = await ok(graph, settings, AUTHORITY_WORK, {
        "course": {"code": "C-1", "title": labels},
        "campaign": {"code": "CMP-1", "title": labels, "objective": "Awareness", "startDate": today,
                     "endDate": today, "governorates": ["TN-11"], "languages": ["aeb"],
                     "partnerCodes": [partner_code]}}, scope=coordinator)
    more = await ok(graph, settings, SESSION_AND_PROGRAMME, {
        "session": {"courseId": made["createCourse"]["id"], "organiserCode": partner_code, "place": "Tunis",
                    "startDate": today, "endDate": today, "hours": 4, "capacity": 10},
        "programme": {"code": "PRG-1", "title": labels, "partnerCode": partner_code, "startDate": today,
                      "endDate": today}}, scope=coordinator)
    await ok(graph, settings, ENROL, {"input": {"sessionId": more["createTrainingSession"]["id"], "fullName": "A B",
                                                "institution": "Police", "sector": "POLICE", "sex": "MALE"}},
             scope=coordinator)
    return {"campaign": made["createCampaign"]["id"], "programme": more["createProgramme"]["id"], "today": today}
