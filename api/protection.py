"""Process-wide protection services: the sealer (envelope encryption), receipt hashing, flood control."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from limits import parse

from api.limits.address import bucket_of
from api.limits.hashing import SLOTS
from api.limits.store import SharedLimits, key_file, limits_key
from api.settings import Settings, get_settings
from graph.db import Graph
from graph.protected.sealer import Sealer

# A sealed free-text field as read from the graph: (its data key, the ciphertext, the plaintext an older version
# stored before the field was sealed).
SealedText = tuple[dict[str, str] | None, str | None, str | None]

DEFAULT_INTAKE_PER_CLIENT: str = Settings.model_fields["public_intake_per_client"].default
DEFAULT_INTAKE_OVERALL: str = Settings.model_fields["public_intake_overall"].default


class ReceiptHasher:
    """A slow, keyed hash of the 16-digit receipt (argon2id with a server-wide salt), so it can be looked up
    without the plaintext ever being stored."""

    def __init__(self, salt: bytes, *, time_cost: int = 2, memory_cost_kib: int = 19_456) -> None:
        self._salt = salt
        self._time_cost = time_cost
        self._memory_cost = memory_cost_kib

    @classmethod
    def from_state_dir(cls, keys_dir: Path) -> ReceiptHasher:
        path = keys_dir / "receipt.salt"
        if not path.exists():
            keys_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(os.urandom(16))
        return cls(path.read_bytes())

    async def hash_async(self, receipt: str) -> str:
        """The slow hash in a worker thread, so one intake never stalls every other request."""
        return await SLOTS.run(lambda: self.hash(receipt))

    def hash(self, receipt: str) -> str:
        raw = hash_secret_raw(receipt.encode(), self._salt, time_cost=self._time_cost,
                              memory_cost=self._memory_cost, parallelism=1, hash_len=32, type=Type.ID)
        return raw.hex()


class PublicIntakeLimiter:
    """Bounds anonymous intake per client (an IPv4 address or an IPv6 /64), in windows every API process shares
    (kept in Neo4j under keyed hashes: no address is stored). There is no bucket shared by all clients, so a
    few dozen addresses cannot shut the channel for everyone; the cost of the work is bounded by the cap on
    concurrent hashing instead."""

    def __init__(self, per_client: str = "5/10 minutes", overall: str = "120/minute", *,
                 secret: bytes | None = None) -> None:
        self._per_client = parse(per_client)
        self._limits = SharedLimits(secret or os.urandom(32))

    def reset(self) -> None:
        """Start every window afresh in this process (tests)."""
        self._limits.reset()

    async def admit(self, graph: Graph, client: str | None, action: str) -> None:
        """Count one anonymous call of ``action``; RATE_LIMITED with the wait once this client's window is full."""
        await self._limits.admit(graph, self._per_client, f"intake-{action}", bucket_of(client or "unknown"))


@dataclass(frozen=True)
class Protection:
    sealer: Sealer
    receipts: ReceiptHasher
    intake: PublicIntakeLimiter


@lru_cache(maxsize=8)
def _keys(state_dir: Path) -> tuple[Sealer, ReceiptHasher]:
    keys_dir = state_dir / "keys"
    keys_dir.mkdir(parents=True, exist_ok=True)
    keys_dir.chmod(0o700)
    return Sealer.from_state_dir(keys_dir), ReceiptHasher.from_state_dir(keys_dir)


@lru_cache(maxsize=8)
def _protection(state_dir: Path, per_client: str, overall: str, limits_secret: bytes) -> Protection:
    sealer, receipts = _keys(state_dir)
    return Protection(sealer=sealer, receipts=receipts,
                      intake=PublicIntakeLimiter(per_client, overall, secret=limits_secret))


def protection_for(state_dir: Path, per_client: str = DEFAULT_INTAKE_PER_CLIENT,
                   overall: str = DEFAULT_INTAKE_OVERALL, limits_secret: bytes | None = None) -> Protection:
    """Keys are generated into <state_dir>/keys (0600) on first use and read afterwards."""
    secret = limits_secret if limits_secret is not None else key_file(state_dir / "keys" / "limits.key")
    return _protection(state_dir, per_client, overall, secret)


def protection_of(settings: Settings) -> Protection:
    """The protection services with the intake limits these settings configure."""
    return protection_for(settings.state_dir, settings.public_intake_per_client, settings.public_intake_overall,
                          limits_key(settings))


def open_sealed_text(settings: Settings, subject_id: str, field: str, stored: SealedText) -> str | None:
    """The text of a sealed free-text field: opened, or the legacy plaintext while it awaits re-sealing."""
    key, sealed, legacy = stored
    if sealed is None:
        return legacy
    return protection_of(settings).sealer.open_field(key, subject_id, field, sealed)


def default_sealer() -> Sealer:
    """The sealer of this process's settings (HIMAYA_STATE_DIR), for callers that were not handed one."""
    return protection_for(get_settings().state_dir).sealer
