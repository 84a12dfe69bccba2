"""Rules for reference data: what anyone may read (the public reporting form needs the governorates)."""

from __future__ import annotations

from graph.db import Graph, Record
from graph.reference import repository


async def governorates(graph: Graph) -> list[Record]:
    """The governorates with their names and neighbours (public)."""
    return await repository.list_governorates(graph)
