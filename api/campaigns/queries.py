"""Awareness campaigns (partners see those they are partners of)."""

from __future__ import annotations

import strawberry

from api.campaigns import rules as rules
from api.campaigns.types import Campaign
from api.graphql.fields import field
from api.graphql.info import Info


@strawberry.type
class CampaignQueries:
    @field
    async def campaigns(self, info: Info, id: strawberry.ID | None = None,
                        first: int | None = None) -> list[Campaign]:
        """Awareness campaigns with events, reach and their effect on reports."""
        rows = await rules.campaigns(info.context.graph, info.context.scope, id, first)
        return [Campaign.from_record(row) for row in rows]
