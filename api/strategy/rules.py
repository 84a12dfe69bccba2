"""Rules for the national strategy: validation, the action lifecycle, and how the dashboard judges progress.

Progress of an indicator for a period: actual / target when the indicator should rise (INCREASE), target / actual
when it should fall (DECREASE), capped at 1. An indicator is off track when the current period (this year,
brought into the strategy's years) has a target and its progress is below ``OFF_TRACK_BELOW``, or no actual at all
although a past period's target is due. An action is overdue when its due date is past and it is neither DONE
nor CANCELLED; the worker then alerts the lead agency (STRATEGY_ACTION_OVERDUE, once per action).
Computed indicators take their actual from the measure registry (graph/strategy/repository.py ``MEASURES``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from neo4j.exceptions import ConstraintError

from api.authz.checks import require
from api.errors import BadInput, Conflict, NotFound
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.strategy import repository
from graph.strategy.repository import MEASURES

OFF_TRACK_BELOW = 0.8
MAX_TITLE = 300
MAX_TEXT = 2000
MAX_ITEMS = 50
CODE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")


class ActionStatus(StrEnum):
    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


class Direction(StrEnum):
    INCREASE = "INCREASE"
    DECREASE = "DECREASE"


# Where an action may go from each status (DONE and CANCELLED are final).
ACTION_TRANSITIONS: dict[ActionStatus, frozenset[ActionStatus]] = {
    ActionStatus.PLANNED: frozenset({ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED}),
    ActionStatus.IN_PROGRESS: frozenset({ActionStatus.DONE, ActionStatus.CANCELLED}),
    ActionStatus.DONE: frozenset(),
    ActionStatus.CANCELLED: frozenset(),
}


# ------------------------------------------------------------------------------------------ validation helpers


def parse_id(value: str) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError as exc:
        raise BadInput("error.invalid_id") from exc


def code(value: str, field: str = "code") -> str:
    cleaned = (value or "").strip().upper()
    if not CODE.fullmatch(cleaned):
        raise BadInput("strategy.invalid_code", field=field)
    return cleaned


def text(value: str | None, field: str, *, required: bool = False, maximum: int = MAX_TEXT) -> str | None:
    cleaned = (value or "").strip()
    if not cleaned:
        if required:
            raise BadInput("strategy.required", field=field)
        return None
    if len(cleaned) > maximum or any(ord(ch) < 32 and ch not in "\n\t" for ch in cleaned):
        raise BadInput("strategy.text_too_long", field=field, maximum=maximum)
    return cleaned


def titles(fr: str, ar: str, en: str, field: str = "title") -> dict[str, str]:
    """A title in the three working languages, all required."""
    return {"titleFr": str(text(fr, f"{field}.fr", required=True, maximum=MAX_TITLE)),
            "titleAr": str(text(ar, f"{field}.ar", required=True, maximum=MAX_TITLE)),
            "titleEn": str(text(en, f"{field}.en", required=True, maximum=MAX_TITLE))}


def texts(values: list[str], field: str, *, maximum: int = MAX_TEXT) -> list[str]:
    if len(values) > MAX_ITEMS:
        raise BadInput("strategy.too_many", field=field, maximum=MAX_ITEMS)
    return [str(text(v, field, required=True, maximum=maximum)) for v in values]


def amount(value: float | None, field: str) -> float | None:
    if value is None:
        return None
    if not 0 <= value < 1e13:
        raise BadInput("strategy.invalid_amount", field=field)
    return float(value)


def date_range(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise BadInput("strategy.dates_reversed")


# ------------------------------------------------------------------------------------------------ mutations


async def create_strategy(graph: Graph, scope: Scope, fields: dict[str, Any]) -> Record:
    start, end = int(fields["startYear"]), int(fields["endYear"])
    if not 2000 <= start <= end <= start + 20 or end > 2100:
        raise BadInput("strategy.invalid_years")
    axes = fields["axes"]
    if not 1 <= len(axes) <= 12:
        raise BadInput("strategy.too_many", field="axes", maximum=12)
    strategy = {"id": str(uuid.uuid4()), "code": code(fields["code"]), **fields["titles"], "startYear": start,
                "endYear": end, "axes": [
                    {"id": str(uuid.uuid4()), "code": code(axis["code"], "axes.code"), "position": position,
                     **axis["titles"],
                     "objectives": [{"id": str(uuid.uuid4()), "code": code(o["code"], "objectives.code"),
                                     **o["titles"]} for o in axis["objectives"][:MAX_ITEMS]]}
                    for position, axis in enumerate(axes, start=1)]}
    try:
        row = await repository.create_strategy(graph, strategy, scope.params())
    except ConstraintError as exc:  # the code's uniqueness constraint decides races between two creations
        raise Conflict("strategy.duplicate_code") from exc
    assert row is not None
    return row


async def add_action(graph: Graph, scope: Scope, objective_id: str, fields: dict[str, Any]) -> Record:
    date_range(fields["startDate"], fields["dueDate"])
    action = {"id": str(uuid.uuid4()), "code": code(fields["code"]), **fields["titles"],
              "leadAgencyCode": code(fields["leadAgencyCode"], "leadAgencyCode"),
              "partnerCodes": [code(c, "partnerCodes") for c in fields["partnerCodes"][:MAX_ITEMS]],
              "startDate": fields["startDate"], "dueDate": fields["dueDate"],
              "budget": amount(fields["budget"], "budget"), "currency": (fields["currency"] or "TND")[:3].upper()}
    row = await repository.add_action(graph, parse_id(objective_id), action, scope.params())
    if row is None:
        raise NotFound("strategy.objective_not_found")
    if row["outcome"] == "UNKNOWN_ORGANIZATION":
        raise BadInput("strategy.unknown_organization")
    action_row: Record = row["action"]
    return action_row


async def update_action(graph: Graph, scope: Scope, action_id: str, status: ActionStatus | None,
                        evidence: list[str], expected_version: int | None) -> Record:
    sources = [s for s, targets in ACTION_TRANSITIONS.items() if status is None or status in targets]
    if status is None:
        sources = list(ActionStatus)
    row = await repository.update_action(graph, parse_id(action_id), {
        "status": status.value if status else None, "evidence": texts(evidence, "evidence", maximum=500),
        "from": [s.value for s in sources], "expectedVersion": expected_version}, scope.params())
    if row is None:
        raise NotFound("strategy.action_not_found")
    if row["outcome"] == "STALE":
        raise Conflict("sync.stale_version", current=row["action"]["version"], expected=expected_version)
    if row["outcome"] == "ILLEGAL":
        raise Conflict("strategy.illegal_action_transition", status=row["action"]["status"])
    action: Record = row["action"]
    return action


async def add_indicator(graph: Graph, scope: Scope, objective_id: str, fields: dict[str, Any]) -> Record:
    measure = fields["measure"]
    if measure is not None and measure not in MEASURES:
        raise BadInput("strategy.unknown_measure")
    indicator = {"id": str(uuid.uuid4()), "code": code(fields["code"]), **fields["titles"],
                 "unit": text(fields["unit"], "unit", required=True, maximum=40),
                 "baselineYear": fields["baselineYear"], "baselineValue": fields["baselineValue"],
                 "direction": fields["direction"].value, "dataSource": text(fields["dataSource"], "dataSource",
                                                                            maximum=300),
                 "ownerCode": code(fields["ownerCode"], "ownerCode") if fields["ownerCode"] else None,
                 "measure": measure}
    if indicator["baselineYear"] is not None and not 1990 <= indicator["baselineYear"] <= 2100:
        raise BadInput("strategy.invalid_years")
    row = await repository.add_indicator(graph, parse_id(objective_id), indicator, scope.params())
    if row is None:
        raise NotFound("strategy.objective_not_found")
    if row["outcome"] == "UNKNOWN_ORGANIZATION":
        raise BadInput("strategy.unknown_organization")
    indicator_row: Record = row["indicator"]
    return indicator_row


async def set_period_value(graph: Graph, scope: Scope, indicator_id: str, field: str, period: int,
                           value: float) -> Record:
    """A target (``field='target'``) or an actual for one year of the strategy."""
    if not -1e13 < value < 1e13:
        raise BadInput("strategy.invalid_amount", field=field)
    row = await repository.set_period_value(graph, parse_id(indicator_id), field, period, float(value),
                                            scope.params())
    if row is None:
        raise NotFound("strategy.indicator_not_found")
    if row["outcome"] == "OUTSIDE_STRATEGY":
        raise BadInput("strategy.period_outside_strategy", period=period, start=row["startYear"],
                       end=row["endYear"])
    if row["outcome"] == "COMPUTED":
        raise Conflict("strategy.indicator_is_computed")
    indicator: Record = row["indicator"]
    return indicator


# ------------------------------------------------------------------------------------------------- dashboard


@dataclass(frozen=True)
class IndicatorStatus:
    record: Record
    period: int
    target: float | None
    actual: float | None
    progress: float | None
    off_track: bool
    actuals: dict[int, float | None]


def progress_of(direction: str, target: float | None, actual: float | None) -> float | None:
    if target is None or actual is None:
        return None
    if direction == Direction.DECREASE:
        return 1.0 if actual <= target else (max(target, 0.0) / actual if actual > 0 else 1.0)
    if target <= 0:
        return 1.0
    return min(max(actual / target, 0.0), 1.0)


def current_period(start: int, end: int, today: dt.date) -> int:
    return min(max(today.year, start), end)


def indicator_status(indicator: Record, computed: dict[int, dict[str, Any]], period: int) -> IndicatorStatus:
    periods = {int(p["period"]): p for p in indicator.get("periods") or []}
    measure = indicator.get("measure")
    years = sorted(set(periods) | set(computed))
    actuals: dict[int, float | None] = {}
    for year in years:
        if measure:
            value = computed.get(year, {}).get(measure)
            actuals[year] = round(float(value), 2) if value is not None else None
        else:
            recorded = periods.get(year, {}).get("actual")
            actuals[year] = float(recorded) if recorded is not None else None
    target = periods.get(period, {}).get("target")
    actual = actuals.get(period)
    progress = progress_of(str(indicator.get("direction")), target, actual)
    late = any(y < period and periods[y].get("target") is not None and actuals.get(y) is None for y in periods)
    off_track = (progress is not None and progress < OFF_TRACK_BELOW) or (target is not None and actual is None) \
        or late
    return IndicatorStatus(record=indicator, period=period, target=target, actual=actual, progress=progress,
                           off_track=off_track, actuals=actuals)


def mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


async def strategies(graph: Graph, scope: Scope) -> list[Record]:
    """National strategies (every signed-in caller: no person-level data)."""
    require(scope, Permission.READ_NETWORK)
    return await repository.list_strategies(graph)


def measure_names() -> list[str]:
    """The measures a computed indicator can name."""
    return sorted(MEASURES)


async def dashboard(graph: Graph, strategy_id: str, deadline_days: int, period: int | None,
                    today: dt.date | None = None) -> dict[str, Any]:
    row = await repository.dashboard(graph, parse_id(strategy_id), deadline_days)
    if row is None:
        raise NotFound("strategy.not_found")
    strategy = row["strategy"]
    start, end = int(strategy["startYear"]), int(strategy["endYear"])
    if period is not None and not start <= period <= end:
        raise BadInput("strategy.period_outside_strategy", period=period, start=start, end=end)
    chosen = period if period is not None else current_period(start, end, today or dt.date.today())
    computed = {int(m["year"]): m for m in row["computed"]}
    axes: list[dict[str, Any]] = []
    off_track: list[IndicatorStatus] = []
    overdue: list[Record] = []
    for axis in sorted(strategy["axes"], key=lambda a: a.get("position") or 0):
        objectives = []
        for objective in sorted(axis["objectives"], key=lambda o: o["code"]):
            statuses = [indicator_status(i, computed, chosen) for i in sorted(objective["indicators"],
                                                                               key=lambda i: i["code"])]
            actions = sorted(objective["actions"], key=lambda a: a["code"])
            off_track += [s for s in statuses if s.off_track]
            overdue += [a for a in actions if a["overdue"]]
            objectives.append({"record": objective, "indicators": statuses, "actions": actions,
                               "progress": mean([s.progress for s in statuses if s.progress is not None])})
        axis_statuses = [s for o in objectives for s in o["indicators"]]
        axis_actions = [a for o in objectives for a in o["actions"]]
        axes.append({"record": axis, "objectives": objectives,
                     "progress": mean([s.progress for s in axis_statuses if s.progress is not None]),
                     "actions": axis_actions})
    return {"strategy": strategy, "period": chosen, "axes": axes, "offTrack": off_track,
            "overdue": sorted(overdue, key=lambda a: (a["dueDate"] or "", a["code"])),
            "campaigns": row["campaigns"]}


async def raise_overdue_actions(graph: Graph, *, limit: int = 200) -> int:
    """STRATEGY_ACTION_OVERDUE to the lead agency, once per action past its due date (run by the worker)."""
    return await repository.raise_overdue_actions(graph, limit=limit)
