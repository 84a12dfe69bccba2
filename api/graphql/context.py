"""The per-request GraphQL context: settings, graph, caller, language, and the request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.fastapi import BaseContext

from api.graphql.loaders import Loaders
from api.i18n import Language
from api.settings import Settings
from graph.access.scope import Scope
from graph.db import Graph


@dataclass
class HimayaContext(BaseContext):
    settings: Settings
    graph: Graph
    language: Language
    scope: Scope
    loaders: Loaders = field(init=False)
    audit_reads: list[Any] = field(default_factory=list)  # this request's read entries (api/audit/reads.py)

    def __post_init__(self) -> None:
        super().__init__()
        self.loaders = Loaders(self.graph, self.scope, self.settings)
