"""Idempotency-Key while another attempt holds the key (409 IDEMPOTENCY_KEY_IN_USE, nothing done), and the key
taken again once that attempt failed: the retry runs the mutation afresh instead of replaying the failure."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from api.idempotency.middleware import request_hash
from api.protection import protection_of
from graph.access.scope import Role
from graph.db import Graph
from graph.idempotency import repository as idempotency
from tests.api.casework import repository as casework_db
from tests.contracts import repository as db
from tests.security.conftest import ClientFactory, MakeAccount, bearer, tokens_of

REGISTER = "mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id alias } }"
SUBMIT = "mutation($input: SubmitReportInput!) { submitReport(input: $input) { reference receipt } }"


def _scoped_key(principal: str, key: str) -> str:
    key_hash = hashlib.sha256(key.encode()).hexdigest()
    return hashlib.sha256(f"{principal}\n{key_hash}".encode()).hexdigest()


async def test_a_key_held_by_another_attempt_answers_409_until_that_attempt_lets_go(
        client_with: ClientFactory, graph: Graph, make_account: MakeAccount) -> None:
    worker = await make_account("worker.inuse", Role.CASE_WORKER)
    body: dict[str, Any] = {"query": REGISTER, "variables": {"input": {"alias": "Amal"}}}
    key, principal, claim = "held-by-another-process", f"user:{worker.id}", uuid.uuid4().hex
    # Another API process has claimed the key for the same request and is still running it.
    held = await idempotency.claim(graph, scoped_key=_scoped_key(principal, key), principal=principal,
                                   key_hash=hashlib.sha256(key.encode()).hexdigest(),
                                   request_hash=request_hash(body), claim_id=claim, ttl_seconds=3600)
    assert held["claimed"] is True
    async with client_with(idempotency_wait_seconds=0.3) as (_, http):
        headers = {**bearer((await tokens_of(http, worker))["access_token"]), "Idempotency-Key": key,
                   "Accept-Language": "en"}
        busy = await http.post("/graphql", json=body, headers=headers)
        assert busy.status_code == 409
        [error] = busy.json()["errors"]
        assert error["extensions"]["code"] == "IDEMPOTENCY_KEY_IN_USE"
        assert await casework_db.count(graph, "Victim") == 0
        # That attempt fails and lets go of the key: the retry runs the mutation itself.
        await idempotency.release(graph, scoped_key=_scoped_key(principal, key), claim_id=claim)
        retried = await http.post("/graphql", json=body, headers=headers)
        assert retried.status_code == 200
        assert retried.json()["data"]["registerVictim"]["alias"] == "Amal"
        assert "idempotent-replayed" not in retried.headers
    assert await casework_db.count(graph, "Victim") == 1
    [record] = await db.idempotency_records(graph)
    assert record["status"] == "DONE"


async def test_a_request_refused_for_a_limit_is_not_kept_and_its_retry_runs_afresh(
        client_with: ClientFactory, graph: Graph) -> None:
    report = {"channel": "PUBLIC", "narrative": "Des enfants vendent des mouchoirs pour un adulte à Sousse.",
              "governorate": "TN-51"}
    body = {"query": SUBMIT, "variables": {"input": report}}
    async with client_with(public_intake_per_client="1/10 minutes") as (app, http):
        intake = protection_of(app.state.himaya.settings).intake
        intake.reset()
        first = await http.post("/graphql", json=body, headers={"Idempotency-Key": "first-report"})
        assert first.json()["data"]["submitReport"]["receipt"]
        limited = await http.post("/graphql", json=body, headers={"Idempotency-Key": "second-report"})
        assert limited.status_code == 429
        assert [e["extensions"]["code"] for e in limited.json()["errors"]] == ["RATE_LIMITED"]
        assert await casework_db.count(graph, "Report") == 1
        assert len(await db.idempotency_records(graph)) == 1  # the refusal was not kept
        intake.reset()  # a new window
        retried = await http.post("/graphql", json=body, headers={"Idempotency-Key": "second-report"})
        assert retried.status_code == 200
        assert "idempotent-replayed" not in retried.headers
        assert retried.json()["data"]["submitReport"]["receipt"] != first.json()["data"]["submitReport"]["receipt"]
    assert await casework_db.count(graph, "Report") == 2
