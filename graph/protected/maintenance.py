"""Key rotation and retention purges, run from the command line while the API keeps serving."""

from __future__ import annotations

from pathlib import Path

from graph.db import Graph
from graph.protected import repository
from graph.protected.envelope import KeyRing, WrappedKey
from graph.protected.sealer import Sealer

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


async def seal_legacy_plaintext(graph: Graph, sealer: Sealer, *, batch: int = BATCH) -> dict[str, int]:
    """Seal every secret and free-text field stored in clear before sealing existed (TOTP seeds, webhook secrets,
    device tokens, referral and protection-measure notes, case reasons); how many of each. Safe to run again and
    while serving: the API runs it after migrating, ``himaya keys seal-plaintext`` on demand."""
    done: dict[str, int] = {}
    for field, read, seal in repository.LEGACY_FIELDS:
        total = 0
        while True:
            rows = await repository.legacy_plaintext(graph, read, batch)
            if not rows:
                break
            sealed_rows = []
            for row in rows:
                subject = row["subject"] or sealer.token_index("device-token", row["plain"])
                key, sealed = sealer.seal_field(subject, field, row["plain"])
                sealed_rows.append({"id": row["id"], "plain": row["plain"], "sealed": sealed, "key": key,
                                    "index": subject})
            written = await repository.seal_legacy(graph, seal, sealed_rows)
            total += written
            if written == 0:
                break
        done[field] = done.get(field, 0) + total
    return done
