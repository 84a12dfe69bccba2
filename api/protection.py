"""Process-wide protection services: the sealer (envelope encryption), receipt hashing, flood control."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from api.rules.reports import PublicIntakeLimiter, ReceiptHasher
from graph.protected.sealer import Sealer


@dataclass(frozen=True)
class Protection:
    sealer: Sealer
    receipts: ReceiptHasher
    intake: PublicIntakeLimiter


@lru_cache(maxsize=8)
def protection_for(state_dir: Path) -> Protection:
    """Keys are generated into <state_dir>/keys (0600) on first use and read afterwards."""
    keys_dir = state_dir / "keys"
    keys_dir.mkdir(parents=True, exist_ok=True)
    keys_dir.chmod(0o700)
    return Protection(sealer=Sealer.from_state_dir(keys_dir), receipts=ReceiptHasher.from_state_dir(keys_dir),
                      intake=PublicIntakeLimiter())
