"""Run the GraphQL schema as a given caller, the way the HTTP layer would after authentication."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.graphql.context import HimayaContext
from api.graphql.schema import build_schema
from api.i18n import Language
from api.settings import Settings
from graph.access.scope import ANONYMOUS, Scope
from graph.db import Graph

SCHEMA = build_schema()


@dataclass
class Result:
    data: dict[str, Any] | None
    errors: list[dict[str, Any]]

    @property
    def codes(self) -> list[str]:
        return [e.get("extensions", {}).get("code") for e in self.errors]

    @property
    def messages(self) -> list[str]:
        return [e["message"] for e in self.errors]


async def run(graph: Graph, settings: Settings, query: str, variables: dict[str, Any] | None = None, *,
              scope: Scope = ANONYMOUS, language: Language = Language.EN) -> Result:
    context = HimayaContext(settings=settings, graph=graph, language=language, scope=scope)
    result = await SCHEMA.execute(query, variable_values=variables, context_value=context)
    return Result(data=result.data, errors=[e.formatted for e in result.errors or []])


async def ok(graph: Graph, settings: Settings, query: str, variables: dict[str, Any] | None = None, *,
             scope: Scope = ANONYMOUS, language: Language = Language.EN) -> dict[str, Any]:
    result = await run(graph, settings, query, variables, scope=scope, language=language)
    assert not result.errors, result.errors
    assert result.data is not None
    return result.data
