"""Report mutations: intake, messages both ways, triage."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id, to_global_id
from api.limits.address import caller_address
from api.protection import protection_for, protection_of
from api.reports import rules as rules
from api.reports.types import Report, SubmitReportInput, SubmitReportPayload


@strawberry.type
class ReportMutations:
    @strawberry.mutation(description="Report suspected trafficking: anyone (PUBLIC, no account), a hotline operator "
                                     "or a signed-in partner.")
    async def submit_report(self, info: Info, input: SubmitReportInput) -> SubmitReportPayload:
        """Report suspected trafficking."""
        protection = protection_of(info.context.settings)
        if input.channel is rules.ReportChannel.PUBLIC:
            await protection.intake.admit(info.context.graph, caller_address(info.context), "public-report")
        submission = rules.ReportSubmission(
            channel=input.channel, narrative=input.narrative, governorate=input.governorate, place=input.place,
            occurred_on=input.occurred_on, exploitation_forms=input.exploitation_forms, indicators=input.indicators,
            persons_at_risk=input.persons_at_risk, minors_involved=input.minors_involved, urgency=input.urgency,
            reporter_contact=input.reporter_contact,
            reporter_agrees_to_share_identity=input.reporter_agrees_to_share_identity,
            client_id=input.client_id, campaign_code=input.campaign_code,
        )
        result = await rules.submit_report(info.context.graph, protection.sealer, protection.receipts,
                                           info.context.scope, submission)
        anonymous = input.channel is rules.ReportChannel.PUBLIC
        return SubmitReportPayload(
            reference=result.reference, receipt=result.receipt,
            report_id=None if anonymous else strawberry.ID(to_global_id("Report", result.id)),
        )

    @mutation
    async def send_reporter_message(self, info: Info, receipt: str, body: str) -> bool:
        """The anonymous reporter writes to the authority, using only the receipt."""
        protection = protection_of(info.context.settings)
        await protection.intake.admit(info.context.graph, caller_address(info.context), "receipt")
        await rules.send_reporter_message(info.context.graph, protection.sealer, protection.receipts, receipt, body)
        return True

    @mutation
    async def reply_to_reporter(self, info: Info, report_id: strawberry.ID, body: str) -> bool:
        """A coordinator answers the reporter (they read it with their receipt)."""
        sealer = protection_for(info.context.settings.state_dir).sealer
        await rules.write_to_reporter_or_note(info.context.graph, sealer,
                                              info.context.scope, local_id(report_id, "Report"), body,
                                              rules.MessageDirection.TO_REPORTER)
        return True

    @mutation
    async def add_report_note(self, info: Info, report_id: strawberry.ID, body: str) -> bool:
        """An internal note on a report; the reporter never sees it."""
        sealer = protection_for(info.context.settings.state_dir).sealer
        await rules.write_to_reporter_or_note(info.context.graph, sealer,
                                              info.context.scope, local_id(report_id, "Report"), body,
                                              rules.MessageDirection.INTERNAL_NOTE)
        return True

    @mutation
    async def change_report_status(self, info: Info, report_id: strawberry.ID,
                                   status: rules.ReportStatus, reason: str | None = None) -> Report:
        """Move a report through triage (UNDER_REVIEW, CLOSED_UNFOUNDED)."""
        row = await rules.change_status(info.context.graph, info.context.scope, local_id(report_id, "Report"),
                                        status, reason)
        return Report.from_record(row)

    @mutation
    async def link_report_to_case(self, info: Info, report_id: strawberry.ID,
                                  case_id: strawberry.ID) -> Report:
        """Link a report under review to a case (this qualifies it)."""
        row = await rules.link_to_case(info.context.graph, info.context.scope, local_id(report_id, "Report"),
                                       local_id(case_id, "Case"))
        return Report.from_record(row)
