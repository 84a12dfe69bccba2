"""Replay protections under real concurrency: one refresh token and one one-time code each win exactly once.

Each burst sends many simultaneous requests through the app to the real Neo4j; bursts are repeated because a
race that is lost only some of the time must still fail this test.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import httpx

from api.auth import totp
from graph.access.scope import Role
from graph.db import Graph
from tests.security import repository as security_repo
from tests.security.conftest import ME, ClientFactory, MakeAccount, assert_unauthenticated, bearer, login, tokens_of

BURSTS = 5
REFRESHES_PER_BURST = 10
LOGINS_PER_BURST = 5


async def _refresh(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.post("/auth/refresh", json={"refresh_token": token})


async def test_one_refresh_token_presented_concurrently_rotates_once_and_ends_the_family(
        client_with: ClientFactory, graph: Graph, make_account: MakeAccount) -> None:
    async with client_with() as (_, client):
        for burst in range(BURSTS):
            who = await make_account(f"burst.refresh{burst}")
            tokens = await tokens_of(client, who)
            answers = await asyncio.gather(*(_refresh(client, tokens["refresh_token"])
                                             for _ in range(REFRESHES_PER_BURST)))
            statuses = Counter(answer.status_code for answer in answers)
            assert statuses == {200: 1, 401: REFRESHES_PER_BURST - 1}, (burst, statuses)
            for answer in answers:
                if answer.status_code == 401:
                    assert_unauthenticated(answer)
            # The losers presented a spent token: reuse detected, so even the winner's new pair is dead.
            [winner] = [answer.json() for answer in answers if answer.status_code == 200]
            assert_unauthenticated(await _refresh(client, winner["refresh_token"]))
            assert_unauthenticated(await client.get(ME, headers=bearer(winner["access_token"])))
            [session] = await security_repo.sessions_of_user(graph, who.id)
            assert session["revokedReason"] == "REFRESH_REUSED"


async def test_sequential_rotation_still_works_after_the_lock(client_with: ClientFactory,
                                                              make_account: MakeAccount) -> None:
    async with client_with() as (_, client):
        who = await make_account("calm.refresher")
        tokens = await tokens_of(client, who)
        for _ in range(3):
            answer = await _refresh(client, tokens["refresh_token"])
            assert answer.status_code == 200, answer.text
            tokens = answer.json()
        assert (await client.get(ME, headers=bearer(tokens["access_token"]))).status_code == 200


def _step_code(secret: str, step_offset: int) -> str:
    return totp.code_at(secret, time.time() + 30 * step_offset)


async def test_one_time_code_presented_concurrently_signs_in_once(client_with: ClientFactory, graph: Graph,
                                                                   make_account: MakeAccount) -> None:
    # Bursts of password hashes queue for the process-wide argon2 cap: give them the longest wait, so that a slow
    # machine shows the race, not the cap's 503.
    async with client_with(login_max_failures=100, argon2_queue_seconds=60) as (_, client):
        for burst in range(BURSTS):
            admin = await make_account(f"burst.admin{burst}", Role.ADMIN)
            assert admin.totp_secret
            code = _step_code(admin.totp_secret, 0)
            answers = await asyncio.gather(*(login(client, admin.username, admin.password, otp=code)
                                             for _ in range(LOGINS_PER_BURST)))
            statuses = Counter(answer.status_code for answer in answers)
            assert statuses == {200: 1, 401: LOGINS_PER_BURST - 1}, (burst, statuses)
            for answer in answers:
                if answer.status_code == 401:
                    assert_unauthenticated(answer, code="OTP_ALREADY_USED")
            assert len(await security_repo.sessions_of_user(graph, admin.id)) == 1


async def test_a_consumed_code_has_its_own_error_only_after_both_factors(client_with: ClientFactory,
                                                                        make_account: MakeAccount) -> None:
    async with client_with(login_max_failures=20) as (_, client):
        admin = await make_account("sami.admin", Role.ADMIN)
        assert admin.totp_secret
        code = _step_code(admin.totp_secret, 0)
        assert (await login(client, admin.username, admin.password, otp=code)).status_code == 200
        replay = await login(client, admin.username, admin.password, otp=code)
        assert_unauthenticated(replay, code="OTP_ALREADY_USED")
        for language, fragment in (("fr", "déjà été utilisé"), ("ar", "مسبقًا"), ("en", "already been used")):
            translated = await client.post("/auth/login", headers={"Accept-Language": language},
                                           json={"username": admin.username, "password": admin.password,
                                                 "otp": code})
            assert fragment in translated.json()["error"]["message"]
        # Without the password, the consumed code says nothing about itself.
        wrong_password = await login(client, admin.username, admin.password + "x", otp=code)
        assert_unauthenticated(wrong_password)
        unknown = await login(client, "no.such.admin", admin.password, otp=code)
        assert wrong_password.json() == unknown.json()
        # An earlier step than the one consumed is spent too; a later one still signs in.
        earlier = await login(client, admin.username, admin.password, otp=_step_code(admin.totp_secret, -1))
        assert_unauthenticated(earlier, code="OTP_ALREADY_USED")
        later = await login(client, admin.username, admin.password, otp=_step_code(admin.totp_secret, 1))
        assert later.status_code == 200
