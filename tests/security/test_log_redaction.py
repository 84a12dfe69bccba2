"""No log line carries a secret or a person: over a scenario that signs in (password, one-time code), records a
victim with an identity, reads that identity, submits a public report and reads it back by receipt, and fails
inside once, every record the API logs is formatted as production (JSON) and development (readable) would write
it, and none holds the password, a token, the TOTP seed or code, an identity value, the narrative or the receipt."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from api.auth import totp
from api.logging_setup import JsonFormatter, ReadableFormatter
from api.protection import protection_of
from graph.access.scope import Role
from graph.db import Graph
from tests.security.conftest import ClientFactory, MakeAccount, bearer, login, tokens_of

REGISTER = "mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id } }"
IDENTITY = "query($id: ID!, $r: String!) { victimIdentity(victimId: $id, reason: $r) { fullName phone } }"
SUBMIT = "mutation($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }"
BY_RECEIPT = "query($r: String!) { reportByReceipt(receipt: $r) { status } }"
SECRETS = {
    "full name": "Nour El Houda Trabelsi", "document": "TN-DOC-77120934", "phone": "+21698765432",
    "address": "12 rue de la Kasbah, Tunis", "narrative": "Une adolescente est retenue dans un café de Bizerte.",
    "contact": "temoin.anonyme@example.org", "reason": "Audience du 3 mars, dossier 2026/88",
}


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.formatters = (JsonFormatter(), ReadableFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        for formatter in self.formatters:
            self.lines.append(formatter.format(record))
        if record.exc_info:
            self.lines.append(logging.Formatter().formatException(record.exc_info))


@contextmanager
def collected() -> Iterator[Collect]:
    handler, root = Collect(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


async def _graphql(http: httpx.AsyncClient, query: str, variables: dict[str, Any],
                   headers: dict[str, str] | None = None) -> dict[str, Any]:
    answer = await http.post("/graphql", json={"query": query, "variables": variables}, headers=headers or {})
    body: dict[str, Any] = answer.json()
    return body


async def test_no_log_line_holds_a_secret_or_a_person(client_with: ClientFactory, graph: Graph,
                                                      make_account: MakeAccount) -> None:
    worker = await make_account("log.worker", Role.CASE_WORKER)
    coordinator = await make_account("log.coordinator", Role.COORDINATOR, with_totp=True)
    assert coordinator.totp_secret
    async with client_with() as (app, http):
        protection_of(app.state.himaya.settings).intake.reset()
        with collected() as logs:
            assert (await login(http, worker.username, "not the right password")).status_code == 401
            worker_tokens = await tokens_of(http, worker)
            code = totp.code_at(coordinator.totp_secret, time.time())
            signed_in = await login(http, coordinator.username, coordinator.password, otp=code)
            coordinator_tokens = signed_in.json()
            assert (await login(http, coordinator.username, coordinator.password, otp=code)).status_code == 401
            refreshed = (await http.post("/auth/refresh",
                                         json={"refresh_token": worker_tokens["refresh_token"]})).json()
            victim = (await _graphql(http, REGISTER, {"input": {"alias": "V-LOG", "identity": {
                "fullName": SECRETS["full name"], "documentNumber": SECRETS["document"], "phone": SECRETS["phone"],
                "address": SECRETS["address"]}}}, bearer(refreshed["access_token"])))["data"]["registerVictim"]["id"]
            identity = await _graphql(http, IDENTITY, {"id": victim, "r": SECRETS["reason"]},
                                      bearer(coordinator_tokens["access_token"]))
            assert identity["data"]["victimIdentity"] == {"fullName": SECRETS["full name"],
                                                          "phone": SECRETS["phone"]}
            receipt = (await _graphql(http, SUBMIT, {"input": {
                "channel": "PUBLIC", "narrative": SECRETS["narrative"], "governorate": "TN-23",
                "reporterContact": SECRETS["contact"]}}))["data"]["submitReport"]["receipt"]
            seen = await _graphql(http, BY_RECEIPT, {"r": receipt})
            assert seen["data"]["reportByReceipt"]["status"] == "RECEIVED"
            # A wrong receipt, a refresh token replayed (reuse detection logs a warning), a forged token.
            await _graphql(http, BY_RECEIPT, {"r": receipt[::-1]})
            await http.post("/auth/refresh", json={"refresh_token": worker_tokens["refresh_token"]})
            await _graphql(http, "{ me { username } }", {}, bearer(worker_tokens["access_token"] + "x"))
    assert logs.lines, "the scenario logged nothing: the capture is broken"
    secrets = {**SECRETS, "password": worker.password, "receipt": receipt,
               "totp seed": coordinator.totp_secret, "totp code": code,
               "access token": worker_tokens["access_token"], "refresh token": worker_tokens["refresh_token"],
               "rotated refresh token": refreshed["refresh_token"],
               "coordinator token": coordinator_tokens["access_token"]}
    leaks = [f"{name} in: {line[:300]}" for line in logs.lines for name, value in secrets.items()
             if value in line and name != "totp code"]
    # A six-digit code or four digits can occur by chance in a timestamp; they count only as a whole word.
    leaks += [f"{name} in: {line[:300]}" for line in logs.lines for name in ("totp code",)
              if f'"{secrets[name]}"' in line or f"={secrets[name]}" in line]
    assert not leaks, "\n".join(leaks)
