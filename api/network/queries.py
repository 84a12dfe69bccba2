"""Network queries for coordinators."""

from __future__ import annotations

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.network.types import CoverageGap, OrganizationNetwork
from api.organizations import rules as organization_rules
from api.organizations.types import Organization
from api.services import rules as service_rules
from api.services.types import ServiceCategory


@strawberry.type
class NetworkQueries:
    @field
    async def organization_network(self, info: Info, code: str) -> OrganizationNetwork | None:
        """An organisation's partners and referral statistics."""
        row = await organization_rules.organization_network(info.context.graph, info.context.scope, code)
        return None if row is None else OrganizationNetwork.from_record(row)

    @field
    async def coverage_gaps(self, info: Info, category: ServiceCategory,
                            language: str | None = None) -> list[CoverageGap]:
        """Governorates no active service of the category with free capacity covers."""
        rows = await service_rules.coverage_gaps(info.context.graph, info.context.scope, category.value, language)
        return [CoverageGap.from_record(row) for row in rows]

    @field
    async def partnership_path(self, info: Info, from_code: str,
                               to_code: str) -> list[Organization] | None:
        """The shortest chain of partnerships between two organisations (at most 6)."""
        rows = await organization_rules.partnership_path(info.context.graph, info.context.scope, from_code, to_code)
        return None if rows is None else [Organization.from_record(row) for row in rows]
