"""Creating partner programmes; the partner's updates and activity reports."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.programmes import rules as rules
from api.programmes.types import CreateProgrammeInput, Programme, ReportProgrammeActivityInput, UpdateProgrammeInput


@strawberry.type
class ProgrammeMutations:
    @mutation
    async def create_programme(self, info: Info, input: CreateProgrammeInput) -> Programme:
        """Register a partner programme supported by the authority."""
        fields = {"code": input.code, "titles": input.title.titles(), "partnerCode": input.partner_code,
                  "startDate": input.start_date, "endDate": input.end_date, "objectives": input.objectives,
                  "governorates": input.governorates, "fundingSource": input.funding_source,
                  "fundingAmount": input.funding_amount, "currency": input.currency,
                  "authoritySupport": input.authority_support, "actionIds": input.action_ids}
        return Programme.from_record(await rules.create_programme(info.context.graph, info.context.scope, fields))

    @mutation
    async def update_programme(self, info: Info, input: UpdateProgrammeInput) -> Programme:
        """Update a programme's objectives, governorates or progress (its partner)."""
        fields = {"objectives": input.objectives, "governorates": input.governorates,
                  "progressNote": input.progress_note}
        return Programme.from_record(await rules.update_programme(info.context.graph, info.context.scope,
                                                                  input.programme_id, fields, input.expected_version))

    @mutation
    async def report_programme_activity(self, info: Info,
                                        input: ReportProgrammeActivityInput) -> Programme:
        """Report an activity and its results (the programme's partner, from the app)."""
        fields = {"title": input.title, "date": input.date, "description": input.description,
                  "results": input.results, "beneficiaries": input.beneficiaries, "clientId": input.client_id}
        return Programme.from_record(await rules.report_activity(info.context.graph, info.context.scope,
                                                                 input.programme_id, fields))
