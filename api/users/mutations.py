"""Account administration through the API: ADMIN for every account, an organisation's admin for its members."""

from __future__ import annotations

import strawberry

from api.errors import BadInput
from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.users import rules as rules
from api.users.types import CreateAccountInput, EnrolmentLink, EnrolmentResult, UserAccount
from graph.access.scope import Role


def _link(info: Info, user: UserAccount, enrolment: rules.Enrolment) -> EnrolmentLink:
    # The console's enrolment page; the token rides in the fragment, which browsers never send to a server (logs).
    base = info.context.settings.public_base_url.rstrip("/")
    return EnrolmentLink(user=user, url=f"{base}/console/enrol#token={enrolment.token}", token=enrolment.token,
                         expires_at=enrolment.expires_at)


@strawberry.type
class UserMutations:
    @mutation
    async def create_account(self, info: Info, input: CreateAccountInput) -> EnrolmentLink:
        """Create a staff account; returns its one-time enrolment link."""
        try:
            role = Role(input.role)
        except ValueError as exc:
            raise BadInput("consent.unknown_code", field="role", value=input.role[:40],
                           valid=", ".join(r.value for r in Role)) from exc
        enrolment = await rules.create_account(
            info.context.graph, info.context.scope, username=input.username, role=role,
            organization_code=input.organization_code, organization_admin=input.organization_admin,
            link_hours=info.context.settings.enrolment_link_hours)
        user = UserAccount.from_record({"id": enrolment.user_id, "username": rules.normalize_username(input.username),
                                        "role": role.value, "disabled": True,
                                        "organizationAdmin": input.organization_admin,
                                        "organizationId": enrolment.organization_id})
        return _link(info, user, enrolment)

    @mutation
    async def complete_enrolment(self, info: Info, token: str, password: str) -> EnrolmentResult:
        """Spend an enrolment link: set the password (national roles get their TOTP)."""
        done = await rules.complete_enrolment(info.context.graph, token, password)
        return EnrolmentResult(username=done["username"], role=done["role"], otpauth_uri=done["otpauthUri"])

    @mutation
    async def disable_account(self, info: Info, user_id: strawberry.ID) -> UserAccount:
        """Disable an account; its sessions end at once."""
        row = await rules.disable_account(info.context.graph, info.context.scope, local_id(user_id, "User"))
        return UserAccount.from_record(row)

    @strawberry.mutation(description="Reset an account's TOTP: it is suspended until the person enrols again "
                                     "through the new link.")
    async def reset_totp(self, info: Info, user_id: strawberry.ID) -> EnrolmentLink:
        """Reset an account's TOTP: suspended until the person enrols again through the new link."""
        user, enrolment = await rules.reset_totp(info.context.graph, info.context.scope, local_id(user_id, "User"),
                                                 info.context.settings.enrolment_link_hours)
        return _link(info, UserAccount.from_record(user), enrolment)
