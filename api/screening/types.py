"""GraphQL types for screening and the guidelines front-line actors carry offline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from api.graphql.relay import Node, to_global_id
from api.organizations.types import native
from api.reference.types import LocalizedText
from api.screening.rules import NextStep, ScreeningLevel

ScreeningLevelEnum = strawberry.enum(ScreeningLevel, name="ScreeningLevel")
NextStepEnum = strawberry.enum(NextStep, name="NextStep")


@strawberry.input(description="One indicator answered during a screening interview.")
class ScreeningAnswer:
    indicator: str
    observed: bool


@strawberry.type(description="An indicator of trafficking from the catalogue (ILO and CTDC aligned).")
class IndicatorInfo:
    code: str
    category: str
    weight: int
    minor_only: bool
    question: LocalizedText


@strawberry.type(description="The explainable result of a screening.")
class ScreeningResult:
    id: strawberry.ID
    score: int
    level: ScreeningLevel
    minor: bool
    drivers: list[IndicatorInfo] = strawberry.field(description="The answers that drove the result, strongest first.")
    next_steps: list[NextStep]
    explanation: str


@strawberry.type(description="Bullet points in the three working languages.")
class LocalizedList:
    fr: list[str]
    ar: list[str]
    en: list[str]


@strawberry.type(description="Detection and identification guidelines for one type of front-line actor.")
class Guideline:
    actor_type: str
    version: int
    catalogue_version: str
    title: LocalizedText
    watch_for: LocalizedList
    what_to_do: LocalizedList
    whom_to_call: LocalizedList
    do_not: LocalizedList
    effective_date: dt.date | None = strawberry.field(
        default=None, description="When this version came into force (null for the reference version).")


@strawberry.type(description="A screening recorded for a case: which indicators were observed and the result.")
class Screening(Node):
    id: strawberry.ID
    score: int
    level: ScreeningLevelEnum  # type: ignore[valid-type]
    minor: bool
    observed: list[str] = strawberry.field(description="Codes of the indicators observed.")
    recorded_at: dt.datetime
    recorded_by_user_id: strawberry.ID | None
    local_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Screening:
        by = row.get("recordedBy")
        return cls(id=strawberry.ID(to_global_id("Screening", row["id"])), score=int(row.get("score") or 0),
                   level=ScreeningLevel(row["level"]), minor=bool(row.get("minor")),
                   observed=list(row.get("observed") or []), recorded_at=native(row["recordedAt"]),
                   recorded_by_user_id=strawberry.ID(to_global_id("User", by)) if by else None, local_id=row["id"])
