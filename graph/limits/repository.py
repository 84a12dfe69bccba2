"""Cypher for limits every API process shares: fixed-window counters and sign-in backoff, one node per key.

Each statement first writes to its counter (which takes the node's write lock), then reads it: two processes
counting the same key at the same moment take turns, so no hit is lost. Times are epoch milliseconds passed
by the caller. A counter past ``expiresAt`` counts as absent and is purged by :func:`purge_expired`.
"""

from __future__ import annotations

from graph.db import Graph

# A counter matched by MERGE can be deleted before its lock is granted (a success clearing the key, the purge of
# an expired window): the statement then reads nothing back and is simply run again, creating the counter anew.
_ATTEMPTS = 5

# One hit in the current window of ``key``; a window that has ended starts again at this hit.
HIT_WINDOW = """
MERGE (c:RateCounter {key: $key})
  ON CREATE SET c.hits = 0, c.windowStart = $now, c.expiresAt = $now + $windowMs
SET c._lock = true
REMOVE c._lock
WITH c, c.expiresAt <= $now AS ended
SET c.hits = CASE WHEN ended THEN 1 ELSE c.hits + 1 END,
    c.windowStart = CASE WHEN ended THEN $now ELSE c.windowStart END,
    c.expiresAt = CASE WHEN ended THEN $now + $windowMs ELSE c.expiresAt END,
    c.subject = $subject
RETURN c.hits AS hits, c.expiresAt AS expiresAt
"""

# A failed sign-in from one address for one account: failures in the window, and the lock they earn. From
# ``$threshold`` failures on, each further one doubles the lock (capped): the attacker slows down, while
# the account stays open from every other address.
RECORD_FAILURE = """
MERGE (c:RateCounter {key: $key})
  ON CREATE SET c.hits = 0, c.windowStart = $now, c.expiresAt = $now + $windowMs, c.lockedUntil = 0
SET c._lock = true
REMOVE c._lock
WITH c, c.expiresAt <= $now AS ended
WITH c, CASE WHEN ended THEN 1 ELSE c.hits + 1 END AS failures
WITH c, failures,
     CASE WHEN failures >= $threshold
          THEN $now + toInteger(CASE WHEN $lockMs * 2.0 ^ (failures - $threshold) > $maxLockMs
                                     THEN $maxLockMs ELSE $lockMs * 2.0 ^ (failures - $threshold) END)
          ELSE coalesce(c.lockedUntil, 0) END AS lockedUntil
SET c.hits = failures, c.lockedUntil = lockedUntil, c.subject = $subject,
    c.expiresAt = CASE WHEN lockedUntil > $now + $windowMs THEN lockedUntil ELSE $now + $windowMs END
RETURN c.hits AS hits, c.lockedUntil AS lockedUntil
"""

# The latest lock among these keys, or the end of a window already used up to ``$limit`` hits.
BLOCKED_UNTIL = """
UNWIND $keys AS k
OPTIONAL MATCH (c:RateCounter {key: k.key})
WHERE c.expiresAt > $now
WITH CASE
       WHEN c IS NULL THEN 0
       WHEN coalesce(c.lockedUntil, 0) > $now THEN c.lockedUntil
       WHEN k.limit > 0 AND c.hits >= k.limit THEN c.expiresAt
       ELSE 0 END AS until
RETURN max(until) AS until
"""

CLEAR_KEY = """
MATCH (c:RateCounter {key: $key})
DELETE c
"""

CLEAR_SUBJECT = """
MATCH (c:RateCounter {subject: $subject})
DELETE c
RETURN count(*) AS cleared
"""

PURGE_EXPIRED = """
MATCH (c:RateCounter)
WHERE c.expiresAt <= $now
WITH c LIMIT $limit
DELETE c
RETURN count(*) AS purged
"""


async def hit(graph: Graph, *, key: str, subject: str | None, now_ms: int, window_ms: int) -> tuple[int, int]:
    """Count one hit; the hits in the window so far and when the window ends (epoch ms)."""
    params = {"key": key, "subject": subject, "now": now_ms, "windowMs": window_ms}
    for _ in range(_ATTEMPTS):
        row = await graph.write_one(HIT_WINDOW, params)
        if row is not None and row["hits"] is not None:
            return int(row["hits"]), int(row["expiresAt"])
    raise RuntimeError(f"rate counter {key!r} kept vanishing")


async def record_failure(graph: Graph, *, key: str, subject: str | None, now_ms: int, window_ms: int,
                         threshold: int, lock_ms: int, max_lock_ms: int) -> tuple[int, int]:
    """Count one failure; the failures in the window and the time the key is locked until (epoch ms, 0: not)."""
    params = {"key": key, "subject": subject, "now": now_ms, "windowMs": window_ms, "threshold": threshold,
              "lockMs": lock_ms, "maxLockMs": max_lock_ms}
    for _ in range(_ATTEMPTS):
        row = await graph.write_one(RECORD_FAILURE, params)
        if row is not None and row["hits"] is not None:
            return int(row["hits"]), int(row["lockedUntil"])
    raise RuntimeError(f"rate counter {key!r} kept vanishing")


async def blocked_until(graph: Graph, keys: list[tuple[str, int]], *, now_ms: int) -> int:
    """When the last of these keys stops blocking (epoch ms; 0 when none blocks). ``limit`` 0: locks only."""
    row = await graph.read_one(BLOCKED_UNTIL, {"keys": [{"key": key, "limit": limit} for key, limit in keys],
                                               "now": now_ms})
    return int(row["until"] or 0) if row else 0


async def clear(graph: Graph, key: str) -> None:
    await graph.write(CLEAR_KEY, {"key": key})


async def clear_subject(graph: Graph, subject: str) -> int:
    row = await graph.write_one(CLEAR_SUBJECT, {"subject": subject})
    return int(row["cleared"]) if row else 0


async def purge_expired(graph: Graph, *, now_ms: int, limit: int = 5000) -> int:
    row = await graph.write_one(PURGE_EXPIRED, {"now": now_ms, "limit": limit})
    return int(row["purged"]) if row else 0
