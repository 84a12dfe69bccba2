"""GraphQL types for screening and the guidelines front-line actors carry offline."""

from __future__ import annotations

import datetime as dt

import strawberry

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
