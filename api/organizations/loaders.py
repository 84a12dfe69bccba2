"""DataLoaders for organisations (built per request, see api/graphql/loaders.py): one UNWIND query per batch."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from api.organizations.types import Organization, Partnership
from graph.access.scope import Scope
from graph.db import Graph
from graph.organizations import repository


def organization(graph: Graph, scope: Scope) -> DataLoader[str, Organization | None]:
    """Organisations by their (local) id; unknown or invisible ids load as None."""
    async def load(ids: list[str]) -> list[Organization | None]:
        found = await repository.organizations_by_id(graph, scope, list(ids))
        return [Organization.from_record(found[i]) if i in found else None for i in ids]

    return DataLoader(load_fn=load)


def partners(graph: Graph, scope: Scope) -> DataLoader[str, list[Partnership]]:
    """Partnerships by organisation id, read in both directions."""
    async def load(ids: list[str]) -> list[list[Partnership]]:
        found = await repository.partners_by_organization(graph, scope, list(ids))
        return [[Partnership.from_record(row) for row in found.get(i, [])] for i in ids]

    return DataLoader(load_fn=load)
