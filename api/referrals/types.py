"""GraphQL types for referrals of a case to a service."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import Node, to_global_id
from api.organizations.types import native
from api.protection import protection_of
from api.referrals.rules import DeclineReason, ReferralStatus, Urgency

if TYPE_CHECKING:
    from api.cases.types import Case
    from api.services.types import Service


# The rules' enum, exposed as is (one enum per concept).
strawberry.enum(ReferralStatus,
                description="PENDING → ACCEPTED | DECLINED; ACCEPTED → COMPLETED; PENDING/ACCEPTED → CANCELLED.")


# The rules' enum, exposed as is (one enum per concept).
strawberry.enum(Urgency, description="How soon the person needs the service.")


# The rules' enum, exposed as is (one enum per concept).
strawberry.enum(DeclineReason, description="Why a service declined a referral.")


@strawberry.enum(description="Referrals my organisation sent (for its cases) or received (for its services).")
class ReferralDirection(Enum):
    SENT = "SENT"
    RECEIVED = "RECEIVED"


@strawberry.type(description="A request that a service take care of the victim of a case.")
class Referral(Node):
    id: strawberry.ID
    status: ReferralStatus
    urgency: Urgency
    decline_reason: DeclineReason | None
    outcome: str | None
    cancel_reason: str | None
    created_at: dt.datetime
    responded_at: dt.datetime | None
    completed_at: dt.datetime | None
    cancelled_at: dt.datetime | None
    updated_at: dt.datetime
    version: int
    local_id: strawberry.Private[str]
    case_id: strawberry.Private[str | None]
    service_id: strawberry.Private[str | None]
    sealed_note: strawberry.Private[tuple[dict[str, str] | None, str | None, str | None]] = (None, None, None)

    @strawberry.field(description="Why the case is referred (free text, stored sealed).")
    def note(self, info: strawberry.Info) -> str | None:
        """Why the case is referred (free text, stored sealed)."""
        key, sealed, legacy = self.sealed_note
        if sealed is None:
            return legacy
        return protection_of(info.context.settings).sealer.open_field(key, self.local_id, "note", sealed)

    @field
    async def case(self, info: Info) -> Annotated[Case, strawberry.lazy("api.cases.types")] | None:
        """The case referred (null when the caller may not see it)."""
        if self.case_id is None:
            return None
        return await info.context.loaders.case.load(self.case_id)

    @field
    async def service(
        self, info: Info
    ) -> Annotated[Service, strawberry.lazy("api.services.types")] | None:
        """The service asked to help."""
        if self.service_id is None:
            return None
        return await info.context.loaders.service.load(self.service_id)

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Referral:
        decline = row.get("declineReason")
        return cls(
            id=strawberry.ID(to_global_id("Referral", row["id"])), status=ReferralStatus(row["status"]),
            urgency=Urgency(row["urgency"]),
            decline_reason=DeclineReason(decline) if decline else None, outcome=row.get("outcome"),
            cancel_reason=row.get("cancelReason"), created_at=native(row["createdAt"]),
            responded_at=native(row.get("respondedAt")), completed_at=native(row.get("completedAt")),
            cancelled_at=native(row.get("cancelledAt")), updated_at=native(row["updatedAt"]),
            version=int(row.get("version") or 0), local_id=row["id"], case_id=row.get("caseId"),
            service_id=row.get("serviceId"),
            sealed_note=(row.get("noteKey"), row.get("noteSealed"), row.get("note")),
        )


@strawberry.input(description="Refer a case to a service.")
class CreateReferralInput:
    case_id: strawberry.ID
    service_id: strawberry.ID
    urgency: Urgency = Urgency.ROUTINE
    note: str | None = None
    client_id: strawberry.ID | None = strawberry.field(
        default=None, description="A UUID made on the device: sending the same creation again makes it once.")


@strawberry.input(description="The service's answer: accepting reserves one unit of capacity.")
class RespondToReferralInput:
    referral_id: strawberry.ID
    accept: bool
    reason: DeclineReason | None = None


@strawberry.input(description="The service was delivered.")
class CompleteReferralInput:
    referral_id: strawberry.ID
    outcome: str


@strawberry.input(description="Withdraw a referral.")
class CancelReferralInput:
    referral_id: strawberry.ID
    reason: str
