"""Partner programmes (article 46, m7): an NGO's or international organisation's programme, its objectives,
governorates, period, funding and the authority's support, linked to strategy actions. The partner's own agents
report activities and results and keep the objectives current; a partner reaches only its own programmes (another
organisation's programme reads as not found, and nothing changes)."""

from __future__ import annotations

import uuid
from typing import Any

from api.common.cursors import page_size
from api.errors import BadInput, Conflict, NotFound
from api.strategy.rules import amount, code, date_range, parse_id, text, texts
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.programmes import repository

MAX_BENEFICIARIES = 10_000_000


def _governorates(values: list[str]) -> list[str]:
    return sorted({v.strip().upper()[:8] for v in values[:30]})


async def create_programme(graph: Graph, scope: Scope, fields: dict[str, Any]) -> Record:
    date_range(fields["startDate"], fields["endDate"])
    programme = {"id": str(uuid.uuid4()), "code": code(fields["code"]), **fields["titles"],
                 "partnerCode": code(fields["partnerCode"], "partnerCode"),
                 "objectives": texts(fields["objectives"], "objectives", maximum=500),
                 "governorates": _governorates(fields["governorates"]), "startDate": fields["startDate"],
                 "endDate": fields["endDate"], "fundingSource": text(fields["fundingSource"], "fundingSource",
                                                                     maximum=200),
                 "fundingAmount": amount(fields["fundingAmount"], "fundingAmount"),
                 "currency": (fields["currency"] or "TND")[:3].upper(),
                 "authoritySupport": text(fields["authoritySupport"], "authoritySupport"),
                 "actionIds": [parse_id(a) for a in fields["actionIds"][:50]]}
    row = await repository.create_programme(graph, programme, scope.params())
    assert row is not None
    outcome = row["outcome"]
    if outcome == "UNKNOWN_ORGANIZATION":
        raise BadInput("strategy.unknown_organization")
    if outcome == "INVALID_KIND":
        raise BadInput("programmes.invalid_kind")
    if outcome == "UNKNOWN_ACTION":
        raise NotFound("strategy.action_not_found")
    if outcome == "DUPLICATE":
        raise Conflict("strategy.duplicate_code")
    created: Record = row["programme"]
    return created


async def update_programme(graph: Graph, scope: Scope, programme_id: str, fields: dict[str, Any],
                           expected_version: int | None) -> Record:
    changes = {"objectives": texts(fields["objectives"], "objectives", maximum=500)
               if fields["objectives"] is not None else None,
               "governorates": _governorates(fields["governorates"]) if fields["governorates"] is not None else None,
               "progressNote": text(fields["progressNote"], "progressNote")}
    row = await repository.update_programme(graph, parse_id(programme_id), changes, expected_version, scope.params())
    if row is None:
        raise NotFound("programmes.not_found")
    if row["outcome"] == "STALE":
        raise Conflict("sync.stale_version", current=row["programme"]["version"], expected=expected_version)
    updated: Record = row["programme"]
    return updated


async def report_activity(graph: Graph, scope: Scope, programme_id: str, fields: dict[str, Any]) -> Record:
    beneficiaries = fields["beneficiaries"]
    if beneficiaries is not None and not 0 <= beneficiaries <= MAX_BENEFICIARIES:
        raise BadInput("strategy.invalid_amount", field="beneficiaries")
    activity = {"id": parse_id(fields["clientId"]) if fields["clientId"] else str(uuid.uuid4()),
                "title": text(fields["title"], "title", required=True, maximum=300),
                "description": text(fields["description"], "description"),
                "results": text(fields["results"], "results"), "beneficiaries": beneficiaries,
                "date": fields["date"]}
    row = await repository.report_activity(graph, parse_id(programme_id), activity, scope.params())
    if row is None:
        raise NotFound("programmes.not_found")
    return row


async def programmes(graph: Graph, scope: Scope, first: int | None) -> list[Record]:
    return await repository.list_programmes(graph, page_size(first), scope.params())
