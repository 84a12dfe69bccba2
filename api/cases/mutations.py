"""Case mutations."""

from __future__ import annotations

import strawberry

from api.cases import rules as rules
from api.cases.types import Case, ChangeCaseStatusInput, OpenCaseInput
from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.protection import protection_of


@strawberry.type
class CaseMutations:
    @mutation
    async def open_case(self, info: Info, input: OpenCaseInput) -> Case:
        """Open a case for a victim; the caller's organisation owns it."""
        row = await rules.open_case(info.context.graph, info.context.scope, {
            "victimId": local_id(input.victim_id, "Victim"), "governorate": input.governorate,
            "exploitationForms": input.exploitation_forms, "labourSector": input.labour_sector,
            "meansOfControl": input.means_of_control}, client_id=input.client_id)
        return Case.from_record(row)

    @mutation
    async def change_case_status(self, info: Info, input: ChangeCaseStatusInput) -> Case:
        """Move a case along its lifecycle; illegal moves are refused."""
        row = await rules.change_case_status(info.context.graph, info.context.scope, local_id(input.case_id, "Case"),
                                             rules.CaseStatus(input.status.value), input.reason,
                                             input.expected_version,
                                             sealer=protection_of(info.context.settings).sealer)
        return Case.from_record(row)

    @mutation
    async def transfer_case(self, info: Info, case_id: strawberry.ID, organization_code: str,
                            expected_version: int | None = None) -> Case:
        """Ask another organisation to take a case over; it becomes the owner once it accepts (respondToTransfer)."""
        row = await rules.transfer_case(info.context.graph, info.context.scope, local_id(case_id, "Case"),
                                        organization_code, expected_version)
        return Case.from_record(row)

    @mutation
    async def assign_case(self, info: Info, case_id: strawberry.ID, user_id: strawberry.ID) -> Case:
        """Give a case to a member of the owning organisation."""
        row = await rules.assign_case(info.context.graph, info.context.scope, local_id(case_id, "Case"),
                                      local_id(user_id, "User"))
        return Case.from_record(row)
