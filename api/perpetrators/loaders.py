"""DataLoaders (built per request by ``api/graphql/loaders.py``) for perpetrators: one query per batch."""

from __future__ import annotations

from collections import defaultdict

from strawberry.dataloader import DataLoader

from api.perpetrators.types import CasePerpetrator
from graph.access.scope import Scope
from graph.db import Graph
from graph.perpetrators import repository


def perpetrators_by_case(graph: Graph, scope: Scope) -> DataLoader[str, list[CasePerpetrator]]:
    """Perpetrators of visible cases, with their role and the victim's relation."""

    async def load(ids: list[str]) -> list[list[CasePerpetrator]]:
        found: dict[str, list[CasePerpetrator]] = defaultdict(list)
        for row in await repository.perpetrators_of_cases(graph, scope, list(ids)):
            found[row["caseId"]].append(CasePerpetrator.from_record(row))
        return [found.get(i, []) for i in ids]

    return DataLoader(load_fn=load)
