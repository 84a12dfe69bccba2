"""Statistics mutations: start an export job (the worker builds it)."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.statistics import jobs
from api.statistics.exports import ExportKind as Kind
from api.statistics.types import ExportJob, ExportKind, ReportLanguage


@strawberry.type
class StatisticsMutations:
    @mutation
    async def start_export(self, info: Info, kind: ExportKind, year: int,
                           language: ReportLanguage | None = None) -> ExportJob:
        """Queue an export for a year; follow it with exportJob(id), then download it."""
        row = await jobs.start_export(info.context.graph, info.context.scope, Kind(kind.value), year,
                                      jobs.ReportLanguage(language.value) if language else None)
        return ExportJob.from_record(row)
