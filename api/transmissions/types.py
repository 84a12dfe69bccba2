"""GraphQL types for transmissions to judicial bodies."""

from __future__ import annotations

from typing import Any

import strawberry

from api.graphql.relay import Node, to_global_id
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

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Transmission:
        return cls(
            id=strawberry.ID(to_global_id("Transmission", row["id"])),
            report_id=strawberry.ID(to_global_id("Report", row["reportId"])), report_reference=row["reportReference"],
            court_code=row["courtCode"], court_name=row["courtName"], status=row["status"],
            included_fields=list(row["includedFields"] or []),
            includes_reporter_identity=bool(row["includesReporterIdentity"]), content_hash=row["contentHash"],
            sent_at=row["sentAt"], acknowledged_at=row["acknowledgedAt"], court_case_number=row["courtCaseNumber"],
            court_status=row["courtStatus"], follow_up_at=row["followUpAt"],
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
