"""Per-request DataLoaders for organisations: one UNWIND query per batch, never one per item."""

from __future__ import annotations

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.graphql.context import HimayaContext
from api.organizations.types import Organization, Partnership
from graph.organizations import repository


def organization_loader(info: Info) -> DataLoader[str, Organization | None]:
    """Organisations by their (local) id; unknown or invisible ids load as None."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[Organization | None]:
        found = await repository.organizations_by_id(context.graph, context.scope, list(ids))
        return [Organization.from_record(found[i]) if i in found else None for i in ids]

    return context.loader("organization", load)


def partners_loader(info: Info) -> DataLoader[str, list[Partnership]]:
    """Partnerships by organisation id, read in both directions."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[Partnership]]:
        found = await repository.partners_by_organization(context.graph, context.scope, list(ids))
        return [[Partnership.from_record(row) for row in found.get(i, [])] for i in ids]

    return context.loader("partners", load)
