"""Cypher for sessions: the per-request liveness check, refresh rotation with reuse detection, logout."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from graph.db import Graph, Record

# One small query per authenticated request: the session is live and its user still enabled.
LIVE_SESSION = """
MATCH (s:Session {id: $sessionId})
WHERE s.userId = $userId AND s.revokedAt IS NULL AND s.expiresAt > datetime()
MATCH (u:User {id: $userId})
WHERE NOT coalesce(u.disabled, false)
OPTIONAL MATCH (u)-[:MEMBER_OF]->(o:Organization)
RETURN u.role AS role, o.id AS organizationId
LIMIT 1
"""

# The presented refresh token is the session's current one: rotate. An older one of a live session:
# someone replayed a used token, so the whole family is revoked. The session is locked before its token id is
# read, so of concurrent presentations of one token exactly one rotates and the others count as reuse.
ROTATE_REFRESH = """
MATCH (s:Session {id: $sessionId})
WHERE s.userId = $userId
SET s._lock = true
REMOVE s._lock
WITH s
OPTIONAL MATCH (u:User {id: $userId})
WITH s, s.revokedAt IS NULL AND s.expiresAt > datetime() AS live, s.refreshJti = $jti AS current,
     u IS NOT NULL AND NOT coalesce(u.disabled, false) AS active
WITH s, CASE WHEN live AND current AND active THEN 'ROTATED'
             WHEN live AND NOT current THEN 'REUSED'
             ELSE 'DEAD' END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'ROTATED' THEN [1] ELSE [] END |
  SET s.refreshJti = $newJti, s.refreshedAt = datetime())
WITH s, outcome
CALL {
  WITH s, outcome
  WITH s WHERE outcome = 'REUSED'
  MATCH (f:Session {family: s.family})
  WHERE f.revokedAt IS NULL
  SET f.revokedAt = datetime(), f.revokedReason = 'REFRESH_REUSED'
  RETURN count(f) AS revoked
}
RETURN outcome, s.expiresAt AS expiresAt
"""

# The user is locked before its last consumed one-time step is read, so one code opens one session however many
# sign-ins present it at once. Says why nothing was opened: the account disabled, or the code already consumed.
CREATE_SESSION = """
MATCH (u:User {id: $userId})
SET u._lock = true
REMOVE u._lock
WITH u, NOT coalesce(u.disabled, false) AS enabled,
     $totpStep IS NULL OR coalesce(u.totpLastStep, -1) < $totpStep AS fresh
CALL (u, enabled, fresh) {
  WITH u WHERE enabled AND fresh
  SET u.totpLastStep = coalesce($totpStep, u.totpLastStep), u.lastLoginAt = datetime()
  CREATE (s:Session {id: $sessionId, family: $family, userId: u.id, refreshJti: $refreshJti,
                     createdAt: datetime(), expiresAt: $expiresAt})
}
RETURN CASE WHEN NOT enabled THEN 'DISABLED' WHEN NOT fresh THEN 'CODE_USED' ELSE 'OPENED' END AS outcome
"""

REVOKE_SESSION = """
MATCH (s:Session {id: $sessionId})
WHERE s.userId = $userId AND s.revokedAt IS NULL
SET s.revokedAt = datetime(), s.revokedReason = 'LOGOUT'
RETURN s.id AS id
"""


class Opening(StrEnum):
    OPENED = "OPENED"
    DISABLED = "DISABLED"
    CODE_USED = "CODE_USED"


class Rotation(StrEnum):
    ROTATED = "ROTATED"
    REUSED = "REUSED"
    DEAD = "DEAD"


async def live_session(graph: Graph, session_id: str, user_id: str) -> Record | None:
    """The user's role and organization id when the session is live and the user enabled, else None."""
    return await graph.read_one(LIVE_SESSION, {"sessionId": session_id, "userId": user_id})


async def rotate_refresh(graph: Graph, *, session_id: str, user_id: str, jti: str,
                         new_jti: str) -> tuple[Rotation, datetime | None]:
    row = await graph.write_one(ROTATE_REFRESH, {"sessionId": session_id, "userId": user_id, "jti": jti,
                                                 "newJti": new_jti})
    if row is None:
        return Rotation.DEAD, None
    expires = row["expiresAt"]
    return Rotation(row["outcome"]), expires.to_native() if expires is not None else None


async def revoke_session(graph: Graph, session_id: str, user_id: str) -> bool:
    return await graph.write_one(REVOKE_SESSION, {"sessionId": session_id, "userId": user_id}) is not None


async def start_session(graph: Graph, *, user_id: str, session_id: str, family: str, refresh_jti: str,
                        expires_at: datetime, totp_step: int | None) -> Opening:
    """Open a session, unless the account was disabled meanwhile or the one-time code was already consumed."""
    params: dict[str, Any] = {"userId": user_id, "sessionId": session_id, "family": family,
                              "refreshJti": refresh_jti, "expiresAt": expires_at, "totpStep": totp_step}
    row = await graph.write_one(CREATE_SESSION, params)
    return Opening(row["outcome"]) if row is not None else Opening.DISABLED
