"""Cypher for training: courses, sessions, enrolments (participant's name sealed), attendance, tests, certificates.

A session is locked before its enrolments are counted, so concurrent enrolments never go beyond its capacity
(the same order as the capacity statements in graph/referrals). A certificate is found only by the SHA-256 of its
verification code; the participant's name is sealed under the enrolment's own data key (graph/protected).
"""

from __future__ import annotations

from typing import Any

from graph.access.repository import TRAINING_SESSION_VISIBLE
from graph.db import Graph, Record

COURSE_PROJECTION = """c {.id, .code, .titleFr, .titleAr, .titleEn, .objectives, .audiences, .durationHours,
    .guidelines}"""

ENROLMENT_PROJECTION = """e {.id, .institution, .sector, .sex, .role, .governorate, .attended, .preScore,
    .postScore, .satisfaction, certificateIssued: e.certificateCodeHash IS NOT NULL,
    certificateIssuedAt: toString(e.certificateIssuedAt)}"""

SESSION_PROJECTION = (
    """ts {.id, .trainers, .place, .governorate, .hours, .capacity, .scope, .version,
    startDate: toString(ts.startDate), endDate: toString(ts.endDate),
    course: [(ts)-[:OF_COURSE]->(c:Course) | """
    + COURSE_PROJECTION
    + """][0],
    organiser: [(ts)-[:ORGANISED_BY]->(ts_o:Organization) | ts_o {.id, .code, .name}][0],
    enrolments: [(ts)<-[:IN_SESSION]-(e:TrainingEnrolment) | """
    + ENROLMENT_PROJECTION
    + """]}"""
)

CREATE_COURSE = (
    """
CREATE (c:Course {id: $course.id, code: $course.code, titleFr: $course.titleFr, titleAr: $course.titleAr,
    titleEn: $course.titleEn, objectives: $course.objectives, audiences: $course.audiences,
    durationHours: $course.durationHours, guidelines: $course.guidelines, createdAt: datetime(),
    createdBy: $scope.user})
RETURN """
    + COURSE_PROJECTION
    + """ AS course
"""
)

CREATE_SESSION = (
    """
MATCH (c:Course {id: $session.courseId})
OPTIONAL MATCH (o:Organization {code: $session.organiserCode})
OPTIONAL MATCH (g:Governorate {code: $session.governorate})
WITH c, o, g, CASE WHEN o IS NULL THEN 'UNKNOWN_ORGANIZATION'
                   WHEN $session.governorate IS NOT NULL AND g IS NULL THEN 'UNKNOWN_GOVERNORATE'
                   ELSE 'OK' END AS outcome
CALL (c, o, outcome) {
  WITH c, o, outcome WHERE outcome = 'OK'
  CREATE (ts:TrainingSession {id: $session.id, trainers: $session.trainers, place: $session.place,
      governorate: $session.governorate, startDate: $session.startDate, endDate: $session.endDate,
      hours: $session.hours, capacity: $session.capacity, scope: $session.scope, enrolled: 0,
      createdAt: datetime(), createdBy: $scope.user, updatedAt: datetime(), version: 1})-[:OF_COURSE]->(c)
  CREATE (ts)-[:ORGANISED_BY]->(o)
}
WITH outcome
OPTIONAL MATCH (ts:TrainingSession {id: $session.id})
RETURN outcome, CASE WHEN ts IS NULL THEN null ELSE """
    + SESSION_PROJECTION
    + """ END AS session
"""
)

# Lock the session, then count: with one seat left, exactly one of many concurrent enrolments gets it.
ENROL = (
    """
MATCH (ts:TrainingSession {id: $sessionId})
WHERE """
    + TRAINING_SESSION_VISIBLE
    + """
SET ts._lock = true
REMOVE ts._lock
WITH ts, COUNT { MATCH (:TrainingEnrolment)-[:IN_SESSION]->(ts) } AS taken
WITH ts, taken, CASE WHEN taken >= ts.capacity THEN 'FULL' ELSE 'OK' END AS outcome
CALL (ts, taken, outcome) {
  WITH ts, taken, outcome WHERE outcome = 'OK'
  CREATE (e:TrainingEnrolment {id: $enrolment.id, institution: $enrolment.institution, sector: $enrolment.sector,
      sex: $enrolment.sex, role: $enrolment.role, governorate: $enrolment.governorate,
      fullNameSealed: $enrolment.fullNameSealed, attended: false, enrolledBy: $scope.user,
      createdAt: datetime(), updatedAt: datetime()})-[:IN_SESSION]->(ts)
  CREATE (e)-[:SEALED_WITH]->(:DataKey {id: $key.id, kekId: $key.kekId, wrapped: $key.wrapped,
                                        createdAt: datetime()})
  SET ts.enrolled = taken + 1, ts.updatedAt = datetime(), ts.version = ts.version + 1
}
WITH outcome, ts
OPTIONAL MATCH (e:TrainingEnrolment {id: $enrolment.id})
RETURN outcome, ts.capacity AS capacity, CASE WHEN e IS NULL THEN null ELSE """
    + ENROLMENT_PROJECTION
    + """ END AS enrolment
"""
)

RECORD_ATTENDANCE = (
    """
MATCH (e:TrainingEnrolment {id: $id})-[:IN_SESSION]->(ts:TrainingSession)
WHERE """
    + TRAINING_SESSION_VISIBLE
    + """
SET e.attended = $attended, e.preScore = coalesce($preScore, e.preScore),
    e.postScore = coalesce($postScore, e.postScore), e.satisfaction = coalesce($satisfaction, e.satisfaction),
    e.attendanceBy = $scope.user, e.updatedAt = datetime()
RETURN """
    + ENROLMENT_PROJECTION
    + """ AS enrolment
"""
)

# Issued once: the code's hash is kept (to verify), never the code (it is derived again to print the certificate).
ISSUE_CERTIFICATE = """
MATCH (e:TrainingEnrolment {id: $id})-[:IN_SESSION]->(ts:TrainingSession)-[:OF_COURSE]->(c:Course)
WHERE $scope.national
SET e._lock = true
REMOVE e._lock
WITH e, ts, c, CASE WHEN NOT e.attended THEN 'NOT_ATTENDED' ELSE 'OK' END AS outcome
CALL (e, outcome) {
  WITH e, outcome WHERE outcome = 'OK' AND e.certificateCodeHash IS NULL
  SET e.certificateCodeHash = $codeHash, e.certificateIssuedAt = datetime(), e.certificateIssuedBy = $scope.user
}
WITH e, ts, c, outcome
OPTIONAL MATCH (e)-[:SEALED_WITH]->(dk:DataKey)
RETURN outcome, e.fullNameSealed AS fullNameSealed,
       CASE WHEN dk IS NULL THEN null ELSE {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} END AS key,
       c.titleFr AS courseFr, c.titleAr AS courseAr, c.titleEn AS courseEn,
       toString(ts.startDate) AS startDate, toString(ts.endDate) AS endDate, ts.hours AS hours, ts.place AS place,
       toString(e.certificateIssuedAt) AS issuedAt
"""

# Public: only what the certificate shows (name, course, dates), found by the hash of its code.
VERIFY_CERTIFICATE = """
// unscoped: public verification by the hash of the certificate's code (the holder's name, course and dates only)
MATCH (e:TrainingEnrolment {certificateCodeHash: $codeHash})-[:IN_SESSION]->(ts:TrainingSession)
      -[:OF_COURSE]->(c:Course)
MATCH (e)-[:SEALED_WITH]->(dk:DataKey)
RETURN e.id AS id, e.fullNameSealed AS fullNameSealed, {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} AS key,
       c.titleFr AS courseFr, c.titleAr AS courseAr, c.titleEn AS courseEn,
       toString(ts.startDate) AS startDate, toString(ts.endDate) AS endDate
"""

LIST_SESSIONS = (
    """
MATCH (ts:TrainingSession)
WHERE """
    + TRAINING_SESSION_VISIBLE
    + """ AND ($courseId IS NULL OR EXISTS { MATCH (ts)-[:OF_COURSE]->(:Course {id: $courseId}) })
  AND ($year IS NULL OR ts.startDate.year = $year)
WITH ts ORDER BY ts.startDate DESC, ts.id LIMIT $limit
RETURN """
    + SESSION_PROJECTION
    + """ AS session
"""
)

LIST_COURSES = "MATCH (c:Course) WITH c ORDER BY c.code RETURN " + COURSE_PROJECTION + " AS course"

# Aggregates only: attended participants by institution and governorate, and the mean learning gain.
KPIS = """
// unscoped: training aggregates (counts and means, never a participant)
CALL () {
  MATCH (e:TrainingEnrolment)-[:IN_SESSION]->(ts:TrainingSession)
  WHERE $year IS NULL OR ts.startDate.year = $year
  RETURN count(e) AS enrolled, sum(CASE WHEN e.attended THEN 1 ELSE 0 END) AS attended,
         sum(CASE WHEN e.attended AND e.sector <> 'NGO' THEN 1 ELSE 0 END) AS officialsTrained,
         avg(CASE WHEN e.attended AND e.preScore IS NOT NULL AND e.postScore IS NOT NULL
                  THEN toFloat(e.postScore - e.preScore) END) AS meanLearningGain,
         avg(CASE WHEN e.attended THEN toFloat(e.satisfaction) END) AS meanSatisfaction
}
CALL () {
  MATCH (e:TrainingEnrolment {attended: true})-[:IN_SESSION]->(ts:TrainingSession)
  WHERE ($year IS NULL OR ts.startDate.year = $year) AND e.sector <> 'NGO'
  WITH e.institution AS key, count(e) AS n ORDER BY n DESC, key
  RETURN collect({key: key, count: n}) AS byInstitution
}
CALL () {
  MATCH (e:TrainingEnrolment {attended: true})-[:IN_SESSION]->(ts:TrainingSession)
  WHERE ($year IS NULL OR ts.startDate.year = $year) AND e.sector <> 'NGO'
  WITH coalesce(e.governorate, ts.governorate) AS key, count(e) AS n ORDER BY n DESC, key
  RETURN collect({key: key, count: n}) AS byGovernorate
}
CALL () {
  MATCH (e:TrainingEnrolment {attended: true})-[:IN_SESSION]->(ts:TrainingSession)
  WHERE ($year IS NULL OR ts.startDate.year = $year)
  WITH e.sector AS key, count(e) AS n ORDER BY n DESC, key
  RETURN collect({key: key, count: n}) AS bySector
}
RETURN enrolled, attended, officialsTrained, meanLearningGain, meanSatisfaction, byInstitution, byGovernorate,
       bySector
"""


async def create_course(graph: Graph, course: dict[str, Any], scope: dict[str, Any]) -> Record | None:
    row = await graph.write_one(CREATE_COURSE, {"course": course, **scope})
    return row["course"] if row else None


async def create_session(graph: Graph, session: dict[str, Any], scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(CREATE_SESSION, {"session": session, **scope})


async def enrol(graph: Graph, session_id: str, enrolment: dict[str, Any], key: dict[str, str],
                scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(ENROL, {"sessionId": session_id, "enrolment": enrolment, "key": key, **scope})


async def record_attendance(graph: Graph, enrolment_id: str, fields: dict[str, Any],
                            scope: dict[str, Any]) -> Record | None:
    row = await graph.write_one(RECORD_ATTENDANCE, {"id": enrolment_id, **fields, **scope})
    return row["enrolment"] if row else None


async def issue_certificate(graph: Graph, enrolment_id: str, code_hash: str, scope: dict[str, Any]) -> Record | None:
    return await graph.write_one(ISSUE_CERTIFICATE, {"id": enrolment_id, "codeHash": code_hash, **scope})


async def verify_certificate(graph: Graph, code_hash: str) -> Record | None:
    return await graph.read_one(VERIFY_CERTIFICATE, {"codeHash": code_hash})


async def list_sessions(graph: Graph, course_id: str | None, year: int | None, limit: int,
                        scope: dict[str, Any]) -> list[Record]:
    rows = await graph.read(LIST_SESSIONS, {"courseId": course_id, "year": year, "limit": limit, **scope})
    return [row["session"] for row in rows]


async def list_courses(graph: Graph) -> list[Record]:
    return [row["course"] for row in await graph.read(LIST_COURSES)]


async def kpis(graph: Graph, year: int | None) -> Record | None:
    return await graph.read_one(KPIS, {"year": year})
