"""Helpers of the accounts, oversight and crime-graph browser tests: API calls as a demo account, sign-in of an
account made during the test, the global id of a demo case."""

from __future__ import annotations

import re
import time
from typing import Any

import httpx
import pyotp
from playwright.sync_api import Page, expect

from api.graphql.relay import to_global_id
from seed.demo_ids import demo_id
from tests.console.conftest import ConsolePage, ConsoleServer

_USED: dict[str, int] = {}


def fresh_code(username: str, secret: str) -> str:
    """A TOTP code of a time step this account has not used yet (a code is good once)."""
    step = int(time.time()) // 30
    if _USED.get(username, -1) >= step:
        time.sleep(30 - time.time() % 30 + 0.5)
        step = int(time.time()) // 30
    _USED[username] = step
    return pyotp.TOTP(secret).now()


def api(server: ConsoleServer, username: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """One GraphQL call as a demo account (signed in through /auth/login, TOTP when the account has one)."""
    account = server.accounts[username]
    body: dict[str, Any] = {"username": account.username, "password": account.password}
    if account.totp_secret:
        body["otp"] = account.otp()
    with httpx.Client(base_url=server.base_url, timeout=60) as http:
        signed_in = http.post("/auth/login", json=body)
        assert signed_in.status_code == 200, signed_in.text
        answer = http.post("/graphql", json={"query": query, "variables": variables or {}},
                           headers={"Authorization": f"Bearer {signed_in.json()['access_token']}"})
    result: dict[str, Any] = answer.json()
    return result


def public_api(server: ConsoleServer, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """A GraphQL call with no account (e.g. completeEnrolment, which only needs the link's token)."""
    answer = httpx.post(server.base_url + "/graphql", json={"query": query, "variables": variables}, timeout=60)
    result: dict[str, Any] = answer.json()
    return result


def bearer_api(server: ConsoleServer, username: str, password: str, query: str,
               variables: dict[str, Any]) -> dict[str, Any]:
    """A GraphQL call as an account made during the test (no second factor)."""
    with httpx.Client(base_url=server.base_url, timeout=60) as http:
        signed_in = http.post("/auth/login", json={"username": username, "password": password})
        assert signed_in.status_code == 200, signed_in.text
        answer = http.post("/graphql", json={"query": query, "variables": variables},
                           headers={"Authorization": f"Bearer {signed_in.json()['access_token']}"})
    result: dict[str, Any] = answer.json()
    return result


def demo_case_id(alias: str) -> str:
    return to_global_id("Case", demo_id("case", alias))


def sign_in_as(tab: ConsolePage, username: str, password: str, secret: str | None) -> Page:
    page = tab.open("/")
    expect(page.get_by_role("heading", name=re.compile("Connexion|تسجيل الدخول|Sign in"))).to_be_visible()
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    if secret:
        page.locator("input[name=otp]").fill(fresh_code(username, secret))
    page.locator("button[type=submit]").click()
    expect(page.locator("nav.sidenav")).to_be_visible()
    return page
