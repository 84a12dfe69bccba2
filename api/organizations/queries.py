"""Organisation queries."""

from __future__ import annotations

import strawberry

from api.common.cursors import page_size
from api.common.selection import page_nodes, selection
from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import Connection, build_connection
from api.organizations import rules as rules
from api.organizations.types import Organization, OrganizationKind


@strawberry.type
class OrganizationQueries:
    @field
    async def organizations(
        self, info: Info, first: int | None = None, after: str | None = None,
        kind: OrganizationKind | None = None, governorate: str | None = None,
    ) -> Connection[Organization]:
        """The organisations of the network, ordered by code."""
        size = page_size(first)
        rows, total = await rules.list_organizations(
            info.context.graph, info.context.scope, kind=kind.value if kind else None, governorate=governorate,
            after=after, limit=size + 1, fields=page_nodes(selection(info)))
        return build_connection([Organization.from_record(r) for r in rows],
                                [rules.organization_cursor(r) for r in rows], size, total)

    @field
    async def organization(self, info: Info, code: str) -> Organization | None:
        """One organisation by its code."""
        row = await rules.organization_by_code(info.context.graph, info.context.scope, code)
        return None if row is None else Organization.from_record(row)
