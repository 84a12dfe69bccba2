"""Identifier mutations: record identifiers on a case (on a perpetrator: ``api/perpetrators/mutations.py``)."""

from __future__ import annotations

import strawberry

from api.cases import rules as case_rules
from api.cases.types import Case
from api.graphql.fields import mutation
from api.graphql.info import Info
from api.graphql.relay import local_id
from api.identifiers import rules
from api.identifiers.types import IdentifierInput
from api.protection import protection_for


@strawberry.type
class IdentifierMutations:
    @mutation
    async def add_case_identifiers(self, info: Info, case_id: strawberry.ID,
                                   identifiers: list[IdentifierInput]) -> Case:
        """Record identifiers a case mentions (malformed phones, e-mails, plates refused)."""
        local = local_id(case_id, "Case")
        await rules.add_to_case(info.context.graph, protection_for(info.context.settings.state_dir).sealer,
                                info.context.scope, local, rules.input_dicts(identifiers))
        row = await case_rules.case(info.context.graph, info.context.scope, local)
        assert row is not None
        return Case.from_record(row)
