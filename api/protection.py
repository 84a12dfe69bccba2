"""Process-wide protection services: the sealer (envelope encryption), receipt hashing, flood control."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from limits import parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter

from api.errors import RateLimited
from api.settings import Settings
from graph.protected.sealer import Sealer

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
        return await asyncio.to_thread(self.hash, receipt)

    def hash(self, receipt: str) -> str:
        raw = hash_secret_raw(receipt.encode(), self._salt, time_cost=self._time_cost,
                              memory_cost=self._memory_cost, parallelism=1, hash_len=32, type=Type.ID)
        return raw.hex()


class PublicIntakeLimiter:
    """Bounds anonymous intake per client and overall, in memory only: the client key is an HMAC of the
    address under a key that lives only in this process, so nothing identifying is kept or stored."""

    def __init__(self, per_client: str = "5/10 minutes", overall: str = "120/minute") -> None:
        self._per_client = parse(per_client)
        self._overall = parse(overall)
        self.reset()

    def reset(self) -> None:
        """Forget every window (a fresh process does the same)."""
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._key = os.urandom(32)

    def _client_key(self, client: str | None) -> str:
        return hmac.new(self._key, (client or "unknown").encode(), hashlib.sha256).hexdigest()[:32]

    async def admit(self, client: str | None, action: str) -> None:
        client_item_ok = await self._limiter.hit(self._per_client, action, self._client_key(client))
        if not client_item_ok:
            raise RateLimited()
        if not await self._limiter.hit(self._overall, action, "all"):
            raise RateLimited()


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
def _protection(state_dir: Path, per_client: str, overall: str) -> Protection:
    sealer, receipts = _keys(state_dir)
    return Protection(sealer=sealer, receipts=receipts, intake=PublicIntakeLimiter(per_client, overall))


def protection_for(state_dir: Path, per_client: str = DEFAULT_INTAKE_PER_CLIENT,
                   overall: str = DEFAULT_INTAKE_OVERALL) -> Protection:
    """Keys are generated into <state_dir>/keys (0600) on first use and read afterwards."""
    return _protection(state_dir, per_client, overall)


def protection_of(settings: Settings) -> Protection:
    """The protection services with the intake limits these settings configure."""
    return protection_for(settings.state_dir, settings.public_intake_per_client, settings.public_intake_overall)
