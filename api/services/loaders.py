"""Per-request DataLoaders for services: one UNWIND query per batch, never one per item."""

from __future__ import annotations

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.graphql.context import HimayaContext
from api.services.types import Service
from graph.services import repository


def service_loader(info: Info) -> DataLoader[str, Service | None]:
    """Services by their (local) id; unknown or invisible ids load as None."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[Service | None]:
        found = await repository.services_by_id(context.graph, context.scope, list(ids))
        return [Service.from_record(found[i]) if i in found else None for i in ids]

    return context.loader("service", load)


def services_by_organization_loader(info: Info) -> DataLoader[str, list[Service]]:
    """The services of each organisation (by organisation id), ordered by name."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[Service]]:
        found = await repository.services_by_organization(context.graph, context.scope, list(ids))
        return [[Service.from_record(row) for row in found.get(i, [])] for i in ids]

    return context.loader("services_by_organization", load)
