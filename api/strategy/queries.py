"""Strategies, the strategy dashboard and the measures computed indicators can use."""

from __future__ import annotations

import strawberry

from api.strategy import rules as rules
from api.strategy.types import Strategy, StrategyDashboard


@strawberry.type
class StrategyQueries:
    @strawberry.field(description="National strategies with their axes, objectives, actions and indicators.")
    async def strategies(self, info: strawberry.Info) -> list[Strategy]:
        """National strategies with their axes, objectives, actions and indicators."""
        return [Strategy.from_record(row) for row in await rules.strategies(info.context.graph, info.context.scope)]

    @strawberry.field(description="Progress per axis and objective, indicators off track, actions overdue.")
    async def strategy_dashboard(self, info: strawberry.Info, strategy_id: strawberry.ID,
                                 period: int | None = None) -> StrategyDashboard:
        """Progress per axis and objective, indicators off track, actions overdue."""
        settings = info.context.settings
        return StrategyDashboard.from_result(await rules.dashboard(
            info.context.graph, strategy_id, settings.transmission_deadline_days, period))

    @strawberry.field(description="The names of the measures an indicator can be computed from.")
    def strategy_measures(self) -> list[str]:
        """The names of the measures an indicator can be computed from."""
        return rules.measure_names()
