"""Per-request DataLoaders for protected persons: one query per batch."""

from __future__ import annotations

from collections import defaultdict

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.graphql.context import HimayaContext
from api.witnesses.types import ProtectedPerson
from graph.witnesses import repository


def protected_by_case_loader(info: Info) -> DataLoader[str, list[ProtectedPerson]]:
    """Protected persons of visible cases."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[ProtectedPerson]]:
        found: dict[str, list[ProtectedPerson]] = defaultdict(list)
        for row in await repository.of_cases(context.graph, context.scope, list(ids)):
            found[row["ownerId"]].append(ProtectedPerson.from_record(row["person"]))
        return [found.get(i, []) for i in ids]

    return context.loader("protected_by_case", load)


def protected_by_report_loader(info: Info) -> DataLoader[str, list[ProtectedPerson]]:
    """Protected persons (whistleblowers, witnesses) of visible reports."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[ProtectedPerson]]:
        found: dict[str, list[ProtectedPerson]] = defaultdict(list)
        for row in await repository.of_reports(context.graph, context.scope, list(ids)):
            found[row["ownerId"]].append(ProtectedPerson.from_record(row["person"]))
        return [found.get(i, []) for i in ids]

    return context.loader("protected_by_report", load)
