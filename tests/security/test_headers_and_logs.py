"""What every response carries (security headers, CSP, CORS for the console only) and what no log line holds."""

from __future__ import annotations

import logging

from tests.security.conftest import ClientFactory, MakeAccount, bearer, login

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


REGISTER = """mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id } }"""


class _Lines(logging.Handler):
    """Keeps every line exactly as the app's own log handler would write it."""

    def __init__(self, formatter: logging.Formatter | None) -> None:
        super().__init__()
        self.setFormatter(formatter)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


async def test_no_log_line_holds_a_password_a_token_or_an_identity(client_with: ClientFactory,
                                                                   make_account: MakeAccount) -> None:
    who = await make_account("log.watcher")
    full_name, document = "Fatma Ben Salah Logcheck", "P7788990-LOG"
    root = logging.getLogger()
    async with client_with() as (_, client):
        lines = _Lines(root.handlers[0].formatter)  # the app configured logging: capture its formatted lines
        root.addHandler(lines)
        try:
            wrong = await login(client, who.username, "a wrong passphrase for the log")
            good = await login(client, who.username, who.password)
            tokens = good.json()
            rotated = (await client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})).json()
            registered = await client.post("/graphql", headers=bearer(rotated["access_token"]), json={
                "query": REGISTER, "variables": {"input": {"alias": "L", "identity": {
                    "fullName": full_name, "documentNumber": document}}}})
            broken = await client.post("/graphql", headers=bearer(rotated["access_token"]),
                                       json={"query": "{ victim(id: \"" + full_name + "\") { alias } }"})
        finally:
            root.removeHandler(lines)
    assert (wrong.status_code, good.status_code) == (401, 200)
    assert registered.status_code == 200 and "errors" not in registered.json()
    assert broken.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert len(lines.lines) >= 5, "too little was logged for the check below to prove anything"
    secrets = [who.password, "a wrong passphrase for the log", tokens["access_token"], tokens["refresh_token"],
               rotated["access_token"], rotated["refresh_token"], full_name, document]
    for line in lines.lines:
        assert [secret for secret in secrets if secret in line] == [], line
