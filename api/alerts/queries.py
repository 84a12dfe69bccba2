"""Alert queries."""

from __future__ import annotations

import strawberry

from api.alerts import rules as rules
from api.alerts.types import Alert, DeadLetter
from api.graphql.fields import field
from api.graphql.info import Info


@strawberry.type
class AlertQueries:
    @field
    async def alerts(self, info: Info, unread_only: bool = False, first: int | None = None) -> list[Alert]:
        """My alerts, unacknowledged first, newest first."""
        rows = await rules.my_alerts(info.context.graph, info.context.scope, unread_only=unread_only, first=first)
        return [Alert.from_record(row, info.context.language) for row in rows]

    @field
    async def dead_letters(self, info: Info, first: int | None = None) -> list[DeadLetter]:
        """Deliveries that failed for good (coordinators and administrators)."""
        rows = await rules.dead_letters(info.context.graph, info.context.scope, first=first)
        return [DeadLetter.from_record(row) for row in rows]
