"""Typed FastAPI dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.auth.service import authenticate
from api.graphql.context import HimayaContext
from api.i18n import Language, negotiate
from api.settings import Settings
from api.state import AppState, state_of
from graph.access.scope import ANONYMOUS, Scope
from graph.db import Graph


def get_state(request: Request) -> AppState:
    return state_of(request)


def get_settings_dep(request: Request) -> Settings:
    return get_state(request).settings


def get_graph(request: Request) -> Graph:
    return get_state(request).graph


def get_language(request: Request) -> Language:
    return negotiate(request.headers.get("accept-language"))


async def get_scope(request: Request) -> Scope:
    """The caller of a bearer access token (one Cypher query); ANONYMOUS without one; 401 for a bad one."""
    state = get_state(request)
    principal = await authenticate(state.auth, state.graph, request.headers.get("authorization"))
    return principal.scope if principal is not None else ANONYMOUS


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
GraphDep = Annotated[Graph, Depends(get_graph)]
LanguageDep = Annotated[Language, Depends(get_language)]
ScopeDep = Annotated[Scope, Depends(get_scope)]


async def get_graphql_context(
    settings: SettingsDep, graph: GraphDep, language: LanguageDep, scope: ScopeDep
) -> HimayaContext:
    return HimayaContext(settings=settings, graph=graph, language=language, scope=scope)
