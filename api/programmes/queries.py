"""Partner programmes (a partner sees its own)."""

from __future__ import annotations

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.programmes import rules as rules
from api.programmes.types import Programme


@strawberry.type
class ProgrammeQueries:
    @field
    async def programmes(self, info: Info, first: int | None = None) -> list[Programme]:
        """Partner programmes with their activities (partners see their own)."""
        return [Programme.from_record(r) for r in await rules.programmes(info.context.graph, info.context.scope,
                                                                          first)]
