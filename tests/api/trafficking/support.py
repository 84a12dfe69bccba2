"""Helpers for trafficking-graph tests: two NGOs' cases, perpetrators and identifiers through the API."""

from __future__ import annotations

from typing import Any

from api.settings import Settings
from graph.access.scope import Scope
from graph.db import Graph
from tests.api.casework.support import open_case_for
from tests.support.graphql import ok

ADD_PERPETRATOR = """
mutation($input: AddPerpetratorInput!) { addPerpetrator(input: $input) { id alias kind } }
"""
ADD_IDENTIFIERS = """
mutation($c: ID!, $ids: [IdentifierInput!]!) { addCaseIdentifiers(caseId: $c, identifiers: $ids) { id } }
"""
CASE_FILE = """
query($id: ID!) { case(id: $id) { id reference
  perpetrators { role victimRelation otherCases perpetrator { id alias kind nationality identityErased
                 identifiers { id kind value otherCases } } }
  identifiers { id kind platform value otherCases perpetratorId }
  route { id type country governorate place occurredOn }
  protectedPersons { id role alias risk { level factors } measures { id kind status responsibleBody reviewDue } } } }
"""
CASE_LINKS = """
query($c: ID!) { caseLinks(caseId: $c) { caseId linkedCases detailsVisible
  evidence { evidenceId evidenceType kind otherCases }
  links { caseId reference pathCount decision decisionReason case { reference owner { code } }
          paths { evidence relationships steps { type id label } } } } }
"""
PHONE_A = "+216 98 765 432"
PHONE_B = "98765432"
PHONE_E164 = "+21698765432"
RECRUITER_NAME = "Karim Ben Youssef"


async def case_with_recruiter(graph: Graph, settings: Settings, scope: Scope, *, governorate: str = "TN-11",
                              phone: str = PHONE_A, name: str = RECRUITER_NAME) -> tuple[str, str]:
    """A case whose recruiter (a family member) uses ``phone``; (case id, perpetrator id)."""
    _, case_id = await open_case_for(graph, settings, scope, governorate=governorate)
    data = await ok(graph, settings, ADD_PERPETRATOR, {"input": {
        "caseId": case_id, "kind": "PERSON", "role": "RECRUITER", "victimRelation": "FAMILY",
        "alias": "Recruteur A", "nationality": "TN", "identity": {"fullName": name, "documentNumber": "09876543"},
        "identifiers": [{"kind": "PHONE", "value": phone}]}}, scope=scope)
    return case_id, str(data["addPerpetrator"]["id"])


async def case_mentioning(graph: Graph, settings: Settings, scope: Scope, identifiers: list[dict[str, Any]], *,
                          governorate: str = "TN-51") -> str:
    _, case_id = await open_case_for(graph, settings, scope, governorate=governorate)
    await ok(graph, settings, ADD_IDENTIFIERS, {"c": case_id, "ids": identifiers}, scope=scope)
    return case_id
