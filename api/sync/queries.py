"""Delta sync query."""

from __future__ import annotations

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.sync import rules as rules
from api.sync.rules import SyncType
from api.sync.types import ChangeSet


@strawberry.type
class SyncQueries:
    @field
    async def changes(self, info: Info, since: str | None = None, types: list[SyncType] | None = None,
                      first: int = rules.DEFAULT_SYNC_PAGE) -> ChangeSet:
        """Records created, changed or dropped for the caller since a cursor (delta sync)."""
        result = await rules.changes(info.context.graph, info.context.scope, since=since,
                                     types=[rules.SyncType(t.value) for t in types] if types else None, first=first)
        return ChangeSet.from_result(result)
