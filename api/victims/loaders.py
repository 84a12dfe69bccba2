"""Per-request DataLoaders for victims and consents: one query per batch."""

from __future__ import annotations

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.graphql.context import HimayaContext
from api.victims import rules as rules
from api.victims.types import Consent


def consents_loader(info: Info) -> DataLoader[str, list[Consent]]:
    """Consents by victim (local) id."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[Consent]]:
        found = await rules.consents_by_victim_ids(context.graph, context.scope, list(ids))
        return [[Consent.from_record(row) for row in found.get(i, [])] for i in ids]

    return context.loader("casework_consents", load)
