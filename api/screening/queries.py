"""Guidelines and the indicator catalogue (cacheable by the mobile apps for offline use)."""

from __future__ import annotations

import json
from typing import Any

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.reference.types import LocalizedText
from api.screening import rules
from api.screening.types import Guideline, IndicatorInfo, LocalizedList
from api.strategy.types import day


def _localized_list(data: dict[str, Any], key: str) -> LocalizedList:
    value = data.get(key) or {}
    return LocalizedList(fr=list(value.get("fr", [])), ar=list(value.get("ar", [])), en=list(value.get("en", [])))


@strawberry.type
class ScreeningQueries:
    @field
    async def guidelines(self, info: Info, actor_type: str | None = None) -> list[Guideline]:
        """Guidelines per actor type, in fr/ar/en, versioned for offline caching."""
        rows = await rules.guidelines(info.context.graph, info.context.scope, actor_type)
        result = []
        for row in rows:
            data = json.loads(row["data"] or "{}")
            result.append(Guideline(
                actor_type=row["code"], version=int(row.get("publishedVersion") or data.get("version", 1)),
                catalogue_version=str(row["version"]), effective_date=day(row.get("effectiveDate")),
                title=LocalizedText(fr=row["labelFr"], ar=row["labelAr"], en=row["labelEn"]),
                watch_for=_localized_list(data, "watch_for"), what_to_do=_localized_list(data, "what_to_do"),
                whom_to_call=_localized_list(data, "whom_to_call"), do_not=_localized_list(data, "do_not")))
        return result

    @field
    async def indicator_catalogue(self, info: Info) -> list[IndicatorInfo]:
        """The screening questions: indicators with their weight and category."""
        catalogue = await rules.indicator_catalogue(info.context.graph, info.context.scope)
        return [IndicatorInfo(code=i.code, category=i.category, weight=i.weight, minor_only=i.minor_only,
                              question=LocalizedText(**i.labels)) for i in catalogue.values()]
