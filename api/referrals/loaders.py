"""Per-request DataLoaders for referrals: one query per batch."""

from __future__ import annotations

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.graphql.context import HimayaContext
from api.referrals import rules as rules
from api.referrals.types import Referral, ReferralStep, SharedProfile


def referrals_by_case_loader(info: Info) -> DataLoader[str, list[Referral]]:
    """Referrals by case (local) id, newest first."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[Referral]]:
        found = await rules.referrals_by_case_ids(context.graph, context.scope, list(ids))
        return [[Referral.from_record(row) for row in found.get(i, [])] for i in ids]

    return context.loader("casework_referrals_by_case", load)


def referral_profile_loader(info: Info) -> DataLoader[str, SharedProfile | None]:
    """The need-to-know profile by referral (local) id; None where the caller may not see it."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[SharedProfile | None]:
        found = await rules.profiles_by_referral_ids(context.graph, context.scope, list(ids))
        return [SharedProfile.from_record(found[i]) if i in found else None for i in ids]

    return context.loader("referral_profiles", load)


def referral_steps_loader(info: Info) -> DataLoader[str, list[ReferralStep]]:
    """Referral timelines by referral (local) id, oldest first."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[ReferralStep]]:
        found = await rules.steps_by_referral_ids(context.graph, context.scope, list(ids))
        return [[ReferralStep.from_record(step) for step in found.get(i, [])] for i in ids]

    return context.loader("referral_steps", load)
