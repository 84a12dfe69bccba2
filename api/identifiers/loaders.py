"""Per-request DataLoaders for identifiers: one query per batch, values opened and the read audited once."""

from __future__ import annotations

from collections import defaultdict

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.graphql.context import HimayaContext
from api.graphql.relay import to_global_id
from api.identifiers import rules
from api.identifiers.types import Identifier
from api.protection import protection_for
from graph.identifiers import repository


def identifiers_by_case_loader(info: Info) -> DataLoader[str, list[Identifier]]:
    """Identifiers of visible cases (directly mentioned or used by the case's perpetrators)."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[Identifier]]:
        sealer = protection_for(context.settings.state_dir).sealer
        rows = await repository.identifiers_of_cases(context.graph, context.scope, list(ids))
        found: dict[str, list[Identifier]] = defaultdict(list)
        for row in rows:
            found[row["ownerId"]].append(Identifier.from_record(row, rules.opened_value(sealer, row)))
        await rules.audit_read(context.graph, context.scope, "read:caseIdentifiers",
                               [to_global_id("Case", i) for i in ids if found.get(i)])
        return [found.get(i, []) for i in ids]

    return context.loader("identifiers_by_case", load)


def identifiers_by_perpetrator_loader(info: Info) -> DataLoader[str, list[Identifier]]:
    """Identifiers visible perpetrators use."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[Identifier]]:
        sealer = protection_for(context.settings.state_dir).sealer
        rows = await repository.identifiers_of_perpetrators(context.graph, context.scope, list(ids))
        found: dict[str, list[Identifier]] = defaultdict(list)
        for row in rows:
            found[row["ownerId"]].append(Identifier.from_record({**row, "perpetratorId": row["ownerId"]},
                                                                rules.opened_value(sealer, row)))
        await rules.audit_read(context.graph, context.scope, "read:perpetratorIdentifiers",
                               [to_global_id("Perpetrator", i) for i in ids if found.get(i)])
        return [found.get(i, []) for i in ids]

    return context.loader("identifiers_by_perpetrator", load)
