"""GraphQL types for approvals: identification of a victim, transfer of a case."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import Node, to_global_id
from api.organizations.types import native

if TYPE_CHECKING:
    from api.cases.types import Case
    from api.organizations.types import Organization


@strawberry.enum(description="What is asked: identification (a coordinator approves) or transfer (the receiver).")
class ApprovalKind(Enum):
    IDENTIFICATION = "IDENTIFICATION"
    TRANSFER = "TRANSFER"


@strawberry.enum(description="PENDING → APPROVED | REJECTED.")
class ApprovalStatus(Enum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@strawberry.type(description="A request that needs someone else's agreement: moving a case to IDENTIFIED, or "
                             "handing it over to another organisation.")
class ApprovalRequest(Node):
    id: strawberry.ID
    kind: ApprovalKind
    status: ApprovalStatus
    reason: str | None
    case_reference: str | None
    requested_at: dt.datetime
    requested_by_user_id: strawberry.ID | None
    decided_at: dt.datetime | None
    decided_by_user_id: strawberry.ID | None
    decision_reason: str | None
    local_id: strawberry.Private[str]
    case_id: strawberry.Private[str | None]
    target_organization_id: strawberry.Private[str | None]

    @field
    async def case(self, info: Info) -> Annotated[Case, strawberry.lazy("api.cases.types")] | None:
        """The case (null when the caller may not see it, e.g. before a transfer)."""
        return None if self.case_id is None else await info.context.loaders.case.load(self.case_id)

    @field
    async def target_organization(
        self, info: Info
    ) -> Annotated[Organization, strawberry.lazy("api.organizations.types")] | None:
        """For a transfer: the organisation asked to take the case over."""
        if self.target_organization_id is None:
            return None
        return await info.context.loaders.organization.load(self.target_organization_id)

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> ApprovalRequest:
        by, decided = row.get("requestedBy"), row.get("decidedBy")
        return cls(
            id=strawberry.ID(to_global_id("ApprovalRequest", row["id"])), kind=ApprovalKind(row["kind"]),
            status=ApprovalStatus(row["status"]), reason=row.get("reason"), case_reference=row.get("caseReference"),
            requested_at=native(row["requestedAt"]),
            requested_by_user_id=strawberry.ID(to_global_id("User", by)) if by else None,
            decided_at=native(row.get("decidedAt")),
            decided_by_user_id=strawberry.ID(to_global_id("User", decided)) if decided else None,
            decision_reason=row.get("decisionReason"), local_id=row["id"], case_id=row.get("caseId"),
            target_organization_id=row.get("targetOrganizationId"))
