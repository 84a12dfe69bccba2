"""Triage, transmission to the competent court, acknowledgement, custody chain and the deadline policy."""

from __future__ import annotations

import base64
import io

from pypdf import PdfReader

from api.settings import Settings
from graph.db import Graph
from tests.api.reports import repository as db
from tests.api.reports.conftest import ReportWorld
from tests.api.reports.test_public_reports import BY_RECEIPT, NARRATIVE, REPORTS, submit_public
from tests.support.graphql import ok, run

STATUS = """
mutation($id: ID!, $status: ReportStatus!, $reason: String) {
  changeReportStatus(reportId: $id, status: $status, reason: $reason) { status qualifiedAt }
}
"""
REGISTER = "mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { id } }"
OPEN_CASE = "mutation($input: OpenCaseInput!) { openCase(input: $input) { id reference } }"
LINK = "mutation($r: ID!, $c: ID!) { linkReportToCase(reportId: $r, caseId: $c) { status linkedCaseId qualifiedAt } }"
TRANSMIT = """
mutation($r: ID!, $include: [PackageField!]!, $court: String) {
  transmitReport(reportId: $r, include: $include, courtCode: $court) {
    id status courtCode includedFields includesReporterIdentity contentHash reportReference
  }
}
"""
ACK = "mutation($id: ID!) { acknowledgeTransmission(id: $id) { status acknowledgedAt } }"
FOLLOW_UP = """
mutation($id: ID!, $n: String!, $s: CourtStatus!) {
  recordCourtFollowUp(id: $id, courtCaseNumber: $n, courtStatus: $s) { status courtCaseNumber courtStatus }
}
"""
DOCUMENT = "query($id: ID!) { transmissionDocument(id: $id) { filename contentType contentBase64 contentHash } }"
INBOX = "{ transmissions { id status reportReference } }"
CUSTODY = "query($r: ID!) { reportCustodyChain(reportId: $r) { action actorRole detail } }"
OVERDUE = "{ overdueTransmissions { reference status daysOverdue } }"
DUPLICATES = "query($r: ID!) { possibleDuplicateReports(reportId: $r) { reference sharedIndicators score } }"


async def _report_id(graph: Graph, settings: Settings, world: ReportWorld) -> str:
    nodes = (await ok(graph, settings, REPORTS, scope=world.coordinator))["reports"]["nodes"]
    return str(nodes[0]["id"])


async def _under_review(graph: Graph, settings: Settings, world: ReportWorld, **overrides: object) -> tuple[str, str]:
    payload = await submit_public(graph, settings, **overrides)
    report_id = await _report_id(graph, settings, world)
    await ok(graph, settings, STATUS, {"id": report_id, "status": "UNDER_REVIEW"}, scope=world.coordinator)
    return report_id, payload["receipt"]


async def test_triage_moves_forward_and_refuses_illegal_moves(graph: Graph, settings: Settings,
                                                              world: ReportWorld) -> None:
    await submit_public(graph, settings)
    report_id = await _report_id(graph, settings, world)
    worker = await run(graph, settings, STATUS, {"id": report_id, "status": "UNDER_REVIEW"}, scope=world.ngo_worker)
    assert worker.codes == ["FORBIDDEN"]
    anonymous = await run(graph, settings, STATUS, {"id": report_id, "status": "UNDER_REVIEW"})
    assert anonymous.codes == ["UNAUTHENTICATED"]

    moved = await ok(graph, settings, STATUS, {"id": report_id, "status": "UNDER_REVIEW"}, scope=world.coordinator)
    assert moved["changeReportStatus"]["status"] == "UNDER_REVIEW"
    back = await run(graph, settings, STATUS, {"id": report_id, "status": "RECEIVED"}, scope=world.coordinator)
    assert back.codes == ["CONFLICT"]
    assert "UNDER_REVIEW" in back.errors[0]["message"] and "RECEIVED" in back.errors[0]["message"]
    shortcut = await run(graph, settings, STATUS, {"id": report_id, "status": "TRANSMITTED"},
                         scope=world.coordinator)
    assert shortcut.codes == ["BAD_USER_INPUT"]
    closed = await ok(graph, settings, STATUS, {"id": report_id, "status": "CLOSED_UNFOUNDED", "reason": "doublon"},
                      scope=world.coordinator)
    assert closed["changeReportStatus"]["status"] == "CLOSED_UNFOUNDED"
    unknown = await run(graph, settings, STATUS, {"id": "UmVwb3J0OjAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMA",
                                                  "status": "UNDER_REVIEW"}, scope=world.coordinator)
    assert unknown.codes == ["NOT_FOUND"]
    malformed = await run(graph, settings, STATUS, {"id": "not-an-id", "status": "UNDER_REVIEW"},
                          scope=world.coordinator)
    assert malformed.codes == ["BAD_USER_INPUT"]


async def test_anonymous_report_to_sfax_court_and_back_to_the_reporter(graph: Graph, settings: Settings,
                                                                        world: ReportWorld) -> None:
    """The whole story: anonymous report, triage into a case, transmission to Sfax, acknowledgement."""
    report_id, receipt = await _under_review(graph, settings, world)
    victim = await ok(graph, settings, REGISTER, {"input": {"alias": "V-SFX-01", "sex": "FEMALE", "minor": False}},
                      scope=world.coordinator)
    case = await ok(graph, settings, OPEN_CASE, {"input": {"victimId": victim["registerVictim"]["id"],
                                                           "governorate": "TN-61",
                                                           "exploitationForms": ["DOMESTIC_SERVITUDE"]}},
                    scope=world.coordinator)
    linked = await ok(graph, settings, LINK, {"r": report_id, "c": case["openCase"]["id"]}, scope=world.coordinator)
    assert linked["linkReportToCase"]["status"] == "LINKED_TO_CASE"
    assert linked["linkReportToCase"]["qualifiedAt"]
    view = (await ok(graph, settings, BY_RECEIPT, {"receipt": receipt}))["reportByReceipt"]
    assert view["status"] == "IN_PROGRESS"

    sent = (await ok(graph, settings, TRANSMIT, {"r": report_id, "include": ["GOVERNORATE", "EXPLOITATION_FORMS",
                                                                              "INDICATORS", "LINKED_CASE_REFERENCE"]},
                     scope=world.coordinator))["transmitReport"]
    assert sent["courtCode"] == "TPI-SFAX"
    assert sent["status"] == "SENT"
    assert "NARRATIVE" not in sent["includedFields"] and "REPORTER_CONTACT" not in sent["includedFields"]
    assert sent["includesReporterIdentity"] is False
    assert (await ok(graph, settings, BY_RECEIPT, {"receipt": receipt}))["reportByReceipt"]["status"] == (
        "TRANSMITTED_TO_JUSTICE")

    # The Sfax court sees it; the Tunis court does not, and cannot acknowledge it.
    inbox = (await ok(graph, settings, INBOX, scope=world.sfax_officer))["transmissions"]
    assert [t["reportReference"] for t in inbox] == [sent["reportReference"]]
    assert (await ok(graph, settings, INBOX, scope=world.tunis_officer))["transmissions"] == []
    assert (await run(graph, settings, ACK, {"id": sent["id"]}, scope=world.tunis_officer)).codes == ["NOT_FOUND"]
    assert (await run(graph, settings, ACK, {"id": sent["id"]}, scope=world.coordinator)).codes == ["FORBIDDEN"]

    acknowledged = await ok(graph, settings, ACK, {"id": sent["id"]}, scope=world.sfax_officer)
    assert acknowledged["acknowledgeTransmission"]["status"] == "ACKNOWLEDGED"
    again = await run(graph, settings, ACK, {"id": sent["id"]}, scope=world.sfax_officer)
    assert again.codes == ["CONFLICT"]
    followed = await ok(graph, settings, FOLLOW_UP, {"id": sent["id"], "n": "2026/4512", "s": "INVESTIGATION_OPENED"},
                        scope=world.sfax_officer)
    assert followed["recordCourtFollowUp"]["courtCaseNumber"] == "2026/4512"

    chain = (await ok(graph, settings, CUSTODY, {"r": report_id}, scope=world.coordinator))["reportCustodyChain"]
    assert [e["action"] for e in chain] == ["SUBMITTED", "STATUS_UNDER_REVIEW", "LINKED_TO_CASE", "TRANSMITTED",
                                            "ACKNOWLEDGED_BY_COURT", "COURT_FOLLOW_UP"]
    assert chain[0]["actorRole"] is None  # the anonymous reporter is nobody
    assert chain[4]["actorRole"] == "JUDICIAL_OFFICER"


async def test_excluded_fields_are_absent_from_the_package_and_the_pdf(graph: Graph, settings: Settings,
                                                                        world: ReportWorld) -> None:
    report_id, _ = await _under_review(graph, settings, world)
    sent = (await ok(graph, settings, TRANSMIT, {"r": report_id, "include": ["GOVERNORATE", "INDICATORS"]},
                     scope=world.coordinator))["transmitReport"]
    document = (await ok(graph, settings, DOCUMENT, {"id": sent["id"]}, scope=world.sfax_officer))[
        "transmissionDocument"]
    assert document["contentType"] == "application/pdf"
    assert document["contentHash"] == sent["contentHash"]
    pdf = base64.b64decode(document["contentBase64"])
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    compact = text.replace("\n", "")
    assert sent["contentHash"] in compact
    assert "RETENTION_OF_DOCUMENTS" in text
    assert "passeports" not in text and "Sakiet" not in text and "+216" not in text
    stored = repr(await db.raw_transmissions(graph))
    assert "passeports" not in stored and "RETENTION_OF_DOCUMENTS" not in stored  # the package is sealed too

    # The Tunis court cannot fetch Sfax's document.
    other = await run(graph, settings, DOCUMENT, {"id": sent["id"]}, scope=world.tunis_officer)
    assert other.codes == ["NOT_FOUND"]


async def test_reporter_identity_travels_only_with_the_reporters_agreement(graph: Graph, settings: Settings,
                                                                            world: ReportWorld) -> None:
    report_id, _ = await _under_review(graph, settings, world)
    refused = await run(graph, settings, TRANSMIT, {"r": report_id, "include": ["NARRATIVE", "REPORTER_CONTACT"]},
                        scope=world.coordinator)
    assert refused.codes == ["FORBIDDEN"]
    assert await db.raw_transmissions(graph) == []

    agreed_id, _ = await _under_review(graph, settings, world, reporterAgreesToShareIdentity=True,
                                       governorate="TN-11")
    sent = (await ok(graph, settings, TRANSMIT, {"r": agreed_id, "include": ["NARRATIVE", "REPORTER_CONTACT"]},
                     scope=world.coordinator))["transmitReport"]
    assert sent["includesReporterIdentity"] is True
    assert sent["courtCode"] == "TPI-TUNIS"
    document = (await ok(graph, settings, DOCUMENT, {"id": sent["id"]}, scope=world.coordinator))[
        "transmissionDocument"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(base64.b64decode(document["contentBase64"]))).pages)
    assert "+216 70 000 001" in text
    assert NARRATIVE.split(",")[0][:30] in text.replace("\n", " ")


async def test_a_report_not_yet_reviewed_cannot_be_transmitted(graph: Graph, settings: Settings,
                                                                world: ReportWorld) -> None:
    await submit_public(graph, settings)
    report_id = await _report_id(graph, settings, world)
    result = await run(graph, settings, TRANSMIT, {"r": report_id, "include": ["GOVERNORATE"]},
                       scope=world.coordinator)
    assert result.codes == ["CONFLICT"]
    bad_court = await _under_review(graph, settings, world)
    wrong = await run(graph, settings, TRANSMIT, {"r": bad_court[0], "include": ["GOVERNORATE"],
                                                  "court": "TPI-TATAOUINE"}, scope=world.coordinator)
    assert wrong.codes == ["BAD_USER_INPUT"]  # that court does not cover Sfax


async def test_overdue_transmissions_are_listed_after_the_deadline(graph: Graph, settings: Settings,
                                                                    world: ReportWorld) -> None:
    fresh_id, _ = await _under_review(graph, settings, world)
    late_payload = await submit_public(graph, settings, governorate="TN-51")
    nodes = (await ok(graph, settings, REPORTS, scope=world.coordinator))["reports"]["nodes"]
    late = next(n for n in nodes if n["reference"] == late_payload["reference"])
    await ok(graph, settings, STATUS, {"id": late["id"], "status": "UNDER_REVIEW"}, scope=world.coordinator)
    victim = await ok(graph, settings, REGISTER, {"input": {"alias": "V-SOU-01"}}, scope=world.coordinator)
    for report in (fresh_id, late["id"]):
        case = await ok(graph, settings, OPEN_CASE, {"input": {"victimId": victim["registerVictim"]["id"],
                                                               "governorate": "TN-51"}}, scope=world.coordinator)
        await ok(graph, settings, LINK, {"r": report, "c": case["openCase"]["id"]}, scope=world.coordinator)
    await db.backdate_qualification(graph, late["reference"], settings.transmission_deadline_days + 3)

    overdue = (await ok(graph, settings, OVERDUE, scope=world.coordinator))["overdueTransmissions"]
    assert [(o["reference"], o["daysOverdue"]) for o in overdue] == [(late["reference"], 3)]
    assert (await run(graph, settings, OVERDUE, scope=world.ngo_worker)).codes == ["FORBIDDEN"]


async def test_possible_duplicates_share_place_time_and_indicators(graph: Graph, settings: Settings,
                                                                    world: ReportWorld) -> None:
    first = await submit_public(graph, settings)
    await submit_public(graph, settings, indicators=["RETENTION_OF_DOCUMENTS"], exploitationForms=[])
    await submit_public(graph, settings, governorate="TN-83")  # same story, far away
    await submit_public(graph, settings, indicators=["MINOR_WORKING"], exploitationForms=["FORCED_BEGGING"])
    nodes = (await ok(graph, settings, REPORTS, scope=world.coordinator))["reports"]["nodes"]
    first_id = next(n["id"] for n in nodes if n["reference"] == first["reference"])
    hints = (await ok(graph, settings, DUPLICATES, {"r": first_id}, scope=world.coordinator))[
        "possibleDuplicateReports"]
    assert len(hints) == 1
    assert hints[0]["sharedIndicators"] == ["RETENTION_OF_DOCUMENTS"]
