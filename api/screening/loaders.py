"""Per-request DataLoaders for screenings: one query per batch."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from api.screening import rules as rules
from api.screening.types import Screening
from graph.access.scope import Scope
from graph.db import Graph


def screenings_by_case(graph: Graph, scope: Scope) -> DataLoader[str, list[Screening]]:
    """Screenings by case (local) id, newest first."""
    async def load(ids: list[str]) -> list[list[Screening]]:
        found = await rules.screenings_by_case_ids(graph, scope, list(ids))
        return [[Screening.from_record(row) for row in found.get(i, [])] for i in ids]

    return DataLoader(load_fn=load)
