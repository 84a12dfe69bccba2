"""DataLoaders (built per request by ``api/graphql/loaders.py``) for referrals: one query per batch."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from api.referrals import rules as rules
from api.referrals.types import Referral
from graph.access.scope import Scope
from graph.db import Graph


def referrals_by_case(graph: Graph, scope: Scope) -> DataLoader[str, list[Referral]]:
    """Referrals by case (local) id, newest first."""
    async def load(ids: list[str]) -> list[list[Referral]]:
        found = await rules.referrals_by_case_ids(graph, scope, list(ids))
        return [[Referral.from_record(row) for row in found.get(i, [])] for i in ids]

    return DataLoader(load_fn=load)
