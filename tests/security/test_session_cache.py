"""The remembered session check: no Cypher for a recent check, revocations seen here at once and elsewhere within
HIMAYA_SESSION_CHECK_CACHE_SECONDS (another process is played by the repositories it would call)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from api.auth import passwords
from api.users import rules as account_rules
from graph.access.scope import Role, Scope
from graph.db import Graph, count_round_trips
from graph.sessions import repository as sessions
from graph.users import repository as users
from tests.security import repository as security_repo
from tests.security.conftest import (
    ME,
    Account,
    ClientFactory,
    MakeAccount,
    assert_unauthenticated,
    bearer,
    tokens_of,
)

SHORT = 0.5  # seconds a check is remembered in the tests that wait for it to lapse
ADMIN = Scope(user_id="platform-admin", role=Role.ADMIN, organization_id=None)


async def _logout_elsewhere(graph: Graph, account: Account, session_id: str) -> None:
    await sessions.revoke_session(graph, session_id, account.id)


async def _password_changed_elsewhere(graph: Graph, account: Account, session_id: str) -> None:
    await users.change_password(graph, account.id, await passwords.hash_password_async("another long passphrase"))


async def _disabled_elsewhere(graph: Graph, account: Account, session_id: str) -> None:
    await users.disable_user(graph, account.username)


Revocation = Callable[[Graph, Account, str], Awaitable[None]]
ELSEWHERE: list[Revocation] = [_logout_elsewhere, _password_changed_elsewhere, _disabled_elsewhere]


async def test_a_recent_check_is_remembered_without_a_round_trip(client_with: ClientFactory,
                                                                 account: Account) -> None:
    async with client_with(session_check_cache_seconds=5) as (_, client):
        access = (await tokens_of(client, account))["access_token"]
        async with count_round_trips() as first:
            assert (await client.get(ME, headers=bearer(access))).json()["user_id"] == account.id
        async with count_round_trips() as again:
            assert (await client.get(ME, headers=bearer(access))).json()["user_id"] == account.id
    assert (first.count, again.count) == (1, 0)


@pytest.mark.parametrize("revoke", ELSEWHERE, ids=["logout", "password-change", "disabled"])
async def test_a_revocation_in_another_process_takes_effect_within_the_delay(
        client_with: ClientFactory, graph: Graph, account: Account, revoke: Revocation) -> None:
    async with client_with(session_check_cache_seconds=SHORT) as (_, client):
        tokens = await tokens_of(client, account)
        assert (await client.get(ME, headers=bearer(tokens["access_token"]))).status_code == 200
        [session] = await _sessions(graph, account)
        await revoke(graph, account, session)
        assert_unauthenticated(await client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]}))
        await asyncio.sleep(SHORT + 0.2)
        assert_unauthenticated(await client.get(ME, headers=bearer(tokens["access_token"])))
        assert_unauthenticated(await client.post("/graphql", json={"query": "{ serverInfo { name } }"},
                                                 headers=bearer(tokens["access_token"])))


@pytest.mark.parametrize("revoke", ELSEWHERE, ids=["logout", "password-change", "disabled"])
async def test_without_the_memory_a_revocation_elsewhere_takes_effect_at_once(
        client_with: ClientFactory, graph: Graph, account: Account, revoke: Revocation) -> None:
    async with client_with(session_check_cache_seconds=0) as (_, client):
        tokens = await tokens_of(client, account)
        assert (await client.get(ME, headers=bearer(tokens["access_token"]))).status_code == 200
        [session] = await _sessions(graph, account)
        await revoke(graph, account, session)
        assert_unauthenticated(await client.get(ME, headers=bearer(tokens["access_token"])))


async def test_revocations_made_in_this_process_take_effect_at_once_however_long_the_memory(
        client_with: ClientFactory, graph: Graph, make_account: MakeAccount) -> None:
    async with client_with(session_check_cache_seconds=60) as (_, client):
        leaving = await make_account("sami.leaving")
        resetting = await make_account("rania.resetting")
        logging_out = await make_account("nour.logout")
        remembered = {who.username: (await tokens_of(client, who))["access_token"]
                      for who in (leaving, resetting, logging_out)}
        for access in remembered.values():
            assert (await client.get(ME, headers=bearer(access))).status_code == 200
        await account_rules.disable_account(graph, ADMIN, leaving.id)
        await account_rules.reset_totp(graph, ADMIN, resetting.id, 24)
        assert (await client.post("/auth/logout", headers=bearer(remembered["nour.logout"]))).status_code == 204
        for access in remembered.values():
            assert_unauthenticated(await client.get(ME, headers=bearer(access)))


async def _sessions(graph: Graph, account: Account) -> list[str]:
    return [str(s["id"]) for s in await security_repo.sessions_of_user(graph, account.id)]
