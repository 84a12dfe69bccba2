"""GraphQL types for referrals of a case to a service."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.graphql.fields import field, later
from api.graphql.info import Info
from api.graphql.relay import Node, to_global_id
from api.organizations.types import native
from api.protection import SealedText, open_sealed_text
from api.referrals.rules import DeclineReason, OverrideReason, ReferralStatus, Urgency

if TYPE_CHECKING:
    from api.cases.types import Case
    from api.services.types import Service


# The rules' enum, exposed as is (one enum per concept).
strawberry.enum(ReferralStatus,
                description="PENDING → ACCEPTED | DECLINED; ACCEPTED → COMPLETED; PENDING/ACCEPTED → CANCELLED.")


# The rules' enum, exposed as is (one enum per concept).
strawberry.enum(Urgency, description="How soon the person needs the service.")


# The rules' enum, exposed as is (one enum per concept).
strawberry.enum(DeclineReason,
                description="Why a service declined a referral (labels in the decline reasons catalogue).")


# The rules' enum, exposed as is (one enum per concept).
strawberry.enum(OverrideReason,
                description="Why a referral is made without the victim's consent (an emergency override).")



@strawberry.type(description="What a receiving service needs to know about the person referred: never identity. "
                             "Visible to the receiver only while the victim's REFERRAL consent to it holds.")
class SharedProfile:
    sex: str
    age_band: str | None
    minor: bool
    languages: list[str]
    special_needs: list[str]
    exploitation_forms: list[str]
    governorate: str | None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> SharedProfile:
        return cls(sex=row.get("sex") or "UNKNOWN", age_band=row.get("ageBand"), minor=bool(row.get("minor")),
                   languages=list(row.get("languages") or []), special_needs=list(row.get("specialNeeds") or []),
                   exploitation_forms=list(row.get("exploitationForms") or []), governorate=row.get("governorate"))


@strawberry.type(description="One step in a referral's life: what happened, when, by whom.")
class ReferralStep:
    kind: str = strawberry.field(description="CREATED, ACCEPTED, DECLINED, COMPLETED or CANCELLED.")
    at: dt.datetime
    by_user_id: strawberry.ID | None
    by_role: str | None
    by_organization_id: strawberry.ID | None
    code: str | None = strawberry.field(description="The decline reason, or EMERGENCY_OVERRIDE on creation.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> ReferralStep:
        by, org = row.get("by"), row.get("byOrg")
        return cls(kind=row["kind"], at=native(row["at"]),
                   by_user_id=strawberry.ID(to_global_id("User", by)) if by else None, by_role=row.get("byRole"),
                   by_organization_id=strawberry.ID(to_global_id("Organization", org)) if org else None,
                   code=row.get("code"))


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
    emergency_override: bool = strawberry.field(description="Made without the victim's consent, in an emergency.")
    override_reason_code: OverrideReason | None
    local_id: strawberry.Private[str]
    case_id: strawberry.Private[str | None]
    service_id: strawberry.Private[str | None]
    sealed_note: strawberry.Private[SealedText] = (None, None, None)
    nested: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)  # read with it

    @strawberry.field(description="Why the case is referred (free text, stored sealed).")
    def note(self, info: strawberry.Info) -> str | None:
        """Why the case is referred (free text, stored sealed)."""
        return open_sealed_text(info.context.settings, self.local_id, "note", self.sealed_note)

    @field
    async def case(self, info: Info) -> Annotated[Case, strawberry.lazy("api.cases.types")] | None:
        """The case referred (null when the caller may not see it)."""
        if self.case_id is None:
            return None
        return await info.context.loaders.case.load(self.case_id)

    @field
    async def shared_profile(self, info: Info) -> SharedProfile | None:
        """The need-to-know profile of the person referred (never identity); null once the consent no longer holds."""
        return await info.context.loaders.referral_profile.load(self.local_id)

    @field
    async def timeline(self, info: Info) -> list[ReferralStep]:
        """What happened to this referral, oldest first: who, when, what."""
        return await info.context.loaders.referral_steps.load(self.local_id)

    @field
    def service(
        self, info: Info
    ) -> Annotated[Service, strawberry.lazy("api.services.types")] | None:
        """The service asked to help."""
        if "service" in self.nested:
            return info.context.loaders.service_of(self.nested["service"])
        if self.service_id is None:
            return None
        return later(info.context.loaders.service.load(self.service_id))

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Referral:
        decline, status, urgency = row.get("declineReason"), row.get("status"), row.get("urgency")
        # A selection-aware read (graph/projections) returns only the selected keys: the others are never read.
        return cls(
            id=strawberry.ID(to_global_id("Referral", row["id"])),
            status=ReferralStatus(status) if status else None,  # type: ignore[arg-type]
            urgency=Urgency(urgency) if urgency else None,  # type: ignore[arg-type]
            decline_reason=DeclineReason(decline) if decline else None, outcome=row.get("outcome"),
            cancel_reason=row.get("cancelReason"), created_at=native(row.get("createdAt")),
            responded_at=native(row.get("respondedAt")), completed_at=native(row.get("completedAt")),
            cancelled_at=native(row.get("cancelledAt")), updated_at=native(row.get("updatedAt")),
            version=int(row.get("version") or 0), emergency_override=bool(row.get("emergencyOverride")),
            override_reason_code=OverrideReason(row["overrideReasonCode"]) if row.get("overrideReasonCode") else None,
            local_id=row["id"], case_id=row.get("caseId"),
            service_id=row.get("serviceId"),
            sealed_note=(row.get("noteKey"), row.get("noteSealed"), row.get("note")),
            nested={key: row[key] for key in ("service",) if key in row},
        )


@strawberry.input(description="Refer without the victim's consent because of an emergency: audited, and the "
                              "coordinators are alerted.")
class EmergencyOverrideInput:
    reason_code: OverrideReason
    reason: str = strawberry.field(description="Why, in words (at least 10 characters).")


@strawberry.input(description="Refer a case to a service; needs the victim's REFERRAL consent to the receiving "
                              "organisation, or an emergency override.")
class CreateReferralInput:
    case_id: strawberry.ID
    service_id: strawberry.ID
    urgency: Urgency = Urgency.ROUTINE
    note: str | None = None
    emergency_override: EmergencyOverrideInput | None = None
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
