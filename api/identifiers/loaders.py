"""DataLoaders (built per request by ``api/graphql/loaders.py``) for identifiers: one query per batch, values opened
and the read audited once."""

from __future__ import annotations

from collections import defaultdict

from strawberry.dataloader import DataLoader

from api.graphql.relay import to_global_id
from api.identifiers import rules
from api.identifiers.types import Identifier
from api.protection import protection_for
from api.settings import Settings
from graph.access.scope import Scope
from graph.db import Graph
from graph.identifiers import repository


def identifiers_by_case(graph: Graph, scope: Scope, settings: Settings) -> DataLoader[str, list[Identifier]]:
    """Identifiers of visible cases (directly mentioned or used by the case's perpetrators)."""

    async def load(ids: list[str]) -> list[list[Identifier]]:
        sealer = protection_for(settings.state_dir).sealer
        rows = await repository.identifiers_of_cases(graph, scope, list(ids))
        found: dict[str, list[Identifier]] = defaultdict(list)
        for row in rows:
            found[row["ownerId"]].append(Identifier.from_record(row, rules.opened_value(sealer, row)))
        await rules.audit_read(graph, scope, "read:caseIdentifiers",
                               [to_global_id("Case", i) for i in ids if found.get(i)])
        return [found.get(i, []) for i in ids]

    return DataLoader(load_fn=load)


def identifiers_by_perpetrator(graph: Graph, scope: Scope, settings: Settings) -> DataLoader[str, list[Identifier]]:
    """Identifiers visible perpetrators use."""

    async def load(ids: list[str]) -> list[list[Identifier]]:
        sealer = protection_for(settings.state_dir).sealer
        rows = await repository.identifiers_of_perpetrators(graph, scope, list(ids))
        found: dict[str, list[Identifier]] = defaultdict(list)
        for row in rows:
            found[row["ownerId"]].append(Identifier.from_record({**row, "perpetratorId": row["ownerId"]},
                                                                rules.opened_value(sealer, row)))
        await rules.audit_read(graph, scope, "read:perpetratorIdentifiers",
                               [to_global_id("Perpetrator", i) for i in ids if found.get(i)])
        return [found.get(i, []) for i in ids]

    return DataLoader(load_fn=load)
