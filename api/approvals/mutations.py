"""Approval mutations."""

from __future__ import annotations

import strawberry

from api.approvals import rules as rules
from api.approvals.types import ApprovalRequest
from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id


@strawberry.type
class ApprovalMutations:
    @mutation
    async def request_identification(self, info: Info, case_id: strawberry.ID,
                                     reason: str) -> ApprovalRequest:
        """Ask a coordinator to approve moving a PRESUMED case to IDENTIFIED."""
        row = await rules.request_identification(info.context.graph, info.context.scope, local_id(case_id, "Case"),
                                                 reason)
        return ApprovalRequest.from_record(row)

    @strawberry.mutation(description="A coordinator approves (the case becomes IDENTIFIED) or rejects, with a "
                                     "reason; never their own request.")
    async def decide_identification(self, info: Info, request_id: strawberry.ID, approve: bool,
                                    reason: str) -> ApprovalRequest:
        """A coordinator approves or rejects an identification request, with a reason."""
        row = await rules.decide_identification(info.context.graph, info.context.scope,
                                                local_id(request_id, "ApprovalRequest"), approve, reason)
        return ApprovalRequest.from_record(row)

    @mutation
    async def respond_to_transfer(self, info: Info, request_id: strawberry.ID, accept: bool,
                                  reason: str | None = None) -> ApprovalRequest:
        """The organisation asked accepts a transfer (it becomes the owner) or refuses."""
        row = await rules.respond_to_transfer(info.context.graph, info.context.scope,
                                              local_id(request_id, "ApprovalRequest"), accept, reason)
        return ApprovalRequest.from_record(row)
