"""GraphQL types for training: courses, sessions, enrolments, certificates and the training KPIs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from api.guidelines.types import PrintableDocument
from api.reference.types import LocalizedText
from api.strategy.types import LocalizedTextInput, OrganizationRef, day, localized
from api.training.rules import ParticipantSex, Sector, SessionScope

SectorEnum = strawberry.enum(Sector, name="TrainingSector", description="The participant's sector.")
SexEnum = strawberry.enum(ParticipantSex, name="ParticipantSex")
ScopeEnum = strawberry.enum(SessionScope, name="TrainingScope", description="National or international training.")


@strawberry.type(description="A training course: objectives, audience, duration, guidelines covered.")
class Course:
    id: strawberry.ID
    code: str
    title: LocalizedText
    objectives: list[str]
    audiences: list[str]
    duration_hours: float | None
    guidelines: list[str] = strawberry.field(description="Actor types whose guidelines the course covers.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Course:
        return cls(id=strawberry.ID(row["id"]), code=row["code"], title=localized(row),
                   objectives=list(row.get("objectives") or []), audiences=list(row.get("audiences") or []),
                   duration_hours=row.get("durationHours"), guidelines=list(row.get("guidelines") or []))


@strawberry.type(description="A participant's enrolment (the name is sealed and never listed).")
class Enrolment:
    id: strawberry.ID
    institution: str
    sector: Sector
    sex: ParticipantSex
    role: str | None
    governorate: str | None
    attended: bool
    pre_score: float | None
    post_score: float | None
    learning_gain: float | None
    satisfaction: int | None
    certificate_issued: bool

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Enrolment:
        pre, post = row.get("preScore"), row.get("postScore")
        return cls(id=strawberry.ID(row["id"]), institution=row["institution"], sector=Sector(row["sector"]),
                   sex=ParticipantSex(row["sex"]), role=row.get("role"), governorate=row.get("governorate"),
                   attended=bool(row.get("attended")), pre_score=pre, post_score=post,
                   learning_gain=(post - pre) if pre is not None and post is not None else None,
                   satisfaction=row.get("satisfaction"), certificate_issued=bool(row.get("certificateIssued")))


@strawberry.type(description="A training session: trainers, place, dates, hours, capacity, participants.")
class TrainingSession:
    id: strawberry.ID
    course: Course
    organiser: OrganizationRef | None
    trainers: list[str]
    place: str
    governorate: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    hours: float
    capacity: int
    scope: SessionScope
    enrolled: int
    attended: int
    enrolments: list[Enrolment]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> TrainingSession:
        enrolments = [Enrolment.from_record(e) for e in sorted(row.get("enrolments") or [], key=lambda e: e["id"])]
        return cls(id=strawberry.ID(row["id"]), course=Course.from_record(row["course"]),
                   organiser=OrganizationRef.of(row.get("organiser")), trainers=list(row.get("trainers") or []),
                   place=row["place"], governorate=row.get("governorate"), start_date=day(row.get("startDate")),
                   end_date=day(row.get("endDate")), hours=float(row["hours"]), capacity=int(row["capacity"]),
                   scope=SessionScope(row["scope"]), enrolled=len(enrolments),
                   attended=sum(1 for e in enrolments if e.attended), enrolments=enrolments)


@strawberry.input(description="A new course.")
class CreateCourseInput:
    code: str
    title: LocalizedTextInput
    objectives: list[str] = strawberry.field(default_factory=list)
    audiences: list[str] = strawberry.field(default_factory=list)
    duration_hours: float | None = None
    guidelines: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="A new session of a course.")
class CreateTrainingSessionInput:
    course_id: strawberry.ID
    organiser_code: str
    place: str
    start_date: dt.date
    end_date: dt.date
    hours: float
    capacity: int
    scope: SessionScope = SessionScope.NATIONAL
    governorate: str | None = None
    trainers: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="A participant (the name is sealed; it is printed only on their certificate).")
class EnrolParticipantInput:
    session_id: strawberry.ID
    full_name: str
    institution: str
    sector: Sector
    sex: ParticipantSex
    role: str | None = None
    governorate: str | None = None


@strawberry.input(description="Attendance and test results of one participant.")
class RecordAttendanceInput:
    enrolment_id: strawberry.ID
    attended: bool
    pre_score: float | None = strawberry.field(default=None, description="0–100")
    post_score: float | None = strawberry.field(default=None, description="0–100")
    satisfaction: int | None = strawberry.field(default=None, description="1–5")


@strawberry.type(description="A certificate: its verification code and the printable PDF (fr/ar).")
class Certificate:
    code: str
    issued_at: str | None
    document: PrintableDocument


@strawberry.type(description="What a certificate says, for anyone who checks its code.")
class CertificateVerification:
    name_on_certificate: str
    course: LocalizedText
    start_date: dt.date | None
    end_date: dt.date | None

    @classmethod
    def of(cls, found: dict[str, Any]) -> CertificateVerification:
        return cls(name_on_certificate=found["name"], course=LocalizedText(**found["course"]),
                   start_date=day(found["startDate"]), end_date=day(found["endDate"]))


@strawberry.type(description="A count per key.")
class CountBy:
    key: str | None
    count: int


@strawberry.type(description="Training KPIs: officials trained by institution and governorate, learning gain.")
class TrainingKpis:
    enrolled: int
    attended: int
    officials_trained: int
    mean_learning_gain: float | None = strawberry.field(description="Mean post − pre score (points out of 100).")
    mean_satisfaction: float | None
    officials_by_institution: list[CountBy]
    officials_by_governorate: list[CountBy]
    attended_by_sector: list[CountBy]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> TrainingKpis:
        def counts(items: list[dict[str, Any]]) -> list[CountBy]:
            return [CountBy(key=i["key"], count=int(i["count"])) for i in items]
        gain, satisfaction = row.get("meanLearningGain"), row.get("meanSatisfaction")
        return cls(enrolled=int(row["enrolled"]), attended=int(row["attended"] or 0),
                   officials_trained=int(row["officialsTrained"] or 0),
                   mean_learning_gain=round(gain, 2) if gain is not None else None,
                   mean_satisfaction=round(satisfaction, 2) if satisfaction is not None else None,
                   officials_by_institution=counts(row["byInstitution"]),
                   officials_by_governorate=counts(row["byGovernorate"]), attended_by_sector=counts(row["bySector"]))
