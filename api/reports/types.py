"""GraphQL types for reports and the anonymous reporter's view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from api.graphql.info import Info
from api.graphql.relay import Node, local_id, to_global_id
from api.reports.rules import MessageDirection, ReportChannel, ReportStatus, ReportUrgency

if TYPE_CHECKING:
    from api.witnesses.types import ProtectedPerson

ReportChannelEnum = strawberry.enum(ReportChannel, name="ReportChannel")
ReportStatusEnum = strawberry.enum(ReportStatus, name="ReportStatus")
ReportUrgencyEnum = strawberry.enum(ReportUrgency, name="ReportUrgency")
MessageDirectionEnum = strawberry.enum(MessageDirection, name="MessageDirection")


@strawberry.input(description="A report of suspected trafficking. Narrative and contact are encrypted at rest.")
class SubmitReportInput:
    channel: ReportChannel
    narrative: str
    governorate: str = strawberry.field(description="ISO 3166-2:TN code, e.g. TN-61 for Sfax.")
    place: str | None = None
    occurred_on: str | None = strawberry.field(default=None, description="YYYY-MM-DD, or YYYY-MM, or YYYY.")
    exploitation_forms: list[str] = strawberry.field(default_factory=list)
    indicators: list[str] = strawberry.field(default_factory=list)
    persons_at_risk: int | None = None
    minors_involved: bool = False
    urgency: ReportUrgency = ReportUrgency.ROUTINE
    reporter_contact: str | None = None
    reporter_agrees_to_share_identity: bool = False
    client_id: strawberry.ID | None = strawberry.field(
        default=None, description="A UUID made on the device: sending the same creation again makes it once.")
    campaign_code: str | None = strawberry.field(
        default=None, description="The awareness campaign that prompted the report, if the reporter saw one.")


@strawberry.type(description="What the submitter gets back. The receipt is shown once and never stored.")
class SubmitReportPayload:
    reference: str
    receipt: str | None = strawberry.field(description="16 digits for an anonymous reporter; keep it safe.")
    report_id: strawberry.ID | None = strawberry.field(description="Null for anonymous reports.")


@strawberry.type(description="A message between the anonymous reporter and the authority.")
class ReporterMessage:
    direction: MessageDirection
    body: str
    at: str


@strawberry.type(description="What an anonymous reporter may know about their report.")
class ReporterReportView:
    status: str
    received_at: str
    updated_at: str
    messages: list[ReporterMessage]


@strawberry.type(description="A message or internal note on a report, as coordinators see it.")
class ReportMessage:
    direction: MessageDirection
    body: str
    at: str


@strawberry.type(description="A report as triage sees it.")
class Report(Node):
    id: strawberry.ID
    reference: str
    channel: ReportChannel
    status: ReportStatus
    governorate: str | None
    place: str | None
    occurred_on: str | None
    exploitation_forms: list[str]
    indicators: list[str]
    persons_at_risk: int | None
    minors_involved: bool
    urgency: ReportUrgency
    received_at: str
    updated_at: str
    qualified_at: str | None
    reporter_agrees_to_share_identity: bool
    linked_case_id: strawberry.ID | None
    has_narrative: bool
    has_reporter_contact: bool

    @strawberry.field(description="Whistleblowers and witnesses protected in this report (identity kept apart).")
    async def protected_persons(
        self, info: Info
    ) -> list[Annotated[ProtectedPerson, strawberry.lazy("api.witnesses.types")]]:
        """Whistleblowers and witnesses protected in this report (identity kept apart)."""
        return await info.context.loaders.protected_by_report.load(local_id(self.id, "Report"))

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Report:
        return cls(
            id=strawberry.ID(to_global_id("Report", row["id"])), reference=row["reference"],
            channel=ReportChannel(row["channel"]), status=ReportStatus(row["status"]),
            governorate=row["governorate"], place=row["place"], occurred_on=row["occurredOn"],
            exploitation_forms=list(row["exploitationForms"] or []), indicators=list(row["indicators"] or []),
            persons_at_risk=row["personsAtRisk"], minors_involved=bool(row["minorsInvolved"]),
            urgency=ReportUrgency(row["urgency"]), received_at=row["receivedAt"], updated_at=row["updatedAt"],
            qualified_at=row["qualifiedAt"],
            reporter_agrees_to_share_identity=bool(row["reporterAgreesToShareIdentity"]),
            linked_case_id=strawberry.ID(to_global_id("Case", row["linkedCaseId"])) if row["linkedCaseId"] else None,
            has_narrative=bool(row["hasNarrative"]), has_reporter_contact=bool(row["hasReporterContact"]),
        )


@strawberry.type(description="A report with its decrypted narrative, contact and messages (access is audited).")
class ReportDetails:
    report: Report
    narrative: str | None
    reporter_contact: str | None
    messages: list[ReportMessage]


@strawberry.type(description="Another report that may describe the same situation.")
class DuplicateHint:
    report_id: strawberry.ID
    reference: str
    status: ReportStatus
    received_at: str
    shared_indicators: list[str]
    shared_exploitation_forms: list[str]
    score: int


@strawberry.type(description="One hop in a report's chain of custody.")
class CustodyEvent:
    action: str
    at: str
    actor_id: str | None
    actor_role: str | None
    actor_organization_id: str | None
    detail: str | None
