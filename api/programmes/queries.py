"""Partner programmes (a partner sees its own)."""

from __future__ import annotations

import strawberry

from api.programmes import rules as rules
from api.programmes.types import Programme


@strawberry.type
class ProgrammeQueries:
    @strawberry.field(description="Partner programmes with their activities (partners see their own).")
    async def programmes(self, info: strawberry.Info, first: int | None = None) -> list[Programme]:
        """Partner programmes with their activities (partners see their own)."""
        return [Programme.from_record(r) for r in await rules.programmes(info.context.graph, info.context.scope,
                                                                          first)]
