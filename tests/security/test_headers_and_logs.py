"""What every response carries: security headers, the strict CSP, and CORS for the configured console only."""

from __future__ import annotations

from tests.security.conftest import ClientFactory

CONSOLE = "https://console.himaya.example"
STRICT_CSP = "default-src 'none'; frame-ancestors 'none'"


async def test_security_headers_and_strict_csp_on_every_kind_of_answer(client_with: ClientFactory) -> None:
    async with client_with() as (_, client):
        answers = [await client.get("/healthz"), await client.post("/auth/login", json={}),
                   await client.get("/no-such-page")]
    assert [a.status_code for a in answers] == [200, 400, 404]
    for answer in answers:
        assert answer.headers["content-security-policy"] == STRICT_CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["cache-control"] == "no-store"


async def test_cors_answers_the_configured_console_only_and_never_with_credentials(
        client_with: ClientFactory) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    async with client_with(cors_origins=[CONSOLE]) as (_, client):
        allowed = await client.options("/graphql", headers={"Origin": CONSOLE, **preflight})
        foreign = await client.options("/graphql", headers={"Origin": "https://evil.example", **preflight})
        simple = await client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == CONSOLE
    assert "access-control-allow-credentials" not in allowed.headers
    assert foreign.status_code == 400
    assert "access-control-allow-origin" not in foreign.headers
    assert "access-control-allow-origin" not in simple.headers
    async with client_with() as (_, client):
        unconfigured = await client.options("/graphql", headers={"Origin": CONSOLE, **preflight})
    assert "access-control-allow-origin" not in unconfigured.headers
