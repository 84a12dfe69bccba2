"""Production hides what helps an attacker map the API: introspection, suggestions, GraphiQL, docs."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from api.app import create_app
from api.settings import Environment, Settings
from graph.db import Graph


@pytest.fixture
async def production_client(settings: Settings, graph: Graph) -> AsyncIterator[httpx.AsyncClient]:
    production = settings.model_copy(update={"environment": Environment.PRODUCTION, "log_json": True})
    app = create_app(production)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            yield client


async def test_introspection_is_off(production_client: httpx.AsyncClient) -> None:
    response = await production_client.post("/graphql", json={"query": "{ __schema { types { name } } }"})
    body = response.json()
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["GRAPHQL_VALIDATION_FAILED"] * 2
    assert body["errors"][0]["message"] == ("GraphQL introspection has been disabled, but the requested query "
                                            "contained the field '__schema'.")


async def test_field_suggestions_are_hidden(production_client: httpx.AsyncClient) -> None:
    response = await production_client.post("/graphql", json={"query": "{ governorate { code } }"})
    [error] = response.json()["errors"]
    assert error["message"] == "Cannot query field 'governorate' on type 'Query'."
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_graphiql_and_docs_are_off(production_client: httpx.AsyncClient) -> None:
    ide = await production_client.get("/graphql", headers={"Accept": "text/html"})
    assert "graphiql" not in ide.text.lower()
    assert (await production_client.get("/docs")).status_code == 404
    assert (await production_client.get("/openapi.json")).status_code == 404


async def test_hsts_is_sent(production_client: httpx.AsyncClient) -> None:
    response = await production_client.get("/healthz")
    assert "max-age" in response.headers["strict-transport-security"]
