"""Fixtures for the security tests: an organization, accounts made through the real rules, signing in."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
import pytest
from fastapi import Depends, FastAPI

from api.app import create_app
from api.auth import accounts as user_rules
from api.deps import get_graphql_context
from api.graphql.context import HimayaContext
from api.settings import Settings
from graph.access.scope import Role
from graph.db import Graph
from tests.security import repository as security_repo

PASSWORD = "correct horse battery staple"
ORG_CODE = "TEST-NGO"


@dataclass(frozen=True)
class Account:
    id: str
    username: str
    password: str
    role: Role
    organization_id: str
    totp_secret: str | None


@pytest.fixture
async def org_id(graph: Graph) -> str:
    identifier = str(uuid.uuid4())
    await security_repo.create_organization(graph, identifier, ORG_CODE)
    return identifier


MakeAccount = Callable[..., Awaitable[Account]]


@pytest.fixture
def make_account(graph: Graph, org_id: str) -> MakeAccount:
    async def make(username: str = "amira.caseworker", role: Role = Role.CASE_WORKER, password: str = PASSWORD,
                   with_totp: bool | None = None) -> Account:
        created = await user_rules.create_user(graph, username=username, password=password, role=role,
                                               organization_code=ORG_CODE, with_totp=with_totp)
        return Account(id=created.id, username=created.username, password=password, role=role,
                       organization_id=created.organization_id, totp_secret=created.totp_secret)

    return make


@pytest.fixture
async def account(make_account: MakeAccount) -> Account:
    return await make_account()


async def login(client: httpx.AsyncClient, username: str, password: str, otp: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"username": username, "password": password}
    if otp is not None:
        body["otp"] = otp
    return await client.post("/auth/login", json=body)


async def tokens_of(client: httpx.AsyncClient, who: Account) -> dict[str, Any]:
    response = await login(client, who.username, who.password)
    assert response.status_code == 200, response.text
    tokens: dict[str, Any] = response.json()
    return tokens


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def unverified_claims(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims


def assert_unauthenticated(response: httpx.Response, code: str = "UNAUTHENTICATED") -> None:
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["error"]["code"] == code
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}


ME = "/__test/me"


def add_scope_probe(app: FastAPI) -> None:
    """A route that answers with the GraphQL context's scope, exactly as resolvers receive it."""
    async def me(context: HimayaContext = Depends(get_graphql_context)) -> dict[str, Any]:
        scope = context.scope
        return {"user_id": scope.user_id, "role": scope.role.value if scope.role else None,
                "organization_id": scope.organization_id}

    app.add_api_route(ME, me, methods=["GET"])


@pytest.fixture
async def probe_client(app: FastAPI, client: httpx.AsyncClient) -> httpx.AsyncClient:
    add_scope_probe(app)
    return client


ClientFactory = Callable[..., Any]


@pytest.fixture
def client_with(settings: Settings, graph: Graph) -> Callable[..., Any]:
    """An app and client built with some settings changed."""

    @asynccontextmanager
    async def build(**changes: Any) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
        application = create_app(settings.model_copy(update=changes))
        async with application.router.lifespan_context(application):
            add_scope_probe(application)
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
                yield application, http

    return build
