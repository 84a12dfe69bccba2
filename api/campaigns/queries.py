"""Awareness campaigns (partners see those they are partners of)."""

from __future__ import annotations

import strawberry

from api.campaigns import rules as rules
from api.campaigns.types import Campaign


@strawberry.type
class CampaignQueries:
    @strawberry.field(description="Awareness campaigns with events, reach and their effect on reports.")
    async def campaigns(self, info: strawberry.Info, id: strawberry.ID | None = None,
                        first: int | None = None) -> list[Campaign]:
        """Awareness campaigns with events, reach and their effect on reports."""
        rows = await rules.campaigns(info.context.graph, info.context.scope, id, first)
        return [Campaign.from_record(row) for row in rows]
