"""Building the strategy and recording its progress."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.strategy import rules as rules
from api.strategy.types import (
    AddStrategyActionInput,
    AddStrategyIndicatorInput,
    CreateStrategyInput,
    IndicatorValueInput,
    Strategy,
    StrategyAction,
    StrategyIndicator,
    UpdateStrategyActionInput,
)


@strawberry.type
class StrategyMutations:
    @mutation
    async def create_strategy(self, info: Info, input: CreateStrategyInput) -> Strategy:
        """Create a national strategy with its axes and objectives."""
        fields = {"code": input.code, "titles": input.title.titles(), "startYear": input.start_year,
                  "endYear": input.end_year,
                  "axes": [{"code": a.code, "titles": a.title.titles(),
                            "objectives": [{"code": o.code, "titles": o.title.titles()} for o in a.objectives]}
                           for a in input.axes]}
        return Strategy.from_record(await rules.create_strategy(info.context.graph, info.context.scope, fields))

    @mutation
    async def add_strategy_action(self, info: Info, input: AddStrategyActionInput) -> StrategyAction:
        """Add an action (lead agency, partners, dates, budget) to an objective."""
        fields = {"code": input.code, "titles": input.title.titles(), "leadAgencyCode": input.lead_agency_code,
                  "partnerCodes": input.partner_codes, "startDate": input.start_date, "dueDate": input.due_date,
                  "budget": input.budget, "currency": input.currency}
        return StrategyAction.from_record(await rules.add_action(info.context.graph, info.context.scope,
                                                                 input.objective_id, fields))

    @mutation
    async def update_strategy_action(self, info: Info,
                                     input: UpdateStrategyActionInput) -> StrategyAction:
        """Change an action's status and add evidence (national roles, lead agency)."""
        return StrategyAction.from_record(await rules.update_action(
            info.context.graph, info.context.scope, input.action_id,
            rules.ActionStatus(input.status.value) if input.status else None, input.evidence, input.expected_version))

    @mutation
    async def add_strategy_indicator(self, info: Info,
                                     input: AddStrategyIndicatorInput) -> StrategyIndicator:
        """Add an indicator to an objective, recorded by hand or computed by a measure."""
        fields = {"code": input.code, "titles": input.title.titles(), "unit": input.unit,
                  "direction": input.direction, "baselineYear": input.baseline_year,
                  "baselineValue": input.baseline_value, "dataSource": input.data_source,
                  "ownerCode": input.owner_code, "measure": input.measure}
        return StrategyIndicator.from_record(await rules.add_indicator(info.context.graph, info.context.scope,
                                                                       input.objective_id, fields))

    @mutation
    async def set_indicator_target(self, info: Info, input: IndicatorValueInput) -> StrategyIndicator:
        """Set an indicator's target for one year of the strategy."""
        return StrategyIndicator.from_record(await rules.set_period_value(
            info.context.graph, info.context.scope, input.indicator_id, "target", input.period, input.value))

    @mutation
    async def record_indicator_actual(self, info: Info, input: IndicatorValueInput) -> StrategyIndicator:
        """Record an indicator's actual for one year (indicators not computed)."""
        return StrategyIndicator.from_record(await rules.set_period_value(
            info.context.graph, info.context.scope, input.indicator_id, "actual", input.period, input.value))
