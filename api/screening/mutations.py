"""Recording a screening for a case."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id, to_global_id
from api.i18n import translate
from api.reference.types import LocalizedText
from api.screening import rules as rules
from api.screening.types import IndicatorInfo, ScreeningAnswer, ScreeningResult


@strawberry.type
class ScreeningMutations:
    @mutation
    async def record_screening(self, info: Info, case_id: strawberry.ID, answers: list[ScreeningAnswer],
                               subject_is_minor: bool | None = None) -> ScreeningResult:
        """Record the indicators observed for a case and get an explainable result."""
        observed = [a.indicator for a in answers if a.observed]
        result = await rules.record_screening(info.context.graph, info.context.scope, local_id(case_id, "Case"),
                                              observed, subject_is_minor)
        explanation = translate(f"screening.level.{result.level.value}", info.context.language,
                                score=result.score, count=len(result.drivers))
        return ScreeningResult(
            id=strawberry.ID(to_global_id("Screening", result.id)), score=result.score, level=result.level,
            minor=result.minor, next_steps=result.next_steps, explanation=explanation,
            drivers=[IndicatorInfo(code=d.code, category=d.category, weight=d.weight, minor_only=d.minor_only,
                                   question=LocalizedText(**d.labels)) for d in result.drivers])
