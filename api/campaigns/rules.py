"""Awareness campaigns: objective (a strategy indicator), audiences, channels, languages (Tunisian Arabic ``aeb``
included), governorates, dates, partners, budget, materials, events and reach. Partners see the campaigns they are
partners of and record events from the field; reports may name the campaign that prompted them (``campaignCode``
on the intake form), so the dashboard compares reports before, during and after a campaign per governorate.
"""

from __future__ import annotations

import json
import re
import uuid
from enum import StrEnum
from typing import Any

from api.common.cursors import page_size
from api.errors import BadInput, Conflict, NotFound
from api.strategy.rules import MAX_ITEMS, amount, code, date_range, parse_id, text
from graph.access.scope import Scope
from graph.campaigns import repository
from graph.db import Graph, Record

LANGUAGE = re.compile(r"^[a-z]{2,3}$")  # ISO 639-1 or 639-3: ar, fr, en, aeb (Tunisian Arabic), ber, …
MAX_PEOPLE = 50_000_000


class Audience(StrEnum):
    DOMESTIC_WORKERS = "DOMESTIC_WORKERS"
    MIGRANTS = "MIGRANTS"
    EMPLOYERS = "EMPLOYERS"
    YOUTH = "YOUTH"
    CHILDREN_AND_PARENTS = "CHILDREN_AND_PARENTS"
    CLIENTS_DEMAND_SIDE = "CLIENTS_DEMAND_SIDE"
    FRONT_LINE_PROFESSIONALS = "FRONT_LINE_PROFESSIONALS"
    GENERAL_PUBLIC = "GENERAL_PUBLIC"


class Channel(StrEnum):
    TV = "TV"
    RADIO = "RADIO"
    SOCIAL_MEDIA = "SOCIAL_MEDIA"
    POSTERS = "POSTERS"
    LEAFLETS = "LEAFLETS"
    EVENTS = "EVENTS"
    SCHOOLS = "SCHOOLS"
    SMS = "SMS"
    PRESS = "PRESS"


class EventKind(StrEnum):
    WORKSHOP = "WORKSHOP"
    CONFERENCE = "CONFERENCE"
    SCHOOL_VISIT = "SCHOOL_VISIT"
    OUTREACH = "OUTREACH"
    MEDIA = "MEDIA"
    OTHER = "OTHER"


def _people(value: int | None, field: str) -> int | None:
    if value is not None and not 0 <= value <= MAX_PEOPLE:
        raise BadInput("strategy.invalid_amount", field=field)
    return value


async def create_campaign(graph: Graph, scope: Scope, fields: dict[str, Any]) -> str:
    date_range(fields["startDate"], fields["endDate"])
    languages = sorted({str(lang).strip().lower() for lang in fields["languages"][:20]})
    if not languages or any(not LANGUAGE.fullmatch(lang) for lang in languages):
        raise BadInput("campaigns.invalid_language")
    materials = [{"kind": str(text(m["kind"], "materials.kind", required=True, maximum=100)),
                  "quantity": _people(m["quantity"], "materials.quantity")} for m in fields["materials"][:MAX_ITEMS]]
    campaign = {"id": str(uuid.uuid4()), "code": code(fields["code"]), **fields["titles"],
                "objective": text(fields["objective"], "objective", required=True),
                "indicatorId": parse_id(fields["indicatorId"]) if fields["indicatorId"] else None,
                "audiences": sorted({a.value for a in fields["audiences"]}),
                "channels": sorted({c.value for c in fields["channels"]}), "languages": languages,
                "governorates": sorted({g.strip().upper()[:8] for g in fields["governorates"][:30]}),
                "startDate": fields["startDate"], "endDate": fields["endDate"],
                "budget": amount(fields["budget"], "budget"), "currency": (fields["currency"] or "TND")[:3].upper(),
                "materials": json.dumps(materials, ensure_ascii=False), "reach": _people(fields["reach"], "reach"),
                "partnerCodes": [code(c, "partnerCodes") for c in fields["partnerCodes"][:MAX_ITEMS]]}
    if not campaign["governorates"]:
        raise BadInput("strategy.required", field="governorates")
    outcome = await repository.create_campaign(graph, campaign, scope.params())
    if outcome == "UNKNOWN_INDICATOR":
        raise NotFound("strategy.indicator_not_found")
    if outcome == "UNKNOWN_ORGANIZATION":
        raise BadInput("strategy.unknown_organization")
    if outcome == "UNKNOWN_GOVERNORATE":
        raise BadInput("training.unknown_governorate")
    if outcome == "DUPLICATE":
        raise Conflict("strategy.duplicate_code")
    return str(campaign["id"])


async def campaigns(graph: Graph, scope: Scope, campaign_id: str | None, first: int | None) -> list[Record]:
    return await repository.list_campaigns(graph, scope.params(), campaign_id=parse_id(campaign_id)
                                           if campaign_id else None, limit=page_size(first))


async def record_event(graph: Graph, scope: Scope, campaign_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    """An event of the campaign (from the field); a retry with the same clientId records it once."""
    event = {"id": parse_id(fields["clientId"]) if fields["clientId"] else str(uuid.uuid4()),
             "kind": fields["kind"].value, "date": fields["date"],
             "governorate": fields["governorate"].strip().upper()[:8],
             "participants": _people(fields["participants"], "participants"),
             "reach": _people(fields["reach"], "reach"), "note": text(fields["note"], "note", maximum=1000)}
    outcome = await repository.record_event(graph, parse_id(campaign_id), event, scope.params())
    if outcome is None:
        raise NotFound("campaigns.not_found")
    if outcome == "OUTSIDE_CAMPAIGN":
        raise BadInput("campaigns.event_outside_dates")
    if outcome == "OUTSIDE_GOVERNORATES":
        raise BadInput("campaigns.event_outside_governorates")
    if outcome == "ID_TAKEN":
        raise Conflict("sync.client_id_taken")
    return {**event, "campaignId": campaign_id}
