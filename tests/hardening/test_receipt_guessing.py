"""Guessing receipts on the public path: a handful of guesses per address, counted across the query and the
message mutation, after which even the right receipt is refused from that address (a guesser cannot confirm a
hit), while the real reporter elsewhere reads and writes as before."""

from __future__ import annotations

from typing import Any

import httpx

from api.protection import protection_of
from graph.db import Graph
from tests.api.reports import repository as reports_db
from tests.hardening.test_shared_limits import PROXY, from_address

SUBMIT = "mutation($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }"
STATUS = "query($r: String!) { reportByReceipt(receipt: $r) { status messages { body } } }"
SEND = "mutation($r: String!, $b: String!) { sendReporterMessage(receipt: $r, body: $b) }"
GUESSER, REPORTER = "198.51.100.23", "203.0.113.45"
NARRATIVE = "Un homme garde les passeports de quatre ouvrières agricoles près de Jendouba."


async def _post(http: httpx.AsyncClient, address: str, query: str, variables: dict[str, Any]) -> httpx.Response:
    return await http.post("/graphql", json={"query": query, "variables": variables}, headers=from_address(address))


def _codes(answer: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in answer.json().get("errors") or []]


async def test_five_guesses_per_address_then_even_the_right_receipt_is_refused(client_with: Any,
                                                                                 graph: Graph) -> None:
    async with client_with(trusted_proxies=PROXY, public_intake_per_client="5/10 minutes") as (app, http):
        protection_of(app.state.himaya.settings).intake.reset()
        submitted = await _post(http, REPORTER, SUBMIT, {"input": {
            "channel": "PUBLIC", "narrative": NARRATIVE, "governorate": "TN-71"}})
        receipt = submitted.json()["data"]["submitReport"]["receipt"]
        wrong = ("9" if receipt[0] != "9" else "8") + receipt[1:]

        guesses = [await _post(http, GUESSER, STATUS, {"r": wrong}) for _ in range(3)]
        guesses += [await _post(http, GUESSER, SEND, {"r": wrong, "b": "Vous êtes là ?"}) for _ in range(2)]
        assert [_codes(g) for g in guesses] == [["NOT_FOUND"]] * 5
        hit = await _post(http, GUESSER, STATUS, {"r": receipt})
        assert hit.status_code == 429
        assert _codes(hit) == ["RATE_LIMITED"]
        assert hit.json()["data"] is None
        assert 0 < int(hit.headers["retry-after"]) <= 600
        planted = await _post(http, GUESSER, SEND, {"r": receipt, "b": "Ceci vient du devineur."})
        assert (planted.status_code, _codes(planted)) == (429, ["RATE_LIMITED"])

        mine = await _post(http, REPORTER, STATUS, {"r": receipt})
        assert mine.json() == {"data": {"reportByReceipt": {"status": "RECEIVED", "messages": []}}}
        sent = await _post(http, REPORTER, SEND, {"r": receipt, "b": "Elles sont encore là."})
        assert sent.json() == {"data": {"sendReporterMessage": True}}
    assert await reports_db.count_reports(graph) == 1
