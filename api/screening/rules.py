"""Screening: an explainable score from the indicators observed, and the recommended next step.

Score = sum of the weights of the indicators observed (child indicators count only for a minor).
Levels, first match wins:
- URGENT_MINOR: the person is a minor and the score is 4 or more, or any child indicator was observed
  (for a child the legal definition needs no means of coercion, so any sign is acted on at once);
- PROBABLE: score 12 or more, or two strong coercion indicators (weight 4+) with a score of 8 or more;
- POSSIBLE: score 5 or more;
- NO_INDICATION otherwise.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from api.authz.checks import require
from api.errors import BadInput, NotFound
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.screening import repository

EMERGENCY_INDICATORS = frozenset({"PHYSICAL_VIOLENCE", "SEXUAL_VIOLENCE", "SIGNS_OF_INJURY",
                                  "DENIAL_OF_MEDICAL_CARE"})


MAX_ANSWERS = 100


class ScreeningLevel(StrEnum):
    NO_INDICATION = "NO_INDICATION"
    POSSIBLE = "POSSIBLE"
    PROBABLE = "PROBABLE"
    URGENT_MINOR = "URGENT_MINOR"


class NextStep(StrEnum):
    EMERGENCY_SERVICES = "EMERGENCY_SERVICES"
    CHILD_PROTECTION = "CHILD_PROTECTION"
    REFER_TO_AUTHORITY = "REFER_TO_AUTHORITY"
    FURTHER_INTERVIEW = "FURTHER_INTERVIEW"
    NO_ACTION = "NO_ACTION"


@dataclass(frozen=True)
class Indicator:
    code: str
    weight: int
    category: str
    minor_only: bool
    labels: dict[str, str]


@dataclass(frozen=True)
class ScreeningResult:
    id: str
    score: int
    level: ScreeningLevel
    drivers: list[Indicator]
    next_steps: list[NextStep]
    minor: bool


def parse_indicators(rows: list[dict[str, Any]]) -> dict[str, Indicator]:
    catalogue: dict[str, Indicator] = {}
    for row in rows:
        data = json.loads(row["data"] or "{}")
        catalogue[row["code"]] = Indicator(
            code=row["code"], weight=int(data.get("weight", 1)), category=str(data.get("category", "")),
            minor_only=bool(data.get("minor_only", False)),
            labels={"fr": row["labelFr"], "ar": row["labelAr"], "en": row["labelEn"]})
    return catalogue


def evaluate(catalogue: dict[str, Indicator], observed: list[str], minor: bool) -> tuple[int, ScreeningLevel,
                                                                                          list[Indicator]]:
    unknown = [code for code in observed if code not in catalogue]
    if unknown:
        raise BadInput("screening.unknown_indicator", indicator=unknown[0][:60])
    counted = [catalogue[code] for code in dict.fromkeys(observed) if minor or not catalogue[code].minor_only]
    drivers = sorted(counted, key=lambda i: (-i.weight, i.code))
    score = sum(i.weight for i in counted)
    strong_coercion = sum(1 for i in counted if i.category == "COERCION" and i.weight >= 4)
    if minor and (score >= 4 or any(i.category == "CHILD" for i in counted)):
        level = ScreeningLevel.URGENT_MINOR
    elif score >= 12 or (strong_coercion >= 2 and score >= 8):
        level = ScreeningLevel.PROBABLE
    elif score >= 5:
        level = ScreeningLevel.POSSIBLE
    else:
        level = ScreeningLevel.NO_INDICATION
    return score, level, drivers


def next_steps(level: ScreeningLevel, observed: list[str]) -> list[NextStep]:
    steps: list[NextStep] = []
    if EMERGENCY_INDICATORS.intersection(observed) and level is not ScreeningLevel.NO_INDICATION:
        steps.append(NextStep.EMERGENCY_SERVICES)
    if level is ScreeningLevel.URGENT_MINOR:
        steps += [NextStep.CHILD_PROTECTION, NextStep.REFER_TO_AUTHORITY]
    elif level is ScreeningLevel.PROBABLE:
        steps.append(NextStep.REFER_TO_AUTHORITY)
    elif level is ScreeningLevel.POSSIBLE:
        steps += [NextStep.FURTHER_INTERVIEW, NextStep.REFER_TO_AUTHORITY]
    else:
        steps.append(NextStep.NO_ACTION)
    return steps


async def record_screening(graph: Graph, scope: Scope, case_id: str, observed: list[str],
                           subject_is_minor: bool | None) -> ScreeningResult:
    require(scope, Permission.RECORD_SCREENING)
    if len(observed) > MAX_ANSWERS:
        raise BadInput("screening.too_many_answers", maximum=MAX_ANSWERS)
    subject = await repository.case_subject(graph, scope, case_id)
    if subject is None:
        raise NotFound()
    minor = bool(subject["minor"]) or bool(subject_is_minor)
    catalogue = parse_indicators(await repository.indicators(graph))
    score, level, drivers = evaluate(catalogue, observed, minor)
    screening_id = str(uuid.uuid4())
    row = await repository.record_screening(graph, scope, case_id, {
        "id": screening_id, "observed": [d.code for d in drivers], "score": score, "level": level.value,
        "minor": minor})
    if row is None:
        raise NotFound()
    return ScreeningResult(id=screening_id, score=score, level=level, drivers=drivers,
                           next_steps=next_steps(level, observed), minor=minor)


async def guidelines(graph: Graph, scope: Scope, actor_type: str | None) -> list[Record]:
    """Guidelines per actor type (every signed-in caller)."""
    require(scope, Permission.READ_NETWORK)
    return await repository.guidelines(graph, actor_type)


async def indicator_catalogue(graph: Graph, scope: Scope) -> dict[str, Indicator]:
    """The screening questions (every signed-in caller)."""
    require(scope, Permission.READ_NETWORK)
    return parse_indicators(await repository.indicators(graph))


async def screenings_by_case_ids(graph: Graph, scope: Scope, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each visible case's screenings, newest first."""
    found: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for row in await repository.screenings_by_case_ids(graph, scope, ids):
        found.setdefault(row["caseId"], []).append(row)
    return found


async def screening(graph: Graph, scope: Scope, screening_id: str) -> dict[str, Any] | None:
    """One screening of a visible case (those who record screenings read them back)."""
    require(scope, Permission.RECORD_SCREENING)
    return await repository.screening_by_id(graph, scope, screening_id)
