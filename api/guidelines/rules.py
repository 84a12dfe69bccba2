"""Publishing guidelines: draft (fr/ar/en) → approved by another national user → published with a version number
and an effective date. The author never approves their own draft; nothing is published without approval; published
versions stay readable for good. Organisations say which front-line actor types their staff are, so the right
people hear of a new version (GUIDELINE_PUBLISHED) and their devices pull it through ``changes()``.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from api.common.cursors import page_size
from api.errors import BadInput, Conflict, Forbidden, NotFound
from api.strategy.rules import code, parse_id, texts, titles
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.guidelines import repository

SECTIONS = ("watch_for", "what_to_do", "whom_to_call", "do_not")
LANGUAGES = ("fr", "ar", "en")
MAX_BULLETS = 30
MAX_BULLET = 600
DOCUMENT_LANGUAGES = frozenset({"fr", "ar"})


async def _actor_type(graph: Graph, value: str) -> str:
    actor_type = code(value, "actorType")
    if actor_type not in await repository.known_actor_types(graph):
        raise BadInput("guidelines.unknown_actor_type")
    return actor_type


def _sections(sections: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
    cleaned: dict[str, dict[str, list[str]]] = {}
    for section in SECTIONS:
        per_language = sections.get(section) or {}
        cleaned[section] = {lang: texts(per_language.get(lang, [])[:MAX_BULLETS + 1], section, maximum=MAX_BULLET)
                            for lang in LANGUAGES}
        counts = {len(items) for items in cleaned[section].values()}
        if len(counts) != 1:
            raise BadInput("guidelines.languages_differ", section=section)
    if not cleaned["watch_for"]["fr"] or not cleaned["what_to_do"]["fr"]:
        raise BadInput("guidelines.empty")
    return cleaned


async def draft(graph: Graph, scope: Scope, actor_type: str, title: dict[str, str],
                sections: dict[str, dict[str, list[str]]]) -> Record:
    chosen = await _actor_type(graph, actor_type)
    base = await repository.base_version(graph, chosen)
    record = {"id": str(uuid.uuid4()), "actorType": chosen, **titles(title["fr"], title["ar"], title["en"]),
              "data": json.dumps(_sections(sections), ensure_ascii=False),
              # publications number on from the reference file's version of this actor type
              "baseVersion": int(json.loads(base["data"] or "{}").get("version", 1)) if base else 1}
    created = await repository.create_draft(graph, record, scope.params())
    if created is None:
        raise BadInput("guidelines.unknown_actor_type")
    return created


async def approve(graph: Graph, scope: Scope, version_id: str) -> Record:
    row = await repository.approve(graph, parse_id(version_id), scope.params())
    if row is None:
        raise NotFound("guidelines.not_found")
    if row["outcome"] == "SELF_APPROVAL":
        raise Forbidden("guidelines.self_approval")
    if row["outcome"] == "NOT_DRAFT":
        raise Conflict("guidelines.not_a_draft")
    guideline: Record = row["guideline"]
    return guideline


async def publish(graph: Graph, scope: Scope, version_id: str, effective_date: dt.date) -> Record:
    today = dt.date.today()
    if not today - dt.timedelta(days=31) <= effective_date <= today + dt.timedelta(days=366):
        raise BadInput("guidelines.effective_date_out_of_range")
    row = await repository.publish(graph, parse_id(version_id), effective_date, scope.params())
    if row is None:
        raise NotFound("guidelines.not_found")
    if row["outcome"] == "NOT_APPROVED":
        raise Conflict("guidelines.not_approved")
    if row["outcome"] == "ALREADY_PUBLISHED":
        raise Conflict("guidelines.already_published")
    guideline: Record = row["guideline"]
    return guideline


async def versions(graph: Graph, scope: Scope, actor_type: str | None, status: str | None,
                   first: int | None) -> list[Record]:
    return await repository.list_versions(graph, code(actor_type, "actorType") if actor_type else None, status,
                                          page_size(first), scope.params())


def sections_of(record: Record) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(record.get("data") or "{}")
    return data


async def document_data(graph: Graph, actor_type: str, version: int | None, language: str) -> dict[str, Any]:
    """What the printable guideline shows: a published version (by number, or the one in force), else the
    reference version."""
    if language not in DOCUMENT_LANGUAGES:
        raise BadInput("guidelines.document_language")
    chosen = code(actor_type, "actorType")
    record = await repository.published_version(graph, chosen, version)
    if record is not None:
        data = sections_of(record)
        return {"actorType": chosen, "version": record["version"], "effectiveDate": record["effectiveDate"],
                "title": {"fr": record["titleFr"], "ar": record["titleAr"]}, **data}
    base = await repository.base_version(graph, chosen)
    if base is None:
        raise NotFound("guidelines.not_found")
    data = json.loads(base["data"] or "{}")
    if version is not None and version != int(data.get("version", 1)):
        raise NotFound("guidelines.not_found")
    return {**data, "actorType": chosen, "version": int(data.get("version", 1)), "effectiveDate": None,
            "title": {"fr": base["labelFr"], "ar": base["labelAr"]}}


async def set_actor_types(graph: Graph, scope: Scope, organization_code: str, actor_types: list[str]) -> Record:
    known = await repository.known_actor_types(graph)
    chosen = sorted({code(t, "actorTypes") for t in actor_types[:20]})
    if any(t not in known for t in chosen):
        raise BadInput("guidelines.unknown_actor_type")
    row = await repository.set_actor_types(graph, code(organization_code, "organizationCode"), chosen,
                                           scope.params())
    if row is None:
        raise NotFound("strategy.unknown_organization")
    return row
