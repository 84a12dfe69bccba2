"""Signing in: same answer for unknown users and wrong passwords, throttling, locks, TOTP, storage."""

from __future__ import annotations

import statistics
import time
from typing import Any

import httpx

from api.auth import accounts as user_rules
from api.auth import totp
from graph.access.scope import Role
from graph.db import Graph
from tests.security import repository as security_repo
from tests.security.conftest import (
    ME,
    PASSWORD,
    Account,
    MakeAccount,
    assert_unauthenticated,
    bearer,
    login,
    unverified_claims,
)


async def test_login_returns_a_bearer_pair_and_the_scope_reaches_graphql_context(
        probe_client: httpx.AsyncClient, account: Account) -> None:
    response = await login(probe_client, account.username, account.password)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert 0 < body["expires_in"] <= 900
    assert body["access_token"] != body["refresh_token"]
    claims = unverified_claims(body["access_token"])
    assert claims["typ"] == "access" and claims["sub"] == account.id
    assert claims["exp"] - claims["iat"] <= 900
    assert "role" not in claims and "password" not in str(claims)
    me = await probe_client.get(ME, headers=bearer(body["access_token"]))
    assert me.json() == {"user_id": account.id, "role": "CASE_WORKER", "organization_id": account.organization_id}


async def test_anonymous_callers_get_the_anonymous_scope(probe_client: httpx.AsyncClient) -> None:
    me = await probe_client.get(ME)
    assert me.status_code == 200
    assert me.json() == {"user_id": None, "role": None, "organization_id": None}


async def test_username_is_case_insensitive(client: httpx.AsyncClient, account: Account) -> None:
    response = await login(client, account.username.upper(), account.password)
    assert response.status_code == 200


async def test_unknown_user_and_wrong_password_get_the_same_answer(client: httpx.AsyncClient,
                                                                   account: Account) -> None:
    unknown = await login(client, "nobody.here", "whatever-password-1")
    wrong = await login(client, account.username, "whatever-password-1")
    disabled_like_malformed = await login(client, "x", "whatever-password-1")
    for response in (unknown, wrong, disabled_like_malformed):
        assert_unauthenticated(response)
    assert unknown.json() == wrong.json() == disabled_like_malformed.json()
    assert unknown.headers.get("www-authenticate") == wrong.headers.get("www-authenticate")
    assert "nobody" not in unknown.text and account.username not in wrong.text


async def test_unknown_user_costs_about_as_much_as_a_wrong_password(client: httpx.AsyncClient,
                                                                    account: Account) -> None:
    async def timed(username: str) -> float:
        started = time.perf_counter()
        response = await login(client, username, "not-the-password-at-all")
        assert response.status_code == 401
        return time.perf_counter() - started

    unknown = [await timed(f"ghost{i}") for i in range(3)]
    wrong = [await timed(account.username) for _ in range(3)]
    # Both paths run one argon2 verification: the unknown user is never the quick one.
    assert statistics.median(unknown) > 0.5 * statistics.median(wrong)


async def test_brute_force_locks_the_account_without_telling_whether_it_exists(
        client: httpx.AsyncClient, account: Account) -> None:
    answers: dict[str, list[httpx.Response]] = {}
    for username in (account.username, "does.not.exist"):
        answers[username] = [await login(client, username, f"guess-number-{i}") for i in range(6)]
    for responses in answers.values():
        for response in responses[:5]:
            assert_unauthenticated(response)
        locked = responses[5]
        assert locked.status_code == 429
        assert locked.json()["error"]["code"] == "RATE_LIMITED"
        assert 0 < int(locked.headers["retry-after"]) <= 900
    existing, missing = answers[account.username][5], answers["does.not.exist"][5]
    assert existing.json()["error"]["code"] == missing.json()["error"]["code"]
    assert abs(int(existing.headers["retry-after"]) - int(missing.headers["retry-after"])) <= 2
    # While locked, even the right password is refused.
    again = await login(client, account.username, account.password)
    assert again.status_code == 429
    assert "access_token" not in again.text


async def test_many_accounts_from_one_address_lock_the_address(client_with: Any, make_account: MakeAccount) -> None:
    who = await make_account()
    async with client_with(login_max_failures_per_address=3) as (_, http):
        for i in range(3):
            assert_unauthenticated(await login(http, f"someone{i}", "guess-password-x"))
        blocked = await login(http, who.username, who.password)
        assert blocked.status_code == 429
        assert blocked.json()["error"]["code"] == "RATE_LIMITED"


async def test_success_resets_the_failure_count(client: httpx.AsyncClient, account: Account) -> None:
    for _ in range(4):
        assert_unauthenticated(await login(client, account.username, "wrong-password-here"))
    assert (await login(client, account.username, account.password)).status_code == 200
    for _ in range(4):
        assert_unauthenticated(await login(client, account.username, "wrong-password-here"))
    assert (await login(client, account.username, account.password)).status_code == 200


async def test_password_is_never_stored_in_plaintext(client: httpx.AsyncClient, graph: Graph,
                                                     account: Account) -> None:
    assert (await login(client, account.username, account.password)).status_code == 200
    node = await security_repo.user_node(graph, account.username)
    assert node is not None
    assert node["passwordHash"].startswith("$argon2id$")
    assert account.password not in node["passwordHash"]
    every_string = await security_repo.every_string_property(graph)
    assert not any(account.password in value for value in every_string)
    assert node["disabled"] is False and node["role"] == "CASE_WORKER"


async def test_malformed_body_is_refused_without_echo(client: httpx.AsyncClient, account: Account) -> None:
    secret = "my-secret-password-value"
    response = await client.post("/auth/login", json={"username": account.username, "password": secret,
                                                      "otp": 123456, "admin": True})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "BAD_USER_INPUT"
    assert secret not in response.text
    not_json = await client.post("/auth/login", content=b"username=a&password=" + secret.encode())
    assert not_json.status_code == 400
    assert secret not in not_json.text


async def test_disabled_account_cannot_sign_in_and_looks_like_a_wrong_password(
        client: httpx.AsyncClient, graph: Graph, account: Account) -> None:
    await user_rules.disable_user(graph, account.username)
    disabled = await login(client, account.username, account.password)
    wrong = await login(client, "nobody.at.all", account.password)
    assert_unauthenticated(disabled)
    assert disabled.json() == wrong.json()


async def test_totp_is_required_for_a_coordinator_with_a_secret(client: httpx.AsyncClient,
                                                                 make_account: MakeAccount) -> None:
    coordinator = await make_account("leila.coordinator", Role.COORDINATOR)
    assert coordinator.totp_secret
    missing = await login(client, coordinator.username, coordinator.password)
    assert_unauthenticated(missing)  # the same answer as a wrong password: no oracle (tests/hardening)
    assert "access_token" not in missing.text
    now = time.time()
    accepted = {totp.code_at(coordinator.totp_secret, now + drift) for drift in (-60, -30, 0, 30, 60)}
    not_a_code = next(code for code in ("000000", "111111", "222222", "333333", "444444", "555555")
                      if code not in accepted)
    assert_unauthenticated(await login(client, coordinator.username, coordinator.password, otp=not_a_code))
    assert_unauthenticated(await login(client, coordinator.username, coordinator.password, otp="abcdef"))
    good = await login(client, coordinator.username, coordinator.password,
                       otp=totp.code_at(coordinator.totp_secret, time.time()))
    assert good.status_code == 200
    assert unverified_claims(good.json()["access_token"])["sub"] == coordinator.id


async def test_a_used_totp_code_cannot_be_replayed(client: httpx.AsyncClient, make_account: MakeAccount) -> None:
    admin = await make_account("sami.admin", Role.ADMIN)
    assert admin.totp_secret
    code = totp.code_at(admin.totp_secret, time.time())
    first = await login(client, admin.username, admin.password, otp=code)
    assert first.status_code == 200
    replay = await login(client, admin.username, admin.password, otp=code)
    assert_unauthenticated(replay, code="OTP_ALREADY_USED")


async def test_wrong_password_with_valid_otp_is_refused(client: httpx.AsyncClient, make_account: MakeAccount) -> None:
    coordinator = await make_account("karim.coordinator", Role.COORDINATOR)
    assert coordinator.totp_secret
    response = await login(client, coordinator.username, PASSWORD + "x",
                           otp=totp.code_at(coordinator.totp_secret, time.time()))
    assert_unauthenticated(response)


async def test_case_worker_without_secret_needs_no_code(client: httpx.AsyncClient, account: Account) -> None:
    assert account.totp_secret is None
    assert (await login(client, account.username, account.password)).status_code == 200


async def test_messages_follow_accept_language(client: httpx.AsyncClient) -> None:
    response = await client.post("/auth/login", json={"username": "someone", "password": "wrong-password1"},
                                 headers={"Accept-Language": "ar"})
    assert response.json()["error"]["message"] == "اسم المستخدم أو كلمة المرور غير صحيحة."
