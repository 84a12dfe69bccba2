"""Training sessions, courses, KPIs, and the public check of a certificate's code."""

from __future__ import annotations

import strawberry

from api.graphql.fields import field
from api.graphql.info import Info
from api.protection import protection_of
from api.training import rules as rules
from api.training.types import CertificateVerification, Course, TrainingKpis, TrainingSession


@strawberry.type
class TrainingQueries:
    @field
    async def training_sessions(self, info: Info, course_id: strawberry.ID | None = None,
                                year: int | None = None, first: int | None = None) -> list[TrainingSession]:
        """Training sessions with their participants (organisers see their own)."""
        rows = await rules.sessions(info.context.graph, info.context.scope, course_id, year, first)
        return [TrainingSession.from_record(row) for row in rows]

    @field
    async def courses(self, info: Info) -> list[Course]:
        """The training courses."""
        return [Course.from_record(row) for row in await rules.courses(info.context.graph, info.context.scope)]

    @field
    async def training_kpis(self, info: Info, year: int | None = None) -> TrainingKpis:
        """Officials trained by institution and governorate, mean learning gain."""
        return TrainingKpis.from_record(await rules.kpis(info.context.graph, year))

    @field
    async def verify_certificate(self, info: Info, code: str) -> CertificateVerification:
        """Check a certificate's code: only the name on it, the course and the dates."""
        sealer = protection_of(info.context.settings).sealer  # codes carry 80 random-looking bits: not guessable
        return CertificateVerification.of(await rules.verify_certificate(info.context.graph, sealer, code))
