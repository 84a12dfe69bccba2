"""GraphQL types for protected persons and their protection measures. Identity is kept apart."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from api.graphql.relay import Node, to_global_id
from api.organizations.types import native
from api.protection import SealedText, open_sealed_text
from api.witnesses.rules import MeasureKind, MeasureStatus, ProtectedRole, RiskFactor, RiskLevel

ProtectedRoleEnum = strawberry.enum(ProtectedRole, name="ProtectedRole")
RiskLevelEnum = strawberry.enum(RiskLevel, name="RiskLevel")
RiskFactorEnum = strawberry.enum(RiskFactor, name="RiskFactor")
MeasureKindEnum = strawberry.enum(MeasureKind, name="ProtectionMeasureKind",
                                  description="IDENTITY_DISCLOSURE_TO_COURT is what lets a transmission carry the "
                                              "identity; IDENTITY_WITHHELD always keeps it out.")
MeasureStatusEnum = strawberry.enum(MeasureStatus, name="ProtectionMeasureStatus")


@strawberry.type(description="A protection measure with its status, responsible body and review date.")
class ProtectionMeasure:
    id: strawberry.ID
    kind: MeasureKind
    status: MeasureStatus
    responsible_body: str
    review_due: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    local_id: strawberry.Private[str]
    sealed_note: strawberry.Private[SealedText] = (None, None, None)

    @strawberry.field(description="Details of the measure (free text, stored sealed).")
    def note(self, info: strawberry.Info) -> str | None:
        """Details of the measure (free text, stored sealed)."""
        return open_sealed_text(info.context.settings, self.local_id, "note", self.sealed_note)


@strawberry.type(description="How exposed the person is, as last assessed.")
class RiskAssessment:
    level: RiskLevel
    factors: list[RiskFactor]
    assessed_at: dt.datetime


@strawberry.type(description="A witness or whistleblower under protection. Identity: protectedPersonIdentity.")
class ProtectedPerson(Node):
    id: strawberry.ID
    role: ProtectedRole
    alias: str
    risk: RiskAssessment
    measures: list[ProtectionMeasure]
    case_ids: list[strawberry.ID]
    report_ids: list[strawberry.ID]
    created_at: dt.datetime

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> ProtectedPerson:
        measures = sorted(row.get("measures") or [], key=lambda m: (str(m["createdAt"]), m["id"]))
        return cls(
            id=strawberry.ID(to_global_id("ProtectedPerson", row["id"])), role=ProtectedRole(row["role"]),
            alias=row["alias"],
            risk=RiskAssessment(level=RiskLevel(row["riskLevel"]),
                                factors=[RiskFactor(f) for f in row.get("riskFactors") or []],
                                assessed_at=native(row["riskAssessedAt"])),
            measures=[ProtectionMeasure(
                id=strawberry.ID(to_global_id("ProtectionMeasure", m["id"])), kind=MeasureKind(m["kind"]),
                status=MeasureStatus(m["status"]), responsible_body=m["responsibleBody"],
                review_due=native(m.get("reviewDue")), created_at=native(m["createdAt"]),
                updated_at=native(m["updatedAt"]), local_id=m["id"],
                sealed_note=(m.get("noteKey"), m.get("noteSealed"), m.get("note"))) for m in measures],
            case_ids=[strawberry.ID(to_global_id("Case", i)) for i in row.get("caseIds") or []],
            report_ids=[strawberry.ID(to_global_id("Report", i)) for i in row.get("reportIds") or []],
            created_at=native(row["createdAt"]))


@strawberry.type(description="Who the protected person is: read for a stated reason, audited.")
class ProtectedPersonIdentity:
    full_name: str | None
    contact: str | None


@strawberry.input(description="A protected person's identity, stored sealed.")
class ProtectedPersonIdentityInput:
    full_name: str | None = None
    contact: str | None = None


@strawberry.input(description="A witness or whistleblower, in a case or (national roles) a report.")
class RecordProtectedPersonInput:
    role: ProtectedRole
    alias: str
    risk_level: RiskLevel
    case_id: strawberry.ID | None = None
    report_id: strawberry.ID | None = None
    risk_factors: list[RiskFactor] = strawberry.field(default_factory=list)
    identity: ProtectedPersonIdentityInput | None = None


@strawberry.input(description="A protection measure to put in place.")
class AddProtectionMeasureInput:
    protected_person_id: strawberry.ID
    kind: MeasureKind
    responsible_body: str
    status: MeasureStatus = MeasureStatus.PLANNED
    review_due: dt.date | None = None
    note: str | None = None
