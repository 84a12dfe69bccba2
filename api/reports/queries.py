"""Report queries: the anonymous reporter's view by receipt, and triage lists for coordinators."""

from __future__ import annotations

import strawberry

from api.common.cursors import page_size
from api.graphql.fields import field
from api.graphql.info import Info
from api.graphql.relay import Connection, build_connection, local_id, to_global_id
from api.limits.address import caller_address
from api.protection import protection_for, protection_of
from api.reports import rules as rules
from api.reports.types import (
    CustodyEvent,
    DuplicateHint,
    Report,
    ReportDetails,
    ReporterMessage,
    ReporterReportView,
    ReportMessage,
)


@strawberry.type
class ReportQueries:
    @field
    async def report_by_receipt(self, info: Info, receipt: str) -> ReporterReportView:
        """The status of an anonymous report and its messages, using only the receipt."""
        protection = protection_of(info.context.settings)
        await protection.intake.admit(info.context.graph, caller_address(info.context), "receipt")
        view = await rules.report_by_receipt(info.context.graph, protection.sealer, protection.receipts, receipt)
        return ReporterReportView(status=view.status, received_at=view.received_at, updated_at=view.updated_at,
                                  messages=[ReporterMessage(direction=rules.MessageDirection(m.direction),
                                                            body=m.body, at=m.at) for m in view.messages])

    @field
    async def reports(self, info: Info, first: int | None = None, after: str | None = None,
                      status: rules.ReportStatus | None = None) -> Connection[Report]:
        """Reports visible to the caller, newest first."""
        size = page_size(first)
        rows = await rules.list_reports(info.context.graph, info.context.scope, status=status, after=after,
                                        limit=size + 1)
        return build_connection([Report.from_record(r) for r in rows], [rules.report_cursor(r) for r in rows], size)

    @field
    async def report(self, info: Info, id: strawberry.ID) -> ReportDetails:
        """One report with its decrypted narrative, contact and messages."""
        row = await rules.report_with_sealed(info.context.graph, info.context.scope, local_id(id, "Report"))
        opened = rules.open_report(protection_for(info.context.settings.state_dir).sealer, row)
        return ReportDetails(
            report=Report.from_record(row), narrative=opened["narrative"], reporter_contact=opened["reporterContact"],
            messages=[ReportMessage(direction=rules.MessageDirection(m["direction"]), body=m["body"], at=m["at"])
                      for m in opened["messages"]],
        )

    @field
    async def possible_duplicate_reports(self, info: Info, report_id: strawberry.ID) -> list[DuplicateHint]:
        """Reports that may describe the same situation (same governorate, close in time)."""
        rows = await rules.possible_duplicates(info.context.graph, info.context.scope, local_id(report_id, "Report"))
        return [DuplicateHint(report_id=strawberry.ID(to_global_id("Report", r["id"])), reference=r["reference"],
                              status=rules.ReportStatus(r["status"]), received_at=r["receivedAt"],
                              shared_indicators=r["sharedIndicators"], shared_exploitation_forms=r["sharedForms"],
                              score=r["score"]) for r in rows]

    @field
    async def report_custody_chain(self, info: Info, report_id: strawberry.ID) -> list[CustodyEvent]:
        """Every hop of a report, from intake to the court, with its actor and time."""
        rows = await rules.custody_chain(info.context.graph, info.context.scope, local_id(report_id, "Report"))
        return [CustodyEvent(action=r["action"], at=r["at"], actor_id=r["actorId"], actor_role=r["actorRole"],
                             actor_organization_id=r["actorOrgId"], detail=r["detail"]) for r in rows]

