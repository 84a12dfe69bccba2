"""Protected person mutations: record, assess the risk, put measures in place and review them."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.protection import protection_for
from api.witnesses import rules
from api.witnesses.rules import MeasureStatus, RiskFactor, RiskLevel
from api.witnesses.types import AddProtectionMeasureInput, ProtectedPerson, RecordProtectedPersonInput


@strawberry.type
class WitnessMutations:
    @mutation
    async def record_protected_person(self, info: Info,
                                      input: RecordProtectedPersonInput) -> ProtectedPerson:
        """Record a witness or whistleblower (identity sealed) in a case or a report."""
        identity = None if input.identity is None else {"fullName": input.identity.full_name,
                                                        "contact": input.identity.contact}
        row = await rules.record(
            info.context.graph, protection_for(info.context.settings.state_dir).sealer, info.context.scope,
            case_id=local_id(input.case_id, "Case") if input.case_id else None,
            report_id=local_id(input.report_id, "Report") if input.report_id else None,
            fields={"role": input.role.value, "alias": input.alias, "riskLevel": input.risk_level.value,
                    "riskFactors": [f.value for f in input.risk_factors]}, identity=identity)
        return ProtectedPerson.from_record(row)

    @mutation
    async def add_protection_measure(self, info: Info, input: AddProtectionMeasureInput) -> ProtectedPerson:
        """Put a protection measure in place (status, responsible body, review date)."""
        row = await rules.add_measure(info.context.graph, info.context.scope,
                                      local_id(input.protected_person_id, "ProtectedPerson"), {
                                          "kind": input.kind.value, "status": input.status.value,
                                          "responsibleBody": input.responsible_body, "reviewDue": input.review_due,
                                          "note": input.note},
                                      sealer=protection_for(info.context.settings.state_dir).sealer)
        return ProtectedPerson.from_record(row)

    @mutation
    async def update_protection_measure(self, info: Info, measure_id: strawberry.ID,
                                        status: MeasureStatus | None = None,
                                        review_due: dt.date | None = None) -> ProtectedPerson:
        """Change a measure's status or next review date."""
        row = await rules.update_measure(info.context.graph, info.context.scope,
                                         local_id(measure_id, "ProtectionMeasure"),
                                         status.value if status else None, review_due)
        return ProtectedPerson.from_record(row)

    @mutation
    async def assess_protected_person_risk(self, info: Info, protected_person_id: strawberry.ID,
                                           level: RiskLevel, factors: list[RiskFactor]) -> ProtectedPerson:
        """Record a new risk assessment."""
        row = await rules.assess_risk(info.context.graph, info.context.scope,
                                      local_id(protected_person_id, "ProtectedPerson"), level.value,
                                      [f.value for f in factors])
        return ProtectedPerson.from_record(row)
