"""Finding assistance for a case."""

from __future__ import annotations

import strawberry

from api.assistance.types import AssistanceExclusion, AssistanceMatch
from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.referrals import rules as rules
from api.services.types import ServiceCategory


@strawberry.type
class AssistanceQueries:
    @field
    async def find_assistance(
        self, info: Info, case_id: strawberry.ID, categories: list[ServiceCategory], first: int = 10,
    ) -> list[AssistanceMatch]:
        """Services that fit the case's victim and place, best first, with reasons."""
        rows = await rules.find_assistance(info.context.graph, info.context.scope, local_id(case_id, "Case"),
                                           [c.value for c in categories], first, info.context.language)
        return [AssistanceMatch.from_record(row) for row in rows]

    @field
    async def assistance_exclusions(
        self, info: Info, case_id: strawberry.ID, categories: list[ServiceCategory], first: int = 10,
    ) -> list[AssistanceExclusion]:
        """The nearest services of those categories left out, and why."""
        rows = await rules.assistance_exclusions(info.context.graph, info.context.scope, local_id(case_id, "Case"),
                                                 [c.value for c in categories], first, info.context.language)
        return [AssistanceExclusion.from_record(row) for row in rows]
