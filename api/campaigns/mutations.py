"""Creating campaigns and recording their events."""

from __future__ import annotations

import strawberry

from api.campaigns import rules as rules
from api.campaigns.types import Campaign, CampaignEvent, CreateCampaignInput, RecordCampaignEventInput
from api.errors import NotFound
from api.graphql.fields import mutation
from api.graphql.info import Info


@strawberry.type
class CampaignMutations:
    @mutation
    async def create_campaign(self, info: Info, input: CreateCampaignInput) -> Campaign:
        """Create an awareness campaign."""
        fields = {"code": input.code, "titles": input.title.titles(), "objective": input.objective,
                  "startDate": input.start_date, "endDate": input.end_date, "governorates": input.governorates,
                  "languages": input.languages, "audiences": input.audiences, "channels": input.channels,
                  "indicatorId": input.indicator_id, "partnerCodes": input.partner_codes, "budget": input.budget,
                  "currency": input.currency, "reach": input.reach,
                  "materials": [{"kind": m.kind, "quantity": m.quantity} for m in input.materials]}
        campaign_id = await rules.create_campaign(info.context.graph, info.context.scope, fields)
        rows = await rules.campaigns(info.context.graph, info.context.scope, campaign_id, 1)
        if not rows:
            raise NotFound("campaigns.not_found")
        return Campaign.from_record(rows[0])

    @mutation
    async def record_campaign_event(self, info: Info, input: RecordCampaignEventInput) -> CampaignEvent:
        """Record an event of a campaign (national roles and the campaign's partners)."""
        event = await rules.record_event(info.context.graph, info.context.scope, input.campaign_id, {
            "kind": input.kind, "date": input.date, "governorate": input.governorate,
            "participants": input.participants, "reach": input.reach, "note": input.note,
            "clientId": input.client_id})
        return CampaignEvent.from_record({**event, "date": event["date"].isoformat()})
