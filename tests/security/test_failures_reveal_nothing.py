"""When something fails inside, the caller learns nothing and nothing is half-done.

Each failure is made in the real database (a stray audit event at the next sequence number, a uniqueness
constraint no migration has), never by replacing our code: no audit record means no identity; a victim whose
identity cannot be written is not recorded at all; the unexpected error answers a generic message with the
request id, and no stack trace, Cypher, label, property or value.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.audit.chain import GENESIS
from graph.access.scope import Role
from graph.db import Graph
from tests.security import repository as security_repo
from tests.support import principals
from tests.support.principals import Member

REGISTER = """
mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id alias } }
"""
IDENTITY = """
query($id: ID!) { victimIdentity(victimId: $id, reason: "Vérification avant audience") { fullName documentNumber } }
"""
FULL_NAME = "Leila Ben Salah"
DOCUMENT = "TN-X9981234"


async def _post(client: httpx.AsyncClient, app: FastAPI, who: Member, query: str,
                variables: dict[str, Any]) -> httpx.Response:
    return await client.post("/graphql", json={"query": query, "variables": variables},
                             headers={**principals.bearer(app, who), "Accept-Language": "en"})


@pytest.fixture
async def people(graph: Graph) -> tuple[Member, Member]:
    ngo = await principals.organization(graph, "FAIL-NGO", "TN-11")
    authority = await principals.organization(graph, "INLTP", "TN-11", kind="NATIONAL_AUTHORITY")
    return (await principals.member(graph, ngo, Role.CASE_WORKER),
            await principals.member(graph, authority, Role.COORDINATOR))


@pytest.fixture
async def name_constraint(graph: Graph) -> AsyncIterator[None]:
    await security_repo.schema_statement(graph, security_repo.CREATE_IDENTITY_NAME_CONSTRAINT)
    try:
        yield
    finally:
        await security_repo.schema_statement(graph, security_repo.DROP_IDENTITY_NAME_CONSTRAINT)


def _register(alias: str) -> dict[str, Any]:
    return {"input": {"alias": alias, "identity": {"fullName": FULL_NAME, "documentNumber": DOCUMENT}}}


async def test_no_audit_record_no_identity(client: httpx.AsyncClient, app: FastAPI, graph: Graph,
                                           people: tuple[Member, Member]) -> None:
    worker, coordinator = people
    registered = await _post(client, app, worker, REGISTER, _register("V-AUDIT"))
    victim = registered.json()["data"]["registerVictim"]["id"]
    read = await _post(client, app, coordinator, IDENTITY, {"id": victim})
    assert read.json() == {"data": {"victimIdentity": {"fullName": FULL_NAME, "documentNumber": DOCUMENT}}}

    await security_repo.plant_stray_audit_event(graph, GENESIS)
    refused = await _post(client, app, coordinator, IDENTITY, {"id": victim})
    body = refused.json()
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAVAILABLE"]
    assert FULL_NAME not in refused.text and DOCUMENT not in refused.text
    assert await security_repo.audit_outcomes(graph, "victimIdentity") == ["OK"]  # only the first read

    await security_repo.remove_stray_audit_event(graph)
    again = await _post(client, app, coordinator, IDENTITY, {"id": victim})
    assert again.json()["data"]["victimIdentity"]["fullName"] == FULL_NAME
    assert await security_repo.audit_outcomes(graph, "victimIdentity") == ["OK", "OK"]


async def test_a_victim_whose_identity_cannot_be_written_is_not_recorded_and_the_error_reveals_nothing(
        client: httpx.AsyncClient, app: FastAPI, graph: Graph, people: tuple[Member, Member],
        name_constraint: None, caplog: pytest.LogCaptureFixture) -> None:
    worker, _ = people
    first = await _post(client, app, worker, REGISTER, _register("V-FIRST"))
    assert first.json()["data"]["registerVictim"]["alias"] == "V-FIRST"
    before = await security_repo.count_labels(graph, ["Victim", "Identity", "DataKey"])
    assert before == {"Victim": 1, "Identity": 1, "DataKey": 1}

    failed = await _post(client, app, worker, REGISTER, _register("V-SECOND"))
    assert failed.status_code == 200
    body = failed.json()
    assert body["data"] is None
    [error] = body["errors"]
    assert error["message"] == "An internal error occurred. Please try again later."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR",
                                   "requestId": failed.headers["x-request-id"]}
    for inside in ("Traceback", "Neo", "Constraint", "constraint", "Identity", "nameIndex", "MATCH", "CREATE",
                   "$", "V-SECOND", FULL_NAME, DOCUMENT, "test_identity_name_once", ".py"):
        assert inside not in failed.text, inside
    # Nothing half-written: no second victim without its identity, no orphan key.
    assert await security_repo.count_labels(graph, ["Victim", "Identity", "DataKey"]) == before
    # The failure is logged for the operators, under the same request id.
    assert any(r.name == "himaya.graphql" and r.levelname == "ERROR" for r in caplog.records)
