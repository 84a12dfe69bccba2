"""Cypher for Idempotency-Key records: claim a key, store the first response, replay it, purge expired ones."""

from __future__ import annotations

from graph.db import Graph, Record

# One record per (principal, key): the unique ``scopedKey`` serialises concurrent claims. The record is locked
# before it is read, so of two requests racing on an expired record only one takes it over.
CLAIM = """
MERGE (r:IdempotencyRecord {scopedKey: $scopedKey})
ON CREATE SET r.fresh = true
SET r._lock = true
REMOVE r._lock
WITH r, coalesce(r.fresh, false) OR r.expiresAt < datetime() AS claimed
REMOVE r.fresh
FOREACH (_ IN CASE WHEN claimed THEN [1] ELSE [] END |
  SET r.principal = $principal, r.keyHash = $keyHash, r.requestHash = $requestHash, r.status = 'IN_PROGRESS',
      r.claim = $claim, r.responseBody = null, r.responseStatus = null, r.createdAt = datetime(),
      r.expiresAt = datetime() + duration({seconds: $ttlSeconds}))
RETURN claimed, r.requestHash AS requestHash, r.status AS status, r.responseStatus AS responseStatus,
       r.responseBody AS responseBody
"""

LOOK_UP = """
MATCH (r:IdempotencyRecord {scopedKey: $scopedKey})
WHERE r.expiresAt >= datetime()
RETURN r.requestHash AS requestHash, r.status AS status, r.responseStatus AS responseStatus,
       r.responseBody AS responseBody
"""

FINISH = """
MATCH (r:IdempotencyRecord {scopedKey: $scopedKey, claim: $claim, status: 'IN_PROGRESS'})
SET r.status = 'DONE', r.responseStatus = $responseStatus, r.responseBody = $responseBody, r.finishedAt = datetime()
RETURN r.scopedKey AS scopedKey
"""

RELEASE = """
MATCH (r:IdempotencyRecord {scopedKey: $scopedKey, claim: $claim, status: 'IN_PROGRESS'})
DELETE r
"""

# Lock, then check again: a request may claim an expired record between this MATCH and the DELETE.
PURGE_EXPIRED = """
MATCH (r:IdempotencyRecord)
WHERE r.expiresAt < datetime()
WITH r LIMIT $limit
SET r._lock = true
REMOVE r._lock
WITH r WHERE r.expiresAt < datetime()
DELETE r
RETURN count(*) AS purged
"""


async def claim(graph: Graph, *, scoped_key: str, principal: str, key_hash: str, request_hash: str, claim_id: str,
                ttl_seconds: int) -> Record:
    row = await graph.write_one(CLAIM, {"scopedKey": scoped_key, "principal": principal, "keyHash": key_hash,
                                        "requestHash": request_hash, "claim": claim_id, "ttlSeconds": ttl_seconds})
    assert row is not None
    return row


async def look_up(graph: Graph, scoped_key: str) -> Record | None:
    return await graph.read_one(LOOK_UP, {"scopedKey": scoped_key})


async def finish(graph: Graph, *, scoped_key: str, claim_id: str, response_status: int, response_body: str) -> None:
    await graph.write(FINISH, {"scopedKey": scoped_key, "claim": claim_id, "responseStatus": response_status,
                               "responseBody": response_body})


async def release(graph: Graph, *, scoped_key: str, claim_id: str) -> None:
    await graph.write(RELEASE, {"scopedKey": scoped_key, "claim": claim_id})


async def purge_expired(graph: Graph, limit: int = 10_000) -> int:
    row = await graph.write_one(PURGE_EXPIRED, {"limit": limit})
    return 0 if row is None else int(row["purged"])
