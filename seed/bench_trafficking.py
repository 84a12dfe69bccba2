"""Benchmark of link analysis on a seeded synthetic network: ``python -m seed.bench_trafficking [--cases N]``.

Reports caseLinks (through the GraphQL schema, as a coordinator and as the owning case worker) and
suspectedNetworks latency, their database hits (PROFILE) and the time to recompute the networks.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time

from api.app import neo4j_password
from api.graphql.context import HimayaContext
from api.graphql.relay import to_global_id
from api.graphql.schema import build_schema
from api.i18n import Language
from api.links import rules
from api.settings import get_settings
from graph.access.scope import Role, Scope
from graph.db import Graph, create_driver
from graph.links import repository

CASE_LINKS = """query($c: ID!) { caseLinks(caseId: $c) { linkedCases evidence { kind otherCases }
  links { reference paths { evidence steps { type label } } } } }"""
NETWORKS = "{ suspectedNetworks(first: 50) { total networks { size governorates cases { reference } } } }"


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def run(cases: int, seed: int) -> None:
    settings = get_settings()
    driver = create_driver(settings.effective_neo4j_uri, settings.neo4j_user, neo4j_password(settings))
    graph = Graph(driver, settings.neo4j_database)
    schema = build_schema()
    national = Scope(user_id="bench", role=Role.COORDINATOR, organization_id=None)
    try:
        started = time.monotonic()
        found = await rules.recompute_networks(graph)
        print(f"recompute suspected networks: {found} networks in {time.monotonic() - started:.2f} s")
        _, _, networks = await repository.list_networks(graph, national, min_size=2, limit=100,
                                                        cases_per_network=20)
        sample = [case for n in networks for case in n["caseIds"]]
        random.Random(seed).shuffle(sample)
        sample = sample[:cases]
        timings: list[float] = []
        hits: list[tuple[int, int]] = []
        for case in sample:
            context = HimayaContext(settings=settings, graph=graph, language=Language.FR, scope=national)
            t0 = time.perf_counter()
            result = await schema.execute(CASE_LINKS, variable_values={"c": to_global_id("Case", case)},
                                          context_value=context)
            timings.append((time.perf_counter() - t0) * 1000)
            assert not result.errors, result.errors
            hits.append(await repository.profile_case_links(graph, national, case, branch_limit=rules.BRANCH_LIMIT,
                                                            limit=rules.MAX_LINKED_CASES, path_limit=rules.MAX_PATHS))
        print(f"caseLinks (coordinator, {len(sample)} cases in networks): median {statistics.median(timings):.1f} ms,"
              f" p95 {_p(timings, 0.95):.1f} ms; db hits counts query median "
              f"{statistics.median(h[0] for h in hits):.0f} max {max(h[0] for h in hits)}, details query median "
              f"{statistics.median(h[1] for h in hits):.0f} max {max(h[1] for h in hits)}")
        net_times = []
        for _ in range(10):
            context = HimayaContext(settings=settings, graph=graph, language=Language.FR, scope=national)
            t0 = time.perf_counter()
            result = await schema.execute(NETWORKS, context_value=context)
            net_times.append((time.perf_counter() - t0) * 1000)
            assert not result.errors, result.errors
        net_hits = await repository.profile_networks(graph, national, min_size=2, limit=50, cases_per_network=20)
        print(f"suspectedNetworks (first 50, with cases): median {statistics.median(net_times):.1f} ms, "
              f"p95 {_p(net_times, 0.95):.1f} ms; db hits {net_hits}")
    finally:
        await driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    asyncio.run(run(args.cases, args.seed))


if __name__ == "__main__":
    main()
