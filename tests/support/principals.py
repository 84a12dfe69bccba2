"""Callers that exist: a real User in a real organisation with a live Session, as sign-in would leave them.

In-process tests run the schema with ``member.scope``; HTTP tests send ``bearer(app, member)``, a token the
app's own key ring signs for that session (no password hashing, so the builders stay fast). Pure rules that
never read the graph can still build a bare ``Scope``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from fastapi import FastAPI

from api.auth.tokens import TokenType
from graph.access.scope import Role, Scope
from graph.db import Graph
from tests.support import repository as db

_numbers = itertools.count(1)


@dataclass(frozen=True)
class Member:
    user_id: str
    username: str
    role: Role
    organization_id: str
    session_id: str

    @property
    def scope(self) -> Scope:
        return Scope(user_id=self.user_id, role=self.role, organization_id=self.organization_id)


async def member(graph: Graph, organization_id: str, role: Role, username: str | None = None) -> Member:
    """A user of ``role`` in the organisation, with one live session."""
    name = username or f"{role.value.lower().replace('_', '.')}.{next(_numbers)}"
    user_id, session_id = await db.create_member(graph, organization_id, name, role.value)
    return Member(user_id=user_id, username=name, role=role, organization_id=organization_id, session_id=session_id)


async def organization(graph: Graph, code: str, governorate: str = "TN-11", kind: str = "NGO") -> str:
    """An organisation located in the governorate; reuses one of that code when reference data has it."""
    existing = await db.organization_by_code(graph, code)
    return existing or await db.create_organization(graph, code, governorate, kind)


def access_token(app: FastAPI, who: Member) -> str:
    """An access token for the member's session, signed by the app's own keys."""
    tokens = app.state.himaya.auth.tokens
    token: str = tokens.issue(TokenType.ACCESS, subject=who.user_id, session_id=who.session_id)
    return token


def bearer(app: FastAPI, who: Member) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token(app, who)}"}
