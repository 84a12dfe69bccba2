"""Fault harness: Neo4j SIGKILLed and restarted while 8 clients write reports, referrals and consents.

Bounded (a few seconds of writes on each side of the outage), on 127.0.0.1 only, against a Neo4j of its own.
What must hold: every write acknowledged to a client is there afterwards; an unacknowledged one is either
complete or absent; while Neo4j is down the API answers 503 (never 500) and it recovers by itself; the alert
dispatcher resumes without losing or repeating a delivery. The figures are printed (``-s``) and written to
``<tmp>/fault-figures.json``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.alerts import rules as alert_rules
from api.alerts.dispatcher import RetryPolicy, Sender, dispatch_once
from api.alerts.push import PushResult
from api.alerts.webhooks import WebhookSender
from api.app import create_app
from api.auth import accounts as user_rules
from api.graphql.relay import from_global_id, to_global_id
from api.protection import protection_of
from api.settings import PROJECT_ROOT, Environment, Settings
from graph.access.scope import Role, Scope
from graph.db import Graph, create_driver
from graph.migrations.runner import migrate
from ops import neo4j_server
from seed.reference import load_reference
from tests.alerts import repository as alerts_db
from tests.faults import repository as db

PASSWORD = "fault harness passphrase"
WRITE_SECONDS_BEFORE = 4.0
DOWN_SECONDS = 2.0
WRITE_SECONDS_AFTER = 4.0
RECOVERY_LIMIT_S = 240.0

SUBMIT = "mutation($i: SubmitReportInput!) { submitReport(input: $i) { reference } }"
VICTIM = "mutation($i: RegisterVictimInput!) { registerVictim(input: $i) { id } }"
OPEN_CASE = "mutation($i: OpenCaseInput!) { openCase(input: $i) { id } }"
REFER = "mutation($i: CreateReferralInput!) { createReferral(input: $i) { id } }"
CONSENT = "mutation($i: RecordConsentInput!) { recordConsent(input: $i) { id } }"


@pytest.fixture(scope="module")
def fault_neo4j() -> Iterator[neo4j_server.Neo4jConfig]:
    """A Neo4j of the harness's own (never the session one: it gets killed)."""
    base = Path(tempfile.mkdtemp(prefix="himaya-test-faults-"))
    config = neo4j_server.Neo4jConfig(home=base / "neo4j", bolt_port=neo4j_server.free_port(), heap="512m",
                                      pagecache="64m", cache_dir=PROJECT_ROOT / ".himaya")
    neo4j_server.start(config, progress=False)
    try:
        yield config
    finally:
        neo4j_server.stop(config)
        shutil.rmtree(base, ignore_errors=True)


@dataclass
class Tally:
    acknowledged: dict[str, str] = field(default_factory=dict)  # id -> kind
    unacknowledged: dict[str, str] = field(default_factory=dict)
    consents_acknowledged: int = 0
    consent_attempts: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    answered_during_outage: Counter[int] = field(default_factory=Counter)
    last_success: float = 0.0


class CountingPush:
    """Stands in for FCM: counts what it is asked to deliver."""

    def __init__(self) -> None:
        self.sent: Counter[str] = Counter()

    async def send(self, deliveries: Sequence[dict[str, Any]]) -> list[PushResult]:
        for delivery in deliveries:
            self.sent[str(delivery["id"])] += 1
        return [PushResult(ok=True) for _ in deliveries]

    async def aclose(self) -> None:
        return None


class Harness:
    def __init__(self, http: httpx.AsyncClient, token: str, tally: Tally, outage: dict[str, float | None]) -> None:
        self.http = http
        self.token = token
        self.tally = tally
        self.outage = outage
        self.recovered = asyncio.Event()

    async def call(self, query: str, variables: dict[str, Any], *, signed_in: bool = True) -> dict[str, Any] | None:
        """One GraphQL call; its data when it was acknowledged, None otherwise (the caller retries)."""
        headers = {"authorization": f"Bearer {self.token}"} if signed_in else {}
        try:
            response = await self.http.post("/graphql", json={"query": query, "variables": variables},
                                            headers=headers, timeout=60)
        except httpx.HTTPError:
            self.tally.codes["transport"] += 1
            return None
        self.tally.statuses[response.status_code] += 1
        if self.outage["down"] is not None and self.outage["up"] is None:
            self.tally.answered_during_outage[response.status_code] += 1
        try:
            body = response.json()
        except ValueError:
            return None
        for error in body.get("errors") or []:
            self.tally.codes[str(error.get("extensions", {}).get("code"))] += 1
        if response.status_code == 200 and not body.get("errors") and body.get("data"):
            self.tally.last_success = time.monotonic()
            if self.outage["up"] is not None:
                self.recovered.set()
            data: dict[str, Any] = body["data"]
            return data
        return None

    async def until_acknowledged(self, stop: asyncio.Event, kind: str, query: str, variables: dict[str, Any],
                                 client_id: str | None, *, signed_in: bool = True) -> dict[str, Any] | None:
        """Send, and send again after a failure (as an offline client does), until acknowledged or stopped."""
        while True:
            data = await self.call(query, variables, signed_in=signed_in)
            if data is not None:
                if client_id:
                    self.tally.acknowledged[client_id] = kind
                    self.tally.unacknowledged.pop(client_id, None)
                return data
            if client_id:
                self.tally.unacknowledged[client_id] = kind
            if stop.is_set() or self.tally.codes.get("CONFLICT"):
                return None
            await asyncio.sleep(0.3)


async def _reporter(h: Harness, stop: asyncio.Event, n: int) -> None:
    while not stop.is_set():
        client_id = str(uuid.uuid4())
        await h.until_acknowledged(stop, "Report", SUBMIT, {"i": {
            "channel": "PUBLIC", "narrative": f"fault harness report {n}", "governorate": "TN-11",
            "clientId": client_id}}, client_id, signed_in=False)


async def _referrer(h: Harness, stop: asyncio.Event, victim: str, service: str) -> None:
    while not stop.is_set():
        case_id = str(uuid.uuid4())
        opened = await h.until_acknowledged(stop, "Case", OPEN_CASE, {"i": {
            "victimId": victim, "governorate": "TN-11", "clientId": case_id}}, case_id)
        if opened is None:
            return
        referral_id = str(uuid.uuid4())
        await h.until_acknowledged(stop, "Referral", REFER, {"i": {
            "caseId": opened["openCase"]["id"], "serviceId": service, "clientId": referral_id}}, referral_id)


async def _consenter(h: Harness, stop: asyncio.Event, victim: str) -> None:
    while not stop.is_set():
        h.tally.consent_attempts += 1
        data = await h.call(CONSENT, {"i": {"victimId": victim, "organizationCode": "FAULT-PROVIDER",
                                            "purpose": "REFERRAL"}})
        if data is not None:
            h.tally.consents_acknowledged += 1
        else:
            await asyncio.sleep(0.3)


async def _dispatcher(graph: Graph, sender: Sender, settings: Settings, stop: asyncio.Event) -> None:
    policy = RetryPolicy(lease_seconds=120)
    sealer = protection_of(settings).sealer
    while not stop.is_set():
        try:
            report = await dispatch_once(graph, sender, "fault-dispatcher", 50, policy=policy, sealer=sealer)
            if report.claimed == 0:
                await asyncio.sleep(0.2)
        except Exception:
            await asyncio.sleep(0.5)


def _kill(config: neo4j_server.Neo4jConfig) -> None:
    pid = int(config.pid_file.read_text().strip())
    os.kill(pid, signal.SIGKILL)
    for _ in range(100):
        if not neo4j_server._alive(pid):
            break
        neo4j_server._reap(pid)
        time.sleep(0.05)


# Two Neo4j starts (the first, and the restart after the kill, with its recovery) dominate: on a quiet machine
# the whole test takes about a minute; the bound leaves room for a machine shared with other work.
@pytest.mark.timeout(900)
async def test_acknowledged_writes_survive_a_neo4j_kill_and_the_api_recovers_by_itself(
        fault_neo4j: neo4j_server.Neo4jConfig, tmp_path: Path) -> None:
    config = fault_neo4j
    password = neo4j_server.read_password(config)
    assert password
    settings = Settings(environment=Environment.TEST, state_dir=tmp_path / "state", neo4j_uri=config.uri,
                        neo4j_password=password,
                        neo4j_connect_retry_seconds=5, public_intake_per_client="100000/minute")
    driver = create_driver(config.uri, "neo4j", password, pool_size=20)
    graph = Graph(driver, "neo4j")
    await migrate(graph)
    await load_reference(graph)
    sender_org = await alerts_db.create_organization(graph, "FAULT-SENDER")
    provider_org = await alerts_db.create_organization(graph, "FAULT-PROVIDER")
    service = await alerts_db.create_service(graph, provider_org)
    sealer = protection_of(settings).sealer
    await user_rules.create_user(graph, username="fault.worker", password=PASSWORD, role=Role.CASE_WORKER,
                                 organization_code="FAULT-SENDER", with_totp=False, sealer=sealer)
    partner = await user_rules.create_user(graph, username="fault.partner", password=PASSWORD,
                                           role=Role.PARTNER_AGENT, organization_code="FAULT-PROVIDER",
                                           with_totp=False, sealer=sealer)
    await alert_rules.register_device(graph, Scope(user_id=partner.id, role=Role.PARTNER_AGENT,
                                                   organization_id=provider_org), "fault-device", "ANDROID", "fr",
                                      sealer=sealer)
    assert sender_org

    app = create_app(settings)
    tally = Tally()
    outage: dict[str, float | None] = {"down": None, "up": None}
    push = CountingPush()
    sender = Sender(push=push, webhooks=WebhookSender(settings))
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as http:
        signed_in = await http.post("/auth/login", json={"username": "fault.worker", "password": PASSWORD})
        assert signed_in.status_code == 200, signed_in.text
        h = Harness(http, signed_in.json()["access_token"], tally, outage)
        victims = []
        for n in range(5):
            data = await h.call(VICTIM, {"i": {"alias": f"fault-victim-{n}"}})
            assert data is not None
            victims.append(data["registerVictim"]["id"])

        stop = asyncio.Event()
        dispatcher_stop = asyncio.Event()
        service_gid = to_global_id("Service", service)
        clients = [asyncio.create_task(_reporter(h, stop, n)) for n in range(3)]
        clients += [asyncio.create_task(_referrer(h, stop, victims[n], service_gid)) for n in range(3)]
        clients += [asyncio.create_task(_consenter(h, stop, victims[3 + n])) for n in range(2)]
        dispatcher = asyncio.create_task(_dispatcher(graph, sender, settings, dispatcher_stop))

        await asyncio.sleep(WRITE_SECONDS_BEFORE)
        acknowledged_before_kill = len(tally.acknowledged) + tally.consents_acknowledged
        _kill(config)
        outage["down"] = time.monotonic()
        await asyncio.sleep(DOWN_SECONDS)
        await asyncio.to_thread(neo4j_server.start, config, progress=False)
        restarted_at = time.monotonic()
        outage["up"] = restarted_at
        await asyncio.wait_for(h.recovered.wait(), timeout=RECOVERY_LIMIT_S)
        recovered_at = tally.last_success
        await asyncio.sleep(WRITE_SECONDS_AFTER)
        stop.set()
        await asyncio.wait_for(asyncio.gather(*clients), timeout=120)
        ready = await http.get("/readyz")

    # Let the dispatcher drain the outbox, then stop it.
    for _ in range(300):
        pending = [d for d in await db.deliveries(graph) if d["status"] in ("PENDING", "SENDING")]
        if not pending:
            break
        await asyncio.sleep(0.2)
    dispatcher_stop.set()
    await asyncio.wait_for(dispatcher, timeout=30)
    await sender.aclose()

    found = await db.presence(graph, list(tally.acknowledged) + list(tally.unacknowledged))
    deliveries = await db.deliveries(graph)
    consents_stored = await db.consent_count(graph)
    await driver.close()

    acknowledged = len(tally.acknowledged) + tally.consents_acknowledged
    figures: dict[str, object] = {
        "writes_acknowledged": acknowledged,
        "acknowledged_before_kill": acknowledged_before_kill,
        "acknowledged_found_after_restart": sum(1 for i in tally.acknowledged if found[i] == (True, True))
        + min(consents_stored, tally.consents_acknowledged),
        "unacknowledged": len(tally.unacknowledged),
        "unacknowledged_complete": sum(1 for i in tally.unacknowledged if found[i] == (True, True)),
        "unacknowledged_absent": sum(1 for i in tally.unacknowledged if not found[i][0]),
        "answers_during_outage": dict(tally.answered_during_outage),
        "statuses": dict(tally.statuses),
        "error_codes": dict(tally.codes),
        "neo4j_down_s": round(restarted_at - (outage["down"] or restarted_at), 1),
        "recovery_after_restart_s": round(recovered_at - restarted_at, 2),
        "deliveries": len(deliveries),
        "pushes_sent_twice": sum(1 for count in push.sent.values() if count > 1),
    }
    print("\nfault harness figures:", json.dumps(figures))
    (tmp_path / "fault-figures.json").write_text(json.dumps(figures, indent=2))

    # Every acknowledged write is there, complete.
    assert [i for i in tally.acknowledged if found[i] != (True, True)] == []
    assert consents_stored >= tally.consents_acknowledged
    # An unacknowledged write is complete or absent, never half-written.
    assert [i for i in tally.unacknowledged if found[i] == (True, False)] == []
    # While Neo4j could not be reached the API said so with 503 (UNAVAILABLE), and never answered 500. The 503s
    # are counted over the whole run: a request's answer can land just after the restart mark on a slow machine.
    assert tally.statuses[503] > 0 and tally.codes["UNAVAILABLE"] == tally.statuses[503]
    assert tally.statuses[500] == 0 and tally.codes["INTERNAL_SERVER_ERROR"] == 0
    # It recovered by itself, without a restart of the API.
    assert recovered_at > restarted_at
    assert ready.status_code == 200
    assert acknowledged > acknowledged_before_kill
    # The dispatcher lost nothing and sent nothing twice.
    assert [d for d in deliveries if d["status"] != "SENT"] == []
    assert sorted(push.sent) == sorted(d["id"] for d in deliveries if d["channel"] == "PUSH")
    assert figures["pushes_sent_twice"] == 0
    assert {from_global_id(v)[0] for v in victims} == {"Victim"}


def _serve(settings_env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """`himaya serve` in its own process (the API worker the next test kills)."""
    env = {**os.environ, **settings_env}
    return subprocess.Popen([str(PROJECT_ROOT / ".venv" / "bin" / "himaya"), "serve", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


async def _until_ready(base: str, limit_s: float = 120.0) -> None:
    async with httpx.AsyncClient(base_url=base) as http:
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if (await http.get("/readyz", timeout=5)).status_code == 200:
                    return
            await asyncio.sleep(0.5)
    raise AssertionError("the API did not become ready")


async def test_an_api_worker_killed_mid_request_leaves_no_partial_state(
        fault_neo4j: neo4j_server.Neo4jConfig, tmp_path: Path) -> None:
    config = fault_neo4j
    password = neo4j_server.read_password(config)
    assert password
    env = {"HIMAYA_ENVIRONMENT": "test", "HIMAYA_STATE_DIR": str(tmp_path / "state"), "HIMAYA_NEO4J_URI": config.uri,
           "HIMAYA_NEO4J_PASSWORD": password, "HIMAYA_PUBLIC_INTAKE_PER_CLIENT": "100000/minute"}
    driver = create_driver(config.uri, "neo4j", password, pool_size=10)
    graph = Graph(driver, "neo4j")
    await migrate(graph)
    await load_reference(graph)
    port = neo4j_server.free_port()
    base = f"http://127.0.0.1:{port}"
    worker = _serve(env, port)
    tally = Tally()
    try:
        await _until_ready(base)
        async with httpx.AsyncClient(base_url=base) as http:
            h = Harness(http, "", tally, {"down": None, "up": None})
            stop = asyncio.Event()
            reporters = [asyncio.create_task(_reporter(h, stop, n)) for n in range(8)]
            await asyncio.sleep(3.0)
            os.killpg(worker.pid, signal.SIGKILL)  # mid-request: eight clients are writing
            worker.wait(timeout=30)
            await asyncio.sleep(1.0)
            stop.set()
            await asyncio.wait_for(asyncio.gather(*reporters), timeout=60)
        found = await db.presence(graph, list(tally.acknowledged) + list(tally.unacknowledged))
        partial = [i for i in list(tally.acknowledged) + list(tally.unacknowledged) if found[i] == (True, False)]
        print("\nworker kill figures:", json.dumps({
            "acknowledged": len(tally.acknowledged), "unacknowledged": len(tally.unacknowledged),
            "unacknowledged_complete": sum(1 for i in tally.unacknowledged if found[i] == (True, True)),
            "transport_errors": tally.codes["transport"]}))
        assert tally.acknowledged and tally.codes["transport"] > 0
        assert [i for i in tally.acknowledged if found[i] != (True, True)] == []
        assert partial == []
        # Another worker takes over; a client sending its unanswered write again gets it made once.
        worker = _serve(env, port)
        await _until_ready(base)
        async with httpx.AsyncClient(base_url=base) as http:
            h = Harness(http, "", tally, {"down": None, "up": None})
            for client_id in list(tally.unacknowledged):
                await h.call(SUBMIT, {"i": {"channel": "PUBLIC", "narrative": "sent again", "governorate": "TN-11",
                                            "clientId": client_id}}, signed_in=False)
                again = await db.presence(graph, [client_id])
                assert again[client_id] == (True, True)  # made now, or made (completely) before the kill
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        await driver.close()
