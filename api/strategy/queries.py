"""Strategies, the strategy dashboard and the measures computed indicators can use."""

from __future__ import annotations

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.strategy import rules as rules
from api.strategy.types import Strategy, StrategyDashboard


@strawberry.type
class StrategyQueries:
    @field
    async def strategies(self, info: Info) -> list[Strategy]:
        """National strategies with their axes, objectives, actions and indicators."""
        return [Strategy.from_record(row) for row in await rules.strategies(info.context.graph, info.context.scope)]

    @field
    async def strategy_dashboard(self, info: Info, strategy_id: strawberry.ID,
                                 period: int | None = None) -> StrategyDashboard:
        """Progress per axis and objective, indicators off track, actions overdue."""
        settings = info.context.settings
        return StrategyDashboard.from_result(await rules.dashboard(
            info.context.graph, strategy_id, settings.transmission_deadline_days, period))

    @field
    def strategy_measures(self) -> list[str]:
        """The names of the measures an indicator can be computed from."""
        return rules.measure_names()
