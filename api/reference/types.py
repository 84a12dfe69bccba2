"""GraphQL types for reference data."""

from __future__ import annotations

from typing import Any

import strawberry

from api.common.selection import value
from api.graphql.info import Info
from api.i18n import Language


@strawberry.type(description="A label in the three working languages.")
class LocalizedText:
    fr: str
    ar: str
    en: str

    @strawberry.field(description="The text in the caller's language.")
    def text(self, info: Info) -> str:
        language: Language = info.context.language
        return str(getattr(self, language.value))


@strawberry.type(description="One of the 24 governorates of Tunisia.")
class Governorate:
    code: str
    slug: str
    name: LocalizedText
    latitude: float
    longitude: float
    adjacent_codes: list[str]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Governorate:
        # A selection-aware read (graph/projections) returns only the selected keys: the others are never read.
        return cls(
            code=value(row, "code"), slug=value(row, "slug"),
            name=LocalizedText(fr=value(row, "nameFr"), ar=value(row, "nameAr"), en=value(row, "nameEn")),
            latitude=value(row, "lat"), longitude=value(row, "lon"),
            adjacent_codes=sorted(row.get("adjacent") or []),
        )


@strawberry.type(description="Facts about this server.")
class ServerInfo:
    name: str
    version: str
    environment: str
