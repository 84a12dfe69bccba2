"""Per-request DataLoaders for approvals: one query per batch."""

from __future__ import annotations

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.approvals import rules as rules
from api.approvals.types import ApprovalRequest
from api.graphql.context import HimayaContext


def approvals_by_case_loader(info: Info) -> DataLoader[str, list[ApprovalRequest]]:
    """Approval requests by case (local) id, newest first."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[ApprovalRequest]]:
        found = await rules.approvals_by_case_ids(context.graph, context.scope, list(ids))
        return [[ApprovalRequest.from_record(row) for row in found.get(i, [])] for i in ids]

    return context.loader("approvals_by_case", load)
