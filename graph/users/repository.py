"""Cypher for user accounts: creation, sign-in lookup, disabling and password changes.

Disabling an account or changing its password revokes every open session in the same statement,
so tokens already handed out stop working at once.
"""

from __future__ import annotations

from graph.db import Graph, Record

CREATE_USER = """
MATCH (o:Organization {code: $organizationCode})
CREATE (u:User {id: $id, username: $username, role: $role, passwordHash: $passwordHash, disabled: false,
                totpSecretSealed: $totpSecretSealed, passwordChangedAt: datetime(), createdAt: datetime(),
                updatedAt: datetime(), version: 1})
CREATE (u)-[:MEMBER_OF]->(o)
FOREACH (k IN CASE WHEN $totpKey IS NULL THEN [] ELSE [$totpKey] END |
  CREATE (u)-[:SEALED_WITH {field: 'totpSecret'}]->(:DataKey {id: k.id, kekId: k.kekId, wrapped: k.wrapped,
                                                             createdAt: datetime()}))
RETURN u.id AS id, o.id AS organizationId
"""

FIND_USER_FOR_LOGIN = """
MATCH (u:User {username: $username})
OPTIONAL MATCH (u)-[:MEMBER_OF]->(o:Organization)
RETURN u.id AS id, u.username AS username, u.role AS role, u.passwordHash AS passwordHash,
       coalesce(u.disabled, false) AS disabled, u.totpSecretSealed AS totpSecretSealed,
       [(u)-[:SEALED_WITH {field: 'totpSecret'}]->(u_k:DataKey) | u_k {.id, .kekId, .wrapped}][0] AS totpKey,
       u.totpSecret AS totpSecret, o.id AS organizationId
LIMIT 1
"""

FIND_CREDENTIALS = """
MATCH (u:User {id: $id})
WHERE NOT coalesce(u.disabled, false)
RETURN u.username AS username, u.passwordHash AS passwordHash
"""

DISABLE_USER = """
MATCH (u:User {username: $username})
SET u.disabled = true, u.updatedAt = datetime(), u.version = coalesce(u.version, 0) + 1
WITH u
OPTIONAL MATCH (s:Session {userId: u.id})
WHERE s.revokedAt IS NULL
SET s.revokedAt = datetime(), s.revokedReason = 'ACCOUNT_DISABLED'
RETURN u.id AS id, count(s) AS revokedSessions
"""

STORE_NEW_CREDENTIAL = """
MATCH (u:User {id: $id})
SET u.passwordHash = $passwordHash, u.passwordChangedAt = datetime(), u.updatedAt = datetime(),
    u.version = coalesce(u.version, 0) + 1
WITH u
OPTIONAL MATCH (s:Session {userId: u.id})
WHERE s.revokedAt IS NULL
SET s.revokedAt = datetime(), s.revokedReason = 'PASSWORD_CHANGED'
RETURN u.id AS id, count(s) AS revokedSessions
"""

UPGRADE_HASH = """
MATCH (u:User {id: $id})
WHERE u.passwordHash = $oldHash
SET u.passwordHash = $newHash
"""



async def create_user(graph: Graph, *, user_id: str, username: str, role: str, password_hash: str,
                      totp_secret_sealed: str | None, totp_key: dict[str, str] | None,
                      organization_code: str) -> Record | None:
    """The new user's id and organization id; None when the organization does not exist.

    A username already taken raises neo4j's ``ConstraintError`` (unique constraint ``user_username``).
    """
    return await graph.write_one(CREATE_USER, {
        "id": user_id, "username": username, "role": role, "passwordHash": password_hash,
        "totpSecretSealed": totp_secret_sealed, "totpKey": totp_key, "organizationCode": organization_code,
    })


async def find_user_for_login(graph: Graph, username: str) -> Record | None:
    return await graph.read_one(FIND_USER_FOR_LOGIN, {"username": username})


async def find_credentials(graph: Graph, user_id: str) -> Record | None:
    """Username and password hash of an enabled user."""
    return await graph.read_one(FIND_CREDENTIALS, {"id": user_id})


async def disable_user(graph: Graph, username: str) -> Record | None:
    """The user's id and how many sessions were revoked; None when no such user."""
    return await graph.write_one(DISABLE_USER, {"username": username})


async def change_password(graph: Graph, user_id: str, password_hash: str) -> Record | None:
    return await graph.write_one(STORE_NEW_CREDENTIAL, {"id": user_id, "passwordHash": password_hash})


async def rehash_password(graph: Graph, user_id: str, old_hash: str, new_hash: str) -> None:
    await graph.write(UPGRADE_HASH, {"id": user_id, "oldHash": old_hash, "newHash": new_hash})


# ----- the caller, members, and accounts administered through the API (issue 13) -----

ME = """
MATCH (u:User {id: $scope.user})
OPTIONAL MATCH (u)-[:MEMBER_OF]->(o:Organization)
RETURN u {.id, .username, .role, organizationAdmin: coalesce(u.organizationAdmin, false)} AS user,
       o.id AS organizationId
"""

# Members of the caller's organisation (national roles: of any organisation), for assigning cases.
ORGANIZATION_MEMBERS = """
MATCH (o:Organization {id: $organizationId})
WHERE $scope.national OR o.id = $scope.org
MATCH (u:User)-[:MEMBER_OF]->(o)
WHERE $includeDisabled OR NOT coalesce(u.disabled, false)
RETURN u {.id, .username, .role, disabled: coalesce(u.disabled, false),
          organizationAdmin: coalesce(u.organizationAdmin, false), organizationId: o.id} AS user
ORDER BY u.username
LIMIT 500
"""

# Whether the caller administers the accounts of this organisation: MANAGE_ALL_ACCOUNTS (ADMIN) for all, or an
# enabled member flagged organizationAdmin for their own organisation.
_ADMINISTERS = """('MANAGE_ALL_ACCOUNTS' IN $scope.permissions
    OR EXISTS { MATCH (:User {id: $scope.user, organizationAdmin: true, disabled: false})-[:MEMBER_OF]->(o) })"""

# A new account waits, disabled and without a password, for its one-time enrolment link (only the hash is kept).
CREATE_ENROLLING_USER = (
    """
MATCH (o:Organization {code: $organizationCode})
WITH o, """
    + _ADMINISTERS
    + """ AS allowed
CALL (o, allowed) {
  WITH o, allowed WHERE allowed
  CREATE (u:User {id: $id, username: $username, role: $role, disabled: true, pendingEnrolment: true,
                  organizationAdmin: $organizationAdmin, createdBy: $scope.user, createdAt: datetime(),
                  updatedAt: datetime(), version: 1})
  CREATE (u)-[:MEMBER_OF]->(o)
  CREATE (:Enrolment {id: randomUUID(), tokenHash: $tokenHash, expiresAt: $expiresAt, createdAt: datetime(),
                      createdBy: $scope.user})-[:ENROLS]->(u)
}
RETURN allowed, o.id AS organizationId
"""
)

# The link is spent by the same statement that reads it: a second use, or one after expiry, finds nothing to do.
COMPLETE_ENROLMENT = """
MATCH (e:Enrolment {tokenHash: $tokenHash})-[:ENROLS]->(u:User)
SET e._lock = true
REMOVE e._lock
WITH e, u, CASE WHEN e.usedAt IS NOT NULL THEN 'USED' WHEN e.expiresAt <= datetime() THEN 'EXPIRED'
               ELSE 'OK' END AS outcome
CALL (e, u, outcome) {
  WITH e, u, outcome WHERE outcome = 'OK'
  SET e.usedAt = datetime()
  SET u.passwordHash = $passwordHash, u.totpSecret = CASE WHEN $withTotp THEN $totpSecret ELSE u.totpSecret END,
      u.disabled = false, u.pendingEnrolment = false, u.passwordChangedAt = datetime(), u.updatedAt = datetime(),
      u.version = coalesce(u.version, 0) + 1
}
RETURN outcome, u.id AS id, u.username AS username, u.role AS role
"""

FIND_ENROLMENT = """
MATCH (e:Enrolment {tokenHash: $tokenHash})-[:ENROLS]->(u:User)
RETURN u.username AS username, u.role AS role
"""

SET_ACCOUNT_DISABLED = (
    """
MATCH (u:User {id: $id})-[:MEMBER_OF]->(o:Organization)
WITH u, o, """
    + _ADMINISTERS
    + """ AS allowed
CALL (u, allowed) {
  WITH u, allowed WHERE allowed
  SET u.disabled = true, u.updatedAt = datetime(), u.version = coalesce(u.version, 0) + 1
  WITH u
  OPTIONAL MATCH (s:Session {userId: u.id})
  WHERE s.revokedAt IS NULL
  SET s.revokedAt = datetime(), s.revokedReason = 'ACCOUNT_DISABLED'
}
RETURN allowed, u {.id, .username, .role, disabled: coalesce(u.disabled, false),
                   organizationAdmin: coalesce(u.organizationAdmin, false), organizationId: o.id} AS user
"""
)

# A TOTP reset gives the account a fresh enrolment link: the person sets a new password and scans a new code.
RESET_TOTP = (
    """
MATCH (u:User {id: $id})-[:MEMBER_OF]->(o:Organization)
WITH u, o, """
    + _ADMINISTERS
    + """ AS allowed
CALL (u, allowed) {
  WITH u, allowed WHERE allowed
  SET u.totpSecret = null, u.disabled = true, u.pendingEnrolment = true, u.updatedAt = datetime(),
      u.version = coalesce(u.version, 0) + 1
  WITH u
  OPTIONAL MATCH (old:Enrolment)-[:ENROLS]->(u)
  WHERE old.usedAt IS NULL
  SET old.usedAt = datetime(), old.supersededAt = datetime()
  WITH DISTINCT u
  CREATE (:Enrolment {id: randomUUID(), tokenHash: $tokenHash, expiresAt: $expiresAt, createdAt: datetime(),
                      createdBy: $scope.user})-[:ENROLS]->(u)
  WITH u
  OPTIONAL MATCH (s:Session {userId: u.id})
  WHERE s.revokedAt IS NULL
  SET s.revokedAt = datetime(), s.revokedReason = 'TOTP_RESET'
}
RETURN allowed, u {.id, .username, .role, disabled: coalesce(u.disabled, false),
                   organizationAdmin: coalesce(u.organizationAdmin, false), organizationId: o.id} AS user
"""
)


async def me(graph: Graph, scope: dict[str, object]) -> Record | None:
    return await graph.read_one(ME, scope)


async def organization_members(graph: Graph, organization_id: str, include_disabled: bool,
                               scope: dict[str, object]) -> list[Record]:
    rows = await graph.read(ORGANIZATION_MEMBERS, {"organizationId": organization_id,
                                                   "includeDisabled": include_disabled, **scope})
    return [row["user"] for row in rows]


async def create_enrolling_user(graph: Graph, fields: dict[str, object], scope: dict[str, object]) -> Record | None:
    """{allowed, organizationId}, None when the organisation does not exist; a taken username raises
    ``ConstraintError``."""
    return await graph.write_one(CREATE_ENROLLING_USER, {**fields, **scope})


async def complete_enrolment(graph: Graph, fields: dict[str, object]) -> Record | None:
    return await graph.write_one(COMPLETE_ENROLMENT, fields)


async def disable_account(graph: Graph, user_id: str, scope: dict[str, object]) -> Record | None:
    return await graph.write_one(SET_ACCOUNT_DISABLED, {"id": user_id, **scope})


async def reset_totp(graph: Graph, user_id: str, token_hash: str, expires_at: object,
                     scope: dict[str, object]) -> Record | None:
    return await graph.write_one(RESET_TOTP, {"id": user_id, "tokenHash": token_hash, "expiresAt": expires_at,
                                              **scope})


async def find_enrolment(graph: Graph, token_hash: str) -> Record | None:
    return await graph.read_one(FIND_ENROLMENT, {"tokenHash": token_hash})
