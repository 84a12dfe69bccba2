"""The per-request GraphQL context: settings, graph, caller and language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.fastapi import BaseContext

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
    loaders: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__()
