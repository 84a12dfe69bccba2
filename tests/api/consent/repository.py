"""Test-only Cypher for the consent, approvals, audit and accounts tests."""

from __future__ import annotations

from typing import Any

from graph.db import Graph

ALERT_KINDS_FOR = """
MATCH (a:Alert)-[:FOR_USER]->(:User {id: $user})
RETURN a.kind AS kind, a.subjectType AS subjectType, a.subjectId AS subjectId
ORDER BY a.createdAt, a.kind
"""

EXPIRE_CONSENT = "MATCH (k:Consent {id: $id}) SET k.expiresAt = datetime() - duration('PT1M')"

EXPIRE_ENROLMENTS = "MATCH (e:Enrolment) SET e.expiresAt = datetime() - duration('PT1M')"

MAKE_ORGANIZATION_ADMIN = "MATCH (u:User {id: $id}) SET u.organizationAdmin = true"

USER_STATE = """
MATCH (u:User {username: $username})
RETURN u.disabled AS disabled, u.passwordHash IS NOT NULL AS hasPassword, u.totpSecret IS NOT NULL AS hasTotp
"""

AUDIT_OF_ACTION = """
MATCH (e:AuditEvent {action: $action})
RETURN properties(e) AS event ORDER BY e.seq
"""

ENROLMENT_HASHES = "MATCH (e:Enrolment) RETURN e.tokenHash AS tokenHash"


async def alert_kinds_for(graph: Graph, user_id: str) -> list[tuple[str, str, str]]:
    rows = await graph.read(ALERT_KINDS_FOR, {"user": user_id})
    return [(r["kind"], r["subjectType"], r["subjectId"]) for r in rows]


async def expire_consent(graph: Graph, consent_id: str) -> None:
    await graph.write(EXPIRE_CONSENT, {"id": consent_id})


async def expire_enrolments(graph: Graph) -> None:
    await graph.write(EXPIRE_ENROLMENTS)


async def make_organization_admin(graph: Graph, user_id: str) -> None:
    await graph.write(MAKE_ORGANIZATION_ADMIN, {"id": user_id})


async def user_state(graph: Graph, username: str) -> dict[str, Any] | None:
    return await graph.read_one(USER_STATE, {"username": username})


async def audit_of_action(graph: Graph, action: str) -> list[dict[str, Any]]:
    return [row["event"] for row in await graph.read(AUDIT_OF_ACTION, {"action": action})]


async def enrolment_hashes(graph: Graph) -> list[str]:
    return [row["tokenHash"] for row in await graph.read(ENROLMENT_HASHES)]
