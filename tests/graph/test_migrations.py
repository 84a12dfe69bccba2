"""Schema migrations: applied once, recorded in the graph, safe to run concurrently."""

from __future__ import annotations

import asyncio

from graph.db import Graph
from graph.migrations.runner import load_migrations, migrate
from tests.support import repository as support


async def test_every_migration_is_recorded_once(graph: Graph) -> None:
    recorded = await support.migrations(graph)
    assert [row["version"] for row in recorded] == [m.version for m in load_migrations()]


async def test_rerun_applies_nothing(graph: Graph) -> None:
    report = await migrate(graph)
    assert report.applied == ()
    assert report.already_applied == len(load_migrations())
    assert "up to date" in report.describe()


async def test_concurrent_runners_apply_each_migration_once(graph: Graph) -> None:
    await support.forget_migrations(graph)
    reports = await asyncio.gather(*(migrate(graph) for _ in range(4)))
    applied = [m.version for report in reports for m in report.applied]
    assert sorted(applied) == [m.version for m in load_migrations()]
    recorded = await support.migrations(graph)
    assert len(recorded) == len(load_migrations())
