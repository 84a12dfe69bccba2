"""Per-request DataLoaders for perpetrators: one query per batch."""

from __future__ import annotations

from collections import defaultdict

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.graphql.context import HimayaContext
from api.perpetrators.types import CasePerpetrator
from graph.perpetrators import repository


def perpetrators_by_case_loader(info: Info) -> DataLoader[str, list[CasePerpetrator]]:
    """Perpetrators of visible cases, with their role and the victim's relation."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[list[CasePerpetrator]]:
        found: dict[str, list[CasePerpetrator]] = defaultdict(list)
        for row in await repository.perpetrators_of_cases(context.graph, context.scope, list(ids)):
            found[row["caseId"]].append(CasePerpetrator.from_record(row))
        return [found.get(i, []) for i in ids]

    return context.loader("perpetrators_by_case", load)
