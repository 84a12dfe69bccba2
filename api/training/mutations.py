"""Courses, sessions, enrolments, attendance and certificates."""

from __future__ import annotations

import base64

import strawberry

from api.documents.guideline_pdf import render_certificate
from api.graphql.fields import mutation
from api.graphql.info import Info
from api.guidelines.types import PrintableDocument
from api.protection import protection_of
from api.training import rules as rules
from api.training.types import (
    Certificate,
    Course,
    CreateCourseInput,
    CreateTrainingSessionInput,
    Enrolment,
    EnrolParticipantInput,
    RecordAttendanceInput,
    TrainingSession,
)


@strawberry.type
class TrainingMutations:
    @mutation
    async def create_course(self, info: Info, input: CreateCourseInput) -> Course:
        """Create a training course."""
        fields = {"code": input.code, "titles": input.title.titles(), "objectives": input.objectives,
                  "audiences": input.audiences, "durationHours": input.duration_hours, "guidelines": input.guidelines}
        return Course.from_record(await rules.create_course(info.context.graph, info.context.scope, fields))

    @mutation
    async def create_training_session(self, info: Info,
                                      input: CreateTrainingSessionInput) -> TrainingSession:
        """Schedule a session of a course (place, dates, hours, capacity, trainers)."""
        fields = {"courseId": input.course_id, "organiserCode": input.organiser_code, "place": input.place,
                  "startDate": input.start_date, "endDate": input.end_date, "hours": input.hours,
                  "capacity": input.capacity, "scope": input.scope, "governorate": input.governorate,
                  "trainers": input.trainers}
        return TrainingSession.from_record(await rules.create_session(info.context.graph, info.context.scope, fields))

    @mutation
    async def enrol_participant(self, info: Info, input: EnrolParticipantInput) -> Enrolment:
        """Enrol a participant; refused when the session is full."""
        sealer = protection_of(info.context.settings).sealer
        fields = {"fullName": input.full_name, "institution": input.institution, "sector": input.sector,
                  "sex": input.sex, "role": input.role, "governorate": input.governorate}
        return Enrolment.from_record(await rules.enrol(info.context.graph, sealer, info.context.scope,
                                                       input.session_id, fields))

    @mutation
    async def record_attendance(self, info: Info, input: RecordAttendanceInput) -> Enrolment:
        """Record a participant's attendance, test scores and satisfaction."""
        return Enrolment.from_record(await rules.record_attendance(
            info.context.graph, info.context.scope, input.enrolment_id, input.attended, input.pre_score,
            input.post_score, input.satisfaction))

    @mutation
    async def issue_certificate(self, info: Info, enrolment_id: strawberry.ID) -> Certificate:
        """Issue (or print again) the certificate of a participant who attended."""
        sealer = protection_of(info.context.settings).sealer
        issued = await rules.issue_certificate(info.context.graph, sealer, info.context.scope, enrolment_id)
        pdf = render_certificate(issued)
        return Certificate(code=issued["code"], issued_at=issued["issuedAt"], document=PrintableDocument(
            filename=f"certificate-{issued['code']}.pdf", content_type="application/pdf",
            content_base64=base64.b64encode(pdf).decode()))
