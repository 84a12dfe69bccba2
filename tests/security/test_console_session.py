"""The console's refresh cookie: HttpOnly, SameSite=Strict, scoped to /auth/, spent only with the client header."""

from __future__ import annotations

import httpx

from tests.security.conftest import ME, Account, assert_unauthenticated, bearer

CONSOLE = {"X-Himaya-Client": "console"}


async def _console_login(client: httpx.AsyncClient, who: Account) -> httpx.Response:
    return await client.post("/auth/login", headers=CONSOLE,
                             json={"username": who.username, "password": who.password, "refresh_cookie": True})


async def test_console_login_puts_the_refresh_token_only_in_a_strict_http_only_cookie(
        probe_client: httpx.AsyncClient, account: Account) -> None:
    response = await _console_login(probe_client, account)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "refresh_token" not in body and body["access_token"]
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("himaya_refresh=")
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=strict" in lowered and "path=/auth/" in lowered
    me = await probe_client.get(ME, headers=bearer(body["access_token"]))
    assert me.json()["user_id"] == account.id


async def test_the_cookie_refreshes_and_rotates_with_the_client_header(probe_client: httpx.AsyncClient,
                                                                       account: Account) -> None:
    first = await _console_login(probe_client, account)
    spent = first.cookies["himaya_refresh"]
    rotated = await probe_client.post("/auth/refresh", headers=CONSOLE, json={})
    assert rotated.status_code == 200, rotated.text
    assert "refresh_token" not in rotated.json()
    assert rotated.cookies["himaya_refresh"] != spent
    me = await probe_client.get(ME, headers=bearer(rotated.json()["access_token"]))
    assert me.json()["user_id"] == account.id


async def test_the_cookie_without_the_client_header_is_refused(probe_client: httpx.AsyncClient,
                                                               account: Account) -> None:
    await _console_login(probe_client, account)
    # What a form posted from another site could send: the cookie, but no custom header.
    refused = await probe_client.post("/auth/refresh", json={})
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "BAD_USER_INPUT"
    assert "set-cookie" not in refused.headers


async def test_cookie_mode_login_without_the_client_header_is_a_bad_request(probe_client: httpx.AsyncClient,
                                                                            account: Account) -> None:
    response = await probe_client.post("/auth/login", json={"username": account.username,
                                                            "password": account.password, "refresh_cookie": True})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "BAD_USER_INPUT"
    assert "set-cookie" not in response.headers


async def test_logout_with_the_cookie_alone_ends_the_session_and_clears_it(probe_client: httpx.AsyncClient,
                                                                           account: Account) -> None:
    login = await _console_login(probe_client, account)
    access = login.json()["access_token"]
    logout = await probe_client.post("/auth/logout", headers=CONSOLE)
    assert logout.status_code == 204
    assert "max-age=0" in logout.headers["set-cookie"].lower()
    assert_unauthenticated(await probe_client.get(ME, headers=bearer(access)))
    assert_unauthenticated(await probe_client.post("/auth/refresh", headers=CONSOLE, json={}))


async def test_session_tells_the_role_and_organisation_of_the_token(probe_client: httpx.AsyncClient,
                                                                    account: Account) -> None:
    access = (await _console_login(probe_client, account)).json()["access_token"]
    response = await probe_client.get("/auth/session", headers=bearer(access))
    assert response.status_code == 200
    assert response.json() == {"user_id": account.id, "role": account.role.value,
                               "organization_id": account.organization_id}
    assert_unauthenticated(await probe_client.get("/auth/session"))
    assert_unauthenticated(await probe_client.get("/auth/session", headers=bearer("not.a.token")))
