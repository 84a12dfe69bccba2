"""Referral queries."""

from __future__ import annotations

import strawberry

from api.common.cursors import page_size
from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import Connection, build_connection
from api.referrals import rules as rules
from api.referrals.rules import ReferralStatus
from api.referrals.types import Referral, ReferralDirection


@strawberry.type
class ReferralQueries:
    @field
    async def referrals(
        self, info: Info, first: int | None = None, after: str | None = None,
        status: ReferralStatus | None = None, direction: ReferralDirection | None = None,
    ) -> Connection[Referral]:
        """Referrals the caller may see, newest first; optionally only sent or received."""
        size = page_size(first)
        total, rows = await rules.list_referrals(
            info.context.graph, info.context.scope, status=status.value if status else None,
            direction=direction.value if direction else None, after=after, limit=size + 1)
        return build_connection([Referral.from_record(r["item"]) for r in rows],
                                [rules.referral_cursor(r) for r in rows], size, total)
