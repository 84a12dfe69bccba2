"""GraphQL types for awareness campaigns."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import strawberry

from api.campaigns.rules import Audience, Channel, EventKind
from api.reference.types import LocalizedText
from api.strategy.types import CampaignImpact, LocalizedTextInput, OrganizationRef, day, impacts, localized

AudienceEnum = strawberry.enum(Audience, name="CampaignAudience")
ChannelEnum = strawberry.enum(Channel, name="CampaignChannel")
EventKindEnum = strawberry.enum(EventKind, name="CampaignEventKind")


@strawberry.type(description="Material produced for a campaign, with its quantity.")
class CampaignMaterial:
    kind: str
    quantity: int | None


@strawberry.input(description="Material produced for a campaign, with its quantity.")
class CampaignMaterialInput:
    kind: str
    quantity: int | None = None


@strawberry.type(description="An event of a campaign (workshop, school visit, outreach…), with its participants.")
class CampaignEvent:
    id: strawberry.ID
    kind: EventKind
    date: dt.date | None
    governorate: str
    participants: int | None
    reach: int | None
    note: str | None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> CampaignEvent:
        return cls(id=strawberry.ID(row["id"]), kind=EventKind(row["kind"]), date=day(row.get("date")),
                   governorate=row["governorate"], participants=row.get("participants"), reach=row.get("reach"),
                   note=row.get("note"))


@strawberry.type(description="An awareness campaign and its effect on reports per governorate.")
class Campaign:
    id: strawberry.ID
    code: str
    title: LocalizedText
    objective: str
    indicator_id: strawberry.ID | None = strawberry.field(description="The strategy indicator it aims to move.")
    audiences: list[Audience]
    channels: list[Channel]
    languages: list[str] = strawberry.field(description="ISO 639 codes; `aeb` is Tunisian Arabic.")
    governorates: list[str]
    start_date: dt.date | None
    end_date: dt.date | None
    budget: float | None
    currency: str | None
    materials: list[CampaignMaterial]
    partners: list[OrganizationRef]
    events: list[CampaignEvent]
    reach: int = strawberry.field(description="The campaign's own reach figure plus its events' reach.")
    impact: list[CampaignImpact]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Campaign:
        events = [CampaignEvent.from_record(e) for e in sorted(row.get("events") or [],
                                                              key=lambda e: (e["date"] or "", e["id"]))]
        reach = int(row.get("reach") or 0) + sum(e.reach if e.reach is not None else (e.participants or 0)
                                                 for e in events)
        return cls(id=strawberry.ID(row["id"]), code=row["code"], title=localized(row), objective=row["objective"],
                   indicator_id=strawberry.ID(row["indicatorId"]) if row.get("indicatorId") else None,
                   audiences=[Audience(a) for a in row.get("audiences") or []],
                   channels=[Channel(c) for c in row.get("channels") or []], languages=list(row.get("languages") or []),
                   governorates=list(row.get("governorates") or []), start_date=day(row.get("startDate")),
                   end_date=day(row.get("endDate")), budget=row.get("budget"), currency=row.get("currency"),
                   materials=[CampaignMaterial(kind=m["kind"], quantity=m.get("quantity"))
                              for m in json.loads(row.get("materials") or "[]")],
                   partners=[p for p in (OrganizationRef.of(x) for x in row.get("partners") or []) if p],
                   events=events, reach=reach, impact=impacts(row.get("impact") or []))


@strawberry.input(description="A new awareness campaign.")
class CreateCampaignInput:
    code: str = strawberry.field(description="Also what the public types on the report form (e.g. `TAWA-2026`).")
    title: LocalizedTextInput
    objective: str
    start_date: dt.date
    end_date: dt.date
    governorates: list[str]
    languages: list[str]
    audiences: list[Audience] = strawberry.field(default_factory=list)
    channels: list[Channel] = strawberry.field(default_factory=list)
    indicator_id: strawberry.ID | None = None
    partner_codes: list[str] = strawberry.field(default_factory=list)
    budget: float | None = None
    currency: str | None = None
    materials: list[CampaignMaterialInput] = strawberry.field(default_factory=list)
    reach: int | None = strawberry.field(default=None, description="Reach of media and materials, if measured.")


@strawberry.input(description="An event held for a campaign, recorded from the field.")
class RecordCampaignEventInput:
    campaign_id: strawberry.ID
    kind: EventKind
    date: dt.date
    governorate: str
    participants: int | None = None
    reach: int | None = None
    note: str | None = None
    client_id: strawberry.ID | None = strawberry.field(
        default=None, description="A UUID made on the device: sending the same event again records it once.")
