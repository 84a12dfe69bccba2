"""Rules for statistics and KPIs: who may ask, valid queries, and the disclosure control on every answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from api.errors import BadInput, Forbidden, NotFound, Unauthenticated
from api.statistics import disclosure
from api.statistics.catalogue import (
    MAX_DIMENSIONS,
    MEASURE_DIMENSIONS,
    MEASURE_FILTERS,
    Dimension,
    Filter,
    Measure,
    query_constants,
)
from api.statistics.disclosure import DisclosureRule, Figure, ProtectedTable
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.statistics import repository

EARLIEST_YEAR = 2016  # Law 2016-61
MAX_TEXT = 40


@dataclass(frozen=True)
class Period:
    start: dt.datetime  # inclusive
    end: dt.datetime  # exclusive

    def params(self) -> dict[str, Any]:
        return {"from": self.start, "to": self.end}


@dataclass(frozen=True)
class StatisticsRequest:
    measure: Measure
    dimensions: list[Dimension]
    period: Period | None
    filters: dict[Filter, str] = field(default_factory=dict)
    exact: bool = False


def require_statistics_role(scope: Scope) -> None:
    if not scope.authenticated:
        raise Unauthenticated()
    if not scope.can(Permission.READ_STATISTICS):
        raise Forbidden()


def resolution(scope: Scope, exact: bool, k: int) -> int | None:
    """The k applied to this caller's figures; None (exact) only for a national role that asked for it."""
    if not exact:
        return disclosure.check_k(k)
    if not scope.can(Permission.READ_EXACT_STATISTICS):
        raise Forbidden("statistics.exact_needs_national_role")
    return None


def period_of(year: int | None, date_from: dt.date | None, date_to: dt.date | None, *,
              today: dt.date | None = None) -> Period | None:
    """A calendar year, or an inclusive date range (open ends allowed); None means all time."""
    today = today or dt.datetime.now(dt.UTC).date()
    if year is not None:
        if date_from is not None or date_to is not None:
            raise BadInput("statistics.year_or_dates")
        if not EARLIEST_YEAR <= year <= today.year:
            raise BadInput("statistics.invalid_year", earliest=EARLIEST_YEAR, latest=today.year)
        return Period(_instant(dt.date(year, 1, 1)), _instant(dt.date(year + 1, 1, 1)))
    if date_from is None and date_to is None:
        return None
    if date_from is not None and date_to is not None and date_to < date_from:
        raise BadInput("statistics.inverted_dates")
    start = _instant(date_from or dt.date(EARLIEST_YEAR, 1, 1))
    end = _instant((date_to or today) + dt.timedelta(days=1))
    return Period(start, end)


def _instant(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def validated_request(measure: Measure, dimensions: list[Dimension], period: Period | None,
                      filters: dict[Filter, str | None], exact: bool) -> StatisticsRequest:
    if len(dimensions) > MAX_DIMENSIONS:
        raise BadInput("statistics.too_many_dimensions", maximum=MAX_DIMENSIONS)
    if len(set(dimensions)) != len(dimensions):
        raise BadInput("statistics.repeated_dimension")
    allowed = MEASURE_DIMENSIONS[measure]
    for dimension in dimensions:
        if dimension not in allowed:
            raise BadInput("statistics.dimension_not_for_measure", dimension=dimension.value,
                           measure=measure.value)
    given: dict[Filter, str] = {}
    for name, value in filters.items():
        cleaned = (value or "").strip()
        if not cleaned:
            continue
        if len(cleaned) > MAX_TEXT:
            raise BadInput("statistics.invalid_filter", filter=name.value)
        if name not in MEASURE_FILTERS[measure]:
            raise BadInput("statistics.filter_not_for_measure", filter=name.value, measure=measure.value)
        given[name] = cleaned
    return StatisticsRequest(measure=measure, dimensions=list(dimensions), period=period, filters=given, exact=exact)


def statement_params(request: StatisticsRequest, deadline_days: int) -> dict[str, Any]:
    params: dict[str, Any] = {"from": None, "to": None, "deadlineDays": deadline_days, **query_constants()}
    if request.period is not None:
        params.update(request.period.params())
    for name in Filter:
        params[name.value] = request.filters.get(name)
    return params


def table_of(rows: list[Record], width: int) -> dict[disclosure.Key, int]:
    keys = ("d0", "d1", "d2")[:width]
    return {tuple(row[key] for key in keys): int(row["n"]) for row in rows}


@dataclass(frozen=True)
class StatisticsAnswer:
    request: StatisticsRequest
    table: ProtectedTable


async def statistics(graph: Graph, scope: Scope, request: StatisticsRequest, *, k: int,
                     deadline_days: int) -> StatisticsAnswer:
    """One aggregating statement, then the disclosure control (exact only for national roles who asked)."""
    require_statistics_role(scope)
    applied = resolution(scope, request.exact, k)
    rows = await repository.statistics(graph, scope, request.measure.value, [d.value for d in request.dimensions],
                                       statement_params(request, deadline_days))
    return StatisticsAnswer(request=request, table=disclosure.protect(table_of(rows, len(request.dimensions)),
                                                                      k=applied))


async def protected_table(graph: Graph, scope: Scope, measure: Measure, dimensions: list[Dimension],
                          period: Period | None, *, k: int, deadline_days: int,
                          filters: dict[Filter, str | None] | None = None) -> ProtectedTable:
    """A k-anonymous table, as exports and published reports use (never exact)."""
    request = validated_request(measure, dimensions, period, filters or {}, exact=False)
    rows = await repository.statistics(graph, scope, measure.value, [d.value for d in dimensions],
                                       statement_params(request, deadline_days))
    return disclosure.protect(table_of(rows, len(dimensions)), k=disclosure.check_k(k))


# ----------------------------------------------------------------------------------------------- KPIs
COUNT_FIELDS = ("caseLoad", "opened", "closed", "closedWithin30", "closedWithin90", "closedWithin180",
                "closedAfter180", "referrals", "casesReferred", "accepted", "declined", "completed",
                "reportedWithin30", "reportedWithin90", "reportedWithin180", "reportedAfter180")


@dataclass(frozen=True)
class KpiAnswer:
    organization: str | None
    period: Period
    rule: DisclosureRule
    k: int | None
    counts: dict[str, Figure]
    closure_rate: float | None
    referrals_per_case: float | None
    acceptance_rate: float | None
    completion_rate: float | None
    median_days_to_first_service: float | None


def kpi_resolution(scope: Scope, exact: bool, k: int) -> int | None:
    """Members see their own organisation's figures exactly (they see its cases anyway); analysts never do."""
    if not scope.can(Permission.READ_STATISTICS):
        return None
    return resolution(scope, exact, k)


def _ratio(numerator: int, denominator: int, k: int | None) -> float | None:
    """A rate, withheld (None) when its denominator is too small to publish."""
    if denominator == 0 or (k is not None and denominator < k):
        return None
    return round(numerator / denominator, 3)


async def kpis(graph: Graph, scope: Scope, organization: str | None, period: Period, *, exact: bool,
               k: int) -> KpiAnswer:
    if not scope.authenticated:
        raise Unauthenticated()
    if not scope.can(Permission.READ_KPIS):
        raise Forbidden()
    member = not scope.can(Permission.READ_STATISTICS)  # their own organisation only, by default too
    code = (organization or "").strip() or None
    if code is not None and len(code) > MAX_TEXT:
        raise BadInput("statistics.invalid_filter", filter="organizationCode")
    applied = kpi_resolution(scope, exact, k)
    row = await repository.kpis(graph, scope, code, period.params(), own=member and code is None)
    if row is None:
        if member:
            raise Forbidden("statistics.kpis_own_organization")
        raise NotFound()
    counts = {name: disclosure.protect_count(int(row[name] or 0), k=applied) for name in COUNT_FIELDS}
    closed = int(row["closed"])
    answered = int(row["accepted"]) + int(row["declined"])
    median = row.get("medianDaysToFirstService")
    show_median = median is not None and (applied is None or int(row["casesReferred"]) >= applied)
    return KpiAnswer(
        organization=row["organization"], period=period,
        rule=DisclosureRule.EXACT if applied is None else DisclosureRule.K_ANONYMOUS, k=applied, counts=counts,
        closure_rate=_ratio(closed, closed + int(row["caseLoad"]), applied),
        referrals_per_case=_ratio(int(row["referrals"]), int(row["casesReferred"]), applied),
        acceptance_rate=_ratio(int(row["accepted"]), answered, applied),
        completion_rate=_ratio(int(row["completed"]), int(row["accepted"]), applied),
        median_days_to_first_service=round(float(median), 1) if show_median and median is not None else None)
