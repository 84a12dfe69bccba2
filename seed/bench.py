"""``make bench``: seed a synthetic national network, serve the real API and measure it under concurrent clients.

    python -m seed.bench --scale 1                  # its own Neo4j (temporary, stopped at the end)
    python -m seed.bench --neo4j-uri bolt://... --neo4j-password ...   # an existing, empty Neo4j

Each operation runs over HTTP against `himaya serve` in a subprocess (``--workers`` processes, development mode,
that Neo4j), and as its Cypher floor straight through the driver (seed/bench_ops.py), at every concurrency level.
Results go to bench-results/latest.json and to the generated block of BENCHMARKS.md.
Targets are reported, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from api.auth import accounts as user_rules
from api.settings import PROJECT_ROOT
from graph.access.scope import Role
from graph.db import Graph, create_driver
from graph.health import repository as health
from graph.migrations.runner import migrate
from graph.seed import repository
from ops import neo4j_server
from seed import bench_peer
from seed.bench_ops import OPERATIONS, BenchContext, BenchUser, Operation, Tokens, measure, role_scope
from seed.bench_report import Report, Row, machine
from seed.reference import load_reference
from seed.synthetic import load_synthetic

DEFAULT_LEVELS = (1, 8, 32)
DEFAULT_JSON = PROJECT_ROOT / "bench-results" / "latest.json"
DEFAULT_MARKDOWN = PROJECT_ROOT / "BENCHMARKS.md"
BENCH_PASSWORD = "bench-only passphrase, never in production"  # noqa: S105 (throwaway accounts, throwaway graph)
UNLIMITED_INTAKE = "1000000/minute"
SERVER_START_TIMEOUT_S = 120.0


@dataclass
class BenchOptions:
    scale: float = 1.0
    seed: int = 1
    levels: Sequence[int] = DEFAULT_LEVELS
    requests: int = 200
    max_seconds: float = 20.0
    warmup: int = 5
    operations: Sequence[str] | None = None
    json_path: Path | None = DEFAULT_JSON
    markdown_path: Path | None = DEFAULT_MARKDOWN
    progress: bool = True
    notes: list[str] = field(default_factory=list)
    side_by_side: bool = True
    side_requests: int = 300
    side_levels: Sequence[int] = (1, 8)
    # As `himaya serve` is run: one worker process per core unless told otherwise.
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)


def say(options: BenchOptions, message: str) -> None:
    if options.progress:
        print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------ the server


@contextlib.asynccontextmanager
async def api_server(neo4j_uri: str, neo4j_password: str, state_dir: Path, workers: int) -> AsyncIterator[str]:
    """The real API (`himaya serve`, its own processes) on a free port, flood limits raised; stopped on the way out."""
    port = neo4j_server.free_port()
    env = {**os.environ, "HIMAYA_ENVIRONMENT": "development", "HIMAYA_NEO4J_URI": neo4j_uri,
           "HIMAYA_NEO4J_PASSWORD": neo4j_password, "HIMAYA_STATE_DIR": str(state_dir),
           "HIMAYA_PUBLIC_INTAKE_PER_CLIENT": UNLIMITED_INTAKE, "HIMAYA_PUBLIC_INTAKE_OVERALL": UNLIMITED_INTAKE,
           "HIMAYA_NEO4J_POOL_SIZE": "100", "HIMAYA_LOG_JSON": "false", "HIMAYA_WORKERS": str(workers)}
    log_path = state_dir / "api.log"
    with log_path.open("ab") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        await _wait_ready(process, base_url, log_path)
        yield base_url
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), timeout=15)
            except TimeoutError:
                process.kill()
                await process.wait()


async def _wait_ready(process: asyncio.subprocess.Process, base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    async with httpx.AsyncClient(base_url=base_url, timeout=2.0) as http:
        while time.monotonic() < deadline:
            if process.returncode is not None:
                raise RuntimeError(f"the API server exited ({process.returncode}): see {log_path}")
            with contextlib.suppress(httpx.HTTPError):
                if (await http.get("/readyz")).status_code == 200:
                    return
            await asyncio.sleep(0.25)
    raise RuntimeError(f"the API server was not ready within {SERVER_START_TIMEOUT_S:.0f} s: see {log_path}")


# ------------------------------------------------------------------------------------------- the benchmark


async def _users(graph: Graph, organization_code: str, suffix: str) -> tuple[BenchUser, BenchUser]:
    made = []
    for role, name in ((Role.COORDINATOR, "bench.coordinator"), (Role.CASE_WORKER, "bench.caseworker")):
        username = f"{name}.{suffix}"
        created = await user_rules.create_user(graph, username=username, password=BENCH_PASSWORD, role=role,
                                               organization_code=organization_code, with_totp=False)
        made.append(BenchUser(username, BENCH_PASSWORD, role_scope(created.id, role, created.organization_id)))
    return made[0], made[1]


async def _referral_pairs(graph: Graph, rng: random.Random, needed: int) -> list[tuple[str, str]]:
    """Distinct (open case, active service) pairs free of a live referral; their services get room to accept."""
    case_ids = await repository.bench_sample_cases(graph, max(needed, 1))
    service_ids = await repository.bench_sample_services(graph, 200)
    if not case_ids or not service_ids:
        return []
    wanted: set[tuple[str, str]] = set()
    attempts = 0
    while len(wanted) < needed * 1.2 and attempts < needed * 10:
        wanted.add((case_ids[attempts % len(case_ids)], rng.choice(service_ids)))
        attempts += 1
    pairs = await repository.bench_free_pairs(graph, [{"case": c, "service": s} for c, s in sorted(wanted)])
    rng.shuffle(pairs)
    await repository.bench_referral_consents(graph, pairs)
    await repository.bench_make_room(graph, service_ids, needed)
    return pairs


async def run_benchmark(options: BenchOptions, *, neo4j_uri: str, neo4j_password: str) -> Report:
    """Load the network into that Neo4j (it must hold no synthetic network yet), then measure."""
    driver = create_driver(neo4j_uri, "neo4j", neo4j_password, pool_size=100)
    graph = Graph(driver, "neo4j")
    state_dir = Path(tempfile.mkdtemp(prefix="himaya-bench-state-"))
    try:
        await migrate(graph)
        await load_reference(graph)
        say(options, f"Loading the synthetic network at scale {options.scale:g}...")
        summary = await load_synthetic(graph, scale=options.scale, seed=options.seed, progress=options.progress)
        say(options, summary.describe())
        report = Report(scale=options.scale, seed=options.seed, machine=machine(await health.server_version(graph)),
                        load={"seconds": round(summary.elapsed_s, 1), "describe": summary.describe(),
                              "organizations": summary.organizations, "services": summary.services,
                              "cases": summary.cases, "referrals": summary.referrals, "consents": summary.consents},
                        levels=list(options.levels), notes=list(options.notes))
        phases = report.phases
        mark = time.monotonic()
        operations = [op for op in OPERATIONS if options.operations is None or op.name in options.operations]
        rng = random.Random(options.seed)
        busiest = await repository.bench_busiest_organization(graph)
        assert busiest is not None
        coordinator, caseworker = await _users(graph, busiest["code"], f"{os.getpid()}.{int(time.time())}")
        per_side = (options.requests + options.warmup) * len(options.levels)
        pairs = await _referral_pairs(graph, rng, 4 * per_side)  # spare pairs: a floor call that fails consumes one
        case_ids = await repository.bench_sample_cases(graph, 2000)
        phases["users_and_inputs_s"], mark = round(time.monotonic() - mark, 1), time.monotonic()
        say(options, f"Serving the API with {options.workers} worker process(es)")
        report.notes.append(f"API served by `himaya serve` with {options.workers} worker process(es)")
        async with api_server(neo4j_uri, neo4j_password, state_dir, options.workers) as base_url:
            phases["server_start_s"], mark = round(time.monotonic() - mark, 1), time.monotonic()
            limits = httpx.Limits(max_connections=max(options.levels) + 4,
                                  max_keepalive_connections=max(options.levels) + 4)
            async with httpx.AsyncClient(base_url=base_url, timeout=60.0, limits=limits) as http:
                ctx = BenchContext(graph=graph, http=http, tokens=Tokens(http), coordinator=coordinator,
                                   caseworker=caseworker, case_ids=case_ids, pairs=iter(pairs), state_dir=state_dir)
                for op in operations:
                    report.rows.extend(await _run_operation(ctx, op, options))
                    phases[op.name + "_s"], mark = round(time.monotonic() - mark, 1), time.monotonic()
            if options.side_by_side:
                await _side_by_side(options, neo4j_uri=neo4j_uri, neo4j_password=neo4j_password,
                                    base_url=base_url, coordinator=coordinator, caseworker=caseworker,
                                    organization_code=str(busiest["code"]), report=report)
                phases["side_by_side_s"], mark = round(time.monotonic() - mark, 1), time.monotonic()
        say(options, f"Phases (s): {phases}")
        if options.json_path is not None:
            report.write_json(options.json_path)
            say(options, f"Results: {options.json_path}")
        if options.markdown_path is not None:
            report.write_markdown(options.markdown_path)
            say(options, f"Table: {options.markdown_path}")
        return report
    finally:
        await driver.close()
        shutil.rmtree(state_dir, ignore_errors=True)


async def _side_by_side(options: BenchOptions, *, neo4j_uri: str, neo4j_password: str, base_url: str,
                        coordinator: BenchUser, caseworker: BenchUser, organization_code: str,
                        report: Report) -> None:
    """Himaya beside @neo4j/graphql and the floor on the same data (skipped, with the reason, if the peer is absent)."""
    missing = bench_peer.peer_available()
    if missing is not None:
        say(options, f"Side by side skipped: {missing}")
        report.notes.append(f"side by side with @neo4j/graphql not run: {missing}")
        return
    results = await bench_peer.run_side_by_side(
        neo4j_uri=neo4j_uri, neo4j_password=neo4j_password, himaya_url=base_url, himaya_pid=None,
        coordinator=bench_peer.Account(coordinator.username, coordinator.password),
        caseworker=bench_peer.Account(caseworker.username, caseworker.password),
        caseworker_org_code=organization_code, requests=options.side_requests, levels=options.side_levels,
        say=lambda message: say(options, message))
    if options.json_path is not None:
        options.json_path.parent.mkdir(parents=True, exist_ok=True)
        options.json_path.with_name("sidebyside.json").write_text(json.dumps(results, indent=2, default=str))
    if options.markdown_path is not None:
        bench_peer.write_markdown(results, options.markdown_path)
    say(options, bench_peer.markdown(results))


async def _run_operation(ctx: BenchContext, op: Operation, options: BenchOptions) -> list[Row]:
    rows = []
    if options.warmup:
        await measure(ctx, op.api, op.prepare_api, requests=options.warmup, concurrency=1, max_seconds=30)
        await measure(ctx, op.floor, op.prepare_floor, requests=options.warmup, concurrency=1, max_seconds=30)
    for level in options.levels:
        api = await measure(ctx, op.api, op.prepare_api, requests=options.requests, concurrency=level,
                            max_seconds=options.max_seconds)
        floor = await measure(ctx, op.floor, op.prepare_floor, requests=options.requests, concurrency=level,
                              max_seconds=options.max_seconds)
        row = Row(op.name, level, api, floor, op.note)
        d = row.as_dict()
        say(options, f"  {op.name:28s} c={level:<3d} api p50 {d['p50_ms']} p95 {d['p95_ms']} ms "
                     f"({d['throughput_rps']} rps, {d['errors']} err) | floor p50 {d['floor_p50_ms']} "
                     f"p95 {d['floor_p95_ms']} ms ({d['floor_errors']} err)"
                     + (f" | {d['first_error']}" if d["first_error"] else ""))
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------------- the CLI


@contextlib.contextmanager
def own_neo4j(progress: bool) -> Iterator[tuple[str, str]]:
    """A temporary Neo4j (heap and page cache 1 GiB, free port), stopped and removed even on failure."""
    home = Path(tempfile.mkdtemp(prefix="himaya-bench-neo4j-"))
    config = neo4j_server.Neo4jConfig(home=home, bolt_port=neo4j_server.free_port(), heap="1g", pagecache="1g",
                                      cache_dir=PROJECT_ROOT / ".himaya")
    try:
        neo4j_server.start(config, progress=progress)
        password = neo4j_server.read_password(config)
        assert password
        yield config.uri, password
    finally:
        neo4j_server.stop(config)
        shutil.rmtree(home, ignore_errors=True)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m seed.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 1,000 organisations, 100,000 cases")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--levels", default=",".join(map(str, DEFAULT_LEVELS)), help="concurrency levels, e.g. 1,8,32")
    parser.add_argument("--requests", type=int, default=200, help="requests per operation, level and side")
    parser.add_argument("--max-seconds", type=float, default=20.0, help="bound per operation, level and side")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--neo4j-uri", help="use this (empty) Neo4j instead of starting one")
    parser.add_argument("--neo4j-password", default=os.environ.get("HIMAYA_NEO4J_PASSWORD"))
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--markdown", type=Path, default=DEFAULT_MARKDOWN, help="'-' to leave it alone")
    parser.add_argument("--note", action="append", default=[], help="a line added to the report")
    parser.add_argument("--no-side-by-side", action="store_true", help="skip the @neo4j/graphql comparison")
    parser.add_argument("--operation", action="append", help="only this operation (repeatable), e.g. "
                                                            "'delta sync (week offline)'")
    parser.add_argument("--side-requests", type=int, default=300, help="side by side: requests per contender")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="API worker processes (default: the number of cores, as `himaya serve`)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    levels = [int(level) for level in args.levels.split(",") if level.strip()]
    if args.scale <= 0 or not levels or min(levels) < 1 or args.requests < 1 or args.workers < 1:
        print("scale, levels, requests and workers must be positive", file=sys.stderr)
        return 2
    options = BenchOptions(scale=args.scale, seed=args.seed, levels=levels, requests=args.requests,
                           max_seconds=args.max_seconds, warmup=args.warmup, json_path=args.json,
                           markdown_path=None if str(args.markdown) == "-" else args.markdown, notes=args.note,
                           side_by_side=not args.no_side_by_side, side_requests=args.side_requests,
                           operations=args.operation, workers=args.workers)
    loadavg = " ".join(f"{v:.2f}" for v in os.getloadavg())
    say(options, f"Machine: {os.cpu_count()} CPU(s), load average {loadavg}")
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        if args.neo4j_uri:
            if not args.neo4j_password:
                print("--neo4j-password (or HIMAYA_NEO4J_PASSWORD) is needed with --neo4j-uri", file=sys.stderr)
                return 2
            uri, password = args.neo4j_uri, args.neo4j_password
        else:
            say(options, "Starting a temporary Neo4j (heap 1g, page cache 1g)...")
            uri, password = stack.enter_context(own_neo4j(progress=True))
        asyncio.run(run_benchmark(options, neo4j_uri=uri, neo4j_password=password))
    say(options, f"Done in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
