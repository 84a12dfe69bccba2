"""Anonymous reports: the receipt is the only key, nothing identifying is kept, messages go both ways."""

from __future__ import annotations

import re

import httpx

from api.protection import protection_for
from api.settings import Settings
from graph.db import Graph
from tests.api.reports import repository as db
from tests.api.reports.conftest import ReportWorld
from tests.support.graphql import ok, run

SUBMIT = """
mutation($input: SubmitReportInput!) { submitReport(input: $input) { reference receipt reportId } }
"""
BY_RECEIPT = """
query($receipt: String!) { reportByReceipt(receipt: $receipt) { status receivedAt messages { direction body } } }
"""
SEND = "mutation($receipt: String!, $body: String!) { sendReporterMessage(receipt: $receipt, body: $body) }"
REPLY = "mutation($id: ID!, $body: String!) { replyToReporter(reportId: $id, body: $body) }"
NOTE = "mutation($id: ID!, $body: String!) { addReportNote(reportId: $id, body: $body) }"
REPORTS = "{ reports(first: 10) { nodes { id reference channel status } } }"
DETAILS = "query($id: ID!) { report(id: $id) { narrative reporterContact messages { direction body } } }"

NARRATIVE = "Trois jeunes femmes travaillent jour et nuit dans une maison à Sakiet Ezzit, leurs passeports confisqués."


def public_input(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "channel": "PUBLIC", "narrative": NARRATIVE, "governorate": "TN-61", "place": "Sakiet Ezzit",
        "exploitationForms": ["DOMESTIC_SERVITUDE"], "indicators": ["RETENTION_OF_DOCUMENTS", "EXCESSIVE_OVERTIME"],
        "personsAtRisk": 3, "minorsInvolved": False, "urgency": "PRIORITY",
        "reporterContact": "voisine, +216 70 000 001 (fictif)",
    }
    base.update(overrides)
    return base


async def submit_public(graph: Graph, settings: Settings, **overrides: object) -> dict[str, str]:
    data = await ok(graph, settings, SUBMIT, {"input": public_input(**overrides)})
    return dict(data["submitReport"])


async def test_public_report_needs_no_account_and_returns_a_receipt_once(graph: Graph, settings: Settings,
                                                                         world: ReportWorld) -> None:
    payload = await submit_public(graph, settings)
    assert re.fullmatch(r"\d{16}", payload["receipt"])
    assert payload["reportId"] is None
    assert payload["reference"].startswith("SIG-")

    view = await ok(graph, settings, BY_RECEIPT, {"receipt": payload["receipt"]})
    assert view["reportByReceipt"]["status"] == "RECEIVED"
    # Spaces or dashes a person types around the digits do not matter.
    spaced = " ".join(payload["receipt"][i:i + 4] for i in range(0, 16, 4))
    assert (await ok(graph, settings, BY_RECEIPT, {"receipt": spaced}))["reportByReceipt"]["status"] == "RECEIVED"


async def test_stored_report_holds_no_plaintext_receipt_narrative_contact_or_address(
    graph: Graph, settings: Settings, world: ReportWorld, client: httpx.AsyncClient,
) -> None:
    response = await client.post("/graphql", json={"query": SUBMIT, "variables": {"input": public_input()}},
                                 headers={"User-Agent": "Mozilla/5.0 TestPhone", "X-Forwarded-For": "198.51.100.7"})
    receipt = response.json()["data"]["submitReport"]["receipt"]
    [stored] = await db.raw_reports(graph)
    flattened = repr(stored)
    assert receipt not in flattened
    assert "Sakiet Ezzit, leurs" not in flattened and "passeports" not in flattened
    assert "+216" not in flattened
    assert "127.0.0.1" not in flattened and "198.51.100.7" not in flattened and "testclient" not in flattened
    assert "Mozilla" not in flattened
    assert stored.get("submittedBy") is None
    assert stored.get("submittedByOrg") is None
    assert stored["narrativeSealed"].startswith("v1:")
    assert len(stored["receiptHash"]) == 64


async def test_wrong_receipt_fails_exactly_like_a_non_existent_or_malformed_one(
    graph: Graph, settings: Settings, world: ReportWorld,
) -> None:
    payload = await submit_public(graph, settings)
    wrong = ("1" if payload["receipt"][0] != "1" else "2") + payload["receipt"][1:]
    answers = [await run(graph, settings, BY_RECEIPT, {"receipt": r})
               for r in (wrong, "0000000000000000", "12", "' OR 1=1 //", "x" * 5000)]
    assert all(a.codes == ["NOT_FOUND"] for a in answers)
    assert len({a.errors[0]["message"] for a in answers}) == 1
    assert all(a.data is None for a in answers)


async def test_messages_go_both_ways_and_internal_notes_stay_internal(
    graph: Graph, settings: Settings, world: ReportWorld,
) -> None:
    payload = await submit_public(graph, settings)
    await ok(graph, settings, SEND, {"receipt": payload["receipt"], "body": "Elles sont encore là ce soir."})
    [listed] = (await ok(graph, settings, REPORTS, scope=world.coordinator))["reports"]["nodes"]
    await ok(graph, settings, REPLY, {"id": listed["id"], "body": "Merci, une équipe est informée."},
             scope=world.coordinator)
    await ok(graph, settings, NOTE, {"id": listed["id"], "body": "Adresse vérifiée par la garde nationale."},
             scope=world.coordinator)

    reporter = (await ok(graph, settings, BY_RECEIPT, {"receipt": payload["receipt"]}))["reportByReceipt"]
    assert [(m["direction"], m["body"]) for m in reporter["messages"]] == [
        ("FROM_REPORTER", "Elles sont encore là ce soir."),
        ("TO_REPORTER", "Merci, une équipe est informée."),
    ]
    assert "garde nationale" not in repr(reporter)

    details = (await ok(graph, settings, DETAILS, {"id": listed["id"]}, scope=world.coordinator))["report"]
    assert details["narrative"] == NARRATIVE
    assert details["reporterContact"] == "voisine, +216 70 000 001 (fictif)"
    assert [m["direction"] for m in details["messages"]] == ["FROM_REPORTER", "TO_REPORTER", "INTERNAL_NOTE"]
    assert all("garde nationale" not in repr(m) for m in await db.raw_messages(graph))


async def test_reporter_view_never_shows_internal_status_names(graph: Graph, settings: Settings,
                                                               world: ReportWorld) -> None:
    payload = await submit_public(graph, settings)
    view = (await ok(graph, settings, BY_RECEIPT, {"receipt": payload["receipt"]}))["reportByReceipt"]
    assert set(view) == {"status", "receivedAt", "messages"}
    result = await run(graph, settings, "query($r: String!) { reportByReceipt(receipt: $r) { linkedCaseId } }",
                       {"r": payload["receipt"]})
    assert result.codes == ["GRAPHQL_VALIDATION_FAILED"]


async def test_bad_input_is_refused_and_nothing_is_stored(graph: Graph, settings: Settings,
                                                          world: ReportWorld) -> None:
    cases = [
        public_input(narrative="x" * 10_001),
        public_input(narrative="   "),
        public_input(governorate="TN-99"),
        public_input(governorate="'; MAT" + "CH (n) DETA" + "CH DELETE n //"),
        public_input(indicators=["NOT_AN_INDICATOR"]),
        public_input(exploitationForms=["MADE_UP"]),
        public_input(personsAtRisk=-1),
        public_input(place="p" * 201),
    ]
    for bad in cases:
        protection_for(settings.state_dir).intake.reset()  # flood control counts every attempt
        result = await run(graph, settings, SUBMIT, {"input": bad})
        assert result.codes == ["BAD_USER_INPUT"], (bad, result.errors)
    assert await db.count_reports(graph) == 0
    unknown_channel = await run(graph, settings, SUBMIT, {"input": public_input(channel="CARRIER_PIGEON")})
    assert unknown_channel.codes == ["BAD_USER_INPUT"]
    assert unknown_channel.data is None
    assert await db.count_reports(graph) == 0


async def test_a_flood_from_one_client_is_cut_off_without_recording_who(
    graph: Graph, settings: Settings, world: ReportWorld, client: httpx.AsyncClient,
) -> None:
    statuses = []
    for _ in range(8):
        response = await client.post("/graphql", json={"query": SUBMIT, "variables": {"input": public_input()}})
        errors = response.json().get("errors") or []
        statuses.append(errors[0]["extensions"]["code"] if errors else "OK")
    assert statuses[:5] == ["OK"] * 5
    assert set(statuses[5:]) == {"RATE_LIMITED"}
    assert await db.count_reports(graph) == 5
    assert all("127.0.0.1" not in repr(r) for r in await db.raw_reports(graph))


async def test_partner_and_hotline_channels_need_the_right_caller(graph: Graph, settings: Settings,
                                                                  world: ReportWorld) -> None:
    anonymous_partner = await run(graph, settings, SUBMIT, {"input": public_input(channel="PARTNER_APP")})
    assert anonymous_partner.codes == ["UNAUTHENTICATED"]
    worker_hotline = await run(graph, settings, SUBMIT, {"input": public_input(channel="HOTLINE")},
                               scope=world.ngo_worker)
    assert worker_hotline.codes == ["FORBIDDEN"]
    partner = await ok(graph, settings, SUBMIT, {"input": public_input(channel="PARTNER_APP")},
                       scope=world.ngo_worker)
    assert partner["submitReport"]["receipt"] is None
    assert partner["submitReport"]["reportId"]
    # The submitting NGO sees its own report; another NGO does not.
    mine = (await ok(graph, settings, REPORTS, scope=world.ngo_worker))["reports"]["nodes"]
    theirs = (await ok(graph, settings, REPORTS, scope=world.other_ngo_worker))["reports"]["nodes"]
    assert len(mine) == 1 and theirs == []
    hidden = await run(graph, settings, DETAILS, {"id": mine[0]["id"]}, scope=world.other_ngo_worker)
    assert hidden.codes == ["NOT_FOUND"]
