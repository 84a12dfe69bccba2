"""Rules for route events (HTCDS trafficking events): the stages, where (ISO-3 country or governorate), when."""

from __future__ import annotations

import re
import uuid
from enum import StrEnum
from typing import Any

from api.cases.rules import governorate_codes
from api.common.text import clean_text
from api.errors import BadInput, NotFound
from api.identifiers.rules import is_iso3
from api.victims.rules import require_case_owner_role, require_casework
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.routes import repository

PARTIAL_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
MAX_PLACE = 200


class RouteEventType(StrEnum):
    RECRUITMENT = "RECRUITMENT"
    TRANSIT = "TRANSIT"
    EXPLOITATION = "EXPLOITATION"


def validated(fields: dict[str, Any]) -> dict[str, Any]:
    governorate = clean_text(fields.get("governorate"), "governorate", maximum=6)
    country = clean_text(fields.get("country"), "country", maximum=3)
    if governorate is not None:
        if governorate not in governorate_codes():
            raise BadInput("casework.unknown_governorate")
        if country not in {None, "TUN"}:
            raise BadInput("routes.governorate_outside_tunisia")
        country = "TUN"
    if country is None:
        raise BadInput("routes.place_required")
    if not is_iso3(country):
        raise BadInput("routes.invalid_country")
    occurred = clean_text(fields.get("occurredOn"), "occurredOn", maximum=10)
    if occurred is not None and not PARTIAL_DATE.match(occurred):
        raise BadInput("routes.invalid_date")
    return {"id": str(uuid.uuid4()), "type": RouteEventType(fields["type"]).value, "country": country,
            "governorate": governorate, "place": clean_text(fields.get("place"), "place", maximum=MAX_PLACE),
            "occurredOn": occurred}


async def add_event(graph: Graph, scope: Scope, case_id: str, fields: dict[str, Any]) -> Record:
    require_case_owner_role(scope)
    row = await repository.add_route_event(graph, scope, case_id, validated(fields))
    if row is None:
        raise NotFound()
    return row


async def event(graph: Graph, scope: Scope, event_id: str) -> Record | None:
    require_casework(scope)
    return await repository.route_event_by_id(graph, scope, event_id)
