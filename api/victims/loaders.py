"""DataLoaders (built per request by ``api/graphql/loaders.py``) for victims and consents: one query per batch."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from api.victims import rules as rules
from api.victims.types import Consent
from graph.access.scope import Scope
from graph.db import Graph


def consents(graph: Graph, scope: Scope) -> DataLoader[str, list[Consent]]:
    """Consents by victim (local) id."""
    async def load(ids: list[str]) -> list[list[Consent]]:
        found = await rules.consents_by_victim_ids(graph, scope, list(ids))
        return [[Consent.from_record(row) for row in found.get(i, [])] for i in ids]

    return DataLoader(load_fn=load)
