"""Per-request DataLoaders for cases: one query per batch."""

from __future__ import annotations

from strawberry import Info
from strawberry.dataloader import DataLoader

from api.cases import rules as rules
from api.cases.types import Case
from api.graphql.context import HimayaContext


def case_loader(info: Info) -> DataLoader[str, Case | None]:
    """Cases by (local) id; invisible ones load as None."""
    context: HimayaContext = info.context

    async def load(ids: list[str]) -> list[Case | None]:
        found = await rules.cases_by_ids(context.graph, context.scope, list(ids))
        return [Case.from_record(found[i]) if i in found else None for i in ids]

    return context.loader("casework_case", load)
