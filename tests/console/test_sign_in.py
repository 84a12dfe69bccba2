"""Signing in to the console: password and one-time code, a session that survives a reload without any token
in web storage, clear messages, signing out; and the strict CSP the console is served with."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import expect

from tests.console.conftest import ConsolePage, ConsoleServer


def test_root_redirects_to_the_console_served_under_a_strict_policy(console_server: ConsoleServer) -> None:
    root = httpx.get(console_server.base_url + "/", follow_redirects=False)
    assert root.status_code == 307
    assert root.headers["location"] == "/console/"
    page = httpx.get(console_server.base_url + "/console/cases/whatever")
    assert page.status_code == 200
    assert '<div id="root">' in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "https:" not in policy and "http:" not in policy
    assert "<script>" not in page.text  # no inline script in the page
    missing = httpx.get(console_server.base_url + "/console/assets/missing.js")
    assert missing.status_code == 404
    escape = httpx.get(console_server.base_url + "/console/%2e%2e/%2e%2e/api/app.py")
    assert escape.status_code == 404
    assert "create_app" not in escape.text  # never a file outside the build


def test_graphiql_is_served_from_local_assets(console_server: ConsoleServer) -> None:
    page = httpx.get(console_server.base_url + "/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "/console/assets/" in page.text
    assert "cdn" not in page.text.lower() and "unpkg" not in page.text.lower()
    assert httpx.get(console_server.base_url + "/docs").status_code == 404


def test_national_account_signs_in_with_password_and_one_time_code(console: ConsolePage) -> None:
    account = console.server.accounts["demo.admin"]
    page = console.open("/")
    page.locator("input[name=username]").fill(account.username)
    page.locator("input[name=password]").fill("not the password")
    page.locator("button[type=submit]").click()
    expect(page.get_by_role("alert")).to_have_text("Identifiant, mot de passe ou code incorrect.")
    page.locator("input[name=password]").fill(account.password)
    page.locator("button[type=submit]").click()
    # The right password without its code gets the same answer: it does not tell that the password was right.
    expect(page.get_by_role("alert")).to_have_text("Identifiant, mot de passe ou code incorrect.")
    page.get_by_label(re.compile("Code à usage unique")).fill(account.otp())
    page.locator("button[type=submit]").click()
    expect(page.get_by_role("heading", name="Tableau de bord national")).to_be_visible()
    expect(page.get_by_text("Administrateur")).to_be_visible()
    # Tokens never reach web storage: the access token lives in memory, the refresh token in an HttpOnly cookie.
    storage = page.evaluate("() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })")
    assert "eyJ" not in storage
    assert "himaya_refresh" not in page.evaluate("() => document.cookie")
    cookie = next(c for c in console.context.cookies() if c["name"] == "himaya_refresh")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/auth/"
    # A reload keeps the session (silent refresh through the cookie).
    page.reload()
    expect(page.get_by_role("heading", name="Tableau de bord national")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
    assert not [c for c in console.context.cookies() if c["name"] == "himaya_refresh"]
