"""DataLoaders (built per request by ``api/graphql/loaders.py``) for protected persons: one query per batch."""

from __future__ import annotations

from collections import defaultdict

from strawberry.dataloader import DataLoader

from api.witnesses.types import ProtectedPerson
from graph.access.scope import Scope
from graph.db import Graph
from graph.witnesses import repository


def protected_by_case(graph: Graph, scope: Scope) -> DataLoader[str, list[ProtectedPerson]]:
    """Protected persons of visible cases."""

    async def load(ids: list[str]) -> list[list[ProtectedPerson]]:
        found: dict[str, list[ProtectedPerson]] = defaultdict(list)
        for row in await repository.of_cases(graph, scope, list(ids)):
            found[row["ownerId"]].append(ProtectedPerson.from_record(row["person"]))
        return [found.get(i, []) for i in ids]

    return DataLoader(load_fn=load)


def protected_by_report(graph: Graph, scope: Scope) -> DataLoader[str, list[ProtectedPerson]]:
    """Protected persons (whistleblowers, witnesses) of visible reports."""

    async def load(ids: list[str]) -> list[list[ProtectedPerson]]:
        found: dict[str, list[ProtectedPerson]] = defaultdict(list)
        for row in await repository.of_reports(graph, scope, list(ids)):
            found[row["ownerId"]].append(ProtectedPerson.from_record(row["person"]))
        return [found.get(i, []) for i in ids]

    return DataLoader(load_fn=load)
