"""Benchmark of the statistics on the configured database: ``python -m seed.bench_statistics [--year Y]``.

Prints the db hits (PROFILE) and time of the heaviest aggregating statements for one year and for all time, then
builds every export in this process (as the worker does) twice, cold and warm, with its size. Load a network
first (``himaya seed synthetic --scale N``); the figures go to BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from api.app import neo4j_password
from api.settings import get_settings
from api.statistics import rules
from api.statistics.catalogue import Dimension, Measure
from api.statistics.exports import ExportKind
from api.statistics.jobs import ReportLanguage, build_now
from graph.access.scope import Role, Scope
from graph.db import Graph, create_driver
from graph.statistics import repository

HEAVIEST: tuple[tuple[Measure, tuple[Dimension, ...]], ...] = (
    (Measure.VICTIMS, (Dimension.TIP_FORM, Dimension.SEX_AND_AGE, Dimension.CITIZENSHIP)),
    (Measure.VICTIMS, (Dimension.ASSISTANCE,)),
    (Measure.REFERRALS, (Dimension.SERVICE_CATEGORY, Dimension.STATUS)),
)


async def _nothing(_: int) -> None:
    return None


async def run(year: int) -> None:
    settings = get_settings()
    driver = create_driver(settings.effective_neo4j_uri, settings.neo4j_user, neo4j_password(settings))
    graph = Graph(driver, settings.neo4j_database)
    national = Scope(user_id="bench", role=Role.COORDINATOR, organization_id=None)
    try:
        cases, referrals = await repository.network_size(graph, national)
        print(f"network: {cases:,} cases, {referrals:,} referrals")
        for label, period in ((str(year), rules.period_of(year, None, None)), ("all time", None)):
            for measure, dimensions in HEAVIEST:
                request = rules.validated_request(measure, list(dimensions), period, {}, exact=True)
                params = rules.statement_params(request, settings.transmission_deadline_days)
                names = [d.value for d in dimensions]
                await repository.statistics(graph, national, measure.value, names, params)  # plan compiled
                started = time.perf_counter()
                rows = await repository.statistics(graph, national, measure.value, names, params)
                elapsed = time.perf_counter() - started
                hits = await repository.profile_statistics(graph, national, measure.value, names, params)
                print(f"| {measure.value} by {' × '.join(names)}, {label} | {len(rows)} | {elapsed:.2f} s | {hits:,} |")
        for kind, language in ((ExportKind.CTDC, None), (ExportKind.QUESTIONNAIRE, None),
                               (ExportKind.RESEARCH, None), (ExportKind.ANNUAL_REPORT, ReportLanguage.FR),
                               (ExportKind.ANNUAL_REPORT, ReportLanguage.AR)):
            times = []
            size = 0
            for _ in range(2):
                started = time.perf_counter()
                artefact = await build_now(graph, settings, kind, year, language, _nothing, national)
                times.append(time.perf_counter() - started)
                size = len(artefact.content)
            print(f"| {kind.value}{f' {language.value.lower()}' if language else ''} | {times[0]:.1f} s | "
                  f"{times[1]:.1f} s | {size / 1000:.1f} kB |")
    finally:
        await driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    asyncio.run(run(args.year))


if __name__ == "__main__":
    main()
