"""Approval queries."""

from __future__ import annotations

import strawberry

from api.approvals import rules as rules
from api.approvals.types import ApprovalKind, ApprovalRequest
from api.graphql.info import Info


@strawberry.type
class ApprovalQueries:
    @strawberry.field(description="Requests waiting for the caller: identifications for coordinators, transfers "
                                  "for the organisation asked; newest first.")
    async def pending_approvals(self, info: Info, kind: ApprovalKind | None = None) -> list[ApprovalRequest]:
        """Requests waiting for the caller, newest first."""
        rows = await rules.pending_for_caller(info.context.graph, info.context.scope,
                                              rules.ApprovalKind(kind.value) if kind else None)
        return [ApprovalRequest.from_record(row) for row in rows]
