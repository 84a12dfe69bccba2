"""Per-request DataLoaders for screenings: one query per batch."""

from __future__ import annotations

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.graphql.context import HimayaContext
from api.screening import rules as rules
from api.screening.types import Screening


def screenings_by_case_loader(info: Info) -> DataLoader[str, list[Screening]]:
    """Screenings by case (local) id, newest first."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[Screening]]:
        found = await rules.screenings_by_case_ids(context.graph, context.scope, list(ids))
        return [[Screening.from_record(row) for row in found.get(i, [])] for i in ids]

    return context.loader("screenings_by_case", load)
