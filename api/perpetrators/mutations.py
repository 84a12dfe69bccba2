"""Perpetrator mutations."""

from __future__ import annotations

import strawberry

from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.identifiers import rules as identifier_rules
from api.identifiers.types import IdentifierInput
from api.perpetrators import rules
from api.perpetrators.rules import PerpetratorRole, VictimRelation
from api.perpetrators.types import AddPerpetratorInput, Perpetrator
from api.protection import protection_for


@strawberry.type
class PerpetratorMutations:
    @mutation
    async def add_perpetrator(self, info: Info, input: AddPerpetratorInput) -> Perpetrator:
        """Record a perpetrator in a case: role, relation, sealed identity, identifiers."""
        identity = None if input.identity is None else {
            "fullName": input.identity.full_name, "otherNames": input.identity.other_names,
            "documentNumber": input.identity.document_number,
            "registrationNumber": input.identity.registration_number}
        row = await rules.add_perpetrator(
            info.context.graph, protection_for(info.context.settings.state_dir).sealer, info.context.scope,
            local_id(input.case_id, "Case"),
            {"kind": input.kind.value, "alias": input.alias, "sex": input.sex.value if input.sex else None,
             "nationality": input.nationality, "ageBand": input.age_band},
            identity, input.role.value, input.victim_relation.value if input.victim_relation else None,
            identifier_rules.input_dicts(input.identifiers))
        return Perpetrator.from_record(row)

    @mutation
    async def involve_perpetrator(self, info: Info, case_id: strawberry.ID, perpetrator_id: strawberry.ID,
                                  role: PerpetratorRole, victim_relation: VictimRelation | None = None) -> Perpetrator:
        """Record that a known perpetrator is also involved in another case."""
        row = await rules.involve(info.context.graph, info.context.scope, local_id(case_id, "Case"),
                                  local_id(perpetrator_id, "Perpetrator"), role.value,
                                  victim_relation.value if victim_relation else None)
        return Perpetrator.from_record(row)

    @mutation
    async def erase_perpetrator_identity(self, info: Info, perpetrator_id: strawberry.ID,
                                         reason: str) -> bool:
        """Erase a perpetrator's identity for good by destroying its key."""
        await rules.erase_identity(info.context.graph, info.context.scope, local_id(perpetrator_id, "Perpetrator"),
                                   reason)
        return True

    @mutation
    async def add_perpetrator_identifiers(
        self, info: Info, perpetrator_id: strawberry.ID, identifiers: list[IdentifierInput]
    ) -> Perpetrator:
        """Record identifiers a perpetrator uses."""
        local = local_id(perpetrator_id, "Perpetrator")
        await identifier_rules.add_to_perpetrator(
            info.context.graph, protection_for(info.context.settings.state_dir).sealer, info.context.scope, local,
            identifier_rules.input_dicts(identifiers))
        found = await rules.perpetrators_by_ids(info.context.graph, info.context.scope, [local])
        return Perpetrator.from_record(found[local])
