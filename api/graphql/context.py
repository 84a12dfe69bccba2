"""The per-request GraphQL context: settings, graph, caller and language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from api.i18n import Language
from api.settings import Settings
from graph.access.scope import Scope
from graph.db import Graph

K = TypeVar("K")
V = TypeVar("V")


@dataclass
class HimayaContext(BaseContext):
    settings: Settings
    graph: Graph
    language: Language
    scope: Scope
    loaders: dict[str, Any] = field(default_factory=dict)
    audit_reads: list[Any] = field(default_factory=list)  # this request's read entries (api/audit/reads.py)

    def __post_init__(self) -> None:
        super().__init__()

    def loader(self, name: str, load: Callable[[list[K]], Awaitable[list[V]]]) -> DataLoader[K, V]:
        """The request's DataLoader called ``name``, created on first use (one batch query per tick)."""
        existing = self.loaders.get(name)
        if existing is None:
            existing = self.loaders[name] = DataLoader(load_fn=load)
        found: DataLoader[K, V] = existing
        return found
