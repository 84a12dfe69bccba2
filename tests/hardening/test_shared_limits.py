"""Limits kept in Neo4j: shared by every API process, per account+address, 429 with Retry-After everywhere."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from click.testing import CliRunner

from api.cli import main
from api.limits.address import bucket_of, resolve
from api.limits.hashing import SLOTS
from api.settings import Settings, get_settings
from graph.access.scope import Role
from graph.db import Graph
from tests.hardening import repository as hardening_repo
from tests.security.conftest import PASSWORD, Account, MakeAccount, assert_unauthenticated, bearer, login, tokens_of

RECEIPT_QUERY = "query($r: String!) { reportByReceipt(receipt: $r) { status } }"
PROXY = ["127.0.0.0/8"]  # the test transport's peer is 127.0.0.1: it plays the reverse proxy


def from_address(address: str) -> dict[str, str]:
    return {"x-forwarded-for": address}


async def login_from(http: httpx.AsyncClient, address: str, username: str, password: str,
                     otp: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"username": username, "password": password}
    if otp is not None:
        body["otp"] = otp
    return await http.post("/auth/login", json=body, headers=from_address(address))


def test_the_client_address_comes_only_from_a_trusted_proxy() -> None:
    assert resolve("203.0.113.9", "198.51.100.1", []) == "203.0.113.9"  # nobody trusted: header ignored
    assert resolve("203.0.113.9", "198.51.100.1", ["10.0.0.0/8"]) == "203.0.113.9"  # peer is not a proxy
    assert resolve("10.0.0.2", "198.51.100.1", ["10.0.0.0/8"]) == "198.51.100.1"
    # A client cannot choose its address by prepending hops: the right-most untrusted hop is the client.
    assert resolve("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.3", ["10.0.0.0/8"]) == "198.51.100.1"
    assert resolve("10.0.0.2", "not-an-address", ["10.0.0.0/8"]) == "10.0.0.2"
    assert bucket_of("2001:db8:1:2:3:4:5:6") == bucket_of("2001:db8:1:2:ffff::1")
    assert bucket_of("198.51.100.1") != bucket_of("198.51.100.2")


async def test_failures_count_across_api_processes(client_with: Any, account: Account) -> None:
    async with client_with() as (_, first), client_with() as (_, second):
        for i in range(5):
            assert_unauthenticated(await login((first, second)[i % 2], account.username, f"wrong-guess-{i}"))
        for http in (first, second):
            locked = await login(http, account.username, account.password)
            assert locked.status_code == 429
            assert int(locked.headers["retry-after"]) > 0


async def test_a_lock_holds_one_address_out_and_lets_the_real_user_in(client_with: Any,
                                                                        make_account: MakeAccount) -> None:
    coordinator = await make_account("nadia.coordinator", Role.COORDINATOR, with_totp=False)
    async with client_with(trusted_proxies=PROXY) as (_, http):
        for i in range(5):
            assert_unauthenticated(await login_from(http, "198.51.100.66", coordinator.username, f"bad-{i}-guess"))
        attacker = await login_from(http, "198.51.100.66", coordinator.username, coordinator.password)
        assert attacker.status_code == 429
        assert attacker.json()["error"]["code"] == "RATE_LIMITED"
        real_user = await login_from(http, "203.0.113.10", coordinator.username, coordinator.password)
        assert real_user.status_code == 200


async def test_an_address_header_from_an_untrusted_peer_changes_nothing(client_with: Any, account: Account) -> None:
    async with client_with() as (_, http):
        for i in range(5):
            assert_unauthenticated(await login_from(http, f"198.51.100.{i}", account.username, f"bad-{i}-guess"))
        spoofed = await login_from(http, "203.0.113.77", account.username, account.password)
        assert spoofed.status_code == 429


async def test_each_further_failure_doubles_the_lock(client_with: Any, account: Account) -> None:
    async with client_with(login_max_failures=2, login_lock_seconds=1) as (_, http):
        for i in range(2):
            assert_unauthenticated(await login(http, account.username, f"bad-{i}-guess"))
        first = await login(http, account.username, account.password)
        assert first.status_code == 429
        assert first.headers["retry-after"] == "1"
        await asyncio.sleep(1.2)
        assert_unauthenticated(await login(http, account.username, "bad-3-guess"))
        second = await login(http, account.username, account.password)
        assert second.status_code == 429
        assert second.headers["retry-after"] == "2"


async def test_the_unlock_command_lets_a_locked_coordinator_in(client_with: Any, make_account: MakeAccount,
                                                                settings: Settings, monkeypatch: Any) -> None:
    coordinator = await make_account("hedi.coordinator", Role.COORDINATOR, with_totp=False)
    async with client_with() as (_, http):
        for i in range(5):
            assert_unauthenticated(await login(http, coordinator.username, f"bad-{i}-guess"))
        assert (await login(http, coordinator.username, coordinator.password)).status_code == 429
        assert settings.neo4j_uri and settings.neo4j_password
        monkeypatch.setenv("HIMAYA_NEO4J_URI", settings.neo4j_uri)
        monkeypatch.setenv("HIMAYA_NEO4J_PASSWORD", settings.neo4j_password.get_secret_value())
        monkeypatch.setenv("HIMAYA_STATE_DIR", str(settings.state_dir))
        get_settings.cache_clear()
        try:
            result = await asyncio.to_thread(CliRunner().invoke, main, ["user", "unlock", coordinator.username])
        finally:
            get_settings.cache_clear()
        assert result.exit_code == 0, result.output
        assert "1 lock(s) lifted" in result.output
        assert (await login(http, coordinator.username, coordinator.password)).status_code == 200


async def test_a_right_password_without_its_code_looks_like_a_wrong_one(client_with: Any,
                                                                        make_account: MakeAccount) -> None:
    coordinator = await make_account("rim.coordinator", Role.COORDINATOR)
    async with client_with() as (_, http):
        right = await login(http, coordinator.username, coordinator.password)
        wrong = await login(http, coordinator.username, "a-wrong-password-1")
        assert_unauthenticated(right)
        assert right.json() == wrong.json()


async def test_guessing_the_current_password_is_throttled(client_with: Any, account: Account) -> None:
    async with client_with() as (_, http):
        token = (await tokens_of(http, account))["access_token"]
        for i in range(5):
            refused = await http.post("/auth/password", headers=bearer(token),
                                      json={"current_password": f"guess-{i}-password", "new_password": "x" * 20})
            assert refused.status_code == 401
        locked = await http.post("/auth/password", headers=bearer(token),
                                 json={"current_password": PASSWORD, "new_password": "a brand new passphrase"})
        assert locked.status_code == 429
        assert locked.json()["error"]["code"] == "RATE_LIMITED"
        assert int(locked.headers["retry-after"]) > 0
        # The password did not change: the old one still signs in.
        assert (await login(http, account.username, PASSWORD)).status_code == 200


async def test_twenty_five_addresses_cannot_shut_the_receipt_channel(client_with: Any, graph: Graph) -> None:
    async with client_with(trusted_proxies=PROXY) as (_, http):
        for n in range(25):
            for _ in range(5):
                answer = await http.post("/graphql", json={"query": RECEIPT_QUERY,
                                                           "variables": {"r": "1234567812345678"}},
                                         headers=from_address(f"198.51.100.{n}"))
                assert answer.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        flooded = await http.post("/graphql", json={"query": RECEIPT_QUERY, "variables": {"r": "1234567812345678"}},
                                  headers=from_address("198.51.100.0"))
        assert flooded.status_code == 429
        assert flooded.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert 0 < int(flooded.headers["retry-after"]) <= 600
        reporter = await http.post("/graphql", json={"query": RECEIPT_QUERY, "variables": {"r": "1234567812345678"}},
                                   headers=from_address("203.0.113.200"))
        assert reporter.status_code == 200
        assert reporter.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_no_free_hashing_slot_answers_503_with_retry_after(client_with: Any, account: Account) -> None:
    async with client_with(argon2_max_concurrency=1, argon2_queue_seconds=0.2) as (_, http):
        held = SLOTS._semaphore
        assert held.acquire(timeout=5)
        try:
            busy = await login(http, account.username, account.password)
        finally:
            held.release()
        assert busy.status_code == 503
        assert busy.json()["error"]["code"] == "UNAVAILABLE"
        assert int(busy.headers["retry-after"]) >= 1
        assert (await login(http, account.username, account.password)).status_code == 200


async def test_counters_hold_no_address_or_account_in_clear(client_with: Any, account: Account, graph: Graph) -> None:
    async with client_with(trusted_proxies=PROXY) as (_, http):
        await login_from(http, "198.51.100.99", account.username, "wrong-guess-1")
    counters = await hardening_repo.rate_counters(graph)
    assert len(counters) == 2  # this account from this address, and this address
    assert "198.51.100.99" not in str(counters)
    assert "wrong-guess" not in str(counters)
