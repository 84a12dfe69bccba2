"""DataLoaders (built per request by ``api/graphql/loaders.py``) for cases: one query per batch."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from api.cases import rules as rules
from api.cases.types import Case
from graph.access.scope import Scope
from graph.db import Graph


def case(graph: Graph, scope: Scope) -> DataLoader[str, Case | None]:
    """Cases by (local) id; invisible ones load as None."""
    async def load(ids: list[str]) -> list[Case | None]:
        found = await rules.cases_by_ids(graph, scope, list(ids))
        return [Case.from_record(found[i]) if i in found else None for i in ids]

    return DataLoader(load_fn=load)
