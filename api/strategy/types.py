"""GraphQL types for the national strategy and its dashboard (also shared by training, campaigns, programmes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from api.reference.types import LocalizedText
from api.strategy.rules import ActionStatus, Direction, IndicatorStatus, titles

ActionStatusEnum = strawberry.enum(ActionStatus, name="StrategyActionStatus",
                                   description="PLANNED → IN_PROGRESS → DONE, or CANCELLED.")
DirectionEnum = strawberry.enum(Direction, name="IndicatorDirection",
                                description="Whether the indicator should rise or fall.")


@strawberry.input(description="A text in the three working languages (all required).")
class LocalizedTextInput:
    fr: str
    ar: str
    en: str

    def titles(self) -> dict[str, str]:
        return titles(self.fr, self.ar, self.en)


def localized(row: dict[str, Any], prefix: str = "title") -> LocalizedText:
    return LocalizedText(fr=row.get(f"{prefix}Fr") or "", ar=row.get(f"{prefix}Ar") or "",
                         en=row.get(f"{prefix}En") or "")


def day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None


@strawberry.type(description="An organisation of the network, by code.")
class OrganizationRef:
    id: strawberry.ID
    code: str
    name: str

    @classmethod
    def of(cls, row: dict[str, Any] | None) -> OrganizationRef | None:
        return cls(id=strawberry.ID(row["id"]), code=row["code"], name=row.get("name") or row["code"]) if row else None


@strawberry.type(description="A target and an actual for one year of the strategy.")
class IndicatorPeriod:
    period: int
    target: float | None
    actual: float | None


@strawberry.type(description="A strategy indicator: baseline, targets and actuals per year (computed or recorded).")
class StrategyIndicator:
    id: strawberry.ID
    code: str
    title: LocalizedText
    unit: str
    baseline_year: int | None
    baseline_value: float | None
    direction: Direction
    data_source: str | None
    measure: str | None = strawberry.field(description="The named measure that computes the actual, if any.")
    owner: OrganizationRef | None
    periods: list[IndicatorPeriod]

    @classmethod
    def from_record(cls, row: dict[str, Any], actuals: dict[int, float | None] | None = None) -> StrategyIndicator:
        recorded = {int(p["period"]): p for p in row.get("periods") or []}
        years = sorted(set(recorded) | set(actuals or {}))
        return cls(id=strawberry.ID(row["id"]), code=row["code"], title=localized(row), unit=row["unit"],
                   baseline_year=row.get("baselineYear"), baseline_value=row.get("baselineValue"),
                   direction=Direction(row["direction"]), data_source=row.get("dataSource"),
                   measure=row.get("measure"), owner=OrganizationRef.of(row.get("owner")),
                   periods=[IndicatorPeriod(period=y, target=recorded.get(y, {}).get("target"),
                                            actual=(actuals or {}).get(y) if actuals is not None
                                            else recorded.get(y, {}).get("actual")) for y in years])


@strawberry.type(description="An action of the strategy, led by one agency with partners.")
class StrategyAction:
    id: strawberry.ID
    code: str
    title: LocalizedText
    status: ActionStatus
    lead_agency: OrganizationRef | None
    partners: list[OrganizationRef]
    start_date: dt.date | None
    due_date: dt.date | None
    budget: float | None
    currency: str | None
    evidence: list[str]
    overdue: bool
    version: int

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> StrategyAction:
        return cls(id=strawberry.ID(row["id"]), code=row["code"], title=localized(row),
                   status=ActionStatus(row["status"]), lead_agency=OrganizationRef.of(row.get("leadAgency")),
                   partners=[p for p in (OrganizationRef.of(x) for x in row.get("partners") or []) if p],
                   start_date=day(row.get("startDate")), due_date=day(row.get("dueDate")),
                   budget=row.get("budget"), currency=row.get("currency"), evidence=list(row.get("evidence") or []),
                   overdue=bool(row.get("overdue")), version=int(row.get("version") or 0))


@strawberry.type(description="An objective of an axis, with its actions and indicators.")
class StrategyObjective:
    id: strawberry.ID
    code: str
    title: LocalizedText
    actions: list[StrategyAction]
    indicators: list[StrategyIndicator]


@strawberry.type(description="An axis of the strategy (e.g. prevention, protection, prosecution, partnership).")
class StrategyAxis:
    id: strawberry.ID
    code: str
    title: LocalizedText
    objectives: list[StrategyObjective]


@strawberry.type(description="A national strategy: axes → objectives → actions and indicators.")
class Strategy:
    id: strawberry.ID
    code: str
    title: LocalizedText
    start_year: int
    end_year: int
    axes: list[StrategyAxis]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Strategy:
        return cls(id=strawberry.ID(row["id"]), code=row["code"], title=localized(row), start_year=row["startYear"],
                   end_year=row["endYear"], axes=[StrategyAxis(
                       id=strawberry.ID(a["id"]), code=a["code"], title=localized(a), objectives=[
                           StrategyObjective(id=strawberry.ID(o["id"]), code=o["code"], title=localized(o),
                                             actions=[StrategyAction.from_record(x) for x in
                                                      sorted(o["actions"], key=lambda x: x["code"])],
                                             indicators=[StrategyIndicator.from_record(i) for i in
                                                         sorted(o["indicators"], key=lambda i: i["code"])])
                           for o in sorted(a["objectives"], key=lambda o: o["code"])])
                       for a in sorted(row["axes"], key=lambda a: a.get("position") or 0)])


# ------------------------------------------------------------------------------------------------- inputs


@strawberry.input(description="An objective of a new axis.")
class StrategyObjectiveInput:
    code: str
    title: LocalizedTextInput


@strawberry.input(description="An axis of a new strategy, with its objectives.")
class StrategyAxisInput:
    code: str
    title: LocalizedTextInput
    objectives: list[StrategyObjectiveInput] = strawberry.field(default_factory=list)


@strawberry.input(description="A new national strategy with its axes and objectives.")
class CreateStrategyInput:
    code: str
    title: LocalizedTextInput
    start_year: int
    end_year: int
    axes: list[StrategyAxisInput]


@strawberry.input(description="A new action under an objective.")
class AddStrategyActionInput:
    objective_id: strawberry.ID
    code: str
    title: LocalizedTextInput
    lead_agency_code: str = strawberry.field(description="The code of the organisation leading the action.")
    partner_codes: list[str] = strawberry.field(default_factory=list)
    start_date: dt.date | None = None
    due_date: dt.date | None = None
    budget: float | None = None
    currency: str | None = None


@strawberry.input(description="A new status and/or evidence for an action.")
class UpdateStrategyActionInput:
    action_id: strawberry.ID
    status: ActionStatus | None = None
    evidence: list[str] = strawberry.field(default_factory=list, description="Added to the action's evidence.")
    expected_version: int | None = None


@strawberry.input(description="A new indicator under an objective.")
class AddStrategyIndicatorInput:
    objective_id: strawberry.ID
    code: str
    title: LocalizedTextInput
    unit: str
    direction: Direction = Direction.INCREASE
    baseline_year: int | None = None
    baseline_value: float | None = None
    data_source: str | None = None
    owner_code: str | None = None
    measure: str | None = strawberry.field(default=None, description="A measure from `strategyMeasures`: the "
                                                                    "actual is then computed from Himaya's data.")


@strawberry.input(description="A target or actual for one year of the strategy.")
class IndicatorValueInput:
    indicator_id: strawberry.ID
    period: int = strawberry.field(description="A year within the strategy's years.")
    value: float


# ----------------------------------------------------------------------------------------------- dashboard


@strawberry.type(description="Where an indicator stands for the dashboard's period.")
class IndicatorProgress:
    indicator: StrategyIndicator
    period: int
    target: float | None
    actual: float | None
    progress: float | None = strawberry.field(description="0–1; null without a target or an actual.")
    off_track: bool

    @classmethod
    def of(cls, status: IndicatorStatus) -> IndicatorProgress:
        return cls(indicator=StrategyIndicator.from_record(status.record,
                                                           status.actuals if status.record.get("measure") else None),
                   period=status.period, target=status.target, actual=status.actual, progress=status.progress,
                   off_track=status.off_track)


@strawberry.type(description="Progress of one objective.")
class ObjectiveProgress:
    id: strawberry.ID
    code: str
    title: LocalizedText
    progress: float | None = strawberry.field(description="Mean progress of its indicators (0–1).")
    actions_total: int
    actions_done: int
    actions_overdue: int
    indicators: list[IndicatorProgress]


@strawberry.type(description="Progress of one axis.")
class AxisProgress:
    id: strawberry.ID
    code: str
    title: LocalizedText
    progress: float | None = strawberry.field(description="Mean progress of its indicators (0–1).")
    actions_total: int
    actions_done: int
    actions_overdue: int
    objectives: list[ObjectiveProgress]


@strawberry.type(description="Reports in one governorate before, during and after a campaign (same lengths).")
class CampaignImpact:
    governorate: str
    before: int
    during: int
    after: int
    with_code: int = strawberry.field(description="Reports that named the campaign's code.")


@strawberry.type(description="A campaign aimed at one of the strategy's indicators, and its effect on reports.")
class CampaignEffect:
    id: strawberry.ID
    code: str
    title: LocalizedText
    start_date: dt.date | None
    end_date: dt.date | None
    impact: list[CampaignImpact]


def impacts(rows: list[dict[str, Any]]) -> list[CampaignImpact]:
    return [CampaignImpact(governorate=i["governorate"], before=i["before"], during=i["during"], after=i["after"],
                           with_code=i["withCode"]) for i in sorted(rows or [], key=lambda i: i["governorate"])]


def _counts(actions: list[dict[str, Any]]) -> dict[str, int]:
    live = [a for a in actions if a["status"] != ActionStatus.CANCELLED]
    return {"actions_total": len(live), "actions_done": sum(1 for a in live if a["status"] == ActionStatus.DONE),
            "actions_overdue": sum(1 for a in live if a["overdue"])}


@strawberry.type(description="The strategy at a glance: progress per axis and objective, what is off track or late.")
class StrategyDashboard:
    strategy_id: strawberry.ID
    code: str
    title: LocalizedText
    period: int
    axes: list[AxisProgress]
    indicators_off_track: list[IndicatorProgress]
    actions_overdue: list[StrategyAction]
    campaigns: list[CampaignEffect]

    @classmethod
    def from_result(cls, result: dict[str, Any]) -> StrategyDashboard:
        strategy = result["strategy"]
        axes = [AxisProgress(
            id=strawberry.ID(a["record"]["id"]), code=a["record"]["code"], title=localized(a["record"]),
            progress=a["progress"], **_counts(a["actions"]), objectives=[ObjectiveProgress(
                id=strawberry.ID(o["record"]["id"]), code=o["record"]["code"], title=localized(o["record"]),
                progress=o["progress"], **_counts(o["actions"]),
                indicators=[IndicatorProgress.of(s) for s in o["indicators"]]) for o in a["objectives"]])
            for a in result["axes"]]
        return cls(strategy_id=strawberry.ID(strategy["id"]), code=strategy["code"], title=localized(strategy),
                   period=result["period"], axes=axes,
                   indicators_off_track=[IndicatorProgress.of(s) for s in result["offTrack"]],
                   actions_overdue=[StrategyAction.from_record(a) for a in result["overdue"]],
                   campaigns=[CampaignEffect(id=strawberry.ID(c["id"]), code=c["code"], title=localized(c),
                                             start_date=day(c["startDate"]), end_date=day(c["endDate"]),
                                             impact=impacts(c["impact"]))
                              for c in sorted(result["campaigns"], key=lambda c: c["code"])])
