"""The side-by-side phase of ``make bench``: Himaya, @neo4j/graphql and the Cypher floor, interleaved.

The peer (an Apollo server running @neo4j/graphql 7 over our graph's typeDefs) lives in ``../shared/peer-bench``
(or ``HIMAYA_PEER_BENCH_DIR``). It is copied to a temporary folder outside the tree, installed there with
``npm ci`` from its own lock file, started on a free loopback port against the bench's Neo4j, and driven by that
folder's reference driver (``sidebyside.py``), which interleaves the contenders in rotating rounds with the same
inputs and compares their answers input by input. The peer does no sign-in, scoping or audit; Himaya does all three.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from api.settings import PROJECT_ROOT
from ops import neo4j_server

PEER_SOURCE = Path(os.environ.get("HIMAYA_PEER_BENCH_DIR", str(PROJECT_ROOT.parent / "shared" / "peer-bench")))
PEER_START_TIMEOUT_S = 120.0
MARK_BEGIN = "<!-- sidebyside:begin (written by `make bench`; edit outside these marks) -->"
MARK_END = "<!-- sidebyside:end -->"

# The table the performance issue measured before this work (scale 1, p50/p95 ms): kept beside every new run.
BEFORE: dict[tuple[str, int], dict[str, str]] = {
    ("W1", 1): {"himaya": "116/227", "peer": "139/238", "floor": "8/14", "throughput": "1.12", "floor_ratio": "14×"},
    ("W1", 8): {"himaya": "934/1121", "peer": "567/892", "floor": "30/55", "throughput": "0.63", "floor_ratio": "31×"},
    ("W2", 8): {"himaya": "455/568", "peer": "49/79", "floor": "21/38", "throughput": "0.12", "floor_ratio": "22×"},
    ("W3", 8): {"himaya": "88/207", "peer": "24/48", "floor": "7/17", "throughput": "0.26", "floor_ratio": "12×"},
    ("W4", 8): {"himaya": "154/275", "peer": "—", "floor": "98/255", "throughput": "—", "floor_ratio": "1.6×"},
}


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    totp_secret: str | None = None

    def as_config(self) -> dict[str, str]:
        config = {"username": self.username, "password": self.password}
        if self.totp_secret:
            config["totp_secret"] = self.totp_secret
        return config


def peer_available() -> str | None:
    """Why the side-by-side cannot run here, or None when it can."""
    if not (PEER_SOURCE / "server.mjs").is_file() or not (PEER_SOURCE / "sidebyside.py").is_file():
        return f"the peer folder {PEER_SOURCE} is missing (set HIMAYA_PEER_BENCH_DIR)"
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


@contextlib.asynccontextmanager
async def peer_server(neo4j_uri: str, neo4j_password: str, *, say: Any) -> AsyncIterator[tuple[str, int]]:
    """@neo4j/graphql on a free loopback port, from a copy of the peer folder; stopped and removed on the way out."""
    work = Path(tempfile.mkdtemp(prefix="himaya-peer-"))
    process: asyncio.subprocess.Process | None = None
    try:
        _copy_peer(work)
        say(f"Installing the peer from its lock file in {work} (npm ci)...")
        installed = await asyncio.create_subprocess_exec(
            "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", cwd=work,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, errors = await installed.communicate()
        if installed.returncode != 0:
            raise RuntimeError(f"npm ci failed for the peer: {errors.decode(errors='replace')[-2000:]}")
        port = neo4j_server.free_port()
        log_path = work / "peer.log"
        env = {**os.environ, "NEO4J_URI": neo4j_uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": neo4j_password}
        with log_path.open("ab") as log:
            process = await asyncio.create_subprocess_exec(
                "node", "server.mjs", "typeDefs.graphql", str(port), cwd=work, env=env, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}/"
        await _wait_peer(process, url, log_path)
        yield url, process.pid
    finally:
        if process is not None and process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), timeout=15)
            except TimeoutError:
                process.kill()
                await process.wait()
        shutil.rmtree(work, ignore_errors=True)


def _copy_peer(work: Path) -> None:
    for item in PEER_SOURCE.iterdir():
        if item.is_file():
            shutil.copyfile(item, work / item.name)  # the shared folder is read-only: copy contents, not modes


async def _wait_peer(process: asyncio.subprocess.Process, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + PEER_START_TIMEOUT_S
    async with httpx.AsyncClient(timeout=2.0) as http:
        while time.monotonic() < deadline:
            if process.returncode is not None:
                raise RuntimeError(f"the peer exited ({process.returncode}): see {log_path}")
            with contextlib.suppress(httpx.HTTPError):
                answer = await http.post(url, json={"query": "{ __typename }"})
                if answer.status_code == 200:
                    return
            await asyncio.sleep(0.5)
    raise RuntimeError(f"the peer was not ready within {PEER_START_TIMEOUT_S:.0f} s")


async def run_side_by_side(*, neo4j_uri: str, neo4j_password: str, himaya_url: str, himaya_pid: int | None,
                           coordinator: Account, caseworker: Account, caseworker_org_code: str,
                           requests: int, levels: Sequence[int], say: Any) -> dict[str, Any]:
    """Start the peer, run the reference driver over the four workloads, return its results."""
    work = Path(tempfile.mkdtemp(prefix="himaya-sidebyside-"))
    try:
        async with peer_server(neo4j_uri, neo4j_password, say=say) as (peer_url, peer_pid):
            config = {"himaya_url": himaya_url, "peer_url": peer_url, "neo4j_uri": neo4j_uri, "neo4j_user": "neo4j",
                      "neo4j_password": neo4j_password, "coordinator": coordinator.as_config(),
                      "caseworker": caseworker.as_config(), "caseworker_org_code": caseworker_org_code,
                      "pids": {"peer": peer_pid, **({"himaya": himaya_pid} if himaya_pid else {})}}
            config_path = work / "bench-config.json"
            config_path.touch(mode=0o600)
            config_path.write_text(json.dumps(config))
            out = work / "results.json"
            say(f"Side by side: Himaya, @neo4j/graphql and the floor, interleaved ({requests} requests each)...")
            driver = await asyncio.create_subprocess_exec(
                sys.executable, str(PEER_SOURCE / "sidebyside.py"), "--config", str(config_path), "--out", str(out),
                "--levels", ",".join(str(level) for level in levels), "--requests", str(requests),
                cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
            if await driver.wait() != 0:
                raise RuntimeError(f"the side-by-side driver failed ({driver.returncode})")
            results: dict[str, Any] = json.loads(out.read_text())
            return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _pair(stats: dict[str, Any] | None) -> str:
    if not stats or not stats.get("requests"):
        return "—"
    return f"{stats['p50_ms']:.0f}/{stats['p95_ms']:.0f}"


def markdown(results: dict[str, Any]) -> str:
    """The side-by-side table, today's figures beside the ones measured before this work."""
    lines = [f"Measured {results.get('started', '?')} on {results.get('cpus', '?')} CPU(s), load average "
             f"{' '.join(f'{v:.2f}' for v in results.get('loadavg_start', []))} at the start; "
             f"{results.get('requests', '?')} requests per contender, workload and level; p50/p95 in ms.", "",
             "| workload | clients | Himaya | @neo4j/graphql | floor | Himaya/peer throughput | Himaya/floor p50 "
             "| same answers | before: Himaya | before: peer | before: throughput | before: Himaya/floor |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for key, workload in results.get("workloads", {}).items():
        for level, summary in workload.get("levels", {}).items():
            stats = summary.get("stats", {})
            ratios = summary.get("ratios", {})
            peer = ratios.get("himaya/peer", {})
            floor = ratios.get("himaya/floor", {})
            before = BEFORE.get((key, int(level)), {})
            compared = int(summary.get("compared_inputs", 0))
            same = f"{compared - int(summary.get('mismatches', 0))}/{compared}"
            lines.append(
                f"| {key} {workload.get('title', '')} | {level} | {_pair(stats.get('himaya'))} | "
                f"{_pair(stats.get('peer'))} | {_pair(stats.get('floor'))} | {peer.get('rps', '—')} | "
                f"{floor.get('p50', '—')}× | {same} | {before.get('himaya', '—')} | {before.get('peer', '—')} | "
                f"{before.get('throughput', '—')} | {before.get('floor_ratio', '—')} |")
    return "\n".join(lines) + "\n"


def write_markdown(results: dict[str, Any], path: Path) -> None:
    """Replace the side-by-side block of ``path`` (between its marks), keeping the rest."""
    block = f"{MARK_BEGIN}\n{markdown(results)}{MARK_END}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if MARK_BEGIN in text and MARK_END in text:
        head, _, rest = text.partition(MARK_BEGIN)
        _, _, tail = rest.partition(MARK_END)
        text = f"{head}{block}{tail}"
    else:
        text = f"{text.rstrip()}\n\n## Side by side with @neo4j/graphql\n\n{block}\n"
    path.write_text(text, encoding="utf-8")
