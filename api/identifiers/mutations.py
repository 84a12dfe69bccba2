"""Identifier mutations: record identifiers on a case or on a perpetrator."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.cases.types import Case
from api.graphql.relay import local_id
from api.identifiers import rules
from api.identifiers.types import IdentifierInput
from api.protection import protection_for

if TYPE_CHECKING:
    from api.perpetrators.types import Perpetrator


@strawberry.type
class IdentifierMutations:
    @strawberry.mutation(description="Record identifiers a case mentions (malformed phones, e-mails, plates refused).")
    async def add_case_identifiers(self, info: strawberry.Info, case_id: strawberry.ID,
                                   identifiers: list[IdentifierInput]) -> Case:
        """Record identifiers a case mentions (malformed phones, e-mails, plates refused)."""
        from api.cases import rules as case_rules

        local = local_id(case_id, "Case")
        await rules.add_to_case(info.context.graph, protection_for(info.context.settings.state_dir).sealer,
                                info.context.scope, local, rules.input_dicts(identifiers))
        row = await case_rules.case(info.context.graph, info.context.scope, local)
        assert row is not None
        return Case.from_record(row)

    @strawberry.mutation(description="Record identifiers a perpetrator uses.")
    async def add_perpetrator_identifiers(
        self, info: strawberry.Info, perpetrator_id: strawberry.ID, identifiers: list[IdentifierInput]
    ) -> Annotated[Perpetrator, strawberry.lazy("api.perpetrators.types")]:
        """Record identifiers a perpetrator uses."""
        from api.perpetrators import rules as perpetrator_rules
        from api.perpetrators.types import Perpetrator

        local = local_id(perpetrator_id, "Perpetrator")
        await rules.add_to_perpetrator(info.context.graph, protection_for(info.context.settings.state_dir).sealer,
                                       info.context.scope, local, rules.input_dicts(identifiers))
        found = await perpetrator_rules.perpetrators_by_ids(info.context.graph, info.context.scope, [local])
        return Perpetrator.from_record(found[local])
