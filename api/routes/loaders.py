"""Per-request DataLoaders for routes: one query per batch."""

from __future__ import annotations

from collections import defaultdict

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.graphql.context import HimayaContext
from api.routes.types import RouteEvent
from graph.routes import repository


def route_by_case_loader(info: Info) -> DataLoader[str, list[RouteEvent]]:
    """The route of visible cases, in order."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[RouteEvent]]:
        found: dict[str, list[RouteEvent]] = defaultdict(list)
        for row in await repository.routes_of_cases(context.graph, context.scope, list(ids)):
            found[row["caseId"]].append(RouteEvent.from_record(row))
        return [found.get(i, []) for i in ids]

    return context.loader("route_by_case", load)
