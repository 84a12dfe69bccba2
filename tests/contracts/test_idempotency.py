"""Idempotency-Key on mutations: one effect per key, the first answer replayed, keys scoped and expiring."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from api.protection import protection_for
from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph
from graph.idempotency import repository as idempotency
from tests.api.casework import repository as casework_db
from tests.contracts import repository as db
from tests.contracts.support import operation
from tests.security.conftest import MakeAccount, bearer, tokens_of

REGISTER = operation("RegisterVictim")


def register(alias: str) -> dict[str, Any]:
    return {"id": REGISTER.sha256, "variables": {"input": {"alias": alias, "sex": "FEMALE"}}}


async def _worker_headers(client: httpx.AsyncClient, make_account: MakeAccount, username: str = "worker.one",
                          ) -> dict[str, str]:
    account = await make_account(username, Role.CASE_WORKER)
    return bearer((await tokens_of(client, account))["access_token"])


async def test_a_retry_replays_the_first_answer(client: httpx.AsyncClient, graph: Graph,
                                                make_account: MakeAccount) -> None:
    headers = {**await _worker_headers(client, make_account), "Idempotency-Key": "0b7c1d3e-retry"}
    first = await client.post("/graphql", json=register("Amal"), headers=headers)
    assert first.status_code == 200, first.text
    again = await client.post("/graphql", json=register("Amal"), headers=headers)
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert await casework_db.count(graph, "Victim") == 1


async def test_the_same_key_with_another_body_is_refused(client: httpx.AsyncClient, graph: Graph,
                                                         make_account: MakeAccount) -> None:
    headers = {**await _worker_headers(client, make_account), "Idempotency-Key": "key-reused"}
    assert (await client.post("/graphql", json=register("Amal"), headers=headers)).status_code == 200
    other = await client.post("/graphql", json=register("Salma"), headers={**headers, "Accept-Language": "en"})
    assert other.status_code == 422
    error = other.json()["errors"][0]
    assert error["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert error["message"] == "This Idempotency-Key was already used for a different request."
    assert await casework_db.count(graph, "Victim") == 1


async def test_twenty_concurrent_requests_take_effect_once(client: httpx.AsyncClient, graph: Graph,
                                                           make_account: MakeAccount) -> None:
    headers = {**await _worker_headers(client, make_account), "Idempotency-Key": "burst-of-twenty"}
    responses = await asyncio.gather(*[client.post("/graphql", json=register("Amal"), headers=headers)
                                       for _ in range(20)])
    assert [r.status_code for r in responses] == [200] * 20
    ids = {r.json()["data"]["registerVictim"]["id"] for r in responses}
    assert len(ids) == 1
    assert sum(1 for r in responses if "idempotent-replayed" not in r.headers) == 1
    assert await casework_db.count(graph, "Victim") == 1
    assert len(await db.idempotency_records(graph)) == 1


async def test_another_users_key_replays_nothing(client: httpx.AsyncClient, graph: Graph,
                                                 make_account: MakeAccount) -> None:
    first = await _worker_headers(client, make_account, "worker.one")
    second = await _worker_headers(client, make_account, "worker.two")
    key = {"Idempotency-Key": "shared-key"}
    mine = await client.post("/graphql", json=register("Amal"), headers={**first, **key})
    theirs = await client.post("/graphql", json=register("Amal"), headers={**second, **key})
    assert "idempotent-replayed" not in theirs.headers
    assert mine.json()["data"]["registerVictim"]["id"] != theirs.json()["data"]["registerVictim"]["id"]
    assert await casework_db.count(graph, "Victim") == 2


async def test_anonymous_reports_replay_without_storing_the_receipt(client: httpx.AsyncClient, graph: Graph,
                                                                    settings: Settings) -> None:
    protection_for(settings.state_dir).intake.reset()
    body = {"id": operation("SubmitReport").sha256, "variables": {"input": {
        "channel": "PUBLIC", "narrative": "Des enfants mendient pour un adulte au marché.", "governorate": "TN-61"}}}
    headers = {"Idempotency-Key": "public-report-7f3a"}
    first = await client.post("/graphql", json=body, headers=headers)
    again = await client.post("/graphql", json=body, headers=headers)
    receipt = first.json()["data"]["submitReport"]["receipt"]
    assert again.json()["data"]["submitReport"]["receipt"] == receipt
    assert await casework_db.count(graph, "Report") == 1
    [record] = await db.idempotency_records(graph)
    assert record["principal"] == "anonymous" and record["status"] == "DONE"
    stored = " ".join(str(value) for value in record.values())
    assert receipt not in stored and "public-report-7f3a" not in stored


async def test_expired_keys_are_forgotten_and_purged(client: httpx.AsyncClient, graph: Graph,
                                                     make_account: MakeAccount) -> None:
    headers = {**await _worker_headers(client, make_account), "Idempotency-Key": "old-key"}
    await client.post("/graphql", json=register("Amal"), headers=headers)
    await db.expire_idempotency_records(graph)
    # A day later the key means nothing: another body is a new request, not a reuse.
    fresh = await client.post("/graphql", json=register("Salma"), headers=headers)
    assert fresh.status_code == 200 and "idempotent-replayed" not in fresh.headers
    assert await casework_db.count(graph, "Victim") == 2
    await db.expire_idempotency_records(graph)
    assert await idempotency.purge_expired(graph) == 1
    assert await db.idempotency_records(graph) == []


async def test_a_purge_racing_the_reuse_of_an_expired_key_never_refuses_it(
        client: httpx.AsyncClient, graph: Graph, make_account: MakeAccount) -> None:
    headers = {**await _worker_headers(client, make_account), "Idempotency-Key": "racing-key"}
    first = await client.post("/graphql", json=register("Round0"), headers=headers)
    assert first.status_code == 200, first.text
    for round_number in range(1, 9):
        await db.expire_idempotency_records(graph)
        _, fresh = await asyncio.gather(idempotency.purge_expired(graph),
                                        client.post("/graphql", json=register(f"Round{round_number}"),
                                                    headers=headers))
        assert fresh.status_code == 200, fresh.text
        assert "idempotent-replayed" not in fresh.headers
    assert await casework_db.count(graph, "Victim") == 9


async def test_bad_keys_are_refused_and_nothing_is_written(client: httpx.AsyncClient, graph: Graph,
                                                           make_account: MakeAccount) -> None:
    auth = await _worker_headers(client, make_account)
    for bad in ["x" * 256, "has space", "clé"]:
        response = await client.post("/graphql", json=register("Amal"),
                                     headers={**auth, "Idempotency-Key": bad.encode()})  # type: ignore[dict-item]
        assert response.status_code == 400
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert await casework_db.count(graph, "Victim") == 0
    assert await db.idempotency_records(graph) == []


async def test_queries_ignore_the_key(client: httpx.AsyncClient, graph: Graph, make_account: MakeAccount) -> None:
    headers = {**await _worker_headers(client, make_account), "Idempotency-Key": "a-query"}
    response = await client.post("/graphql", json={"id": operation("MyCaseload").sha256}, headers=headers)
    assert response.status_code == 200 and response.json()["data"]["cases"]["totalCount"] == 0
    assert await db.idempotency_records(graph) == []
