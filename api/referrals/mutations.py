"""Referral mutations."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.protection import protection_of
from api.referrals import rules as rules
from api.referrals.types import (
    CancelReferralInput,
    CompleteReferralInput,
    CreateReferralInput,
    Referral,
    RespondToReferralInput,
)


@strawberry.type
class ReferralMutations:
    @mutation
    async def create_referral(self, info: Info, input: CreateReferralInput) -> Referral:
        """Refer a case to a service (with consent, or an emergency override)."""
        emergency = input.emergency_override
        override = None if emergency is None else rules.checked_override(
            info.context.scope, rules.OverrideReason(emergency.reason_code.value), emergency.reason)
        row = await rules.create_referral(info.context.graph, info.context.scope, local_id(input.case_id, "Case"),
                                          local_id(input.service_id, "Service"), rules.Urgency(input.urgency.value),
                                          input.note, client_id=input.client_id, override=override,
                                          sealer=protection_of(info.context.settings).sealer)
        return Referral.from_record(row)

    @mutation
    async def respond_to_referral(self, info: Info, input: RespondToReferralInput) -> Referral:
        """Accept (reserving one unit of capacity) or decline a referral."""
        reason = rules.DeclineReason(input.reason.value) if input.reason else None
        row = await rules.respond_to_referral(info.context.graph, info.context.scope,
                                              local_id(input.referral_id, "Referral"), input.accept, reason,
                                              capacity_low_threshold=info.context.settings.capacity_low_threshold)
        return Referral.from_record(row)

    @mutation
    async def complete_referral(self, info: Info, input: CompleteReferralInput) -> Referral:
        """Mark an accepted referral delivered; its unit of capacity is released."""
        row = await rules.complete_referral(info.context.graph, info.context.scope,
                                            local_id(input.referral_id, "Referral"), input.outcome)
        return Referral.from_record(row)

    @mutation
    async def cancel_referral(self, info: Info, input: CancelReferralInput) -> Referral:
        """Withdraw a referral; a reserved unit of capacity is released."""
        row = await rules.cancel_referral(info.context.graph, info.context.scope,
                                          local_id(input.referral_id, "Referral"), input.reason)
        return Referral.from_record(row)
