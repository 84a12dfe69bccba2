"""GraphQL types for transmissions to judicial bodies."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from api.graphql.relay import Node, to_global_id
from api.reports.types import CustodyEvent
from api.transmissions import rules as rules
from api.transmissions.rules import CourtStatus, PackageField

PackageFieldEnum = strawberry.enum(PackageField, name="PackageField")
CourtStatusEnum = strawberry.enum(CourtStatus, name="CourtStatus")


@strawberry.type(description="A report sent to a court, with what was included and the court's follow-up.")
class Transmission(Node):
    id: strawberry.ID
    report_id: strawberry.ID
    report_reference: str
    court_code: str
    court_name: str
    status: str
    included_fields: list[str]
    includes_reporter_identity: bool
    content_hash: str
    sent_at: str
    acknowledged_at: str | None
    court_case_number: str | None
    court_status: str | None
    follow_up_at: str | None
    local_id: strawberry.Private[str | None] = None

    @strawberry.field(description="The chain of custody of the report this transmission carried, oldest first.")
    async def custody_chain(
        self, info: strawberry.Info
    ) -> list[Annotated[CustodyEvent, strawberry.lazy("api.reports.types")]]:
        """The chain of custody of the report this transmission carried, oldest first."""
        if self.local_id is None:
            return []
        rows = await rules.custody_chain(info.context.graph, info.context.scope, self.local_id)
        return [CustodyEvent(action=r["action"], at=r["at"], actor_id=r["actorId"], actor_role=r["actorRole"],
                             actor_organization_id=r["actorOrgId"], detail=r["detail"]) for r in rows]

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Transmission:
        return cls(
            id=strawberry.ID(to_global_id("Transmission", row["id"])),
            report_id=strawberry.ID(to_global_id("Report", row["reportId"])), report_reference=row["reportReference"],
            court_code=row["courtCode"], court_name=row["courtName"], status=row["status"],
            included_fields=list(row["includedFields"] or []),
            includes_reporter_identity=bool(row["includesReporterIdentity"]), content_hash=row["contentHash"],
            sent_at=row["sentAt"], acknowledged_at=row["acknowledgedAt"], court_case_number=row["courtCaseNumber"],
            court_status=row["courtStatus"], follow_up_at=row["followUpAt"], local_id=row["id"],
        )


@strawberry.type(description="The printable document of a transmission (PDF, French and Arabic).")
class TransmissionDocument:
    filename: str
    content_type: str
    content_base64: str
    content_hash: str


@strawberry.type(description="A qualified report still not transmitted after the deadline.")
class OverdueReport:
    report_id: strawberry.ID
    reference: str
    status: str
    qualified_at: str
    due_at: str
    days_overdue: int


@strawberry.type(description="A suspected network sent to a court as one package (its cases and confirmed links).")
class NetworkTransmission(Node):
    id: strawberry.ID
    network_id: str = strawberry.field(description="The suspected network's id when it was sent.")
    court_code: str
    court_name: str
    status: str
    included_fields: list[str]
    case_references: list[str]
    content_hash: str
    sent_at: str
    acknowledged_at: str | None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> NetworkTransmission:
        return cls(id=strawberry.ID(to_global_id("NetworkTransmission", row["id"])), network_id=row["networkId"],
                   court_code=row["courtCode"], court_name=row["courtName"], status=row["status"],
                   included_fields=list(row["includedFields"] or []),
                   case_references=list(row["caseReferences"] or []), content_hash=row["contentHash"],
                   sent_at=row["sentAt"], acknowledged_at=row["acknowledgedAt"])
