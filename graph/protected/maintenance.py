"""Key rotation and retention purges, run from the command line while the API keeps serving."""

from __future__ import annotations

from pathlib import Path

from graph.db import Graph
from graph.protected import repository
from graph.protected.envelope import KeyRing, WrappedKey

BATCH = 1000


async def rotate_kek(graph: Graph, ring_path: Path) -> tuple[str, int]:
    """Add a new active KEK (old ones stay, so running servers keep opening data) and re-wrap every data key."""
    ring = KeyRing.load_or_create(ring_path).with_new_active_key()
    ring.save(ring_path)
    total = 0
    while True:
        rows = await repository.keys_wrapped_by_other_kek(graph, ring.active, BATCH)
        if not rows:
            return ring.active, total
        rewrapped = []
        for row in rows:
            new = ring.rewrap(WrappedKey(key_id=row["id"], kek_id=row["kekId"], wrapped=row["wrapped"]))
            rewrapped.append({"id": new.key_id, "kekId": new.kek_id, "wrapped": new.wrapped, "oldKekId": row["kekId"]})
        total += await repository.rewrap(graph, rewrapped)


async def purge_expired(graph: Graph, retention_days: int) -> int:
    total = 0
    while True:
        purged = await repository.purge_expired_identities(graph, retention_days, BATCH)
        total += purged
        if purged < BATCH:
            return total
