"""Per-request DataLoaders for referrals: one query per batch."""

from __future__ import annotations

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.graphql.context import HimayaContext
from api.referrals import rules as rules
from api.referrals.types import Referral


def referrals_by_case_loader(info: Info) -> DataLoader[str, list[Referral]]:
    """Referrals by case (local) id, newest first."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[Referral]]:
        found = await rules.referrals_by_case_ids(context.graph, context.scope, list(ids))
        return [[Referral.from_record(row) for row in found.get(i, [])] for i in ids]

    return context.loader("casework_referrals_by_case", load)
