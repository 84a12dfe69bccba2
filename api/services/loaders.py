"""DataLoaders for services (built per request, see api/graphql/loaders.py): one UNWIND query per batch."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from api.services.types import Service
from graph.access.scope import Scope
from graph.db import Graph
from graph.services import repository


def service(graph: Graph, scope: Scope) -> DataLoader[str, Service | None]:
    """Services by their (local) id; unknown or invisible ids load as None."""
    async def load(ids: list[str]) -> list[Service | None]:
        found = await repository.services_by_id(graph, scope, list(ids))
        return [Service.from_record(found[i]) if i in found else None for i in ids]

    return DataLoader(load_fn=load)


def services_by_organization(graph: Graph, scope: Scope) -> DataLoader[str, list[Service]]:
    """The services of each organisation (by organisation id), ordered by name."""
    async def load(ids: list[str]) -> list[list[Service]]:
        found = await repository.services_by_organization(graph, scope, list(ids))
        return [[Service.from_record(row) for row in found.get(i, [])] for i in ids]

    return DataLoader(load_fn=load)
