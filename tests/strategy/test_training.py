"""Training: capacity under concurrency, sealed participants, attendance, certificates anyone can verify, KPIs."""

from __future__ import annotations

import asyncio
import base64

from api.settings import Settings
from graph.db import Graph
from tests.strategy import repository as db
from tests.strategy.support import THIS_YEAR, title, world
from tests.support.graphql import ok, run
from tests.support.repository import all_properties

CREATE_COURSE = """
mutation($input: CreateCourseInput!) { createCourse(input: $input) { id code } }
"""
CREATE_SESSION = """
mutation($input: CreateTrainingSessionInput!) {
  createTrainingSession(input: $input) { id capacity enrolled organiser { code } course { code } }
}
"""
ENROL = """
mutation($input: EnrolParticipantInput!) { enrolParticipant(input: $input) { id institution sector attended } }
"""
ATTENDANCE = """
mutation($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) { id attended preScore postScore learningGain satisfaction }
}
"""
ISSUE = """
mutation($id: ID!) { issueCertificate(enrolmentId: $id) { code document { filename contentType contentBase64 } } }
"""
VERIFY = """
query($code: String!) { verifyCertificate(code: $code) { nameOnCertificate course { fr ar en } startDate endDate } }
"""
SESSIONS = "query { trainingSessions { id enrolled attended enrolments { institution attended } } }"
KPIS = """
query($year: Int) {
  trainingKpis(year: $year) { enrolled attended officialsTrained meanLearningGain
    officialsByInstitution { key count } officialsByGovernorate { key count } }
}
"""


async def course_and_session(graph: Graph, settings: Settings, w, capacity: int, organiser: str = "NGO-A") -> str:
    course = (await ok(graph, settings, CREATE_COURSE, {"input": {
        "code": "TIP-101", "title": title("Identifying victims"), "objectives": ["Know the indicators"],
        "audiences": ["LABOUR_INSPECTORS"], "durationHours": 12, "guidelines": ["LABOUR_INSPECTOR"]}},
        scope=w.coordinator))["createCourse"]
    session = (await ok(graph, settings, CREATE_SESSION, {"input": {
        "courseId": course["id"], "organiserCode": organiser, "place": "Sfax, maison de la culture",
        "governorate": "TN-61", "startDate": f"{THIS_YEAR}-03-02", "endDate": f"{THIS_YEAR}-03-03",
        "hours": 12, "capacity": capacity, "trainers": ["Trainer One", "Trainer Two"]}},
        scope=w.coordinator))["createTrainingSession"]
    assert session["organiser"] == {"code": organiser}
    return str(session["id"])


def participant(session: str, n: int, sector: str = "LABOUR_INSPECTION") -> dict:
    return {"sessionId": session, "fullName": f"Participant Name {n}", "institution": "Inspection du travail Sfax",
            "sector": sector, "sex": "FEMALE" if n % 2 else "MALE", "role": "inspector", "governorate": "TN-61"}


async def test_twenty_concurrent_enrolments_fill_five_seats_exactly(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    session = await course_and_session(graph, settings, w, capacity=5)
    results = await asyncio.gather(*[run(graph, settings, ENROL, {"input": participant(session, n)},
                                         scope=w.partner_a) for n in range(20)])
    winners = [r for r in results if not r.errors]
    losers = [r for r in results if r.errors]
    assert len(winners) == 5
    assert {tuple(r.codes) for r in losers} == {("CONFLICT",)}
    assert {tuple(r.messages) for r in losers} == {("The session is full (5 seats).",)}
    assert await db.count(graph, "TrainingEnrolment") == 5
    # The names are sealed: no stored property holds one.
    for props in await all_properties(graph, "TrainingEnrolment"):
        assert not any("Participant Name" in str(value) for value in props.values())
        assert props["fullNameSealed"]


async def test_a_partner_cannot_work_on_another_organisations_session(graph: Graph, settings: Settings) -> None:
    w = await world(graph)
    session = await course_and_session(graph, settings, w, capacity=5)
    enrolment = (await ok(graph, settings, ENROL, {"input": participant(session, 1)},
                          scope=w.partner_a))["enrolParticipant"]
    other = await run(graph, settings, ATTENDANCE, {"input": {"enrolmentId": enrolment["id"], "attended": True}},
                      scope=w.partner_b)
    assert other.codes == ["NOT_FOUND"]
    assert (await db.properties(graph, "TrainingEnrolment", enrolment["id"]))["attended"] is False
    assert (await run(graph, settings, ENROL, {"input": participant(session, 2)}, scope=w.partner_b)).codes == [
        "NOT_FOUND"]
    assert (await ok(graph, settings, SESSIONS, scope=w.partner_b))["trainingSessions"] == []
    bad = await run(graph, settings, ATTENDANCE, {"input": {"enrolmentId": enrolment["id"], "attended": True,
                                                            "postScore": 140}}, scope=w.partner_a)
    assert bad.codes == ["BAD_USER_INPUT"]


async def test_certificate_is_issued_after_attendance_and_verified_by_anyone(graph: Graph,
                                                                             settings: Settings) -> None:
    w = await world(graph)
    session = await course_and_session(graph, settings, w, capacity=10)
    enrolment = (await ok(graph, settings, ENROL, {"input": participant(session, 7)},
                          scope=w.partner_a))["enrolParticipant"]
    early = await run(graph, settings, ISSUE, {"id": enrolment["id"]}, scope=w.coordinator)
    assert early.codes == ["CONFLICT"]
    assert early.messages == ["No certificate without recorded attendance."]

    recorded = await ok(graph, settings, ATTENDANCE, {"input": {
        "enrolmentId": enrolment["id"], "attended": True, "preScore": 40, "postScore": 85, "satisfaction": 5}},
        scope=w.partner_a)
    assert recorded["recordAttendance"]["learningGain"] == 45
    issued = (await ok(graph, settings, ISSUE, {"id": enrolment["id"]}, scope=w.coordinator))["issueCertificate"]
    assert base64.b64decode(issued["document"]["contentBase64"]).startswith(b"%PDF")
    again = (await ok(graph, settings, ISSUE, {"id": enrolment["id"]}, scope=w.coordinator))["issueCertificate"]
    assert again["code"] == issued["code"]

    verified = (await ok(graph, settings, VERIFY, {"code": issued["code"].lower().replace("-", " ")}))
    assert verified["verifyCertificate"] == {
        "nameOnCertificate": "Participant Name 7",
        "course": {"fr": "Identifying victims (fr)", "ar": "Identifying victims (ar)", "en": "Identifying victims"},
        "startDate": f"{THIS_YEAR}-03-02", "endDate": f"{THIS_YEAR}-03-03"}

    forged = issued["code"][:-1] + ("A" if issued["code"][-1] != "A" else "B")
    for code in (forged, "AAAA-BBBB-CCCC-DDDD", "not a code", ""):
        refused = await run(graph, settings, VERIFY, {"code": code})
        assert refused.codes == ["NOT_FOUND"]
        assert refused.messages == ["No certificate has this code."]
        assert refused.data is None

    kpis = (await ok(graph, settings, KPIS, {"year": THIS_YEAR}, scope=w.analyst))["trainingKpis"]
    assert kpis == {"enrolled": 1, "attended": 1, "officialsTrained": 1, "meanLearningGain": 45.0,
                    "officialsByInstitution": [{"key": "Inspection du travail Sfax", "count": 1}],
                    "officialsByGovernorate": [{"key": "TN-61", "count": 1}]}
