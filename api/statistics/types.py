"""GraphQL types for national statistics and KPIs."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry

from api.organizations.types import native
from api.statistics import disclosure
from api.statistics.catalogue import Dimension, Measure
from api.statistics.exports import ExportKind
from api.statistics.jobs import ExportStatus, ReportLanguage, is_expired
from api.statistics.rules import KpiAnswer, StatisticsAnswer

# The catalogue's enums, exposed as they are (one enum per concept) under their GraphQL names.
strawberry.enum(Measure, name="StatisticsMeasure", description="What is counted.")


strawberry.enum(Dimension, name="StatisticsDimension",
                description="What counts are grouped by (each measure accepts some of them; see the catalogue).")


@strawberry.enum(description="Which disclosure rule produced the figures.")
class DisclosureRule(Enum):
    EXACT = "EXACT"
    K_ANONYMOUS = "K_ANONYMOUS"


@strawberry.input(description="Counts of one measure grouped by up to three dimensions, with filters.")
class StatisticsQuery:
    measure: Measure
    dimensions: list[Dimension] = strawberry.field(
        default_factory=list, description="At most three.")
    year: int | None = strawberry.field(default=None, description="A calendar year (or give dateFrom/dateTo).")
    date_from: dt.date | None = None
    date_to: dt.date | None = strawberry.field(default=None, description="Inclusive.")
    governorate: str | None = None
    form: str | None = strawberry.field(default=None, description="An exploitation form code.")
    sex: str | None = None
    age_band: str | None = strawberry.field(default=None, description='A CTDC age band such as "18-20" or "48+".')
    nationality: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2.")
    organization: str | None = strawberry.field(default=None, description="Code of the owning organisation.")
    exact: bool = strawberry.field(default=False,
                                   description="Exact counts: national roles only (everyone else gets FORBIDDEN).")


@strawberry.type(description="A published count; null when withheld by the disclosure control.")
class StatisticsCell:
    keys: list[str | None] = strawberry.field(description="One key per dimension, in the order asked.")
    value: int | None
    withheld: bool


@strawberry.type(description="The sum over one value of one dimension.")
class StatisticsMargin:
    dimension: Dimension
    key: str | None
    value: int | None
    withheld: bool


@strawberry.type(description="Counts with the disclosure rule that produced them.")
class StatisticsResult:
    measure: Measure
    dimensions: list[Dimension]
    rule: DisclosureRule
    k: int | None = strawberry.field(description="The resolution: counts below k withheld, the rest rounded down "
                                                 "to a multiple of k (null for exact counts).")
    cells: list[StatisticsCell]
    margins: list[StatisticsMargin]
    total: int | None = strawberry.field(description="Sum of all cells (a unit with several forms counts in each).")
    total_withheld: bool

    @classmethod
    def of(cls, answer: StatisticsAnswer) -> StatisticsResult:
        table = answer.table
        dims = answer.request.dimensions
        return cls(
            measure=Measure(answer.request.measure.value),
            dimensions=[Dimension(d.value) for d in dims],
            rule=DisclosureRule(table.rule.value), k=table.k,
            cells=[StatisticsCell(keys=list(key), value=figure.value, withheld=figure.withheld)
                   for key, figure in sorted(table.cells.items(), key=lambda item: _sort_key(item[0]))],
            margins=[StatisticsMargin(dimension=Dimension(dims[m.dimension].value), key=m.key,
                                      value=m.figure.value, withheld=m.figure.withheld) for m in table.margins],
            total=table.total.value, total_withheld=table.total.withheld)


def _sort_key(key: disclosure.Key) -> tuple[str, ...]:
    return tuple(part or "" for part in key)


@strawberry.input(description="A period: a calendar year, or an inclusive date range.")
class StatisticsPeriod:
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@strawberry.type(description="A count as published.")
class KpiCount:
    value: int | None
    withheld: bool

    @classmethod
    def of(cls, figure: disclosure.Figure) -> KpiCount:
        return cls(value=figure.value, withheld=figure.withheld)


@strawberry.type(description="Time bands: at most 30 days, 31 to 90, 91 to 180, more than 180.")
class DayBands:
    within_30: KpiCount
    within_90: KpiCount
    within_180: KpiCount
    after_180: KpiCount


@strawberry.type(description="Key figures of an organisation (or of the nation) over a period.")
class OrganizationKpis:
    organization_code: str | None = strawberry.field(description="Null for the national figures.")
    period_start: dt.date
    period_end: dt.date = strawberry.field(description="Inclusive.")
    rule: DisclosureRule
    k: int | None
    case_load: KpiCount = strawberry.field(description="Cases open at the end of the period.")
    cases_opened: KpiCount
    cases_closed: KpiCount
    closure_rate: float | None = strawberry.field(
        description="Closed in the period / (closed in the period + still open at its end).")
    time_to_close: DayBands = strawberry.field(description="Days from opening to closing, of cases closed.")
    referrals: KpiCount
    referrals_per_case: float | None = strawberry.field(description="Among the cases referred in the period.")
    acceptance_rate: float | None = strawberry.field(description="accepted / (accepted + declined).")
    completion_rate: float | None = strawberry.field(description="completed / accepted.")
    median_days_to_first_service: float | None = strawberry.field(
        description="From opening to the first accepted referral, of cases opened in the period.")
    reporting_delay: DayBands = strawberry.field(
        description="Days from the facts to the report, of reports the organisation's members sent.")

    @classmethod
    def of(cls, answer: KpiAnswer) -> OrganizationKpis:
        c = {name: KpiCount.of(figure) for name, figure in answer.counts.items()}
        return cls(
            organization_code=answer.organization, period_start=answer.period.start.date(),
            period_end=(answer.period.end - dt.timedelta(days=1)).date(), rule=DisclosureRule(answer.rule.value),
            k=answer.k, case_load=c["caseLoad"], cases_opened=c["opened"], cases_closed=c["closed"],
            closure_rate=answer.closure_rate,
            time_to_close=DayBands(within_30=c["closedWithin30"], within_90=c["closedWithin90"],
                                   within_180=c["closedWithin180"], after_180=c["closedAfter180"]),
            referrals=c["referrals"], referrals_per_case=answer.referrals_per_case,
            acceptance_rate=answer.acceptance_rate, completion_rate=answer.completion_rate,
            median_days_to_first_service=answer.median_days_to_first_service,
            reporting_delay=DayBands(within_30=c["reportedWithin30"], within_90=c["reportedWithin90"],
                                     within_180=c["reportedWithin180"], after_180=c["reportedAfter180"]))


strawberry.enum(ExportKind, description="What an export produces.")


strawberry.enum(ExportStatus,
                description="QUEUED → RUNNING (with progress) → DONE (downloadable until expiry) or FAILED.")


strawberry.enum(ReportLanguage, description="The language of the annual report (separate documents).")


@strawberry.type(description="An export built by the worker; its owner downloads it at downloadPath with a token.")
class ExportJob:
    id: strawberry.ID
    kind: ExportKind
    year: int
    language: ReportLanguage | None
    status: ExportStatus
    progress: int = strawberry.field(description="Percent done.")
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    expires_at: dt.datetime | None
    file_name: str | None
    size: int | None = strawberry.field(description="Bytes.")
    download_path: str | None = strawberry.field(description="GET it with the owner's bearer token (DONE only).")
    error: str | None = strawberry.field(description="A message code when FAILED.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> ExportJob:
        status = "EXPIRED" if row["status"] == "DONE" and is_expired(row) else row["status"]
        return cls(id=strawberry.ID(row["id"]), kind=ExportKind(row["kind"]), year=int(row["year"]),
                   language=ReportLanguage(row["language"]) if row.get("language") else None,
                   status=ExportStatus(status), progress=int(row.get("progress") or 0),
                   created_at=native(row["createdAt"]), started_at=native(row.get("startedAt")),
                   finished_at=native(row.get("finishedAt")), expires_at=native(row.get("expiresAt")),
                   file_name=row.get("fileName"), size=row.get("size"),
                   download_path=f"/exports/{row['id']}" if status == "DONE" else None, error=row.get("error"))
