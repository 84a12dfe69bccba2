"""Statistics mutations: start an export job (the worker builds it)."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.statistics import jobs
from api.statistics.exports import ExportKind
from api.statistics.jobs import ReportLanguage
from api.statistics.types import ExportJob


@strawberry.type
class StatisticsMutations:
    @mutation
    async def start_export(self, info: Info, kind: ExportKind, year: int,
                           language: ReportLanguage | None = None) -> ExportJob:
        """Queue an export for a year; follow it with exportJob(id), then download it."""
        row = await jobs.start_export(info.context.graph, info.context.scope, kind, year, language)
        return ExportJob.from_record(row)
