"""A small world for report tests: the authority, a partner NGO, and callers of each role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from api.graphql.relay import from_global_id
from api.protection import protection_for
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from seed.reference import court_id
from tests.support.graphql import ok

CREATE_ORG = """
mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id code } }
"""


@dataclass
class ReportWorld:
    coordinator: Scope
    ngo_worker: Scope
    other_ngo_worker: Scope
    sfax_officer: Scope
    tunis_officer: Scope
    analyst: Scope


def _org_id(global_id: str) -> str:
    return from_global_id(global_id)[1]


@pytest.fixture
async def world(graph: Graph, settings: Settings) -> ReportWorld:
    protection_for(settings.state_dir).intake.reset()
    admin = Scope(user_id="admin-1", role=Role.ADMIN, organization_id=None)
    ids = {}
    for code, kind, gov in [("INLTP", "NATIONAL_AUTHORITY", "TN-11"), ("NGO-SFAX", "NGO", "TN-61"),
                            ("NGO-SOUSSE", "NGO", "TN-51")]:
        data = await ok(graph, settings, CREATE_ORG, {"input": {"code": code, "name": code, "kind": kind,
                                                                "governorate": gov}}, scope=admin)
        ids[code] = _org_id(data["createOrganization"]["id"])
    return ReportWorld(
        coordinator=Scope(user_id="coord-1", role=Role.COORDINATOR, organization_id=ids["INLTP"]),
        ngo_worker=Scope(user_id="worker-1", role=Role.CASE_WORKER, organization_id=ids["NGO-SFAX"]),
        other_ngo_worker=Scope(user_id="worker-2", role=Role.CASE_WORKER, organization_id=ids["NGO-SOUSSE"]),
        sfax_officer=Scope(user_id="judge-sfax", role=Role.JUDICIAL_OFFICER, organization_id=court_id("TPI-SFAX")),
        tunis_officer=Scope(user_id="judge-tunis", role=Role.JUDICIAL_OFFICER,
                            organization_id=court_id("TPI-TUNIS")),
        analyst=Scope(user_id="analyst-1", role=Role.ANALYST, organization_id=ids["INLTP"]),
    )
