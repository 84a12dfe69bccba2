"""What expires stops working: login locks lift by themselves, an expired session ends its tokens, and an access
or refresh token past its own expiry is refused even while its session lives. Short settings, no long sleeps."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

from api.auth.tokens import TokenType
from graph.db import Graph
from tests.security import repository as security_repo
from tests.security.conftest import (
    ME,
    Account,
    ClientFactory,
    assert_unauthenticated,
    bearer,
    login,
    tokens_of,
    unverified_claims,
)


async def test_a_login_lock_lifts_by_itself_and_the_right_password_then_signs_in(client_with: ClientFactory,
                                                                                  account: Account) -> None:
    async with client_with(login_max_failures=2, login_lock_seconds=1) as (_, http):
        for i in range(2):
            assert_unauthenticated(await login(http, account.username, f"bad-{i}-guess"))
        locked = await login(http, account.username, account.password)
        assert locked.status_code == 429
        assert locked.headers["retry-after"] == "1"
        await asyncio.sleep(1.5)
        unlocked = await login(http, account.username, account.password)
        assert unlocked.status_code == 200
        assert unverified_claims(unlocked.json()["access_token"])["sub"] == account.id


async def test_an_expired_session_ends_its_access_and_refresh_tokens(client_with: ClientFactory, graph: Graph,
                                                                     account: Account) -> None:
    # Expiry read at every request: the session check is not remembered here (HIMAYA_SESSION_CHECK_CACHE_SECONDS
    # bounds how long a remembered check may outlive a session that ends by itself: tests/security/
    # test_session_cache.py).
    async with client_with(session_check_cache_seconds=0) as (_, http):
        tokens = await tokens_of(http, account)
        assert (await http.get(ME, headers=bearer(tokens["access_token"]))).status_code == 200
        assert await security_repo.expire_sessions_of_user(graph, account.id) == 1
        assert_unauthenticated(await http.get(ME, headers=bearer(tokens["access_token"])))
        assert_unauthenticated(await http.post("/graphql", json={"query": "{ me { username } }"},
                                               headers=bearer(tokens["access_token"])))
        assert_unauthenticated(await http.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]}))
        # Signing in again opens a new session.
        fresh = await tokens_of(http, account)
        assert (await http.get(ME, headers=bearer(fresh["access_token"]))).json()["user_id"] == account.id


def _reissued(app: FastAPI, token: str, kind: TokenType, expires_at: datetime) -> str:
    """The same token (subject, session, id), signed by the app with another expiry."""
    original = unverified_claims(token)
    issued: str = app.state.himaya.auth.tokens.issue(kind, subject=original["sub"], session_id=original["sid"],
                                                     jti=original["jti"], expires_at=expires_at,
                                                     now=expires_at - timedelta(minutes=5))
    return issued


async def test_tokens_past_their_own_expiry_are_refused_while_the_session_lives(client_with: ClientFactory,
                                                                                account: Account) -> None:
    async with client_with(jwt_leeway_seconds=0) as (app, http):
        tokens = await tokens_of(http, account)
        past = datetime.now(UTC) - timedelta(seconds=2)
        soon = datetime.now(UTC) + timedelta(minutes=5)
        assert_unauthenticated(await http.get(ME, headers=bearer(
            _reissued(app, tokens["access_token"], TokenType.ACCESS, past))))
        assert (await http.get(ME, headers=bearer(
            _reissued(app, tokens["access_token"], TokenType.ACCESS, soon)))).status_code == 200
        assert_unauthenticated(await http.post("/auth/refresh", json={
            "refresh_token": _reissued(app, tokens["refresh_token"], TokenType.REFRESH, past)}))
        # The refused expired refresh token spent nothing: the same token with its real expiry still rotates.
        rotated = await http.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert rotated.status_code == 200
        assert rotated.json()["refresh_token"] != tokens["refresh_token"]
