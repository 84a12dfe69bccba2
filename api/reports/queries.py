"""Report queries: the anonymous reporter's view by receipt, and triage lists for coordinators."""

from __future__ import annotations

import strawberry

from api.errors import NotFound
from api.graphql.relay import Connection, build_connection, decode_cursor, local_id, page_size, to_global_id
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
from graph.reports import repository


@strawberry.type
class ReportQueries:
    @strawberry.field(description="The status of an anonymous report and its messages, using only the receipt.")
    async def report_by_receipt(self, info: strawberry.Info, receipt: str) -> ReporterReportView:
        """The status of an anonymous report and its messages, using only the receipt."""
        protection = protection_of(info.context.settings)
        await protection.intake.admit(info.context.graph, caller_address(info.context), "receipt")
        view = await rules.report_by_receipt(info.context.graph, protection.sealer, protection.receipts, receipt)
        return ReporterReportView(status=view.status, received_at=view.received_at, updated_at=view.updated_at,
                                  messages=[ReporterMessage(direction=rules.MessageDirection(m.direction),
                                                            body=m.body, at=m.at) for m in view.messages])

    @strawberry.field(description="Reports visible to the caller, newest first.")
    async def reports(self, info: strawberry.Info, first: int | None = None, after: str | None = None,
                      status: rules.ReportStatus | None = None) -> Connection[Report]:
        """Reports visible to the caller, newest first."""
        scope = info.context.scope
        rules.require_reader(scope)
        size = page_size(first)
        cursor = decode_cursor(after)
        position = tuple(cursor.split("|", 1)) if cursor and "|" in cursor else None
        rows = await repository.list_reports(info.context.graph, scope.params(), status.value if status else None,
                                             (position[0], position[1]) if position else None, size + 1)
        return build_connection([Report.from_record(r) for r in rows],
                                [f"{r['receivedAt']}|{r['id']}" for r in rows], size)

    @strawberry.field(description="One report with its decrypted narrative, contact and messages.")
    async def report(self, info: strawberry.Info, id: strawberry.ID) -> ReportDetails:
        """One report with its decrypted narrative, contact and messages."""
        scope = info.context.scope
        rules.require_reader(scope)
        row = await repository.get_report_with_sealed(info.context.graph, local_id(id, "Report"), scope.params())
        if row is None:
            raise NotFound()
        opened = rules.open_report(protection_for(info.context.settings.state_dir).sealer, row)
        return ReportDetails(
            report=Report.from_record(row), narrative=opened["narrative"], reporter_contact=opened["reporterContact"],
            messages=[ReportMessage(direction=rules.MessageDirection(m["direction"]), body=m["body"], at=m["at"])
                      for m in opened["messages"]],
        )

    @strawberry.field(description="Reports that may describe the same situation (same governorate, close in time).")
    async def possible_duplicate_reports(self, info: strawberry.Info, report_id: strawberry.ID) -> list[DuplicateHint]:
        """Reports that may describe the same situation (same governorate, close in time)."""
        scope = info.context.scope
        rules.require_triage(scope)
        rows = await repository.possible_duplicates(info.context.graph, local_id(report_id, "Report"),
                                                    rules.DUPLICATE_WINDOW_DAYS, scope.params())
        return [DuplicateHint(report_id=strawberry.ID(to_global_id("Report", r["id"])), reference=r["reference"],
                              status=rules.ReportStatus(r["status"]), received_at=r["receivedAt"],
                              shared_indicators=r["sharedIndicators"], shared_exploitation_forms=r["sharedForms"],
                              score=r["score"]) for r in rows]

    @strawberry.field(description="Every hop of a report, from intake to the court, with its actor and time.")
    async def report_custody_chain(self, info: strawberry.Info, report_id: strawberry.ID) -> list[CustodyEvent]:
        """Every hop of a report, from intake to the court, with its actor and time."""
        scope = info.context.scope
        rules.require_triage(scope)
        rows = await repository.custody_chain(info.context.graph, local_id(report_id, "Report"), scope.params())
        if not rows:
            raise NotFound()
        return [CustodyEvent(action=r["action"], at=r["at"], actor_id=r["actorId"], actor_role=r["actorRole"],
                             actor_organization_id=r["actorOrgId"], detail=r["detail"]) for r in rows]

