"""DataLoaders (built per request by ``api/graphql/loaders.py``) for routes: one query per batch."""

from __future__ import annotations

from collections import defaultdict

from strawberry.dataloader import DataLoader

from api.routes.types import RouteEvent
from graph.access.scope import Scope
from graph.db import Graph
from graph.routes import repository


def route_by_case(graph: Graph, scope: Scope) -> DataLoader[str, list[RouteEvent]]:
    """The route of visible cases, in order."""

    async def load(ids: list[str]) -> list[list[RouteEvent]]:
        found: dict[str, list[RouteEvent]] = defaultdict(list)
        for row in await repository.routes_of_cases(graph, scope, list(ids)):
            found[row["caseId"]].append(RouteEvent.from_record(row))
        return [found.get(i, []) for i in ids]

    return DataLoader(load_fn=load)
