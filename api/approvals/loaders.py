"""Per-request DataLoaders for approvals: one query per batch."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from api.approvals import rules as rules
from api.approvals.types import ApprovalRequest
from graph.access.scope import Scope
from graph.db import Graph


def approvals_by_case(graph: Graph, scope: Scope) -> DataLoader[str, list[ApprovalRequest]]:
    """Approval requests by case (local) id, newest first."""
    async def load(ids: list[str]) -> list[list[ApprovalRequest]]:
        found = await rules.approvals_by_case_ids(graph, scope, list(ids))
        return [[ApprovalRequest.from_record(row) for row in found.get(i, [])] for i in ids]

    return DataLoader(load_fn=load)
