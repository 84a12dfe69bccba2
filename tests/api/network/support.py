"""Run GraphQL operations as a chosen caller and build small networks through the public mutations."""

from __future__ import annotations

import uuid
from typing import Any

from strawberry.types import ExecutionResult

from api.graphql.context import HimayaContext
from api.graphql.relay import local_id
from api.graphql.schema import build_schema
from api.i18n import Language
from api.settings import Settings
from graph.access.scope import ANONYMOUS, Role, Scope
from graph.db import Graph

SCHEMA = build_schema()


def scope_of(role: Role | None, organization_id: str | None = None) -> Scope:
    if role is None:
        return ANONYMOUS
    return Scope(user_id=str(uuid.uuid4()), role=role, organization_id=organization_id)


async def execute(graph: Graph, settings: Settings, query: str, variables: dict[str, Any] | None = None, *,
                  scope: Scope | None = None, language: Language = Language.EN) -> ExecutionResult:
    context = HimayaContext(settings=settings, graph=graph, language=language,
                            scope=scope if scope is not None else scope_of(Role.COORDINATOR))
    return await SCHEMA.execute(query, variable_values=variables, context_value=context)


async def ok(graph: Graph, settings: Settings, query: str, variables: dict[str, Any] | None = None, *,
             scope: Scope | None = None, language: Language = Language.EN) -> dict[str, Any]:
    result = await execute(graph, settings, query, variables, scope=scope, language=language)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


def error_code(result: ExecutionResult) -> str:
    assert result.errors, result.data
    code: str = (result.errors[0].extensions or {})["code"]
    return code


CREATE_ORGANIZATION = """
mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { id code name kind governorate { code } contact { email phone } }
}
"""

CREATE_SERVICE = """
mutation($input: CreateServiceInput!) {
  createService(input: $input) {
    id name category status languages serviceArea latitude longitude free
    governorate { code }
    eligibility { sexes minAge maxAge acceptsMinors nationalitiesOnly nationalitiesExcluded exploitationForms }
    capacity { unit maximum available updatedAt }
    organization { code }
  }
}
"""

ADD_PARTNERSHIP = """
mutation($input: AddPartnershipInput!) { addPartnership(input: $input) { code partners { organization { code } } } }
"""


async def make_organization(graph: Graph, settings: Settings, code: str, *, governorate: str = "TN-11",
                            kind: str = "NGO", name: str | None = None) -> dict[str, Any]:
    data = await ok(graph, settings, CREATE_ORGANIZATION, {"input": {
        "code": code, "name": name or f"Organisation {code}", "nameAr": f"جهة {code}", "nameEn": f"Organization {code}",
        "kind": kind, "governorate": governorate}})
    organization: dict[str, Any] = data["createOrganization"]
    organization["localId"] = local_id(organization["id"], "Organization")
    return organization


async def make_service(graph: Graph, settings: Settings, organization_code: str, *, name: str = "Service",
                       category: str = "SHELTER", governorate: str = "TN-11", area: list[str] | None = None,
                       latitude: float = 36.8, longitude: float = 10.18, languages: list[str] | None = None,
                       maximum: int = 10) -> dict[str, Any]:
    data = await ok(graph, settings, CREATE_SERVICE, {"input": {
        "organizationCode": organization_code, "name": name, "category": category, "governorate": governorate,
        "serviceArea": area or [], "latitude": latitude, "longitude": longitude,
        "languages": languages if languages is not None else ["ar", "fr"], "capacityMaximum": maximum}})
    service: dict[str, Any] = data["createService"]
    service["localId"] = local_id(service["id"], "Service")
    return service


async def partner(graph: Graph, settings: Settings, a: str, b: str, since: str | None = "2024-03-01") -> None:
    await ok(graph, settings, ADD_PARTNERSHIP, {"input": {"organizationCode": a, "partnerCode": b, "since": since,
                                                          "agreement": "MoU"}})
