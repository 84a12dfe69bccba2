"""Sessions: refresh rotation, reuse detection, logout, disabling and password changes end tokens at once."""

from __future__ import annotations

import httpx

from api.auth import accounts as user_rules
from graph.db import Graph, count_round_trips
from tests.security import repository as security_repo
from tests.security.conftest import ME, PASSWORD, Account, assert_unauthenticated, bearer, login, tokens_of


async def _refresh(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.post("/auth/refresh", json={"refresh_token": token})


async def test_each_login_opens_one_session_that_stores_no_token(probe_client: httpx.AsyncClient, graph: Graph,
                                                                 account: Account) -> None:
    tokens = await tokens_of(probe_client, account)
    sessions = await security_repo.sessions_of_user(graph, account.id)
    assert len(sessions) == 1
    session = sessions[0]
    assert session["family"] and session["userId"] == account.id and session["refreshJti"]
    assert "revokedAt" not in session and session["expiresAt"] is not None
    stored = " ".join(str(value) for value in session.values())
    assert tokens["refresh_token"] not in stored and tokens["access_token"] not in stored


async def test_scope_check_is_one_cypher_round_trip(probe_client: httpx.AsyncClient, account: Account) -> None:
    access = (await tokens_of(probe_client, account))["access_token"]
    async with count_round_trips() as counter:
        response = await probe_client.get(ME, headers=bearer(access))
    assert response.status_code == 200
    assert counter.count == 1


async def test_refresh_rotates_the_pair(probe_client: httpx.AsyncClient, graph: Graph, account: Account) -> None:
    first = await tokens_of(probe_client, account)
    rotated = await _refresh(probe_client, first["refresh_token"])
    assert rotated.status_code == 200
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["token_type"] == "bearer" and 0 < second["expires_in"] <= 900
    me = await probe_client.get(ME, headers=bearer(second["access_token"]))
    assert me.json()["user_id"] == account.id
    third = await _refresh(probe_client, second["refresh_token"])
    assert third.status_code == 200
    assert len(await security_repo.sessions_of_user(graph, account.id)) == 1


async def test_reusing_a_spent_refresh_token_revokes_the_whole_family(probe_client: httpx.AsyncClient,
                                                                      graph: Graph, account: Account) -> None:
    first = await tokens_of(probe_client, account)
    second = (await _refresh(probe_client, first["refresh_token"])).json()
    # The thief replays the first refresh token: refused, and the family ends.
    assert_unauthenticated(await _refresh(probe_client, first["refresh_token"]))
    assert_unauthenticated(await _refresh(probe_client, second["refresh_token"]))
    assert_unauthenticated(await probe_client.get(ME, headers=bearer(second["access_token"])))
    assert_unauthenticated(await probe_client.get(ME, headers=bearer(first["access_token"])))
    [session] = await security_repo.sessions_of_user(graph, account.id)
    assert session["revokedAt"] is not None and session["revokedReason"] == "REFRESH_REUSED"


async def test_reuse_in_one_session_leaves_other_sessions_alone(probe_client: httpx.AsyncClient,
                                                                account: Account) -> None:
    phone = await tokens_of(probe_client, account)
    laptop = await tokens_of(probe_client, account)
    await _refresh(probe_client, phone["refresh_token"])
    assert_unauthenticated(await _refresh(probe_client, phone["refresh_token"]))
    assert (await probe_client.get(ME, headers=bearer(laptop["access_token"]))).status_code == 200
    assert (await _refresh(probe_client, laptop["refresh_token"])).status_code == 200


async def test_access_token_replayed_after_logout_is_refused(probe_client: httpx.AsyncClient, graph: Graph,
                                                             account: Account) -> None:
    tokens = await tokens_of(probe_client, account)
    logout = await probe_client.post("/auth/logout", headers=bearer(tokens["access_token"]))
    assert logout.status_code == 204
    assert_unauthenticated(await probe_client.get(ME, headers=bearer(tokens["access_token"])))
    assert_unauthenticated(await probe_client.post("/graphql", json={"query": "{ serverInfo { name } }"},
                                                   headers=bearer(tokens["access_token"])))
    assert_unauthenticated(await _refresh(probe_client, tokens["refresh_token"]))
    assert_unauthenticated(await probe_client.post("/auth/logout", headers=bearer(tokens["access_token"])))
    [session] = await security_repo.sessions_of_user(graph, account.id)
    assert session["revokedReason"] == "LOGOUT"


async def test_logout_without_a_token_is_refused(probe_client: httpx.AsyncClient) -> None:
    assert_unauthenticated(await probe_client.post("/auth/logout"))


async def test_disabling_an_account_kills_its_tokens_at_once(probe_client: httpx.AsyncClient, graph: Graph,
                                                             account: Account) -> None:
    tokens = await tokens_of(probe_client, account)
    assert (await probe_client.get(ME, headers=bearer(tokens["access_token"]))).status_code == 200
    assert await user_rules.disable_user(graph, account.username) == 1
    assert_unauthenticated(await probe_client.get(ME, headers=bearer(tokens["access_token"])))
    assert_unauthenticated(await _refresh(probe_client, tokens["refresh_token"]))
    assert_unauthenticated(await login(probe_client, account.username, account.password))


async def test_changing_the_password_kills_old_tokens(probe_client: httpx.AsyncClient, graph: Graph,
                                                      account: Account) -> None:
    phone = await tokens_of(probe_client, account)
    laptop = await tokens_of(probe_client, account)
    new_password = "a brand new long passphrase"
    changed = await probe_client.post("/auth/password", headers=bearer(laptop["access_token"]),
                                      json={"current_password": account.password, "new_password": new_password})
    assert changed.status_code == 204
    for tokens in (phone, laptop):
        assert_unauthenticated(await probe_client.get(ME, headers=bearer(tokens["access_token"])))
        assert_unauthenticated(await _refresh(probe_client, tokens["refresh_token"]))
    assert_unauthenticated(await login(probe_client, account.username, account.password))
    assert (await login(probe_client, account.username, new_password)).status_code == 200
    node = await security_repo.user_node(graph, account.username)
    assert node is not None and new_password not in str(node)


async def test_password_change_needs_the_current_password(probe_client: httpx.AsyncClient, graph: Graph,
                                                          account: Account) -> None:
    tokens = await tokens_of(probe_client, account)
    before = await security_repo.user_node(graph, account.username)
    wrong = await probe_client.post("/auth/password", headers=bearer(tokens["access_token"]),
                                    json={"current_password": "not my password", "new_password": "x" * 20})
    assert_unauthenticated(wrong)
    weak = await probe_client.post("/auth/password", headers=bearer(tokens["access_token"]),
                                   json={"current_password": account.password, "new_password": "short"})
    assert weak.status_code == 400
    assert weak.json()["error"]["code"] == "BAD_USER_INPUT"
    anonymous = await probe_client.post("/auth/password",
                                        json={"current_password": account.password, "new_password": "y" * 20})
    assert_unauthenticated(anonymous)
    after = await security_repo.user_node(graph, account.username)
    assert before == after
    assert (await probe_client.get(ME, headers=bearer(tokens["access_token"]))).status_code == 200


async def test_administrative_password_reset_kills_old_tokens(probe_client: httpx.AsyncClient, graph: Graph,
                                                              account: Account) -> None:
    tokens = await tokens_of(probe_client, account)
    await user_rules.set_password(graph, user_id=account.id, new_password=PASSWORD + " reset")
    assert_unauthenticated(await probe_client.get(ME, headers=bearer(tokens["access_token"])))


async def test_refresh_with_garbage_is_refused(probe_client: httpx.AsyncClient) -> None:
    for body in ({"refresh_token": "garbage"}, {"refresh_token": "a.b.c"}):
        assert_unauthenticated(await probe_client.post("/auth/refresh", json=body))
    bad = await probe_client.post("/auth/refresh", json={})
    assert bad.status_code == 400
