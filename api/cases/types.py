"""GraphQL types for cases."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.cases.rules import CaseStatus
from api.graphql.fields import field, later
from api.graphql.info import Info
from api.graphql.relay import Node, to_global_id
from api.organizations.types import native
from api.protection import SealedText, open_sealed_text
from api.victims.types import Victim

if TYPE_CHECKING:
    from api.approvals.types import ApprovalRequest
    from api.identifiers.types import Identifier
    from api.organizations.types import Organization
    from api.perpetrators.types import CasePerpetrator
    from api.referrals.types import Referral
    from api.routes.types import RouteEvent
    from api.screening.types import Screening
    from api.witnesses.types import ProtectedPerson


# The rules' enum, exposed as is (one enum per concept).
strawberry.enum(CaseStatus, description="Where a case stands: REPORTED → PRESUMED → IDENTIFIED → ASSISTED → CLOSED.")


@strawberry.type(description="A trafficking case: one victim, owned by one organisation.")
class Case(Node):
    id: strawberry.ID
    reference: str = strawberry.field(description='Human-readable and unique, e.g. "HIM-2026-000123".')
    status: CaseStatus
    exploitation_forms: list[str]
    labour_sector: str | None
    means_of_control: list[str]
    governorate: str | None = strawberry.field(description="Code of the governorate where the case is handled.")
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    updated_at: dt.datetime
    version: int
    victim: Victim | None
    assigned_user_id: strawberry.ID | None
    local_id: strawberry.Private[str]
    owner_id: strawberry.Private[str | None]
    sealed_close_reason: strawberry.Private[SealedText] = (None, None, None)
    nested: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)  # read with it

    @field
    def close_reason(self, info: strawberry.Info) -> str | None:
        """Why the case was closed (free text, stored sealed)."""
        return open_sealed_text(info.context.settings, self.local_id, "closeReason", self.sealed_close_reason)

    @field
    def owner(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("api.organizations.types")] | None:
        """The organisation that owns the case."""
        if "owner" in self.nested:
            return info.context.loaders.organization_of(self.nested["owner"])
        if self.owner_id is None:
            return None
        return later(info.context.loaders.organization.load(self.owner_id))

    @field
    def referrals(
        self, info: Info
    ) -> list[Annotated[Referral, strawberry.lazy("api.referrals.types")]]:
        """The referrals made for this case, newest first."""
        if "referrals" in self.nested:
            return info.context.loaders.referrals_of(self.nested["referrals"])
        return later(info.context.loaders.referrals_by_case.load(self.local_id))

    @field
    async def screenings(
        self, info: Info
    ) -> list[Annotated[Screening, strawberry.lazy("api.screening.types")]]:
        """The screenings recorded for this case, newest first."""
        return await info.context.loaders.screenings_by_case.load(self.local_id)

    @field
    async def approvals(
        self, info: Info
    ) -> list[Annotated[ApprovalRequest, strawberry.lazy("api.approvals.types")]]:
        """Identification and transfer requests about this case, newest first."""
        return await info.context.loaders.approvals_by_case.load(self.local_id)
    @field
    async def perpetrators(
        self, info: Info
    ) -> list[Annotated[CasePerpetrator, strawberry.lazy("api.perpetrators.types")]]:
        """Suspected perpetrators with their role and the victim's relation."""
        return await info.context.loaders.perpetrators_by_case.load(self.local_id)

    @field
    async def identifiers(self, info: Info) -> list[Annotated[Identifier, strawberry.lazy(
            "api.identifiers.types")]]:
        """Identifiers the case mentions or its perpetrators use (reading values is audited)."""
        return await info.context.loaders.identifiers_by_case.load(self.local_id)

    @field
    async def route(self, info: Info) -> list[Annotated[RouteEvent, strawberry.lazy("api.routes.types")]]:
        """The trafficking route: recruitment, transit and exploitation events, in order."""
        return await info.context.loaders.route_by_case.load(self.local_id)

    @field
    async def protected_persons(
        self, info: Info
    ) -> list[Annotated[ProtectedPerson, strawberry.lazy("api.witnesses.types")]]:
        """Witnesses and whistleblowers protected in this case (identity kept apart)."""
        return await info.context.loaders.protected_by_case.load(self.local_id)

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Case:
        victim = row.get("victim")
        assignee = row.get("assigneeId")
        status = row.get("status")
        # A selection-aware read (graph/projections) returns only the selected keys: the others are never read.
        return cls(
            id=strawberry.ID(to_global_id("Case", row["id"])), reference=row.get("reference"),  # type: ignore[arg-type]
            status=CaseStatus(status) if status else None,  # type: ignore[arg-type]
            exploitation_forms=list(row.get("exploitationForms") or []),
            labour_sector=row.get("labourSector"), means_of_control=list(row.get("meansOfControl") or []),
            governorate=row.get("governorate"), opened_at=native(row.get("openedAt")),
            closed_at=native(row.get("closedAt")),
            updated_at=native(row.get("updatedAt")), version=int(row.get("version") or 0),
            victim=Victim.from_record(victim) if victim else None,
            assigned_user_id=strawberry.ID(to_global_id("User", assignee)) if assignee else None,
            local_id=row["id"], owner_id=row.get("ownerId"),
            sealed_close_reason=(row.get("closeReasonKey"), row.get("closeReasonSealed"), row.get("closeReason")),
            nested={key: row[key] for key in ("owner", "referrals") if key in row},
        )


@strawberry.input(description="A case to open; it belongs to the caller's organisation.")
class OpenCaseInput:
    victim_id: strawberry.ID
    governorate: str = strawberry.field(description="Governorate code, e.g. TN-51.")
    exploitation_forms: list[str] = strawberry.field(default_factory=list,
                                                     description="Codes from the exploitation forms catalogue.")
    labour_sector: str | None = None
    means_of_control: list[str] = strawberry.field(default_factory=list,
                                                   description="Codes from the means of control catalogue.")
    client_id: strawberry.ID | None = strawberry.field(
        default=None, description="A UUID made on the device: sending the same creation again makes it once.")


@strawberry.input(description="Move a case to another status (closing needs a reason).")
class ChangeCaseStatusInput:
    case_id: strawberry.ID
    status: CaseStatus
    reason: str | None = None
    expected_version: int | None = strawberry.field(
        default=None, description="The version the change was made against; a newer one is a CONFLICT.")
