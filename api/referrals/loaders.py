"""DataLoaders (built per request by ``api/graphql/loaders.py``) for referrals: one query per batch."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from api.referrals import rules as rules
from api.referrals.types import Referral, ReferralStep, SharedProfile
from graph.access.scope import Scope
from graph.db import Graph


def referrals_by_case(graph: Graph, scope: Scope) -> DataLoader[str, list[Referral]]:
    """Referrals by case (local) id, newest first."""
    async def load(ids: list[str]) -> list[list[Referral]]:
        found = await rules.referrals_by_case_ids(graph, scope, list(ids))
        return [[Referral.from_record(row) for row in found.get(i, [])] for i in ids]

    return DataLoader(load_fn=load)


def referral_profile(graph: Graph, scope: Scope) -> DataLoader[str, SharedProfile | None]:
    """The need-to-know profile by referral (local) id; None where the caller may not see it."""
    async def load(ids: list[str]) -> list[SharedProfile | None]:
        found = await rules.profiles_by_referral_ids(graph, scope, list(ids))
        return [SharedProfile.from_record(found[i]) if i in found else None for i in ids]

    return DataLoader(load_fn=load)


def referral_steps(graph: Graph, scope: Scope) -> DataLoader[str, list[ReferralStep]]:
    """Referral timelines by referral (local) id, oldest first."""
    async def load(ids: list[str]) -> list[list[ReferralStep]]:
        found = await rules.steps_by_referral_ids(graph, scope, list(ids))
        return [[ReferralStep.from_record(step) for step in found.get(i, [])] for i in ids]

    return DataLoader(load_fn=load)
