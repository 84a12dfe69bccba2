"""Training: courses, sessions and their capacity, enrolments, attendance and tests, certificates.

A participant's name is personal data: it is sealed under the enrolment's own data key and opened only to print
their certificate or to answer a verification of it. A certificate's verification code is derived from the
enrolment id with the installation's blind-index key (so it can be printed again without being stored); only its
SHA-256 is kept, to find the certificate when someone checks a code. ``verifyCertificate`` is public and shows only
the name on the certificate, the course and the dates; a forged or mistyped code is simply not found.
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from enum import StrEnum
from typing import Any

from neo4j.exceptions import ConstraintError

from api.authz.checks import require
from api.common.cursors import page_size
from api.errors import BadInput, Conflict, NotFound
from api.strategy.rules import code, date_range, parse_id, text, texts
from graph.access.permissions import Permission
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.protected.envelope import SealingError, WrappedKey
from graph.protected.sealer import Sealer
from graph.training import repository

MAX_CAPACITY = 1000
CODE_FORMAT = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$")


class Sector(StrEnum):
    JUDICIARY = "JUDICIARY"
    POLICE = "POLICE"
    LABOUR_INSPECTION = "LABOUR_INSPECTION"
    HEALTH = "HEALTH"
    SOCIAL_AFFAIRS = "SOCIAL_AFFAIRS"
    BORDER = "BORDER"
    CHILD_PROTECTION = "CHILD_PROTECTION"
    EDUCATION = "EDUCATION"
    NGO = "NGO"
    OTHER = "OTHER"


class ParticipantSex(StrEnum):
    FEMALE = "FEMALE"
    MALE = "MALE"
    UNDISCLOSED = "UNDISCLOSED"


class SessionScope(StrEnum):
    NATIONAL = "NATIONAL"
    INTERNATIONAL = "INTERNATIONAL"


def _governorate(value: str | None) -> str | None:
    return value.strip().upper()[:8] if value else None


async def create_course(graph: Graph, scope: Scope, fields: dict[str, Any]) -> Record:
    hours = fields["durationHours"]
    if hours is not None and not 0 < hours <= 1000:
        raise BadInput("training.invalid_hours")
    course = {"id": str(uuid.uuid4()), "code": code(fields["code"]), **fields["titles"],
              "objectives": texts(fields["objectives"], "objectives", maximum=500),
              "audiences": [code(a, "audiences") for a in fields["audiences"][:20]],
              "durationHours": hours, "guidelines": [code(g, "guidelines") for g in fields["guidelines"][:20]]}
    try:
        row = await repository.create_course(graph, course, scope.params())
    except ConstraintError as exc:
        raise Conflict("strategy.duplicate_code") from exc
    assert row is not None
    return row


async def create_session(graph: Graph, scope: Scope, fields: dict[str, Any]) -> Record:
    date_range(fields["startDate"], fields["endDate"])
    if not 1 <= fields["capacity"] <= MAX_CAPACITY:
        raise BadInput("training.invalid_capacity", maximum=MAX_CAPACITY)
    if not 0 < fields["hours"] <= 1000:
        raise BadInput("training.invalid_hours")
    session = {"id": str(uuid.uuid4()), "courseId": parse_id(fields["courseId"]),
               "organiserCode": code(fields["organiserCode"], "organiserCode"),
               "trainers": texts(fields["trainers"], "trainers", maximum=200),
               "place": text(fields["place"], "place", required=True, maximum=200),
               "governorate": _governorate(fields["governorate"]), "startDate": fields["startDate"],
               "endDate": fields["endDate"], "hours": float(fields["hours"]), "capacity": fields["capacity"],
               "scope": fields["scope"].value}
    row = await repository.create_session(graph, session, scope.params())
    if row is None:
        raise NotFound("training.course_not_found")
    if row["outcome"] == "UNKNOWN_ORGANIZATION":
        raise BadInput("strategy.unknown_organization")
    if row["outcome"] == "UNKNOWN_GOVERNORATE":
        raise BadInput("training.unknown_governorate")
    session_row: Record = row["session"]
    return session_row


async def enrol(graph: Graph, sealer: Sealer, scope: Scope, session_id: str, fields: dict[str, Any]) -> Record:
    enrolment_id = str(uuid.uuid4())
    name = str(text(fields["fullName"], "fullName", required=True, maximum=200))
    sealed = sealer.seal_subject(enrolment_id, {"fullName": name})
    enrolment = {"id": enrolment_id, "institution": text(fields["institution"], "institution", required=True,
                                                          maximum=200),
                 "sector": fields["sector"].value, "sex": fields["sex"].value,
                 "role": text(fields["role"], "role", maximum=200), "governorate": _governorate(fields["governorate"]),
                 "fullNameSealed": sealed.fields["fullName"]}
    key = {"id": sealed.key.key_id, "kekId": sealed.key.kek_id, "wrapped": sealed.key.wrapped}
    row = await repository.enrol(graph, parse_id(session_id), enrolment, key, scope.params())
    if row is None:
        raise NotFound("training.session_not_found")
    if row["outcome"] == "FULL":
        raise Conflict("training.session_full", capacity=row["capacity"])
    enrolled: Record = row["enrolment"]
    return enrolled


def _score(value: float | None, field: str) -> float | None:
    if value is not None and not 0 <= value <= 100:
        raise BadInput("training.invalid_score", field=field)
    return value


async def record_attendance(graph: Graph, scope: Scope, enrolment_id: str, attended: bool, pre: float | None,
                            post: float | None, satisfaction: int | None) -> Record:
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise BadInput("training.invalid_satisfaction")
    row = await repository.record_attendance(graph, parse_id(enrolment_id), {
        "attended": attended, "preScore": _score(pre, "preScore"), "postScore": _score(post, "postScore"),
        "satisfaction": satisfaction}, scope.params())
    if row is None:
        raise NotFound("training.enrolment_not_found")
    return row


def certificate_code(sealer: Sealer, enrolment_id: str) -> str:
    """16 characters of base32 (80 bits) from the keyed hash of the enrolment id, in groups of four."""
    digest = bytes.fromhex(sealer.blind_index("certificate", enrolment_id))
    raw = base64.b32encode(digest[:10]).decode()
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def code_hash(code_text: str) -> str:
    return hashlib.sha256(code_text.encode()).hexdigest()


def normalised_code(value: str) -> str | None:
    cleaned = re.sub(r"[\s-]", "", (value or "").upper())[:32]
    if len(cleaned) != 16:
        return None
    grouped = "-".join(cleaned[i:i + 4] for i in range(0, 16, 4))
    return grouped if CODE_FORMAT.fullmatch(grouped) else None


def _open_name(sealer: Sealer, enrolment_id: str, row: Record) -> str | None:
    if row.get("key") is None or row.get("fullNameSealed") is None:
        return None
    key = WrappedKey(key_id=row["key"]["id"], kek_id=row["key"]["kekId"], wrapped=row["key"]["wrapped"])
    try:
        return sealer.open_subject(key, enrolment_id, {"fullName": row["fullNameSealed"]})["fullName"]
    except SealingError:
        return None


async def issue_certificate(graph: Graph, sealer: Sealer, scope: Scope, enrolment_id: str) -> dict[str, Any]:
    """The certificate (issued once; asking again prints the same one) for a participant who attended."""
    wanted = parse_id(enrolment_id)
    code_text = certificate_code(sealer, wanted)
    row = await repository.issue_certificate(graph, wanted, code_hash(code_text), scope.params())
    if row is None:
        raise NotFound("training.enrolment_not_found")
    if row["outcome"] == "NOT_ATTENDED":
        raise Conflict("training.not_attended")
    name = _open_name(sealer, wanted, row)
    if name is None:
        raise NotFound("training.enrolment_not_found")  # the participant's data was erased
    return {"code": code_text, "name": name, "course": {"fr": row["courseFr"], "ar": row["courseAr"],
                                                        "en": row["courseEn"]},
            "startDate": row["startDate"], "endDate": row["endDate"], "hours": _hours(row["hours"]),
            "place": row["place"], "issuedAt": row["issuedAt"]}


def _hours(value: Any) -> str:
    number = float(value or 0)
    return str(int(number)) if number.is_integer() else f"{number:.1f}"


async def verify_certificate(graph: Graph, sealer: Sealer, code_text: str) -> dict[str, Any]:
    normalised = normalised_code(code_text)
    if normalised is None:
        raise NotFound("training.certificate_not_found")
    row = await repository.verify_certificate(graph, code_hash(normalised))
    if row is None:
        raise NotFound("training.certificate_not_found")
    name = _open_name(sealer, row["id"], row)
    if name is None:
        raise NotFound("training.certificate_not_found")
    return {"name": name, "course": {"fr": row["courseFr"], "ar": row["courseAr"], "en": row["courseEn"]},
            "startDate": row["startDate"], "endDate": row["endDate"]}


async def sessions(graph: Graph, scope: Scope, course_id: str | None, year: int | None,
                   first: int | None) -> list[Record]:
    return await repository.list_sessions(graph, parse_id(course_id) if course_id else None, year,
                                          page_size(first), scope.params())


async def courses(graph: Graph, scope: Scope) -> list[Record]:
    """The training courses (every signed-in caller)."""
    require(scope, Permission.READ_NETWORK)
    return await repository.list_courses(graph)


async def kpis(graph: Graph, year: int | None) -> Record:
    row = await repository.kpis(graph, year)
    assert row is not None
    return row

