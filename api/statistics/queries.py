"""Statistics queries: national aggregates and KPIs, under the disclosure control."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.statistics import jobs, rules
from api.statistics.catalogue import Dimension, Filter, Measure
from api.statistics.types import ExportJob, OrganizationKpis, StatisticsPeriod, StatisticsQuery, StatisticsResult


@strawberry.type
class StatisticsQueries:
    @field
    async def statistics(self, info: Info, query: StatisticsQuery) -> StatisticsResult:
        """Counts of a measure by up to three dimensions; says which disclosure rule applied."""
        context = info.context
        rules.require_statistics_role(context.scope)
        request = rules.validated_request(
            Measure(query.measure.value), [Dimension(d.value) for d in query.dimensions],
            rules.period_of(query.year, query.date_from, query.date_to),
            {Filter.GOVERNORATE: query.governorate, Filter.FORM: query.form, Filter.SEX: query.sex,
             Filter.AGE_BAND: query.age_band, Filter.NATIONALITY: query.nationality,
             Filter.ORGANIZATION: query.organization}, query.exact)
        answer = await rules.statistics(context.graph, context.scope, request, k=context.settings.publication_k,
                                        deadline_days=context.settings.transmission_deadline_days)
        return StatisticsResult.of(answer)

    @field
    async def kpis(self, info: Info, period: StatisticsPeriod, organization_code: str | None = None,
                   exact: bool = False) -> OrganizationKpis:
        """Key figures of an organisation (members: their own), or national without a code."""
        context = info.context
        span = rules.period_of(period.year, period.date_from, period.date_to)
        if span is None:
            span = rules.period_of(dt.datetime.now(dt.UTC).year, None, None)
        assert span is not None
        answer = await rules.kpis(context.graph, context.scope, organization_code, span, exact=exact,
                                  k=context.settings.publication_k)
        return OrganizationKpis.of(answer)

    @field
    async def export_job(self, info: Info, id: strawberry.ID) -> ExportJob | None:
        """One of the caller's export jobs (null for anyone else's)."""
        row = await jobs.export_job(info.context.graph, info.context.scope, str(id))
        return None if row is None else ExportJob.from_record(row)
