"""Witnesses and whistleblowers: sealed identity, measures, review alerts; what a court package carries."""

from __future__ import annotations

import base64
import datetime as dt
import io
import uuid

from pypdf import PdfReader

from api.alerts.dispatcher import raise_trafficking_schedule
from api.graphql.relay import to_global_id
from api.settings import Settings
from graph.access.scope import Role, Scope
from graph.db import Graph
from seed.reference import court_id
from tests.api.casework import repository as casework
from tests.api.casework.support import World, world
from tests.api.trafficking import repository as db
from tests.api.trafficking.support import CASE_FILE, PHONE_E164, RECRUITER_NAME, case_with_recruiter
from tests.support.graphql import ok, run

SUBMIT = "mutation($input: SubmitReportInput!) { submitReport(input: $input) { reportId } }"
STATUS = "mutation($id: ID!) { changeReportStatus(reportId: $id, status: UNDER_REVIEW) { status } }"
LINK = "mutation($r: ID!, $c: ID!) { linkReportToCase(reportId: $r, caseId: $c) { status } }"
TRANSMIT = """
mutation($r: ID!, $include: [PackageField!]!) { transmitReport(reportId: $r, include: $include) {
  id courtCode includedFields } }
"""
DOCUMENT = "query($id: ID!) { transmissionDocument(id: $id) { contentBase64 } }"
RECORD = """
mutation($input: RecordProtectedPersonInput!) { recordProtectedPerson(input: $input) { id role alias
  risk { level factors } caseIds reportIds } }
"""
MEASURE = """
mutation($input: AddProtectionMeasureInput!) { addProtectionMeasure(input: $input) {
  measures { id kind status responsibleBody reviewDue } } }
"""
UPDATE = """
mutation($m: ID!, $s: ProtectionMeasureStatus) { updateProtectionMeasure(measureId: $m, status: $s) {
  measures { id status } } }
"""
IDENTITY = """
query($p: ID!, $r: String!) { protectedPersonIdentity(protectedPersonId: $p, reason: $r) { fullName contact } }
"""
REPORT_PERSONS = "query($id: ID!) { node(id: $id) { ... on Report { protectedPersons { alias role } } } }"
ALERTS = "{ alerts { kind subjectType subjectId title } }"
ROUTE = "mutation($input: AddRouteEventInput!) { addRouteEvent(input: $input) { id } }"
WITNESS_NAME = "Salma Ben Ammar"
WHISTLEBLOWER_NAME = "Hichem Lanceur"
ALL_TRAFFICKING = ["PERPETRATORS", "IDENTIFIERS", "ROUTE", "PROTECTED_PERSONS"]
COURT = Scope(user_id="judge-sfax", role=Role.JUDICIAL_OFFICER, organization_id=court_id("TPI-SFAX"))


async def _report(graph: Graph, settings: Settings, w: World, case: str) -> str:
    data = await ok(graph, settings, SUBMIT, {"input": {
        "channel": "HOTLINE", "narrative": "Appel: un recruteur promet du travail en Europe.",
        "governorate": "TN-61"}}, scope=w.coordinator)
    report = str(data["submitReport"]["reportId"])
    await ok(graph, settings, STATUS, {"id": report}, scope=w.coordinator)
    await ok(graph, settings, LINK, {"r": report, "c": case}, scope=w.coordinator)
    return report


async def _pdf_text(graph: Graph, settings: Settings, transmission: str) -> str:
    data = await ok(graph, settings, DOCUMENT, {"id": transmission}, scope=COURT)
    pdf = PdfReader(io.BytesIO(base64.b64decode(data["transmissionDocument"]["contentBase64"])))
    return "\n".join(page.extract_text() for page in pdf.pages)


async def test_a_witness_identity_reaches_the_court_only_when_a_measure_allows_it(graph: Graph,
                                                                                 settings: Settings) -> None:
    w = await world(graph)
    case, _ = await case_with_recruiter(graph, settings, w.coordinator, governorate="TN-61")
    await ok(graph, settings, ROUTE, {"input": {"caseId": case, "type": "RECRUITMENT", "country": "CIV",
                                                "place": "Abidjan", "occurredOn": "2025-02"}}, scope=w.coordinator)
    witness = (await ok(graph, settings, RECORD, {"input": {
        "caseId": case, "role": "WITNESS", "alias": "Témoin 1", "riskLevel": "HIGH",
        "riskFactors": ["THREATS_RECEIVED", "PERPETRATOR_AT_LARGE"],
        "identity": {"fullName": WITNESS_NAME, "contact": "+216 22 111 333"}}}, scope=w.coordinator))
    person = witness["recordProtectedPerson"]
    assert person["risk"] == {"level": "HIGH", "factors": ["PERPETRATOR_AT_LARGE", "THREATS_RECEIVED"]}
    report = await _report(graph, settings, w, case)
    await ok(graph, settings, RECORD, {"input": {"reportId": report, "role": "WHISTLEBLOWER", "alias": "Source S",
                                                 "riskLevel": "MEDIUM", "identity": {"fullName": WHISTLEBLOWER_NAME}}},
             scope=w.coordinator)
    assert (await ok(graph, settings, REPORT_PERSONS, {"id": report}, scope=w.coordinator))["node"] == {
        "protectedPersons": [{"alias": "Source S", "role": "WHISTLEBLOWER"}]}
    await ok(graph, settings, MEASURE, {"input": {"protectedPersonId": person["id"], "kind": "POLICE_PROTECTION",
                                                  "status": "ACTIVE", "responsibleBody": "Garde nationale, Sfax"}},
             scope=w.coordinator)

    sent = (await ok(graph, settings, TRANSMIT, {"r": report, "include": ALL_TRAFFICKING},
                     scope=w.coordinator))["transmitReport"]
    assert sent["courtCode"] == "TPI-SFAX"
    text = await _pdf_text(graph, settings, sent["id"])
    for expected in ("Auteurs présumés", "Recruteur", "Famille", RECRUITER_NAME, "Téléphone", PHONE_E164,
                     "Recrutement", "CIV", "Abidjan", "Témoin 1", "Identité protégée", "Source S"):
        assert expected in text, expected
    assert WITNESS_NAME not in text
    assert WHISTLEBLOWER_NAME not in text
    assert "RECRUITER" not in text, "codes are shown as translated labels"

    # With an active measure allowing disclosure to the court (and none withholding it), the name travels.
    allow = (await ok(graph, settings, MEASURE, {"input": {
        "protectedPersonId": person["id"], "kind": "IDENTITY_DISCLOSURE_TO_COURT", "status": "ACTIVE",
        "responsibleBody": "Instance nationale"}}, scope=w.coordinator))["addProtectionMeasure"]
    second = await _report(graph, settings, w, case)
    sent = (await ok(graph, settings, TRANSMIT, {"r": second, "include": ALL_TRAFFICKING},
                     scope=w.coordinator))["transmitReport"]
    assert WITNESS_NAME in await _pdf_text(graph, settings, sent["id"])

    # A withholding measure wins over the disclosure.
    await ok(graph, settings, MEASURE, {"input": {"protectedPersonId": person["id"], "kind": "IDENTITY_WITHHELD",
                                                  "status": "ACTIVE", "responsibleBody": "Juge des enfants"}},
             scope=w.coordinator)
    third = await _report(graph, settings, w, case)
    sent = (await ok(graph, settings, TRANSMIT, {"r": third, "include": ALL_TRAFFICKING},
                     scope=w.coordinator))["transmitReport"]
    assert WITNESS_NAME not in await _pdf_text(graph, settings, sent["id"])
    assert {m["kind"] for m in allow["measures"]} == {"POLICE_PROTECTION", "IDENTITY_DISCLOSURE_TO_COURT"}

    # Without the trafficking fields, none of it travels.
    fourth = await _report(graph, settings, w, case)
    sent = (await ok(graph, settings, TRANSMIT, {"r": fourth, "include": ["GOVERNORATE"]},
                     scope=w.coordinator))["transmitReport"]
    bare = await _pdf_text(graph, settings, sent["id"])
    assert RECRUITER_NAME not in bare and PHONE_E164 not in bare


async def test_witness_identity_is_sealed_and_read_only_by_the_authority_and_the_recorder(
        graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    case, _ = await case_with_recruiter(graph, settings, w.worker_a)
    recorded = (await ok(graph, settings, RECORD, {"input": {
        "caseId": case, "role": "WITNESS", "alias": "Témoin 2", "riskLevel": "CRITICAL",
        "identity": {"fullName": WITNESS_NAME}}}, scope=w.worker_a))["recordProtectedPerson"]
    assert WITNESS_NAME not in await db.everything(graph)
    assert (await run(graph, settings, IDENTITY, {"p": recorded["id"], "r": "curious reader"},
                      scope=w.worker_b)).codes == ["NOT_FOUND"]
    assert (await run(graph, settings, RECORD, {"input": {"caseId": case, "role": "WITNESS", "alias": "x",
                                                          "riskLevel": "LOW"}}, scope=w.worker_b)).codes == [
        "NOT_FOUND"]
    report = to_global_id("Report", str(uuid.uuid4()))
    both = await run(graph, settings, RECORD, {"input": {"caseId": case, "reportId": report, "role": "WITNESS",
                                                         "alias": "x", "riskLevel": "LOW"}}, scope=w.worker_a)
    assert both.codes == ["BAD_USER_INPUT"]
    read = await ok(graph, settings, IDENTITY, {"p": recorded["id"], "r": "protection hearing"}, scope=w.coordinator)
    assert read["protectedPersonIdentity"] == {"fullName": WITNESS_NAME, "contact": None}
    persons = (await ok(graph, settings, CASE_FILE, {"id": case}, scope=w.worker_a))["case"]["protectedPersons"]
    assert [(p["alias"], p["risk"]["level"]) for p in persons] == [("Témoin 2", "CRITICAL")]
    assert WITNESS_NAME not in repr(persons)
    assert (await ok(graph, settings, CASE_FILE, {"id": case}, scope=w.worker_b))["case"] is None


async def test_a_review_coming_due_raises_one_alert_without_names(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    coordinator_user = await casework.create_user(graph, w.coordinator.organization_id or "", "coord", "COORDINATOR")
    coordinator = Scope(user_id=coordinator_user, role=Role.COORDINATOR, organization_id=w.coordinator.organization_id)
    case, _ = await case_with_recruiter(graph, settings, w.worker_a)
    person = (await ok(graph, settings, RECORD, {"input": {
        "caseId": case, "role": "WITNESS", "alias": "Témoin 3", "riskLevel": "HIGH",
        "identity": {"fullName": WITNESS_NAME}}}, scope=w.worker_a))["recordProtectedPerson"]
    later = (dt.date.today() + dt.timedelta(days=60)).isoformat()
    soon = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    await ok(graph, settings, MEASURE, {"input": {"protectedPersonId": person["id"], "kind": "RELOCATION",
                                                  "status": "ACTIVE", "responsibleBody": "Ministère de l'Intérieur",
                                                  "reviewDue": later}}, scope=w.worker_a)
    assert (await raise_trafficking_schedule(graph, settings))[0] == 0
    measures = (await ok(graph, settings, MEASURE, {"input": {
        "protectedPersonId": person["id"], "kind": "PSYCHOLOGICAL_SUPPORT", "status": "PLANNED",
        "responsibleBody": "Association Amal", "reviewDue": soon}}, scope=w.worker_a))["addProtectionMeasure"]
    assert (await raise_trafficking_schedule(graph, settings))[0] == 1
    assert (await raise_trafficking_schedule(graph, settings))[0] == 0, "once per measure and review date"
    alerts = (await ok(graph, settings, ALERTS, scope=coordinator))["alerts"]
    assert [(a["kind"], a["subjectType"], a["subjectId"]) for a in alerts] == [
        ("PROTECTION_REVIEW_DUE", "ProtectedPerson", person["id"])]
    assert WITNESS_NAME not in repr(await db.alerts(graph)) + repr(alerts)

    ended = next(m for m in measures["measures"] if m["kind"] == "PSYCHOLOGICAL_SUPPORT")
    await ok(graph, settings, UPDATE, {"m": ended["id"], "s": "ENDED"}, scope=w.worker_a)
    await db.age_measure_reviews(graph, 1)
    assert (await raise_trafficking_schedule(graph, settings))[0] == 1, "only the still active relocation"
    nothing = await run(graph, settings, UPDATE, {"m": ended["id"]}, scope=w.worker_a)
    assert nothing.codes == ["BAD_USER_INPUT"]


MEASURE_NOTE = """
mutation($input: AddProtectionMeasureInput!) { addProtectionMeasure(input: $input) { measures { kind note } } }
"""
CASE_MEASURES = "query($id: ID!) { case(id: $id) { protectedPersons { measures { kind note } } } }"


async def test_a_measure_note_is_sealed_at_rest_and_read_back_only_by_those_who_see_the_measure(
        graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    case, _ = await case_with_recruiter(graph, settings, w.worker_a)
    person = (await ok(graph, settings, RECORD, {"input": {
        "caseId": case, "role": "WHISTLEBLOWER", "alias": "Lanceur 3", "riskLevel": "HIGH"}},
        scope=w.worker_a))["recordProtectedPerson"]["id"]
    where = "Relogé à Gabès, résidence des Palmiers, porte 12"
    added = await ok(graph, settings, MEASURE_NOTE, {"input": {
        "protectedPersonId": person, "kind": "RELOCATION", "status": "ACTIVE", "responsibleBody": "Garde nationale",
        "note": where}}, scope=w.worker_a)
    assert added["addProtectionMeasure"]["measures"] == [{"kind": "RELOCATION", "note": where}]
    # Where a protected person now lives is never in the store in clear.
    assert "Palmiers" not in await db.everything(graph)
    read = await ok(graph, settings, CASE_MEASURES, {"id": case}, scope=w.coordinator)
    assert read["case"]["protectedPersons"] == [{"measures": [{"kind": "RELOCATION", "note": where}]}]
    other = await ok(graph, settings, CASE_MEASURES, {"id": case}, scope=w.worker_b)
    assert other["case"] is None
    # A measure without a note has none, and leaves no key behind.
    keys_before = await db.count(graph, "DataKey")
    bare = await ok(graph, settings, MEASURE_NOTE, {"input": {
        "protectedPersonId": person, "kind": "LEGAL_AID", "responsibleBody": "Barreau"}}, scope=w.worker_a)
    assert {"kind": "LEGAL_AID", "note": None} in bare["addProtectionMeasure"]["measures"]
    assert await db.count(graph, "DataKey") == keys_before
