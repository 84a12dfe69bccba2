"""The benchmarked operations: each over HTTP against the real server, and as its Cypher floor.

The floor runs the same repository functions (the Cypher constants of graph/<domain>/repository.py) the API
runs for that operation, with the same parameters, straight through the Neo4j driver: no HTTP, no GraphQL,
no authentication. Where the API needs several round trips (DataLoaders), the floor makes the same ones.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from api.graphql.relay import to_global_id
from api.protection import protection_for
from api.referrals.rules import ReferralStatus, allowed_from
from api.reports import rules as report_rules
from api.sync.rules import MAX_SEQ, encode_sync_cursor, permitted_types
from graph.access.scope import Role, Scope
from graph.assistance import repository as assistance
from graph.cases import repository as cases
from graph.db import Graph
from graph.referrals import repository as referrals
from graph.reports import repository as reports
from graph.services import repository as services
from graph.sync import repository as sync
from seed import names
from seed.bench_report import Sample
from seed.synthetic import EPOCH

CATEGORY_SETS = (["SHELTER"], ["MEDICAL"], ["PSYCHOSOCIAL"], ["MEDICAL", "PSYCHOSOCIAL", "SHELTER"])
TOKEN_MAX_AGE_S = 600.0  # access tokens live 15 minutes at most: sign in again well before
OFFLINE_FOR = dt.timedelta(days=7)

FIND_ASSISTANCE = """
query Find($caseId: ID!, $categories: [ServiceCategory!]!) {
  findAssistance(caseId: $caseId, categories: $categories, first: 10) {
    score distanceKm availableCapacity needsConsent reasons service { id name category }
  }
}"""

CASELOAD = """
query Caseload {
  cases(first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id reference status openedAt updatedAt version
      owner { id code name }
      victim { id alias sex ageBand minor nationality }
      referrals { id status urgency updatedAt service { id name category organization { id code name } } }
    } }
  }
}"""

CREATE_REFERRAL = """
mutation Refer($input: CreateReferralInput!) { createReferral(input: $input) { id status } }"""

ACCEPT_REFERRAL = """
mutation Accept($input: RespondToReferralInput!) { respondToReferral(input: $input) { id status } }"""

SUBMIT_REPORT = """
mutation Report($input: SubmitReportInput!) { submitReport(input: $input) { reference receipt } }"""

DELTA_SYNC = """
query Sync($since: String) {
  changes(since: $since, first: 100) {
    cases { id status updatedAt version }
    victims { id alias updatedAt }
    referrals { id status updatedAt version }
    services { id name status updatedAt: version }
    organizations { id code version }
    reports { id }
    tombstones { id type at }
    nextCursor hasMore
  }
}"""


class BenchFailure(RuntimeError):
    """An operation did not succeed (HTTP error, GraphQL error or an unexpected outcome)."""


@dataclass(frozen=True)
class BenchUser:
    username: str
    password: str
    scope: Scope


class Tokens:
    """Access tokens of the bench users, from the real POST /auth/login, renewed before they expire."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = asyncio.Lock()

    async def header(self, user: BenchUser) -> dict[str, str]:
        async with self._lock:
            token, at = self._tokens.get(user.username, ("", 0.0))
            if not token or time.monotonic() - at > TOKEN_MAX_AGE_S:
                response = await self.http.post("/auth/login", json={"username": user.username,
                                                                      "password": user.password})
                if response.status_code != 200:
                    raise BenchFailure(f"login of {user.username} failed: {response.status_code} {response.text}")
                token = response.json()["access_token"]
                self._tokens[user.username] = (token, time.monotonic())
        return {"Authorization": f"Bearer {token}"}


@dataclass
class BenchContext:
    graph: Graph
    http: httpx.AsyncClient
    tokens: Tokens
    coordinator: BenchUser
    caseworker: BenchUser
    case_ids: list[str]
    pairs: Iterator[tuple[str, str]]
    state_dir: Any
    counter: Iterator[int] = field(default_factory=itertools.count)
    week_cursor: tuple[int, str] | None = None

    async def graphql(self, query: str, variables: dict[str, Any] | None = None,
                      user: BenchUser | None = None) -> dict[str, Any]:
        headers = await self.tokens.header(user) if user is not None else {}
        response = await self.http.post("/graphql", json={"query": query, "variables": variables or {}},
                                        headers=headers)
        if response.status_code != 200:
            raise BenchFailure(f"HTTP {response.status_code}: {response.text[:300]}")
        body: dict[str, Any] = response.json()
        if body.get("errors"):
            first = body["errors"][0]
            raise BenchFailure(f"{first.get('extensions', {}).get('code')}: {first.get('message')}")
        data: dict[str, Any] = body["data"]
        return data

    def next_pair(self) -> tuple[str, str]:
        try:
            return next(self.pairs)
        except StopIteration:
            raise BenchFailure("no (case, service) pair left for a new referral") from None


Prepared = Any
Step = Callable[[BenchContext, Prepared], Awaitable[None]]
Prepare = Callable[[BenchContext, int], Prepared]


@dataclass(frozen=True)
class Operation:
    name: str
    api: Step
    floor: Step
    prepare_api: Prepare = lambda ctx, i: i
    prepare_floor: Prepare = lambda ctx, i: i
    note: str = ""


# --------------------------------------------------------------------------------------------- findAssistance


def _find_input(ctx: BenchContext, i: int) -> tuple[str, list[str]]:
    return ctx.case_ids[i % len(ctx.case_ids)], CATEGORY_SETS[i % len(CATEGORY_SETS)]


async def find_api(ctx: BenchContext, prepared: tuple[str, list[str]]) -> None:
    case_id, categories = prepared
    await ctx.graphql(FIND_ASSISTANCE, {"caseId": to_global_id("Case", case_id), "categories": categories},
                      ctx.coordinator)


async def find_floor(ctx: BenchContext, prepared: tuple[str, list[str]]) -> None:
    case_id, categories = prepared
    scope = ctx.coordinator.scope
    rows = await assistance.find_assistance(ctx.graph, scope, case_id, sorted(set(categories)), 10)
    if rows is None:
        raise BenchFailure("case not found")
    if rows:
        await services.services_by_id(ctx.graph, scope, [row["serviceId"] for row in rows])


# -------------------------------------------------------------------------------------------------- caseload


async def caseload_api(ctx: BenchContext, _: int) -> None:
    data = await ctx.graphql(CASELOAD, user=ctx.caseworker)
    if not data["cases"]["edges"]:
        raise BenchFailure("empty caseload")


# What CASELOAD selects on each case: the API answers it with this one selection-aware statement (graph/projections).
CASELOAD_FIELDS: dict[str, Any] = {
    "id": {}, "reference": {}, "status": {}, "openedAt": {}, "updatedAt": {}, "version": {},
    "owner": {"id": {}, "code": {}, "name": {}},
    "victim": {"id": {}, "alias": {}, "sex": {}, "ageBand": {}, "minor": {}, "nationality": {}},
    "referrals": {"id": {}, "status": {}, "urgency": {}, "updatedAt": {}, "service": {
        "id": {}, "name": {}, "category": {}, "organization": {"id": {}, "code": {}, "name": {}}}},
}


async def caseload_floor(ctx: BenchContext, _: int) -> None:
    graph, scope = ctx.graph, ctx.caseworker.scope
    _, rows = await cases.list_cases(graph, scope, status=None, after=None, limit=51, fields=CASELOAD_FIELDS)
    if not rows:
        raise BenchFailure("empty caseload")


# ------------------------------------------------------------------------------------ create + accept referral


async def refer_api(ctx: BenchContext, _: int) -> None:
    case_id, service_id = ctx.next_pair()
    created = await ctx.graphql(CREATE_REFERRAL, {"input": {
        "caseId": to_global_id("Case", case_id), "serviceId": to_global_id("Service", service_id),
        "urgency": "PRIORITY", "note": "Benchmark"}}, ctx.coordinator)
    referral_id = created["createReferral"]["id"]
    accepted = await ctx.graphql(ACCEPT_REFERRAL, {"input": {"referralId": referral_id, "accept": True}},
                                 ctx.coordinator)
    if accepted["respondToReferral"]["status"] != "ACCEPTED":
        raise BenchFailure("referral not accepted")


async def refer_floor(ctx: BenchContext, _: int) -> None:
    case_id, service_id = ctx.next_pair()
    scope = ctx.coordinator.scope
    referral_id = str(uuid.uuid4())
    note_key, note_sealed = protection_for(ctx.state_dir).sealer.seal_field(referral_id, "note", "Benchmark")
    row = await referrals.create_referral(ctx.graph, scope, {"id": referral_id, "caseId": case_id,
                                                             "serviceId": service_id, "urgency": "PRIORITY",
                                                             "noteSealed": note_sealed, "noteKey": note_key,
                                                             "alertId": str(uuid.uuid4()),
                                                             "override": False, "overrideCode": None,
                                                             "overrideReason": None})
    if row is None or row["outcome"] != "OK":
        raise BenchFailure(f"createReferral: {row and row['outcome']}")
    now = dt.datetime.now(dt.UTC)
    moved = await referrals.transition_referral(
        ctx.graph, scope, referral_id, actor="PROVIDER", allowed_from=allowed_from(ReferralStatus.ACCEPTED),
        to=ReferralStatus.ACCEPTED.value, fields={"respondedAt": now, "respondedBy": scope.user_id}, reserve=True)
    if moved is None or moved["outcome"] != "OK":
        raise BenchFailure(f"respondToReferral: {moved and moved['outcome']}")


# ------------------------------------------------------------------------------------------- public report


def _report_input(i: int) -> dict[str, Any]:
    governorates = [g["code"] for g in names.governorates()]
    return {"channel": "PUBLIC", "governorate": governorates[i % len(governorates)],
            "narrative": f"Des jeunes travaillent la nuit sans être payés, leurs papiers ont été confisqués ({i}).",
            "place": "Zone industrielle", "exploitationForms": ["FORCED_LABOUR"], "urgency": "ROUTINE",
            "minorsInvolved": i % 5 == 0}


def report_api_input(ctx: BenchContext, i: int) -> dict[str, Any]:
    return _report_input(next(ctx.counter))


async def report_api(ctx: BenchContext, prepared: dict[str, Any]) -> None:
    data = await ctx.graphql(SUBMIT_REPORT, {"input": prepared})
    if not data["submitReport"]["receipt"]:
        raise BenchFailure("no receipt")


def report_floor_input(ctx: BenchContext, i: int) -> tuple[dict[str, Any], dict[str, str]]:
    """What submitReport sends to CREATE_REPORT: validated, sealed and hashed (outside the timing)."""
    raw = _report_input(next(ctx.counter))
    submission = report_rules.ReportSubmission(
        channel=report_rules.ReportChannel.PUBLIC, narrative=raw["narrative"], governorate=raw["governorate"],
        place=raw["place"], occurred_on=None, exploitation_forms=raw["exploitationForms"], indicators=[],
        persons_at_risk=None, minors_involved=raw["minorsInvolved"], urgency=report_rules.ReportUrgency.ROUTINE,
        reporter_contact=None, reporter_agrees_to_share_identity=False)
    clean = report_rules.validate(submission)
    protection = protection_for(ctx.state_dir)
    report_id = str(uuid.uuid4())
    sealed = protection.sealer.seal_subject(report_id, {"narrative": clean["narrative"],
                                                        "reporterContact": clean["reporterContact"]})
    fields = {key: value for key, value in clean.items() if key not in ("narrative", "reporterContact")}
    report = {**fields, "id": report_id, "channel": "PUBLIC", "narrativeSealed": sealed.fields["narrative"],
              "reporterContactSealed": sealed.fields["reporterContact"],
              "receiptHash": protection.receipts.hash(report_rules.new_receipt())}
    key = {"id": sealed.key.key_id, "kekId": sealed.key.kek_id, "wrapped": sealed.key.wrapped}
    return report, key


async def report_floor(ctx: BenchContext, prepared: tuple[dict[str, Any], dict[str, str]]) -> None:
    report, key = prepared
    await reports.create_report(ctx.graph, report, key, {"user": None, "role": None, "org": None})


# ---------------------------------------------------------------------------------------------- delta sync


async def week_offline_cursor(ctx: BenchContext) -> tuple[int, str]:
    """A device last synced a week before the synthetic network's 'now' (its epoch): the position in the change
    sequence it would hold (the seeded records are numbered oldest first), and that cursor."""
    if ctx.week_cursor is None:
        millis = int((EPOCH - OFFLINE_FOR).timestamp() * 1000)
        seq = await sync.sequence_before(ctx.graph, millis) + 1
        ctx.week_cursor = seq, encode_sync_cursor(seq, "")
    return ctx.week_cursor


async def sync_api(ctx: BenchContext, _: int) -> None:
    await ctx.graphql(DELTA_SYNC, {"since": (await week_offline_cursor(ctx))[1]}, ctx.caseworker)


async def sync_floor(ctx: BenchContext, _: int) -> None:
    scope = ctx.caseworker.scope
    types = sorted(t.value for t in permitted_types(scope))
    # The floor reads the page alone (no barrier): one hand-written statement, as for the other workloads.
    await sync.changes(ctx.graph, scope, types=types, after_seq=(await week_offline_cursor(ctx))[0], after_key="",
                       barrier=MAX_SEQ, limit=101)


OPERATIONS: tuple[Operation, ...] = (
    Operation("findAssistance", find_api, find_floor, _find_input, _find_input,
              "coordinator; random open cases; SHELTER, MEDICAL, PSYCHOSOCIAL or all three; service name"),
    Operation("caseload page", caseload_api, caseload_floor,
              note="case worker of the busiest organisation: cases(first: 50) with owner, victim, "
                   "referrals { service { organization } }"),
    Operation("createReferral + accept", refer_api, refer_floor,
              note="coordinator (national: sender and provider); two requests, timed together"),
    Operation("submitReport (PUBLIC)", report_api, report_floor, report_api_input, report_floor_input,
              "anonymous; flood limits raised for the bench server; floor excludes sealing"),
    Operation("delta sync (week offline)", sync_api, sync_floor,
              note="case worker: changes(since: a week before the data's epoch, first: 100)"),
)


def operation_names() -> list[str]:
    return [op.name for op in OPERATIONS]


async def measure(ctx: BenchContext, step: Step, prepare: Prepare, *, requests: int, concurrency: int,
                  max_seconds: float) -> Sample:
    """``requests`` calls by ``concurrency`` workers (stopping early after ``max_seconds``); latencies in ms."""
    sample = Sample()
    indexes = itertools.count()
    started = time.perf_counter()
    deadline = started + max_seconds

    async def worker() -> None:
        while True:
            i = next(indexes)
            if i >= requests or time.perf_counter() > deadline:
                return
            prepared = prepare(ctx, i)
            t0 = time.perf_counter()
            try:
                await step(ctx, prepared)
            except Exception as exc:  # every failure counts as an error of the operation
                sample.errors += 1
                sample.first_error = sample.first_error or f"{type(exc).__name__}: {exc}"[:300]
                continue
            sample.latencies_ms.append((time.perf_counter() - t0) * 1000)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    sample.wall_s = time.perf_counter() - started
    return sample


def role_scope(user_id: str, role: Role, organization_id: str) -> Scope:
    return Scope(user_id=user_id, role=role, organization_id=organization_id)
