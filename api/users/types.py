"""GraphQL types for accounts: the caller, members of an organisation, enrolment links."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import to_global_id

if TYPE_CHECKING:
    from api.organizations.types import Organization


@strawberry.type(description="A staff account (never its password, sessions or TOTP seed).")
class UserAccount:
    id: strawberry.ID
    username: str
    role: str
    disabled: bool
    organization_admin: bool = strawberry.field(description="Administers the accounts of its organisation.")
    organization_id: strawberry.ID | None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> UserAccount:
        org = row.get("organizationId")
        return cls(id=strawberry.ID(to_global_id("User", row["id"])), username=row["username"], role=row["role"],
                   disabled=bool(row.get("disabled")), organization_admin=bool(row.get("organizationAdmin")),
                   organization_id=strawberry.ID(to_global_id("Organization", org)) if org else None)


@strawberry.type(description="Who I am: my account, my organisation, and what my role may call.")
class Me:
    user: UserAccount
    allowed_queries: list[str] = strawberry.field(description="Root query fields my role may call.")
    allowed_mutations: list[str] = strawberry.field(description="Root mutation fields my role may call.")
    organization_local_id: strawberry.Private[str | None]

    @field
    async def organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("api.organizations.types")] | None:
        """My organisation."""
        if self.organization_local_id is None:
            return None
        return await info.context.loaders.organization.load(self.organization_local_id)


@strawberry.type(description="A one-time enrolment link: give it to the person, it is not shown again.")
class EnrolmentLink:
    user: UserAccount
    url: str = strawberry.field(description="Open once to set a password (and, for national roles, get the TOTP).")
    token: str = strawberry.field(description="The secret part of the link (sent back to completeEnrolment).")
    expires_at: dt.datetime


@strawberry.type(description="The account is ready: sign in with the password just set.")
class EnrolmentResult:
    username: str
    role: str
    otpauth_uri: str | None = strawberry.field(description="National roles: scan into an authenticator app (once).")


@strawberry.input(description="A staff account to create; the person enrols through a one-time link.")
class CreateAccountInput:
    username: str
    role: str = strawberry.field(description="ADMIN, COORDINATOR, CASE_WORKER, PARTNER_AGENT, JUDICIAL_OFFICER, "
                                             "ANALYST or DATA_PROTECTION_OFFICER.")
    organization_code: str
    organization_admin: bool = False
