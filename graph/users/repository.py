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
