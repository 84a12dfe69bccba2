"""Account queries: the caller, and the members of an organisation."""

from __future__ import annotations

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.users import rules as rules
from api.users.types import Me, UserAccount


@strawberry.type
class UserQueries:
    @field
    async def me(self, info: Info) -> Me:
        """Who I am: account, role, organisation and the operations I may call."""
        row = await rules.me(info.context.graph, info.context.scope)
        return Me(user=UserAccount.from_record(row), allowed_queries=row["queries"],
                  allowed_mutations=row["mutations"], organization_local_id=row["organizationId"])

    @field
    async def organization_members(self, info: Info, organization_id: strawberry.ID | None = None,
                                   include_disabled: bool = False) -> list[UserAccount]:
        """Members of my organisation (national roles: of any), e.g. to assign a case."""
        wanted = local_id(organization_id, "Organization") if organization_id else None
        rows = await rules.organization_members(info.context.graph, info.context.scope, wanted, include_disabled)
        return [UserAccount.from_record(row) for row in rows]
