"""`himaya serve` with several worker processes: what one worker learns about a sign-in, the others know.

The real command on a free 127.0.0.1 port with 2 workers over the session's Neo4j. To send a request to one
chosen worker, the other is paused (SIGSTOP): the workers share one listening socket, so only the running one
accepts. Failures counted through both workers lock the account, and the lock holds through either.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from api.auth import accounts as user_rules
from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph
from ops import neo4j_server
from tests.api.casework import repository as casework_db

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"
START_TIMEOUT_S = 480.0  # two workers importing the app on a loaded 2-core host


def _workers_of(parent: int) -> list[int]:
    """The uvicorn worker processes (spawned children running ``spawn_main``) of the serve process."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == parent and b"spawn_main" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return sorted(found)


@contextlib.contextmanager
def serving(settings: Settings, state_dir: Path, workers: int) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = neo4j_server.free_port()
    assert settings.neo4j_password is not None
    env = {**os.environ, "HIMAYA_ENVIRONMENT": "development", "HIMAYA_NEO4J_URI": settings.effective_neo4j_uri,
           "HIMAYA_NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(), "HIMAYA_STATE_DIR": str(state_dir),
           "HIMAYA_LOG_JSON": "false", "HIMAYA_WORKERS": str(workers),
           "HIMAYA_WORKER_HEALTHCHECK_SECONDS": "600"}  # a loaded test host: never restart a slow worker
    log = (state_dir / "serve.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                               env=env, stdout=log, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert process.poll() is None, (state_dir / "serve.log").read_text()
            assert time.monotonic() < deadline, (state_dir / "serve.log").read_text()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base + "/readyz", timeout=2).status_code == 200 and len(_workers_of(process.pid)) == \
                        workers:
                    break
            time.sleep(0.3)
        yield base, process
    finally:
        for pid in _workers_of(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@contextlib.contextmanager
def only(worker: int, others: list[int]) -> Iterator[None]:
    """Requests in this block reach ``worker``: every other worker is paused (briefly, well under the health
    check the server is given here)."""
    paused = [pid for pid in others if pid != worker]
    for pid in paused:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in paused:
            os.kill(pid, signal.SIGCONT)


async def login(base: str, username: str, password: str) -> httpx.Response:
    return await fresh(base, "POST", "/auth/login", json={"username": username, "password": password})


async def fresh(base: str, method: str, path: str, **kwargs: object) -> httpx.Response:
    """One request on a connection of its own, so the running worker is the one that accepts it."""
    async with httpx.AsyncClient(base_url=base, timeout=10, headers={"Connection": "close"}) as http:
        return await http.request(method, path, **kwargs)  # type: ignore[arg-type]


async def test_a_login_lock_set_through_one_worker_holds_through_the_other(graph: Graph, settings: Settings,
                                                                           tmp_path: Path) -> None:
    await casework_db.create_organization(graph, "TEST-NGO", "TN-11")
    account = await user_rules.create_user(graph, username="amira.workers", password=PASSWORD,
                                           role=Role.CASE_WORKER, organization_code="TEST-NGO", with_totp=False)

    with serving(settings, tmp_path, workers=2) as (base, process):
        first, second = _workers_of(process.pid)
        both = [first, second]
        # The right password works through either worker.
        for worker in both:
            with only(worker, both):
                assert (await login(base, account.username, PASSWORD)).status_code == 200

        # Wrong passwords through both: 3 through the first, 2 through the second; the lock follows the sum.
        with only(first, both):
            assert [(await login(base, account.username, f"guess-{i}")).status_code for i in range(3)] == [401] * 3
        with only(second, both):
            assert [(await login(base, account.username, f"guess-{i}")).status_code for i in (3, 4)] == [401] * 2
            locked = await login(base, account.username, "guess-5")
            assert locked.status_code == 429
            assert locked.json()["error"]["code"] == "RATE_LIMITED"
            assert int(locked.headers["retry-after"]) > 0

        # The lock holds through the first worker too, even for the right password, request after request.
        with only(first, both):
            for _ in range(3):
                refused = await login(base, account.username, PASSWORD)
                assert refused.status_code == 429
                assert "access_token" not in refused.text
        with only(second, both):
            assert (await login(base, account.username, PASSWORD)).status_code == 429

        # Both workers still answer.
        for worker in both:
            with only(worker, both):
                ready = await fresh(base, "GET", "/readyz")
                assert ready.status_code == 200
                assert ready.json()["checks"]["migrations"] == "current"
        # /metrics counts the sign-ins of both workers, whichever of them answers.
        for worker in both:
            with only(worker, both):
                assert _login_requests((await fresh(base, "GET", "/metrics")).text) == 12
        assert _workers_of(process.pid) == both  # the same two processes answered throughout


def _login_requests(exposition: str) -> float:
    return sum(float(line.rsplit(" ", 1)[1]) for line in exposition.splitlines()
               if line.startswith("himaya_requests_total{") and "login" in line)
