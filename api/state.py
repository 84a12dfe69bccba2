"""What the running process holds (settings, metrics, the graph, the sign-in runtime): built by the app factory,
read by the dependencies and middlewares. Its own module, so none of them imports the app."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Request

if TYPE_CHECKING:  # annotations only: the sign-in runtime's modules may read the state without a cycle
    from api.auth.service import AuthRuntime
    from api.metrics import Metrics
    from api.settings import Settings
    from graph.db import Graph


@dataclass
class AppState:
    settings: Settings
    metrics: Metrics
    graph: Graph
    auth: AuthRuntime
    migrations_current: bool = False
    background: list[asyncio.Task[None]] = field(default_factory=list)


def state_of(request: Request) -> AppState:
    """The process state the app factory attached to the application."""
    state: AppState = request.app.state.himaya
    return state
