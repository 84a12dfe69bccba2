"""Persisted operations over HTTP: ids stand for documents; mobile clients may send nothing else."""

from __future__ import annotations

from typing import Any

import httpx

from api.protection import protection_for
from api.settings import Environment, Settings
from graph.access.scope import Role
from graph.db import Graph
from tests.api.casework import repository as casework_db
from tests.contracts.support import operation
from tests.security.conftest import ClientFactory, MakeAccount, bearer, tokens_of

PUBLIC_REPORT = {"input": {"channel": "PUBLIC", "narrative": "Une jeune fille travaille sans salaire chez des voisins.",
                           "governorate": "TN-11"}}
FREE_FORM = {"query": "{ governorates { code } }"}


def _code(response: httpx.Response) -> str:
    body: dict[str, Any] = response.json()
    return str(body["errors"][0]["extensions"]["code"])


async def test_an_id_runs_its_document(client: httpx.AsyncClient, graph: Graph, settings: Settings) -> None:
    protection_for(settings.state_dir).intake.reset()
    submit = operation("SubmitReport")
    response = await client.post("/graphql", json={"id": submit.sha256, "variables": PUBLIC_REPORT})
    assert response.status_code == 200, response.text
    payload = response.json()["data"]["submitReport"]
    assert payload["reference"].startswith("SIG-") and len(payload["receipt"]) == 16
    assert await casework_db.count(graph, "Report") == 1


async def test_the_apollo_style_hash_works_too(client: httpx.AsyncClient, graph: Graph, settings: Settings) -> None:
    protection_for(settings.state_dir).intake.reset()
    submit = operation("SubmitReport")
    body = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": submit.sha256}}, "variables": PUBLIC_REPORT}
    response = await client.post("/graphql", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["submitReport"]["reference"].startswith("SIG-")


async def test_an_unknown_id_is_refused_in_the_callers_language(client: httpx.AsyncClient, graph: Graph) -> None:
    for wanted in ["0" * 64, 12, None, ""]:
        response = await client.post("/graphql", json={"id": wanted, "variables": PUBLIC_REPORT},
                                     headers={"Accept-Language": "ar"})
        assert response.status_code == 400
        assert _code(response) == "PERSISTED_QUERY_NOT_FOUND"
        assert response.json()["errors"][0]["message"] == "عملية محفوظة غير معروفة: يرجى تحديث التطبيق."
    assert await casework_db.count(graph, "Report") == 0


async def test_free_form_queries_stay_open_when_not_enforced(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=FREE_FORM, headers={"X-Himaya-Client": "mobile"})
    assert response.status_code == 200 and len(response.json()["data"]["governorates"]) == 24


def test_production_enforces_by_default(settings: Settings) -> None:
    assert settings.enforces_persisted_operations is False
    production = settings.model_copy(update={"environment": Environment.PRODUCTION})
    assert production.enforces_persisted_operations is True
    assert production.model_copy(update={"persisted_operations_required": False}).enforces_persisted_operations \
        is False


async def test_mobile_clients_may_send_only_persisted_ids(client_with: ClientFactory, make_account: MakeAccount,
                                                          graph: Graph) -> None:
    worker = await make_account("field.worker", Role.CASE_WORKER)
    coordinator = await make_account("desk.coordinator", Role.COORDINATOR, with_totp=False)
    async with client_with(environment=Environment.PRODUCTION) as (_, http):
        # Declared mobile: refused, even without a token.
        declared = await http.post("/graphql", json=FREE_FORM, headers={"X-Himaya-Client": "mobile"})
        assert declared.status_code == 400 and _code(declared) == "PERSISTED_QUERY_REQUIRED"

        # A field role's token makes the caller mobile whatever the headers say.
        worker_token = (await tokens_of(http, worker))["access_token"]
        free = await http.post("/graphql", json={"query": "{ cases { totalCount } }"}, headers=bearer(worker_token))
        assert free.status_code == 400 and _code(free) == "PERSISTED_QUERY_REQUIRED"
        mutation = await http.post("/graphql", json={"query": operation("RegisterVictim").document,
                                                     "variables": {"input": {"alias": "X"}}},
                                   headers=bearer(worker_token))
        assert mutation.status_code == 400 and _code(mutation) == "PERSISTED_QUERY_REQUIRED"
        assert await casework_db.count(graph, "Victim") == 0

        # The same worker with persisted ids is served.
        caseload = await http.post("/graphql", json={"id": operation("MyCaseload").sha256, "variables": {}},
                                   headers=bearer(worker_token))
        assert caseload.status_code == 200, caseload.text
        assert caseload.json()["data"]["cases"]["totalCount"] == 0

        # Desk tools (a coordinator's token, no mobile header) and the public web form keep free-form queries.
        coordinator_token = (await tokens_of(http, coordinator))["access_token"]
        desk = await http.post("/graphql", json={"query": "{ cases { totalCount } }"},
                               headers=bearer(coordinator_token))
        assert desk.status_code == 200 and desk.json()["data"]["cases"]["totalCount"] == 0
        public = await http.post("/graphql", json=FREE_FORM)
        assert public.status_code == 200 and len(public.json()["data"]["governorates"]) == 24
